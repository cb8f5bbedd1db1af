import * as l10n from '@vscode/l10n';
import type { TaggedFinding } from '../../taggedFindings';
import { fillRich, type RichText } from '../../text/richText';
import type { DescribeContext, FindingDescription } from '../kind';
import { tagSuffix } from '../wording';
import { oneLine } from '../../text/shorten';
import { humanDateValue } from './humanValue';

/** A TIMEX3 type in words: "a date", "a duration". */
function typeWord(type: NonNullable<TaggedFinding['date']>['timexType']): string {
  switch (type) {
    case 'DATE': return l10n.t('a date');
    case 'TIME': return l10n.t('a time');
    case 'DURATION': return l10n.t('a duration');
    case 'SET': return l10n.t('a repeating time');
  }
}

/** A date: its normalised value, what it was resolved against, or why it was not. */
export function describeDate(f: TaggedFinding, ctx: DescribeContext = {}): FindingDescription {
  const d = f.date;
  const human = humanDateValue(d);
  return {
    title: l10n.t('Date'),
    heading: [{ source: f.text }],
    message: [...fillRich(l10n.t('Date “{0}”: {1}'), { source: oneLine(f.text, 80) }, human ?? l10n.t('not resolved')), tagSuffix(f)].filter(Boolean),
    get details() {
      const details: RichText[] = [];
      if (!d || d.value === null) {
        details.push(ctx.reference?.from === 'none'
          ? fillRich(l10n.t('Not resolved: this source states no publication date and no reference date is set (setting {0}).'), { code: 'sourcemark.referenceDate' })
          : [l10n.t('Not resolved.')]);
      } else {
        details.push([l10n.t('Means: {0} · {1}', String(human), typeWord(d.timexType))]);
        if (d.anchor === 'document') details.push([l10n.t("Resolved against the source's publication date {0}.", String(d.referenceDate))]);
        if (d.anchor === 'setting') details.push([l10n.t('Resolved against the reference date {0} (setting).', String(d.referenceDate))]);
      }
      return details;
    },
    label: 'date',
    ...(d?.value ? { value: d.value } : {}),
    ...(human ? { valueLabel: human } : {}),
    notes: [],
  };
}
