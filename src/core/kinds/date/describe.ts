import * as l10n from '@vscode/l10n';
import type { TaggedFinding } from '../../taggedFindings';
import { fillRich, type RichText } from '../../text/richText';
import type { DescribeContext, FindingDescription } from '../kind';
import { tagSuffix } from '../wording';

/** How a TIMEX3 modifier reads: "start of", "about". */
function modText(mod: string): string {
  switch (mod) {
    case 'START': return l10n.t('start of');
    case 'MID': return l10n.t('middle of');
    case 'END': return l10n.t('end of');
    case 'APPROX': return l10n.t('about');
    case 'BEFORE': return l10n.t('before');
    case 'AFTER': return l10n.t('after');
    case 'ON_OR_BEFORE': return l10n.t('by');
    default: return mod;
  }
}

/** A date: its normalised value, what it was resolved against, or why it was not. */
export function describeDate(f: TaggedFinding, ctx: DescribeContext = {}): FindingDescription {
  const d = f.date;
  const details: RichText[] = [];
  if (!d || d.value === null) {
    details.push(ctx.reference?.from === 'none'
      ? fillRich(l10n.t('Not resolved: this source states no publication date and no reference date is set (setting {0}).'), { code: 'sourcemark.referenceDate' })
      : [l10n.t('Not resolved.')]);
  } else {
    // The TIMEX3 type (DATE, DURATION…) is a value of the standard, kept as it is.
    const type = d.timexType.toLowerCase();
    details.push(d.mod
      ? fillRich(l10n.t('Normalised: {0} ({1}) · {2}'), { code: d.value }, modText(d.mod), type)
      : fillRich(l10n.t('Normalised: {0} · {1}'), { code: d.value }, type));
    if (d.anchor === 'document') details.push([l10n.t("Resolved against the source's publication date {0}.", String(d.referenceDate))]);
    if (d.anchor === 'setting') details.push([l10n.t('Resolved against the reference date {0} (setting).', String(d.referenceDate))]);
  }
  return {
    title: l10n.t('Date'),
    heading: [{ source: f.text }],
    message: [`${l10n.t('Date: {0}', d?.value ?? l10n.t('unresolved'))}${d?.mod ? ` (${d.mod})` : ''}${tagSuffix(f)}`],
    details,
    label: 'date',
    ...(d?.value ? { value: d.value } : {}),
    notes: [],
  };
}
