// Claims: every sentence scored for check-worthiness from its cues (figures, attribution, plans,
// events, names and dates; against: questions, opinion, first person), flagged above a threshold.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, findingCue, type ClaimInfo, type Finding } from '../../model';
import { perSentence, sentencesOfFile } from '../../pipeline/plugins';
import type { AnalysedParagraph, CollectContext, FindingKindDefinition, ParagraphEdit } from '../kind';
import { endBefore, keepAfter, keptBefore, paragraphList, pushMade, type ParagraphList } from '../keptByParagraph';
import { MAX_CLAIM_LENGTH, scoreClaim, type ClaimCandidate } from './claimDetector';
import { hasSpeakerLabel, rankInContext, speakerLabels, type RankerRow } from './claimRanker';
import { describeClaim } from './describe';

declare module 'vfile' {
  interface DataMap {
    claims: ClaimCandidate[];
    /** Sentences too long to be prose, not scored as claims (see MAX_CLAIM_LENGTH); the analyzer notes their paragraph. */
    unscored?: number;
  }
}

/** The dates a claim's evidence counts: those shown (not a hidden "Now," of discourse). */
export const claimDates = <D extends { hidden?: boolean }>(dates: readonly D[]): D[] => dates.filter((d) => !d.hidden);

/** Scores each sentence, with the names and dates found in it. */
function sourcemarkClaims() {
  return (_tree: Root, file: VFile) => {
    const out: ClaimCandidate[] = [];
    file.data.claims = out;
    const ctx = file.data.sourcemark;
    if (!ctx || ctx.region === 'comment-meta') return;
    const sentences = sentencesOfFile(file);
    const entities = perSentence(sentences, file.data.entities ?? []);
    const dates = perSentence(sentences, claimDates(file.data.dates ?? []));
    sentences.forEach((s, i) => {
      if (s.text.length > MAX_CLAIM_LENGTH) file.data.unscored = (file.data.unscored ?? 0) + 1;
      else out.push(scoreClaim(s, { region: ctx.region, commenter: ctx.commenter, entities: entities[i], dates: dates[i] }));
    });
  };
}

/**
 * What a claim finding says of its sentence, keys in one order and only those it has. Written as
 * literals, not spread together: each spread made another hidden class (over 200 among the 967
 * claims of 256 KB).
 */
function claimInfo(c: ClaimCandidate): ClaimInfo {
  const info: ClaimInfo = c.attribution ? { attribution: c.attribution, hedges: c.hedges } : { hedges: c.hedges };
  if (c.hedges.length) info.suggestedStatus = 'speculative';
  return info;
}

/** A candidate's words as compared for repeats, kept with the candidate (a paragraph's are cached between analyses). */
const comparedWords = new WeakMap<ClaimCandidate, string>();
function saidAs(c: ClaimCandidate): string {
  let text = comparedWords.get(c);
  if (text === undefined) comparedWords.set(c, (text = c.text.replace(/\s+/g, ' ').trim()));
  return text;
}

/** Every scored sentence of the source in text order, with its paragraph's index: what the ranker reads. */
export function claimRows(paragraphs: CollectContext['paragraphs']): RankerRow[] {
  const rows: RankerRow[] = [];
  paragraphs.forEach((p, paragraph) => {
    for (const c of p.data.claims ?? []) rows.push({ text: c.text, paragraph, logit: c.logit, features: c.features, start: c.start + p.start, end: c.end + p.start });
  });
  return rows;
}

/**
 * What the claim kind keeps of its last collect (CollectContext.memo), so that after an edit it
 * collects the paragraphs the edit changed and takes the others' findings as they were or moved:
 * reading every sentence of 1 MB again was ~3 ms of each keystroke.
 */
interface ClaimMemo {
  analysis: number;
  threshold: number;
  /** The findings, and the repeats, by paragraph. */
  findings: ParagraphList;
  repeats: ParagraphList;
  /** Paragraphs with a scored sentence; of their first sentences, at least this many have no speaker label (speakerLabels stops reading). */
  withFirst: number;
  unlabelled: number;
  /** Per flagged sentence's words (saidAs), how many flagged sentences of the source say them. */
  said: Map<string, number>;
}

/** The flagged sentences' words of `paragraphs`, each with how many say them. */
function flaggedWords(paragraphs: readonly AnalysedParagraph[], threshold: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of paragraphs) {
    for (const c of p.data.claims ?? []) {
      if (c.score < threshold) continue;
      const text = saidAs(c);
      out.set(text, (out.get(text) ?? 0) + 1);
    }
  }
  return out;
}

/** Which of `texts` the first `count` findings of `list` say (a finding, not a repeat, is the first to say its words). */
function saidIn(list: ParagraphList, count: number, texts: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  for (let k = 0; k < count && found.size < texts.size; k++) {
    const text = saidAs(list.from[k] as ClaimCandidate);
    if (texts.has(text)) found.add(text);
  }
  return found;
}

/** The paragraph of item `k` of a list whose per-paragraph ends are `ends`. */
function paragraphOf(ends: Int32Array, k: number): number {
  let lo = 0;
  let hi = ends.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid]! > k) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Moves from list `a` to list `b` the first item of paragraph `from` on that says each of `texts`
 * (a repeat that is now the one flagged, or the reverse), in its place among `b`'s items of its paragraph.
 */
function moveFirstAfter(a: ParagraphList, b: ParagraphList, from: number, texts: ReadonlySet<string>): void {
  const left = new Set(texts);
  for (let k = endBefore(a.ends, from); k < a.items.length && left.size; k++) {
    const text = saidAs(a.from[k] as ClaimCandidate);
    if (!left.delete(text)) continue;
    const f = a.items[k]!;
    const item = a.from[k]!;
    const p = paragraphOf(a.ends, k);
    a.items.splice(k, 1);
    a.from.splice(k, 1);
    for (let i = p; i < a.ends.length; i++) a.ends[i]--;
    k--;
    let j = endBefore(b.ends, p);
    while (j < b.ends[p]! && b.items[j]!.start < f.start) j++;
    b.items.splice(j, 0, f);
    b.from.splice(j, 0, item);
    for (let i = p; i < b.ends.length; i++) b.ends[i]++;
  }
}

/**
 * The claims after `edit`, from the last collect's: undefined when the edit changed more than its
 * own paragraphs can show (a source that may have become a transcript, whose ranker reads every
 * sentence in context).
 */
function collectEdit(paragraphs: readonly AnalysedParagraph[], edit: ParagraphEdit, memo: ClaimMemo, threshold: number, analysis: number): ClaimMemo | undefined {
  if (memo.analysis !== edit.since || memo.threshold !== threshold) return undefined;
  const to = paragraphs.length - edit.suffix;
  const added = paragraphs.slice(edit.prefix, to);
  // Still not a transcript: more than half the first sentences without a label, counting each removed one as one without.
  let withFirst = memo.withFirst;
  let unlabelled = memo.unlabelled;
  for (const p of edit.removed) {
    if (!p.data.claims?.length) continue;
    withFirst--;
    unlabelled--;
  }
  for (const p of added) {
    const first = p.data.claims?.[0];
    if (!first) continue;
    withFirst++;
    if (!hasSpeakerLabel(first.text)) unlabelled++;
  }
  if (unlabelled * 2 <= withFirst) return undefined;
  // Words flagged in the edit's paragraphs, before and after it, and said outside it too: first said
  // before the edit (the edit's own are then repeats), or first said in it and still said there; or
  // no longer said in it, so that the first saying them after it is flagged now (`nowFlagged`), or
  // newly said in it, so that the one flagged after it is a repeat now (`nowRepeated`). Every other
  // sentence is a repeat or not as it was.
  const gone = flaggedWords(edit.removed, threshold);
  const come = flaggedWords(added, threshold);
  const outside = new Set<string>();
  for (const [text, n] of gone) if (memo.said.get(text) !== n) outside.add(text);
  for (const text of come.keys()) if (!gone.has(text) && memo.said.has(text)) outside.add(text);
  const earlier = outside.size ? saidIn(memo.findings, endBefore(memo.findings.ends, edit.prefix), outside) : outside;
  const nowFlagged = new Set<string>();
  const nowRepeated = new Set<string>();
  for (const text of outside) {
    if (earlier.has(text) || (gone.has(text) && come.has(text))) continue;
    (come.has(text) ? nowRepeated : nowFlagged).add(text);
  }
  const said = memo.said;
  for (const [text, n] of gone) {
    const left = said.get(text)! - n;
    if (left) said.set(text, left);
    else said.delete(text);
  }
  for (const [text, n] of come) said.set(text, (said.get(text) ?? 0) + n);

  const findings = keptBefore(memo.findings, edit, paragraphs.length);
  const repeats = keptBefore(memo.repeats, edit, paragraphs.length);
  const seen = new Set<string>();
  for (let i = edit.prefix; i < to; i++) {
    const p = paragraphs[i]!;
    for (const c of p.data.claims ?? []) {
      if (c.score < threshold) continue;
      const text = saidAs(c);
      const repeated = seen.has(text) || earlier.has(text);
      seen.add(text);
      pushMade(repeated ? repeats : findings, claimFinding(c, p, c.score), c);
    }
    findings.ends[i] = findings.items.length;
    repeats.ends[i] = repeats.items.length;
  }
  // The paragraphs after the edit: their findings as the last collect made them, moved.
  keepAfter(findings, memo.findings, edit);
  keepAfter(repeats, memo.repeats, edit);
  if (nowFlagged.size) moveFirstAfter(repeats, findings, to, nowFlagged);
  if (nowRepeated.size) moveFirstAfter(findings, repeats, to, nowRepeated);
  return { analysis, threshold, findings, repeats, withFirst, unlabelled, said };
}

/** The finding of candidate `c` of paragraph `p` at `score`: the one the last analysis made of it (moved where the edit moved it), or a new one. */
function claimFinding(c: ClaimCandidate, p: AnalysedParagraph, score: number): Finding {
  const start = c.start + p.start;
  const last = lastMade(c);
  // The sentence and its score as the last analysis had them: its finding is that one, or a
  // copy of it where an edit before it moved it.
  if (last && last.region === p.region && last.score === score) return madeAt(c, last, start);
  const f = finding({
    id: '', kind: 'claim', start, end: c.end + p.start, text: c.text, region: p.region, score,
    cues: c.cues.map((cue) => findingCue(cue, c.start)),
    claim: claimInfo(c),
  });
  rememberMade(c, f);
  return f;
}

export const claimKind: FindingKindDefinition<'claim'> = {
  kind: 'claim',
  statement: true,
  needs: ['entity', 'date'],
  labels: ['claim'],
  plugin: sourcemarkClaims,
  collect({ paragraphs, options, memo, edit, analysis = 0 }) {
    const threshold = options.claimThreshold;
    const kept = memo?.value as ClaimMemo | undefined;
    const after = edit && kept ? collectEdit(paragraphs, edit, kept, threshold, analysis) : undefined;
    if (after) {
      memo!.value = after;
      return { findings: after.findings.items, repeats: after.repeats.items, fromEdit: true };
    }
    // In a transcript the learned ranker re-scores every sentence in its context; elsewhere the rules'
    // scores stand. Whether it is one is read from each paragraph's first sentence: the rows (15,000
    // objects for 1 MB, on every keystroke) are made only for a transcript.
    const firsts: string[] = [];
    for (const p of paragraphs) {
      const first = p.data.claims?.[0];
      if (first) firsts.push(first.text);
    }
    const seen = { unlabelled: 0 };
    const ranked = speakerLabels(firsts, seen) ? rankInContext(claimRows(paragraphs)) : undefined;
    let row = 0;
    const findings = paragraphList(paragraphs.length);
    // A sentence repeated word for word (a headline printed twice by the page) is one claim to check: flagged once.
    const repeats = paragraphList(paragraphs.length);
    const said = new Map<string, number>();
    for (let i = 0; i < paragraphs.length; i++) {
      const p = paragraphs[i]!;
      for (const c of p.data.claims ?? []) {
        const score = ranked ? ranked[row] : c.score;
        row++;
        if (score < threshold) continue;
        const text = saidAs(c);
        const times = said.get(text) ?? 0;
        said.set(text, times + 1);
        pushMade(times ? repeats : findings, claimFinding(c, p, score), c);
      }
      findings.ends[i] = findings.items.length;
      repeats.ends[i] = repeats.items.length;
    }
    // A transcript's scores are the ranker's: collected afresh after each edit.
    if (memo) memo.value = ranked ? undefined : { analysis, threshold, findings, repeats, withFirst: firsts.length, unlabelled: seen.unlabelled, said } satisfies ClaimMemo;
    return { findings: findings.items, repeats: repeats.items };
  },
  describe: describeClaim,
};
