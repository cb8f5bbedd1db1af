import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import type { TagStatus } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { COMMANDS, DIAGNOSTIC_SOURCE, type SetTagArgs, type TagCommandArgs } from './protocol';
import type { FindingDiagnosticData } from './diagnostics';
import { orphanActions } from './orphanActions';
import { findingsAt, type SourceState } from './sourceState';

const LABEL: Record<TagStatus, string> = { verified: 'Tag as verified', speculative: 'Tag as speculative', contradicted: 'Tag as contradicted' };

/**
 * The one place findings become code actions: tag, re-tag or clear. The diagnostics the editor
 * sends say which findings the user is looking at; without them, the findings under the range.
 */
export function codeActionsFor(state: SourceState, start: number, end: number, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const ids = new Set(
    diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE).map((d) => (d.data as FindingDiagnosticData | undefined)?.findingId),
  );
  let findings = state.tagged.findings.filter((f) => ids.has(f.id));
  if (!findings.length) {
    findings = start === end ? findingsAt(state, start) : state.tagged.findings.filter((f) => f.start < end && start < f.end);
  }
  findings.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.start - b.start);
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const diagnostic = diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && (d.data as FindingDiagnosticData | undefined)?.findingId === f.id);
    actions.push(...actionsForFinding(state, f, diagnostic, findings.length > 1));
  }
  actions.push(...orphanActions(state, start, end, diagnostics));
  return actions;
}

const KIND_ORDER = { claim: 0, entity: 1, date: 2 };

function actionsForFinding(state: SourceState, f: TaggedFinding, diagnostic: Diagnostic | undefined, qualify: boolean): CodeAction[] {
  const target: TagCommandArgs = { uri: state.uri, kind: f.kind, start: f.start, end: f.end, version: state.version };
  const suffix = !qualify ? '' : f.kind === 'claim' ? ' (claim)' : ` (${f.kind} “${f.text.length > 40 ? `${f.text.slice(0, 39)}…` : f.text}”)`;
  const order: TagStatus[] = f.claim?.suggestedStatus === 'speculative' ? ['speculative', 'verified', 'contradicted'] : ['verified', 'speculative', 'contradicted'];
  const actions: CodeAction[] = [];
  for (const status of order) {
    if (f.annotation?.status === status) continue;
    const args: SetTagArgs = { ...target, status };
    actions.push({
      title: `${LABEL[status]}${suffix}`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      isPreferred: f.kind === 'claim' && status === order[0] && !f.annotation,
      command: { title: LABEL[status], command: COMMANDS.tag, arguments: [args] },
    });
  }
  if (f.annotation) {
    actions.push({
      title: `Clear tag${suffix}`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      command: { title: 'Clear tag', command: COMMANDS.clearTag, arguments: [target] },
    });
  }
  return actions;
}
