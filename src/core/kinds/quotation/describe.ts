import * as l10n from '@vscode/l10n';
import type { Speaker } from '../../model';
import type { TaggedFinding } from '../../taggedFindings';
import { fillRich, type RichText } from '../../text/richText';
import { oneLine } from '../../text/shorten';
import { entityTypeNoun } from '../entity/describe';
import type { FindingDescription } from '../kind';
import { tagSuffix } from '../wording';

/** Who said it, for people: the entity's name, else the words that name the speaker. */
export function speakerName(s: Speaker): string {
  return s.entity?.canonical ?? s.text;
}

/** Why the quote is theirs when the text does not say it next to the quote. */
function viaText(via: Speaker['via']): string {
  switch (via) {
    case 'earlier-quote': return l10n.t(': the same words are quoted from them earlier in this source');
    case 'previous-quote': return l10n.t(': the quote before it in the paragraph is theirs');
    default: return '';
  }
}

function speakerLine(s: Speaker | undefined): RichText {
  if (!s) return [l10n.t('Speaker: not named in the text')];
  if (!s.entity) return [...fillRich(l10n.t('Speaker: {0} (not a name found in this source)'), { source: s.text }), viaText(s.via)];
  const line = s.text !== s.entity.canonical
    ? fillRich(l10n.t('Speaker: {0} ({1}), named as “{2}”'), { source: s.entity.canonical }, entityTypeNoun(s.entity.type), { source: s.text })
    : fillRich(l10n.t('Speaker: {0} ({1})'), { source: s.entity.canonical }, entityTypeNoun(s.entity.type));
  return [...line, viaText(s.via)];
}

/** A quotation: who said it (as named, and the entity that is), the words, and how the text attributes them. */
export function describeQuotation(f: TaggedFinding): FindingDescription {
  const q = f.quotation;
  const speaker = q?.speaker;
  const words = q?.words ?? f.text;
  const quoted = { source: oneLine(words, 80) };
  return {
    title: l10n.t('Quotation'),
    heading: [q?.form === 'reported' ? l10n.t('reported speech') : l10n.t('direct quote')],
    message: [
      ...(speaker
        ? fillRich(l10n.t('Quotation of {0}: “{1}”'), { source: speakerName(speaker) }, quoted)
        : fillRich(l10n.t('Quotation, no speaker named: “{0}”'), quoted)),
      tagSuffix(f),
    ],
    get details() {
      const details: RichText[] = [speakerLine(speaker), fillRich(l10n.t('Words: “{0}”'), { source: oneLine(words, 400) })];
      if (q?.cue) details.push(fillRich(l10n.t('Attribution: {0}'), { source: q.cue }));
      return details;
    },
    label: 'quotation',
    ...(speaker ? { speaker: speakerName(speaker) } : {}),
    notes: [speaker ? l10n.t('by {0}', speakerName(speaker)) : l10n.t('no speaker named')],
  };
}
