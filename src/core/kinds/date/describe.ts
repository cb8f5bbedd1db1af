import type { TaggedFinding } from '../../taggedFindings';
import type { RichText } from '../../text/richText';
import type { DescribeContext, FindingDescription } from '../kind';
import { tagSuffix } from '../wording';

const MOD_LABEL: Record<string, string> = {
  START: 'start of', MID: 'middle of', END: 'end of', APPROX: 'about', BEFORE: 'before', AFTER: 'after', ON_OR_BEFORE: 'by',
};

/** A date: its normalised value, what it was resolved against, or why it was not. */
export function describeDate(f: TaggedFinding, ctx: DescribeContext = {}): FindingDescription {
  const d = f.date;
  const details: RichText[] = [];
  if (!d || d.value === null) {
    details.push(ctx.reference?.from === 'none'
      ? ['Not resolved: this source states no publication date and no reference date is set (setting ', { code: 'sourcemark.referenceDate' }, ').']
      : ['Not resolved.']);
  } else {
    const mod = d.mod ? ` (${MOD_LABEL[d.mod] ?? d.mod})` : '';
    details.push(['Normalised: ', { code: d.value }, `${mod} · ${d.timexType.toLowerCase()}`]);
    if (d.anchor === 'document') details.push([`Resolved against the source's publication date ${d.referenceDate}.`]);
    if (d.anchor === 'setting') details.push([`Resolved against the reference date ${d.referenceDate} (setting).`]);
  }
  return {
    title: 'Date',
    heading: [{ source: f.text }],
    message: [`Date: ${d?.value ?? 'unresolved'}${d?.mod ? ` (${d.mod})` : ''}${tagSuffix(f)}`],
    details,
    label: 'date',
    ...(d?.value ? { value: d.value } : {}),
    notes: [],
  };
}
