import { noteOf } from '../../../src/core/tags/noteThread';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, toCsv } from '../../../src/core/export/csv';
import { exportSource, tagSidecar, TRICKY_TAGS, TRICKY_TEXT } from './exportFixtures';

describe('CSV export', () => {
  const source = exportSource(TRICKY_TEXT, tagSidecar(TRICKY_TEXT, [...TRICKY_TAGS, { kind: 'claim', quote: 'and <b>Xiaomi</b> said it again.', status: 'verified', note: '=HYPERLINK("http://x")' }]), 'a,b.txt');

  it('quotes per RFC 4180 and reads back with a strict parser, field for field', () => {
    const csv = toCsv([source], { scope: 'all', guardFormulas: false });
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csvField('a"b')).toBe('"a""b"');
    expect(csvField('plain')).toBe('plain');
    const rows: string[][] = parse(csv, { relax_quotes: false, relax_column_count: false });
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(1 + source.findings.length);
    const col = (name: string) => CSV_COLUMNS.indexOf(name as (typeof CSV_COLUMNS)[number]);
    for (const [i, f] of source.findings.entries()) {
      const row = rows[i + 1]!;
      expect(row[col('source')]).toBe('a,b.txt');
      expect(row[col('text')]).toBe(f.text);
      expect(TRICKY_TEXT.slice(Number(row[col('start')]), Number(row[col('end')]))).toBe(f.text);
      expect(row[col('status')]).toBe(f.annotation?.status ?? '');
      expect(row[col('note')]).toBe(noteOf(f.annotation) ?? '');
    }
  });

  it('guards cells a spreadsheet would run as formulas, unless asked not to', () => {
    const guarded: string[][] = parse(toCsv([source], { scope: 'tagged', guardFormulas: true }));
    const notes = guarded.map((r) => r[CSV_COLUMNS.indexOf('note')]);
    expect(notes).toContain(`'=HYPERLINK("http://x")`);
    const raw: string[][] = parse(toCsv([source], { scope: 'tagged', guardFormulas: false }));
    expect(raw.map((r) => r[CSV_COLUMNS.indexOf('note')])).toContain('=HYPERLINK("http://x")');
  });

  it('guards every cell, the tag id from the sidecar and the source path included', () => {
    const text = 'Xiaomi said sales rose 20% in 2018.';
    const sidecar = tagSidecar(text, [{ kind: 'claim', quote: text, status: 'verified' }]);
    const evil = { ...sidecar, annotations: sidecar.annotations.map((a) => ({ ...a, id: '=cmd|"/c calc"!A1' })) };
    const rows: string[][] = parse(toCsv([exportSource(text, evil, '=HYPERLINK("x","y") a.txt')], { scope: 'tagged', guardFormulas: true }));
    const row = rows[1]!;
    expect(row[CSV_COLUMNS.indexOf('tag_id')]).toBe(`'=cmd|"/c calc"!A1`);
    expect(row[CSV_COLUMNS.indexOf('source')]).toBe(`'=HYPERLINK("x","y") a.txt`);
    for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });
});
