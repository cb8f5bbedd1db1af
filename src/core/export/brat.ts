// brat standoff (.ann beside each .txt): every finding is a text-bound annotation (T line), a
// tag's status is a `Status` attribute (A line), its note an AnnotatorNotes comment (# line) and
// each evidence item a `SourcemarkEvidence` comment holding JSON. Offsets are code points into
// the .txt as brat reads it; a span that crosses a line break is written as fragments.
import { noteOf } from '../tags/noteThread';
import { describe, kindFromLabel, KINDS } from '../kinds';
import { FINDING_KINDS, TAG_STATUSES, type TagStatus } from '../model';
import type { TaggedFinding } from '../taggedFindings';
import { CodePointIndex } from './codePoints';
import { parseEvidence, type Evidence } from './evidence';
import { selectFindings, type ExportScope, type ExportSource } from './exportSource';
import type { ImportedTag } from './mergeImported';

/** A brat entity type is a finding's label, capitalised: Claim, Date, Person. */
const bratType = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);

/** Every type an export can write: the kinds (alphabetically), then their sorts (an entity's types). */
const BRAT_TYPES = [...new Set([...[...FINDING_KINDS].sort(), ...KINDS.flatMap((k) => k.labels)])].map(bratType);

export const BRAT_STATUS_ATTRIBUTE = 'Status';
export const BRAT_EVIDENCE_NOTE = 'SourcemarkEvidence';

/** annotation.conf for a folder of exported files, so brat shows the types and the Status attribute. */
export function bratAnnotationConf(): string {
  return [
    '# Written by sourcemark export --format brat.',
    '[entities]',
    ...BRAT_TYPES,
    '',
    '[relations]',
    '# Claims contain entities and dates.',
    '<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>',
    '',
    '[events]',
    '',
    '[attributes]',
    `${BRAT_STATUS_ATTRIBUTE}\tArg:<ENTITY>, Value:${TAG_STATUSES.join('|')}`,
    '',
  ].join('\n');
}

// Notes are one line in brat: backslash, tab and line breaks are escaped, and unescaped on import.
const escapeNote = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
const unescapeNote = (s: string) => s.replace(/\\([\\tnr])/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : '\\'));

/** Pieces of [start, end) between line breaks, trimmed of the breaks themselves (brat spans are one line each). */
function fragments(text: string, start: number, end: number): [number, number][] {
  const out: [number, number][] = [];
  let from = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === '\n' || text[i] === '\r') {
      if (i > from) out.push([from, i]);
      from = i + 1;
    }
  }
  return out.length ? out : [[start, end]];
}

export interface BratOptions {
  scope: ExportScope;
  /** Code points before the text in the .txt brat will read (1 when the file starts with a BOM). */
  offsetShift?: number;
}

export interface BratExport {
  ann: string;
  /** Tags left out because their text is no longer in the source. */
  orphansLeftOut: number;
}

function typeOf(f: TaggedFinding): string {
  return bratType(describe(f).label);
}

export function toBrat(source: ExportSource, options: BratOptions): BratExport {
  const index = new CodePointIndex(source.text);
  const shift = options.offsetShift ?? 0;
  const cp = (o: number) => index.toCodePoints(o) + shift;
  const lines: string[] = [];
  let a = 0;
  let n = 0;
  selectFindings(source, options.scope).forEach((f, i) => {
    const t = `T${i + 1}`;
    const parts = fragments(source.text, f.start, f.end);
    lines.push(`${t}\t${typeOf(f)} ${parts.map(([s, e]) => `${cp(s)} ${cp(e)}`).join(';')}\t${parts.map(([s, e]) => source.text.slice(s, e)).join(' ')}`);
    const tag = f.annotation;
    if (!tag) return;
    lines.push(`A${++a}\t${BRAT_STATUS_ATTRIBUTE} ${t} ${tag.status}`);
    if (noteOf(tag)) lines.push(`#${++n}\tAnnotatorNotes ${t}\t${escapeNote(noteOf(tag)!)}`);
    for (const e of tag.evidence ?? []) lines.push(`#${++n}\t${BRAT_EVIDENCE_NOTE} ${t}\t${escapeNote(JSON.stringify(e))}`);
  });
  return { ann: lines.length ? `${lines.join('\n')}\n` : '', orphansLeftOut: source.orphans.length };
}

export interface BratParse {
  tags: ImportedTag[];
  /** Lines that could not be used, and why. */
  problems: { line: number; reason: string }[];
}

/**
 * Reads an .ann file against the text of its .txt (BOM already removed; pass offsetShift 1 when
 * the file had one). Text-bound annotations with a Status attribute become tags; the quote is
 * checked against the text so an .ann that belongs to another version of the file is caught.
 */
export function parseBrat(ann: string, text: string, options: { offsetShift?: number } = {}): BratParse {
  const index = new CodePointIndex(text);
  const shift = options.offsetShift ?? 0;
  const problems: BratParse['problems'] = [];
  const spans = new Map<string, { kind: ImportedTag['kind']; start: number; end: number; line: number }>();
  const status = new Map<string, TagStatus>();
  const notes = new Map<string, string[]>();
  const evidence = new Map<string, Evidence[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);

  ann.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    // The text field may itself hold tabs: only the first two separate fields.
    const [id = '', middle = '', ...tail] = raw.split('\t');
    const rest = tail.length ? tail.join('\t') : undefined;
    if (id.startsWith('T')) {
      const m = /^(\S+) (\d+ \d+(?:;\d+ \d+)*)$/.exec(middle);
      const kind = m && kindFromLabel(m[1]!);
      if (!m || !kind) {
        problems.push({ line, reason: m ? `entity type "${m[1]}" is not one Sourcemark knows` : 'not a text-bound annotation ("T1<TAB>Type start end<TAB>text")' });
        return;
      }
      const offsets = m[2]!.split(/[ ;]/).map((x) => index.toUtf16(Number(x) - shift));
      if (offsets.some((o) => o === undefined)) {
        problems.push({ line, reason: 'its offsets are outside the text; is this .ann from another version of the .txt?' });
        return;
      }
      // Not Math.min(...offsets): a line of a million fragments would overflow the stack.
      const start = (offsets as number[]).reduce((a, b) => Math.min(a, b));
      const end = (offsets as number[]).reduce((a, b) => Math.max(a, b));
      const pieces: string[] = [];
      for (let k = 0; k < offsets.length; k += 2) pieces.push(text.slice(offsets[k], offsets[k + 1]));
      if (rest !== undefined && pieces.join(' ') !== rest) {
        problems.push({ line, reason: `its text "${rest}" is not what the .txt has at those offsets; is this .ann from another version of the .txt?` });
        return;
      }
      spans.set(id, { kind, start, end, line });
    } else if (id.startsWith('A') || id.startsWith('M')) {
      const [name, target, value] = middle.split(' ');
      if (name !== BRAT_STATUS_ATTRIBUTE) return;
      if (!target || !value || !(TAG_STATUSES as readonly string[]).includes(value)) {
        problems.push({ line, reason: `a ${BRAT_STATUS_ATTRIBUTE} attribute takes ${TAG_STATUSES.join(', ')}` });
        return;
      }
      status.set(target, value as TagStatus);
    } else if (id.startsWith('#')) {
      const [name, target] = middle.split(' ');
      if (!target || rest === undefined) return;
      if (name === 'AnnotatorNotes') push(notes, target, unescapeNote(rest));
      else if (name === BRAT_EVIDENCE_NOTE) {
        let json: unknown;
        try {
          json = JSON.parse(unescapeNote(rest));
        } catch {
          problems.push({ line, reason: `${BRAT_EVIDENCE_NOTE} is not JSON` });
          return;
        }
        // Checked here: a malformed item would make the merged sidecar unreadable.
        const e = parseEvidence(json);
        if (e) push(evidence, target, e);
        else problems.push({ line, reason: `${BRAT_EVIDENCE_NOTE} is not an evidence item (kind url with a url, or kind annotation with source, annotationId and quote)` });
      }
    }
  });

  const tags: ImportedTag[] = [];
  for (const [id, s] of spans) {
    const st = status.get(id);
    if (!st) continue;
    const note = notes.get(id)?.join('\n');
    const ev = evidence.get(id);
    tags.push({
      origin: `${id} (line ${s.line})`, kind: s.kind, status: st, exact: text.slice(s.start, s.end), start: s.start, end: s.end,
      ...(note ? { note } : {}), ...(ev?.length ? { evidence: ev } : {}),
    });
  }
  for (const target of status.keys()) if (!spans.has(target)) problems.push({ line: 0, reason: `the ${BRAT_STATUS_ATTRIBUTE} of ${target} refers to no usable text-bound annotation` });
  return { tags, problems };
}
