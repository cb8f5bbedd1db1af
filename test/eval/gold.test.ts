import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { goldKind, parseGold, readGoldSet } from '../../src/eval/gold';

describe('parseGold', () => {
  it('reads span and sentence documents, with the dct as a day', () => {
    const docs = parseGold(
      [
        JSON.stringify({ id: 'a', text: 'Acme hired Jo.', spans: [{ start: 0, end: 4, label: 'ORG' }] }),
        '',
        JSON.stringify({ id: 'b', text: 'It rose 5%.', label: 'CFS' }),
        JSON.stringify({ id: 'c', text: 'Last year.', dct: { value: '1998-08-07', type: 'TIME' }, spans: [{ start: 0, end: 9, label: 'DATE', value: '1997' }] }),
      ].join('\n'),
    );
    expect(docs.map((d) => d.id)).toEqual(['a', 'b', 'c']);
    expect(docs[1].label).toBe('CFS');
    expect(docs[2]).toMatchObject({ dct: '1998-08-07', spans: [{ start: 0, end: 9, label: 'DATE', value: '1997' }] });
  });

  it('names the line of a span outside its text', () => {
    expect(() => parseGold(`${JSON.stringify({ id: 'a', text: 'short', spans: [{ start: 2, end: 9, label: 'PER' }] })}`)).toThrow(/line 1/);
  });

  it('refuses a line that is not JSON', () => {
    expect(() => parseGold('{"id": 1,')).toThrow(/not JSON/);
  });
});

describe('goldKind', () => {
  it('tells the kind of a set from its labels', () => {
    expect(goldKind([{ id: 'a', text: 'x', spans: [{ start: 0, end: 1, label: 'LOC' }] }])).toBe('entities');
    expect(goldKind([{ id: 'a', text: 'x', spans: [{ start: 0, end: 1, label: 'DURATION' }] }])).toBe('dates');
    expect(goldKind([{ id: 'a', text: 'x', label: 'NCS' }])).toBe('claims');
    expect(goldKind([{ id: 'a', text: 'x', spans: [{ start: 0, end: 1, label: 'HEDGE' }] }])).toBe('hedges');
    expect(() => goldKind([{ id: 'a', text: 'x', spans: [{ start: 0, end: 1, label: 'PER' }, { start: 0, end: 1, label: 'DATE' }] }])).toThrow();
  });

  it('reads a directory holding gold.jsonl', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sm-gold-'));
    try {
      writeFileSync(path.join(dir, 'gold.jsonl'), `${JSON.stringify({ id: 'a', text: 'It may rain.', spans: [{ start: 3, end: 6, label: 'HEDGE' }] })}\n`);
      const set = readGoldSet(dir);
      expect(set).toMatchObject({ name: path.basename(dir), kind: 'hedges' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
