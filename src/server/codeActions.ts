import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type Diagnostic, type Position } from 'vscode-languageserver';
import { compareByKind, type TagStatus } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { cut, oneLine } from '../core/text/shorten';
import { COMMANDS, DIAGNOSTIC_SOURCE, type DismissArgs, type FindingDiagnosticData, type SetTagArgs, type TagCommandArgs, type TagWithEvidenceArgs } from '../shared/protocol';
import { bestPerSource } from './crossSource';
import { kindWord, statusWord, tagAsTitle } from '../shared/words';
import { orphanActions } from './orphanActions';
import { findingIndexesTouching, findingsAt, findingsOverlapping, type SourceState } from './sourceState';

/**
 * The one place findings become code actions: tag, re-tag or clear. The diagnostics the editor
 * sends say which findings the user is looking at; without them, the findings under the range.
 */
export function codeActionsFor(state: SourceState, start: number, end: number, diagnostics: readonly Diagnostic[], offsetAt: (p: Position) => number): CodeAction[] {
  const findings = actionTargets(state, start, end, diagnostics, offsetAt);
  const actions: CodeAction[] = [];
  for (const f of findings) {
    const diagnostic = diagnostics.find((d) => d.source === DIAGNOSTIC_SOURCE && (d.data as FindingDiagnosticData | undefined)?.findingId === f.id);
    actions.push(...actionsForFinding(state, f, diagnostic, findings.length > 1), ...evidenceActions(state, f, diagnostic));
  }
  actions.push(...orphanActions(state, start, end, diagnostics));
  return actions;
}

/** The findings a code action request is about, in the order their actions are offered. */
export function actionTargets(state: SourceState, start: number, end: number, diagnostics: readonly Diagnostic[], offsetAt: (p: Position) => number): TaggedFinding[] {
  const named = namedFindings(state, diagnostics, offsetAt);
  // Names, dates and quotations are not diagnostics by default, so the editor sends only the claim
  // around them: what sits at the cursor (or is exactly selected) is offered too.
  const here = start === end ? findingsAt(state, start) : findingsOverlapping(state, start, end).filter((f) => f.start === start && f.end === end);
  let findings = [...new Set([...named, ...here])];
  if (!findings.length && start !== end) findings = findingsOverlapping(state, start, end);
  return findings.sort(compareByKind);
}

/**
 * The findings the diagnostics name, in text order. Each is looked for where its diagnostic is; one
 * not there (a diagnostic of an older version, or of another client's making) by a scan of them all.
 */
function namedFindings(state: SourceState, diagnostics: readonly Diagnostic[], offsetAt: (p: Position) => number): TaggedFinding[] {
  const findings = state.tagged.findings;
  const found = new Set<number>();
  const elsewhere = new Set<string>();
  // Wide or many ranges (a client's own) would look at more findings than the scan: then it is the scan.
  let looked = 0;
  for (const d of diagnostics) {
    const id = d.source === DIAGNOSTIC_SOURCE ? (d.data as FindingDiagnosticData | undefined)?.findingId : undefined;
    if (id === undefined) continue;
    const near = looked > findings.length ? [] : findingIndexesTouching(state, offsetAt(d.range.start), offsetAt(d.range.end));
    looked += near.length + 1;
    const i = near.find((k) => findings[k]!.id === id);
    if (i === undefined) elsewhere.add(id);
    else found.add(i);
  }
  if (elsewhere.size) findings.forEach((f, i) => elsewhere.has(f.id) && found.add(i));
  return [...found].sort((a, b) => a - b).map((i) => findings[i]!);
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
  // The conflict the user is looking at first, then others, from a source not cited yet: a few to choose from, not one per conflict.
  const looked = (diagnostic?.data as FindingDiagnosticData | undefined)?.conflictId;
  const conflicts = looked ? [...view.conflicts.filter((c) => c.id === looked), ...view.conflicts.filter((c) => c.id !== looked)] : view.conflicts;
  const cited = new Set<string>();
  for (const c of conflicts) {
    if (cited.size >= MAX_CITED) break;
    const mine = c.sides.find((s) => s.sourceId === state.uri && s.findingId === f.id);
    if (!mine || f.annotation?.status === 'contradicted') continue;
    const other = c.sides.find((s) => s !== mine)!;
    // A refuted quote is no evidence; a source already cited is offered once.
    if (other.tag?.status === 'contradicted' || cited.has(other.sourceId)) continue;
    cited.add(other.sourceId);
    const args: TagWithEvidenceArgs = {
      ...target, status: 'contradicted', cite: { uri: other.sourceId, kind: other.findingKind, start: other.span.start, end: other.span.end },
    };
    const quote = oneLine(other.focusText, 50);
    const title = other.tag
      ? l10n.t('Tag as contradicted, citing {0}: “{1}”', name(other.sourceId), quote)
      : l10n.t('Tag as contradicted, citing {0}: “{1}” (tags it verified)', name(other.sourceId), quote);
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
        ...target, status: 'verified', cite: { uri: l.sourceId, kind: 'claim', start: l.claim.start, end: l.claim.end },
      };
      const quote = oneLine(l.claim.text, 50);
      const title = l.claim.tag
        ? l10n.t('Tag as verified, citing {0}: “{1}” ({2} there)', name(l.sourceId), quote, statusWord(l.claim.tag.status))
        : l10n.t('Tag as verified, citing {0}: “{1}” (tags it verified)', name(l.sourceId), quote);
      actions.push({ title, kind: CodeActionKind.QuickFix, ...(diagnostic ? { diagnostics: [diagnostic] } : {}), command: { title, command: COMMANDS.tagWithEvidence, arguments: [args] } });
    }
  }
  return actions;
}

/** The dismissals a finding offers: not a claim; ignore this name (here or in the workspace); ignore this date. */
function dismissActions(f: TaggedFinding, target: TagCommandArgs, diagnostic: Diagnostic | undefined, suffix: string): CodeAction[] {
  const offers: [string, DismissArgs][] =
    f.kind === 'claim' ? [[l10n.t('Not a claim'), { ...target, dismissal: 'not-a-claim' }]]
      : f.kind === 'entity' ? [
          [l10n.t('Ignore “{0}” in this source', cut(f.entity?.canonical ?? f.text, 40)), { ...target, dismissal: 'ignore-name', scope: 'source' }],
          [l10n.t('Ignore “{0}” in the workspace', cut(f.entity?.canonical ?? f.text, 40)), { ...target, dismissal: 'ignore-name', scope: 'workspace' }],
        ]
        : f.kind === 'date' ? [[l10n.t('Ignore this date'), { ...target, dismissal: 'ignore-date' }]]
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
  const suffix = !qualify ? '' : f.kind === 'claim' ? ` (${kindWord('claim')})` : ` (${kindWord(f.kind)} “${cut(f.text.replace(/^["“‘]|["”’]$/g, ''), 40)}”)`;
  const order: TagStatus[] = f.claim?.suggestedStatus === 'speculative' ? ['speculative', 'verified', 'contradicted'] : ['verified', 'speculative', 'contradicted'];
  const actions: CodeAction[] = [];
  for (const status of order) {
    if (f.annotation?.status === status) continue;
    const args: SetTagArgs = { ...target, status };
    actions.push({
      title: `${tagAsTitle(status)}${suffix}`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      isPreferred: f.kind === 'claim' && status === order[0] && !f.annotation,
      command: { title: tagAsTitle(status), command: COMMANDS.tag, arguments: [args] },
    });
  }
  if (!f.annotation) actions.push(...dismissActions(f, target, diagnostic, suffix));
  if (f.annotation) {
    actions.push({
      title: `${l10n.t('Clear tag')}${suffix}`,
      kind: CodeActionKind.QuickFix,
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      command: { title: l10n.t('Clear tag'), command: COMMANDS.clearTag, arguments: [target] },
    });
  }
  return actions;
}
