// A conflict's one-line message, from one side: said by its diagnostic and by the view's summary of
// a closed source (sourceSummary.ts, which the index workers run). Apart from diagnostics.ts so that
// those threads load no LSP library (~480 KB of their bundle).
import * as l10n from '@vscode/l10n';
import type { Conflict, ConflictSide } from '../core/corpus';
import { oneLine } from '../core/text/shorten';
import { disagreeText } from './crossSource';

/** One line on a conflict, from this side: what the sources disagree on, what each says, and how many other places disagree as well. */
export function conflictMessage(c: Conflict, mine: ConflictSide, other: ConflictSide, otherName: string, more = 0): string {
  const first = [disagreeText(c.kind), oneLine(mine.focusText, 60), mine.value, otherName, oneLine(other.focusText, 60), other.value] as const;
  if (!more) return l10n.t('{0}: here "{1}" ({2}); {3} says "{4}" ({5}).', ...first);
  return more === 1
    ? l10n.t('{0}: here "{1}" ({2}); {3} says "{4}" ({5}), and 1 other place disagrees too.', ...first)
    : l10n.t('{0}: here "{1}" ({2}); {3} says "{4}" ({5}), and {6} other places disagree too.', ...first, more);
}
