import type { TaggedFinding } from '../../taggedFindings';
import type { RichText } from '../../text/richText';
import type { DescribeContext, FindingDescription } from '../kind';
import { tagSuffix } from '../wording';
import { oneLine } from '../../text/shorten';
import { humanDateValue } from './humanValue';

const TYPE_WORD: Record<NonNullable<TaggedFinding['date']>['timexType'], string> = {
  DATE: 'a date', TIME: 'a time', DURATION: 'a duration', SET: 'a repeating time',
};

/** A date: its normalised value, what it was resolved against, or why it was not. */
export function describeDate(f: TaggedFinding, ctx: DescribeContext = {}): FindingDescription {
  const d = f.date;
  const details: RichText[] = [];
  const human = humanDateValue(d);
  if (!d || d.value === null) {
    details.push(ctx.reference?.from === 'none'
      ? ['Not resolved: this source states no publication date and no reference date is set (setting ', { code: 'sourcemark.referenceDate' }, ').']
      : ['Not resolved.']);
  } else {
    details.push([`Means: ${human} · ${TYPE_WORD[d.timexType]}`]);
    if (d.anchor === 'document') details.push([`Resolved against the source's publication date ${d.referenceDate}.`]);
    if (d.anchor === 'setting') details.push([`Resolved against the reference date ${d.referenceDate} (setting).`]);
  }
  return {
    title: 'Date',
    heading: [{ source: f.text }],
    message: ['Date “', { source: oneLine(f.text, 80) }, `”: ${human ?? 'not resolved'}${tagSuffix(f)}`],
    details,
    label: 'date',
    ...(d?.value ? { value: d.value } : {}),
    ...(human ? { valueLabel: human } : {}),
    notes: [],
  };
}
