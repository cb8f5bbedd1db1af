import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describe } from '../core/kinds';
import { FINDING_KINDS, kindIndex } from '../core/model';
import type { TaggedFinding } from '../core/taggedFindings';
import { toPlain } from '../core/text/richText';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SOURCE, findingDiagnosticCode, type FindingDiagnosticData, type TagDiagnosticData } from '../shared/protocol';
import type { SeverityName } from './settings';
import type { SourceState } from './sourceState';
import { rangeThere } from './crossSource';
import { conflictMessage } from './conflictMessage';
import { sameContentAs } from './findingsDelta';
import { conflictPlaces } from './conflictPlaces';
import { sameRange, sentAgainLater } from './sentAgain';
import type { FindingsEdit } from './findingsEdits';
import { kindWord, statusWord } from '../shared/words';
import { oneLine } from '../core/text/shorten';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Where the first line break in text[from, to) is, or -1, read only as far as that break: indexOf
 * for a "\r" read the whole of a source without one (once per slice of a publish, ~75 times for
 * 1 MB), and indexOf for a "\n" from a note's start the rest of a source with CR line ends.
 */
export function lineBreakIn(text: string, from = 0, to = text.length): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * What a publish reuses of the last one. A finding whose diagnostic still shows the same (range,
 * severity, code, message) gets the very object it had, and the writer does not encode it again
 * (slicedWriter.ts). Diagnostics are never changed once built.
 */
export interface DiagnosticReuse {
  /**
   * The last publish's finding diagnostics by finding id, for a publish with no edit to read through
   * (`across`). Ids hold no offsets (core/findingIds.ts), so after any change most findings keep theirs.
   */
  readonly before?: ReadonlyMap<string, Diagnostic>;
  /** Per finding of this publish, by its index, its diagnostic (undefined: none): what the next publish reads. */
  readonly made: (Diagnostic | undefined)[];
  /**
   * When these findings came as a delta against the last publish's (findingsEdits.ts) and nothing
   * else a diagnostic shows changed (diagnosticsKey): that edit and the last publish's `made`. A
   * finding that is one of the last ones keeps its diagnostic, placed again only where the edit
   * moved it: nothing is described, looked up by id or compared (~5 ms per keystroke on 1 MB).
   */
  readonly across?: FindingsEdit & { readonly diagnostics: readonly (Diagnostic | undefined)[] };
}

/** A publish's finding diagnostics by finding id (DiagnosticReuse.before), from its findings and what it made of each. */
export function diagnosticsById(findings: readonly TaggedFinding[], made: readonly (Diagnostic | undefined)[]): Map<string, Diagnostic> {
  const byId = new Map<string, Diagnostic>();
  for (let i = 0; i < findings.length; i++) {
    const d = made[i];
    if (d) byId.set(findings[i]!.id, d);
  }
  return byId;
}

/**
 * What a finding's diagnostic shows besides the finding and its place: the bundle's language, the
 * reference date, the severities and which kinds are diagnostics. Two publishes with the same key
 * make the same diagnostic of the same finding at the same place.
 */
export function diagnosticsKey(state: SourceState): string {
  return `${messageContext(state)}\u0000${JSON.stringify(state.settings.severity)}\u0000${JSON.stringify(state.settings.diagnostics)}`;
}

/** What a message depends on besides the finding: the bundle's language and the reference date. */
const messageContext = (state: SourceState) => `${l10n.t('Claim')}\u0000${JSON.stringify(state.analysis?.reference ?? null)}`;

/** Whether `d` shows what `fresh` at `range` would. */
function showsSame(d: Diagnostic, fresh: Omit<Diagnostic, 'range'>, range: Range): boolean {
  return sameRange(d.range, range)
    && d.severity === fresh.severity && d.code === fresh.code && d.message === fresh.message;
}

/**
 * The one place findings become diagnostics. `first`: the index of the state's first finding among
 * the findings of the publish (a sliced publish passes a slice of them at a time).
 */
export function toDiagnostics(doc: TextDocument, state: SourceState, reuse?: DiagnosticReuse, first = 0): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Only a problem of the whole source (a sidecar, an orphan) needs the first line: found when one does.
  let firstLine: Range | undefined;
  const problem = (severity: DiagnosticSeverity, code: string, message: string): Diagnostic => {
    if (!firstLine) {
      const lineEnd = lineBreakIn(state.text);
      firstLine = { start: { line: 0, character: 0 }, end: { line: 0, character: lineEnd < 0 ? state.text.length : lineEnd } };
    }
    return { range: firstLine, severity, code, source: DIAGNOSTIC_SOURCE, message };
  };

  if (state.skippedReason) out.push(problem(DiagnosticSeverity.Information, DIAGNOSTIC_CODES.skipped, state.skippedReason));
  // A paragraph not read as prose: said once, on its first line (the paragraph may run for pages).
  for (const note of state.analysis?.notes ?? []) {
    const lineBreak = lineBreakIn(state.text, note.start, note.end);
    const range = { start: doc.positionAt(note.start), end: doc.positionAt(lineBreak < 0 ? note.end : lineBreak) };
    out.push({ range, severity: DiagnosticSeverity.Information, code: DIAGNOSTIC_CODES.notProse, source: DIAGNOSTIC_SOURCE, message: note.message });
  }
  if (state.sidecar.state === 'invalid') {
    out.push(problem(DiagnosticSeverity.Error, DIAGNOSTIC_CODES.invalidSidecar, l10n.t('Tags not loaded from {0}: {1}', state.sidecarPath, state.sidecar.problem.message)));
  }
  for (const orphan of state.tagged.orphans) {
    const data: TagDiagnosticData = { annotationId: orphan.id };
    out.push({
      ...problem(
        DiagnosticSeverity.Warning,
        DIAGNOSTIC_CODES.orphan,
        l10n.t('A tag ({0} {1}) could not be found in the text any more: "{2}". It is kept in the sidecar: select the text it belongs to and use the quick fix "Re-attach orphaned tag", or delete it there.',
          statusWord(orphan.status), kindWord(orphan.kind), oneLine(orphan.target.exact, 80)),
      ),
      data,
    });
  }
  for (const { annotation, finding } of state.tagged.duplicates) {
    const data: TagDiagnosticData = { annotationId: annotation.id };
    out.push({
      range: { start: doc.positionAt(finding.start), end: doc.positionAt(finding.end) },
      severity: DiagnosticSeverity.Warning,
      code: DIAGNOSTIC_CODES.duplicateTag,
      source: DIAGNOSTIC_SOURCE,
      message: l10n.t('Two tags on this {0}: {1} and {2} (after a merge?). Delete the one that is wrong.',
        kindWord(finding.kind), finding.annotation ? statusWord(finding.annotation.status) : l10n.t('tagged'), statusWord(annotation.status)),
      data,
    });
  }

  const context = messageContext(state);
  const diagnosed = diagnosedKinds(state);
  const findings = state.tagged.findings;
  const across = reuse?.across;
  // Lines from here on are the last text's lines, as many before them or some more or fewer (`lines`,
  // read off the first finding moved there): a finding there is placed from its last range, without
  // finding its line (two searches per finding moved, half a 1 MB source's on every keystroke).
  const aligned = across?.suffix === undefined ? Infinity : lineStartAfter(state.text, state.text.length - across.suffix);
  let lines: number | undefined;
  for (let n = 0; n < findings.length; n++) {
    const f = findings[n]!;
    const j = across ? across.from[first + n]! : -1;
    let diagnostic: Diagnostic | undefined;
    if (j >= 0) {
      // One of the last publish's findings: its diagnostic then, where it is now.
      diagnostic = across!.diagnostics[j];
      if (diagnostic && (across!.moved[first + n] || f.end > across!.prefix)) {
        const was = diagnostic.range;
        const lined = f.start >= aligned;
        if (!lined || lines !== 0) {
          const range = lined && lines !== undefined
            ? { start: { line: was.start.line + lines, character: was.start.character }, end: { line: was.end.line + lines, character: was.end.character } }
            : { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
          if (lined && lines === undefined && range.start.character === was.start.character && range.end.character === was.end.character && range.end.line - was.end.line === range.start.line - was.start.line) {
            lines = range.start.line - was.start.line;
          }
          if (!sameRange(was, range)) diagnostic = placed(diagnostic as FindingDiagnostic, range);
        }
      }
    } else {
      const d = diagnosed[kindIndex(f.kind)] ? findingDiagnostic(f, state, context) : undefined;
      if (d) {
        const range = { start: doc.positionAt(f.start), end: doc.positionAt(f.end) };
        const before = reuse?.before?.get(f.id);
        diagnostic = before && showsSame(before, d, range) ? before : placed(d, range);
      }
    }
    if (reuse) reuse.made[first + n] = diagnostic;
    if (diagnostic) out.push(diagnostic);
  }
  out.push(...conflictDiagnostics(doc, state));
  return out;
}

/** Where the first line starting after offset `from` of `text` starts (Infinity: none). */
function lineStartAfter(text: string, from: number): number {
  const lineFeed = text.indexOf('\n', from);
  return lineFeed < 0 ? Infinity : lineFeed + 1;
}

/** Places named in a conflict diagnostic's related information at most: the rest are counted in its message. */
export const MAX_CONFLICT_RELATED = 10;

/** One diagnostic per disagreeing place of this source, on the disagreeing words, pointing at the other quotes. */
export function conflictDiagnostics(doc: TextDocument, state: SourceState): Diagnostic[] {
  const view = state.crossSource;
  if (!view) return [];
  const name = (id: string) => view.labels.get(id) ?? id;
  const out: Diagnostic[] = [];
  for (const { conflict: c, mine, others, settled } of conflictPlaces(state)) {
    // Settled, it is shown as a tagged claim is.
    const severity = state.settings.severity[settled ? 'taggedClaim' : 'conflict'];
    if (severity === 'off') continue;
    const data: FindingDiagnosticData = { findingId: mine.findingId, conflictId: c.id };
    const message = conflictMessage(c, mine, others[0]!, name(others[0]!.sourceId), others.length - 1);
    out.push({
      range: { start: doc.positionAt(mine.focus.start), end: doc.positionAt(mine.focus.end) },
      severity: SEVERITY[severity],
      code: DIAGNOSTIC_CODES.conflict,
      source: DIAGNOSTIC_SOURCE,
      message: settled ? l10n.t('{0} Both sides are tagged.', message) : message,
      relatedInformation: others.slice(0, MAX_CONFLICT_RELATED).map((other) => ({
        location: { uri: other.sourceId, range: rangeThere(view, other.sourceId, other.focus) },
        message: `${name(other.sourceId)}: "${oneLine(other.quote, 160)}"`,
      })),
      data,
    });
  }
  return out;
}

/**
 * A finding's diagnostic at its range, the same keys in the same order as `{ ...d, range }`. Written
 * as one literal: in Node 20's V8 a spread copy given a key its source lacks gets a hidden class of
 * its own, and every read of the thousands of diagnostics a long source's publish compares
 * (`showsSame`) and encodes missed its caches.
 */
function placed(d: FindingDiagnostic, range: Range): Diagnostic {
  return sentAgainLater<Diagnostic>({ severity: d.severity, code: d.code, source: d.source, message: d.message, data: d.data, range });
}

/** What findingDiagnostic gives: a diagnostic but its range. */
interface FindingDiagnostic {
  severity: DiagnosticSeverity;
  code: string;
  source: string;
  message: string;
  data: FindingDiagnosticData;
}

/** Entities, dates and quotations are coloured, not problems, unless a setting asks for their diagnostics. */
const DIAGNOSTIC_SWITCH = { entity: 'entities', date: 'dates', quotation: 'quotations' } as const;

/**
 * Per kind (by kindIndex), whether its findings may be diagnostics: found once per publish, not per
 * finding (two lookups keyed by each finding's kind cost ~1 ms per keystroke of 1 MB).
 */
function diagnosedKinds(state: SourceState): boolean[] {
  const on = FINDING_KINDS.map((kind) => kind === 'claim' || state.settings.diagnostics[DIAGNOSTIC_SWITCH[kind]]);
  on.push(false);
  return on;
}

/** A finding's diagnostic but its range, when its kind is diagnosed (diagnosedKinds) and its severity is not off. */
function findingDiagnostic(f: TaggedFinding, state: SourceState, context: string): FindingDiagnostic | undefined {
  // A claim that carries a tag has been looked at: it has a severity of its own.
  const severity = state.settings.severity[f.kind === 'claim' && f.annotation ? 'taggedClaim' : f.kind];
  if (severity === 'off') return undefined;
  const data: FindingDiagnosticData = { findingId: f.id };
  return {
    severity: SEVERITY[severity],
    code: findingDiagnosticCode(f.kind, !!f.annotation),
    source: DIAGNOSTIC_SOURCE,
    message: messageOf(f, state, context),
    data,
  };
}

/**
 * A finding's message, kept with the finding: after an edit of a long source most findings are the
 * previous analysis's, as they were or moved (findingsDelta.ts), and describing them all again took
 * most of a keystroke's diagnostics. No description reads an offset, so a moved copy says what its
 * original says; the context (language, reference date) must be the same too.
 */
const messages = new WeakMap<object, { context: string; message: string }>();

function messageOf(f: TaggedFinding, state: SourceState, context: string): string {
  const origin = sameContentAs(f);
  const known = messages.get(origin);
  if (known?.context === context) return known.message;
  const message = toPlain(describe(f, state.analysis).message);
  messages.set(origin, { context, message });
  return message;
}
