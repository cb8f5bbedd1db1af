import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { compareByKind, type TagStatus } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { cut, oneLine } from '../core/text/shorten';
import { COMMANDS, DIAGNOSTIC_SOURCE, type DismissArgs, type FindingDiagnosticData, type SetTagArgs, type TagCommandArgs, type TagWithEvidenceArgs } from '../shared/protocol';
import { bestPerSource } from './crossSource';
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
  findings.sort(compareByKind);
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const diagnostic = diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && (d.data as FindingDiagnosticData | undefined)?.findingId === f.id);
    actions.push(...actionsForFinding(state, f, diagnostic, findings.length > 1), ...evidenceActions(state, f, diagnostic));
  }
  actions.push(...orphanActions(state, start, end, diagnostics));
  return actions;
}

const MAX_CITED = 3;

/**
 * Tagging from another source: "contradicted" citing the source that disagrees (a conflict), or
 * "verified" citing one that states the same. The cited finding is tagged verified if it has no tag,
 * so the evidence points at a tag.
 */
function evidenceActions(state: SourceState, f: TaggedFinding, diagnostic: Diagnostic | undefined): CodeAction[] {
  const view = state.crossSource;
  if (!view) return [];
  const target: TagCommandArgs = { uri: state.uri, kind: f.kind, start: f.start, end: f.end, version: state.version };
  const name = (id: string) => view.labels.get(id) ?? id;
  const actions: CodeAction[] = [];
  for (const c of view.conflicts) {
    const mine = c.sides.find((s) => s.sourceId === state.uri && s.findingId === f.id);
    if (!mine || f.annotation?.status === 'contradicted') continue;
    const other = c.sides.find((s) => s !== mine)!;
    if (other.tag?.status === 'contradicted') continue; // a refuted quote is no evidence
    const args: TagWithEvidenceArgs = {
      ...target, status: 'contradicted', cite: { uri: other.sourceId, kind: other.findingKind, start: other.span.start, end: other.span.end },
    };
    const title = `Tag as contradicted, citing ${name(other.sourceId)}: “${oneLine(other.focusText, 50)}”${other.tag ? '' : ' (tags it verified)'}`;
    actions.push({
      title, kind: CodeActionKind.QuickFix, ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      isPreferred: (diagnostic?.data as FindingDiagnosticData | undefined)?.conflictId === c.id,
      command: { title, command: COMMANDS.tagWithEvidence, arguments: [args] },
    });
  }
  if (f.kind === 'claim' && f.annotation?.status !== 'verified') {
    const links = bestPerSource(view.links.get(f.id) ?? []).filter((l) => l.relation === 'corroborates' && l.claim.tag?.status !== 'contradicted');
    for (const l of links.slice(0, MAX_CITED)) {
      const args: TagWithEvidenceArgs = {
        ...target, status: 'verified', cite: { uri: l.sourceId, kind: 'claim', start: l.claim.span.start, end: l.claim.span.end },
      };
      const title = `Tag as verified, citing ${name(l.sourceId)}: “${oneLine(l.claim.text, 50)}”${l.claim.tag ? ` (${l.claim.tag.status} there)` : ' (tags it verified)'}`;
      actions.push({ title, kind: CodeActionKind.QuickFix, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), command: { title, command: COMMANDS.tagWithEvidence, arguments: [args] } });
    }
  }
  return actions;
}

/** The dismissals a finding offers: not a claim; ignore this name (here or in the workspace); ignore this date. */
function dismissActions(f: TaggedFinding, target: TagCommandArgs, diagnostic: Diagnostic | undefined, suffix: string): CodeAction[] {
  const offers: [string, DismissArgs][] =
    f.kind === 'claim' ? [['Not a claim', { ...target, dismissal: 'not-a-claim' }]]
      : f.kind === 'entity' ? [
          [`Ignore “${cut(f.entity?.canonical ?? f.text, 40)}” in this source`, { ...target, dismissal: 'ignore-name', scope: 'source' }],
          [`Ignore “${cut(f.entity?.canonical ?? f.text, 40)}” in the workspace`, { ...target, dismissal: 'ignore-name', scope: 'workspace' }],
        ]
        : f.kind === 'date' ? [['Ignore this date', { ...target, dismissal: 'ignore-date' }]]
          : [];
  return offers.map(([title, args]) => ({
    title: `${title}${f.kind === 'entity' ? '' : suffix}`,
    kind: CodeActionKind.QuickFix,
    ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    command: { title, command: COMMANDS.dismiss, arguments: [args] },
  }));
}

function actionsForFinding(state: SourceState, f: TaggedFinding, diagnostic: Diagnostic | undefined, qualify: boolean): CodeAction[] {
  const target: TagCommandArgs = { uri: state.uri, kind: f.kind, start: f.start, end: f.end, version: state.version };
  // The finding's own quotation marks give way to ours.
  const suffix = !qualify ? '' : f.kind === 'claim' ? ' (claim)' : ` (${f.kind} “${cut(f.text.replace(/^["“‘]|["”’]$/g, ''), 40)}”)`;
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
  if (!f.annotation) actions.push(...dismissActions(f, target, diagnostic, suffix));
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
