// Claims: every sentence scored for check-worthiness from its cues (figures, attribution, plans,
// events, names and dates; against: questions, opinion, first person), flagged above a threshold.
import type { Root } from 'nlcst';
import type { VFile } from 'vfile';
import { lastMade, madeAt, rememberMade } from '../../madeFindings';
import { finding, type ClaimInfo, type Finding } from '../../model';
import { perSentence, sentencesOfFile } from '../../pipeline/plugins';
import type { CollectContext, FindingKindDefinition } from '../kind';
import { MAX_CLAIM_LENGTH, scoreClaim, type ClaimCandidate } from './claimDetector';
import { rankInContext, speakerLabels, type RankerRow } from './claimRanker';
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

export const claimKind: FindingKindDefinition<'claim'> = {
  kind: 'claim',
  statement: true,
  needs: ['entity', 'date'],
  labels: ['claim'],
  plugin: sourcemarkClaims,
  collect({ paragraphs, options }) {
    // In a transcript the learned ranker re-scores every sentence in its context; elsewhere the rules'
    // scores stand. Whether it is one is read from each paragraph's first sentence: the rows (15,000
    // objects for 1 MB, on every keystroke) are made only for a transcript.
    const firsts: string[] = [];
    for (const p of paragraphs) {
      const first = p.data.claims?.[0];
      if (first) firsts.push(first.text);
    }
    const ranked = speakerLabels(firsts) ? rankInContext(claimRows(paragraphs)) : undefined;
    let row = 0;
    const findings: Finding[] = [];
    // A sentence repeated word for word (a headline printed twice by the page) is one claim to check: flagged once.
    const repeats: Finding[] = [];
    const said = new Set<string>();
    for (const p of paragraphs) {
      for (const c of p.data.claims ?? []) {
        const score = ranked ? ranked[row] : c.score;
        row++;
        if (score < options.claimThreshold) continue;
        const text = saidAs(c);
        const repeated = said.has(text);
        said.add(text);
        const start = c.start + p.start;
        const last = lastMade(c);
        // The sentence and its score as the last analysis had them: its finding is that one, or a
        // copy of it where an edit before it moved it.
        if (last && last.region === p.region && last.score === score) {
          (repeated ? repeats : findings).push(madeAt(c, last, start));
          continue;
        }
        const f = finding({
          id: '', kind: 'claim', start, end: c.end + p.start, text: c.text, region: p.region, score,
          cues: c.cues.map((cue) => ({ ...cue, start: cue.start + p.start, end: cue.end + p.start })),
          claim: claimInfo(c),
        });
        rememberMade(c, f);
        (repeated ? repeats : findings).push(f);
      }
    }
    return { findings, repeats };
  },
  describe: describeClaim,
};
