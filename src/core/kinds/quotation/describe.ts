import type { Speaker } from '../../model';
import type { TaggedFinding } from '../../taggedFindings';
import type { RichText } from '../../text/richText';
import { oneLine } from '../../text/shorten';
import { ENTITY_TYPE_NAMES } from '../entity/describe';
import type { FindingDescription } from '../kind';
import { tagSuffix } from '../wording';

/** Who said it, for people: the entity's name, else the words that name the speaker. */
export function speakerName(s: Speaker): string {
  return s.entity?.canonical ?? s.text;
}

const VIA: Record<NonNullable<Speaker['via']>, string> = {
  pronoun: '',
  'earlier-quote': ': the same words are quoted from them earlier in this source',
  'previous-quote': ': the quote before it in the paragraph is theirs',
};

function speakerLine(s: Speaker | undefined): RichText {
  if (!s) return ['Speaker: not named in the text'];
  const named = s.entity && s.text !== s.entity.canonical ? [', named as “', { source: s.text }, '”'] : [];
  if (!s.entity) return ['Speaker: ', { source: s.text }, ' (not a name found in this source)', s.via ? VIA[s.via] : ''];
  return ['Speaker: ', { source: s.entity.canonical }, ` (${ENTITY_TYPE_NAMES[s.entity.type].noun})`, ...named, s.via ? VIA[s.via] : ''];
}

/** A quotation: who said it (as named, and the entity that is), the words, and how the text attributes them. */
export function describeQuotation(f: TaggedFinding): FindingDescription {
  const q = f.quotation;
  const speaker = q?.speaker;
  const words = q?.words ?? f.text;
  const details: RichText[] = [speakerLine(speaker), ['Words: “', { source: oneLine(words, 400) }, '”']];
  if (q?.cue) details.push(['Attribution: ', { source: q.cue }]);
  return {
    title: 'Quotation',
    heading: [q?.form === 'reported' ? 'reported speech' : 'direct quote'],
    message: [
      speaker ? 'Quotation of ' : 'Quotation, no speaker named',
      ...(speaker ? [{ source: speakerName(speaker) }] : []),
      ': “', { source: oneLine(words, 80) }, `”${tagSuffix(f)}`,
    ],
    details,
    label: 'quotation',
    ...(speaker ? { speaker: speakerName(speaker) } : {}),
    notes: [speaker ? `by ${speakerName(speaker)}` : 'no speaker named'],
  };
}
