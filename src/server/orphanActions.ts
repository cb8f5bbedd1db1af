// Code actions on tags that lost their text (orphans) or share a finding (duplicates): re-attach an
// orphan to the selection, or delete a tag on purpose. codeActions.ts adds them to its list.
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { Annotation } from '../core/tags/annotation';
import { oneLine } from '../core/text/shorten';
import { COMMANDS, DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, type DeleteTagArgs, type ReattachTagArgs, type TagDiagnosticData } from '../shared/protocol';
import type { SourceState } from './sourceState';
import { kindWord, statusWord, tagLabel } from '../shared/words';

/** "verified claim “…”": a tag that has no finding of its own. */
const label = (a: Annotation) => tagLabel(statusWord(a.status), kindWord(a.kind), oneLine(a.target.exact, 40));

/**
 * [start, end) is the user's selection (LSP sends it as the code action range). A non-empty selection
 * offers to re-attach every orphan to it; an orphan's own diagnostic offers to delete it (and says to
 * select text to re-attach it); a duplicate's diagnostic offers to delete that duplicate.
 */
export function orphanActions(state: SourceState, start: number, end: number, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const flagged = (code: string) =>
    diagnostics
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === code)
      .map((d) => ({ d, id: (d.data as TagDiagnosticData | undefined)?.annotationId }));

  for (const orphan of state.tagged.orphans) {
    const diagnostic = flagged(DIAGNOSTIC_CODES.orphan).find((x) => x.id === orphan.id)?.d;
    const args: ReattachTagArgs = { uri: state.uri, id: orphan.id, start, end, version: state.version };
    if (end > start) {
      actions.push({
        title: l10n.t('Re-attach orphaned tag ({0}) to the selection', label(orphan)),
        kind: CodeActionKind.QuickFix,
        ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
        command: { title: l10n.t('Re-attach tag'), command: COMMANDS.reattachTag, arguments: [args] },
      });
    } else if (diagnostic) {
      actions.push({
        title: l10n.t('Re-attach orphaned tag ({0}) to the selection', label(orphan)),
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        disabled: { reason: l10n.t('Select the text this tag belongs to first.') },
      });
    }
    if (diagnostic) actions.push(deleteAction(state, orphan, 'orphan', diagnostic));
  }

  for (const { d, id } of flagged(DIAGNOSTIC_CODES.duplicateTag)) {
    const dup = state.tagged.duplicates.find((x) => x.annotation.id === id);
    if (dup) actions.push(deleteAction(state, dup.annotation, 'duplicate', d));
  }
  return actions;
}

function deleteAction(state: SourceState, a: Annotation, what: 'orphan' | 'duplicate', diagnostic: Diagnostic): CodeAction {
  const args: DeleteTagArgs = { uri: state.uri, id: a.id };
  return {
    title: what === 'orphan' ? l10n.t('Delete orphaned tag ({0})', label(a)) : l10n.t('Delete duplicate tag ({0})', label(a)),
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    command: { title: l10n.t('Delete tag'), command: COMMANDS.deleteTag, arguments: [args] },
  };
}
