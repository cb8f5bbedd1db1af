// The error patterns of the claim ranker named in issue 16, for the error analysis that
// scripts/trainClaimRanker.ts --errors (CLEF, cross-validated) and scripts/claimErrors.ts (ClaimBuster) print.
import type { ClaimFeatures } from '../src/core/kinds/claim/claimDetector';

export const PATTERNS = ['figure', 'moderator', 'first-person narrative', 'short assertion', 'question', 'other'] as const;
export type Pattern = (typeof PATTERNS)[number];

/** The patterns a sentence shows (`other` when none); `moderator` only where the speaker is known. */
export function patternsOf(f: ClaimFeatures, moderator = false): Pattern[] {
  const words = f.length * 30;
  const figure = f.quantity || f.moneyOrPercent;
  const out: Pattern[] = [];
  if (figure) out.push('figure');
  if (moderator) out.push('moderator');
  if (f.firstSingular && !figure) out.push('first-person narrative');
  if (words < 12 && !f.question && !figure) out.push('short assertion');
  if (f.question) out.push('question');
  return out.length ? out : ['other'];
}

/** A table of how many false positives and misses show each pattern (a sentence may show several). */
export function patternTable(fp: Pattern[][], miss: Pattern[][]): string {
  const count = (xs: Pattern[][], p: Pattern) => xs.filter((x) => x.includes(p)).length;
  const pct = (k: number, n: number) => (n ? `${Math.round((100 * k) / n)} %` : '–');
  const lines = PATTERNS.map((p) => `| ${p} | ${count(fp, p)} (${pct(count(fp, p), fp.length)}) | ${count(miss, p)} (${pct(count(miss, p), miss.length)}) |`);
  return `| pattern | false positives (${fp.length}) | misses (${miss.length}) |\n|---|---|---|\n${lines.join('\n')}\n`;
}
