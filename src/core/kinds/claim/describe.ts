import * as l10n from '@vscode/l10n';
import type { TaggedFinding } from '../../taggedFindings';
import { fillRich, joinRich, type RichText } from '../../text/richText';
import { firstWords, oneLine } from '../../text/shorten';
import type { FindingDescription } from '../kind';
import { cueWord, statusText } from '../wording';

/** Cues the hover lists besides attribution and hedges, at most this many. */
const MAX_CUES = 6;
/** How much of a claim its one-line message quotes. */
const CLAIM_WORDS = 60;

/** A claim: how check-worthy it is, whom it is attributed to, its hedges and the other cues behind its score. */
export function describeClaim(f: TaggedFinding): FindingDescription {
  const c = f.claim;
  const speaker = c?.attribution?.speaker;
  const hedges = c?.hedges ?? [];
  const who: RichText = speaker ? fillRich(l10n.t(' · attributed to {0}'), { source: speaker }) : [];
  const score = l10n.t('check-worthiness {0}', f.score.toFixed(2));
  const quote = { source: firstWords(f.text, CLAIM_WORDS) };

  return {
    title: l10n.t('Claim'),
    heading: [f.region === 'comment' ? l10n.t('{0} · reader comment', score) : score],
    message: f.annotation
      ? [...fillRich(l10n.t('Claim “{0}” · tagged {1}'), quote, statusText(f.annotation.status)), ...who]
      : [
          ...fillRich(l10n.t('Claim “{0}” · untagged · {1}'), quote, score), ...who,
          ...(hedges.length ? fillRich(l10n.t(' · hedged ({0})'), { source: hedges.join(', ') }) : []),
        ],
    get details() {
      return claimDetails(f);
    },
    label: 'claim',
    ...(speaker ? { speaker } : {}),
    notes: [speaker ? l10n.t('by {0}', speaker) : '', hedges.length ? l10n.t('hedged: {0}', hedges.join(', ')) : ''].filter(Boolean),
  };
}

/** What a claim's hover says of it: its attribution, its hedges and its other cues. */
function claimDetails(f: TaggedFinding): RichText[] {
  const c = f.claim;
  const speaker = c?.attribution?.speaker;
  const hedges = c?.hedges ?? [];
  const details: RichText[] = [];
  if (c?.attribution) {
    const { cue } = c.attribution;
    details.push(speaker && !cue.includes(speaker)
      ? fillRich(l10n.t('Attribution: {0} ({1})'), { source: cue }, { source: speaker })
      : fillRich(l10n.t('Attribution: {0}'), { source: cue }));
  }
  if (hedges.length) {
    details.push(fillRich(l10n.t('Hedging: {0}: consider {1}'), joinRich(hedges.map((h) => ['“', { source: h }, '”']), ', '), { em: l10n.t('speculative') }));
  }
  const seen = new Set<string>();
  const cues: RichText[] = [];
  for (const cue of f.cues) {
    if (cue.kind === 'hedge' || cue.kind === 'attribution') continue;
    const text = oneLine(cue.text, 30);
    if (seen.has(`${cue.kind} ${text}`)) continue;
    seen.add(`${cue.kind} ${text}`);
    cues.push([`${cueWord(cue.kind)} “`, { source: text }, '”']);
  }
  if (cues.length) details.push(fillRich(l10n.t('Cues: {0}'), joinRich(cues.slice(0, MAX_CUES), ', ')));
  return details;
}
