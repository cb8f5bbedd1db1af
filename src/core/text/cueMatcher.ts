import type { Cue, CueKind } from '../model';

/** Matches a phrase lexicon against text on word boundaries, returning every occurrence. */
export class CueMatcher {
  private readonly pattern: RegExp;

  /** `caseSensitive` keeps verbs from matching names ("says" but not "United States"). */
  constructor(readonly kind: CueKind, phrases: readonly string[], caseSensitive = false) {
    const alternatives = [...phrases]
      .sort((a, b) => b.length - a.length)
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, "['’]").replace(/ /g, '\\s+'));
    // Cue words are ASCII, so \b boundaries do; Unicode lookarounds cost twice the time on every sentence.
    this.pattern = new RegExp(`\\b(?:${alternatives.join('|')})\\b`, caseSensitive ? 'g' : 'gi');
  }

  /** Cues in `text`, with offsets shifted by `base`. */
  match(text: string, base = 0): Cue[] {
    const cues: Cue[] = [];
    this.pattern.lastIndex = 0;
    for (let m = this.pattern.exec(text); m; m = this.pattern.exec(text)) {
      cues.push({ kind: this.kind, text: m[0], start: base + m.index, end: base + m.index + m[0].length });
    }
    return cues;
  }
}
