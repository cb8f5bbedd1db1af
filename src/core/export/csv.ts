// CSV (RFC 4180): one row per finding or tag, CRLF line ends, fields quoted when they hold a
// comma, a quote or a line break. Offsets are UTF-16 code units like the rest of Sourcemark.
import { noteOf } from '../tags/noteThread';
import type { Annotation } from '../tags/annotation';
import type { TaggedFinding } from '../taggedFindings';
import { LineIndex } from '../text/lineIndex';
import { describeEvidence } from './evidence';
import { describe } from '../kinds';
import { selectFindings, type ExportScope, type ExportSource } from './exportSource';

export const CSV_COLUMNS = [
  'source', 'line', 'column', 'start', 'end', 'kind', 'label', 'text', 'status', 'note', 'evidence',
  'tag_id', 'tag_updated', 'anchored', 'region', 'score', 'date_value', 'speaker',
] as const;

export interface CsvOptions {
  scope: ExportScope;
  /**
   * Prefix text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) with an
   * apostrophe. On by default: source text is untrusted and CSV files get opened in spreadsheets.
   */
  guardFormulas: boolean;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const guard = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

type Row = Record<(typeof CSV_COLUMNS)[number], string>;

function tagFields(tag: Annotation | undefined) {
  return {
    status: tag?.status ?? '',
    note: noteOf(tag) ?? '',
    evidence: (tag?.evidence ?? []).map(describeEvidence).join('\n'),
    tag_id: tag?.id ?? '',
    tag_updated: tag?.updatedAt ?? '',
  };
}

function findingRow(s: ExportSource, lines: LineIndex, f: TaggedFinding): Row {
  const { line, column } = lines.at(f.start);
  const d = describe(f);
  return {
    source: s.path, line: String(line), column: String(column), start: String(f.start), end: String(f.end),
    kind: f.kind, label: d.label, text: f.text, ...tagFields(f.annotation), anchored: 'yes', region: f.region,
    score: f.score.toFixed(2),
    date_value: d.value ?? '', speaker: d.speaker ?? '',
  };
}

function orphanRow(s: ExportSource, o: Annotation): Row {
  return {
    source: s.path, line: '', column: '', start: String(o.target.start), end: String(o.target.end), kind: o.kind, label: o.kind,
    text: o.target.exact, ...tagFields(o), anchored: 'no', region: '', score: '', date_value: '', speaker: '',
  };
}

export function toCsv(sources: readonly ExportSource[], options: CsvOptions): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const s of sources) {
    const lines = new LineIndex(s.text);
    const all = [...selectFindings(s, options.scope).map((f) => findingRow(s, lines, f)), ...s.orphans.map((o) => orphanRow(s, o))];
    for (const row of all) {
      // Every cell: a tag id comes from a sidecar anyone may edit, a source path from a file name anyone may choose.
      rows.push(CSV_COLUMNS.map((c) => csvField(options.guardFormulas ? guard(row[c]) : row[c])).join(','));
    }
  }
  return `${rows.join('\r\n')}\r\n`;
}
