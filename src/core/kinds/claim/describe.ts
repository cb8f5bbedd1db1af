import type { TaggedFinding } from '../../taggedFindings';
import { joinRich, type RichText } from '../../text/richText';
import { firstWords, oneLine } from '../../text/shorten';
import type { FindingDescription } from '../kind';

/** Cues the hover lists besides attribution and hedges, at most this many. */
const MAX_CUES = 6;
/** How much of a claim its one-line message quotes. */
const CLAIM_WORDS = 60;

/** A claim: how check-worthy it is, whom it is attributed to, its hedges and the other cues behind its score. */
export function describeClaim(f: TaggedFinding): FindingDescription {
  const c = f.claim;
  const speaker = c?.attribution?.speaker;
  const hedges = c?.hedges ?? [];
  const who: RichText = speaker ? [' · attributed to ', { source: speaker }] : [];
  const score = `check-worthiness ${f.score.toFixed(2)}`;

  const details: RichText[] = [];
  if (c?.attribution) {
    const { cue } = c.attribution;
    details.push(['Attribution: ', { source: cue }, ...(speaker && !cue.includes(speaker) ? [' (', { source: speaker }, ')'] : [])]);
  }
  if (hedges.length) details.push(['Hedging: ', ...joinRich(hedges.map((h) => ['“', { source: h }, '”']), ', '), ': consider ', { em: 'speculative' }]);
  const seen = new Set<string>();
  const cues: RichText[] = [];
  for (const cue of f.cues) {
    if (cue.kind === 'hedge' || cue.kind === 'attribution') continue;
    const text = oneLine(cue.text, 30);
    if (seen.has(`${cue.kind} ${text}`)) continue;
    seen.add(`${cue.kind} ${text}`);
    cues.push([`${cue.kind} “`, { source: text }, '”']);
  }
  if (cues.length) details.push(['Cues: ', ...joinRich(cues.slice(0, MAX_CUES), ', ')]);

  return {
    title: 'Claim',
    heading: [`${score}${f.region === 'comment' ? ' · reader comment' : ''}`],
    message: [
      'Claim “', { source: firstWords(f.text, CLAIM_WORDS) }, '”',
      f.annotation ? ` · tagged ${f.annotation.status}` : ` · untagged · ${score}`,
      ...who,
      ...(!f.annotation && hedges.length ? [' · hedged (', { source: hedges.join(', ') }, ')'] : []),
    ],
    details,
    label: 'claim',
    ...(speaker ? { speaker } : {}),
    notes: [speaker ? `by ${speaker}` : '', hedges.length ? `hedged: ${hedges.join(', ')}` : ''].filter(Boolean),
  };
}
