// One entity, one key, one count: a finding's mention count is the number of findings of its entity.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../../src/core/analyzer';

const SOURCES = path.resolve(__dirname, '../../../../test-fixtures/sources');
const analyzer = new Analyzer(0);

describe('entity mention counts', () => {
  const files = readdirSync(SOURCES).filter((f) => f.endsWith('.txt')).sort();
  it.each(files)('%s: every mention of an entity says how many there are, and one key is one entity', (file) => {
    const text = readFileSync(path.join(SOURCES, file), 'utf8');
    const entities = analyzer.analyze(text, { referenceDate: '2018-03-10' }).findings.filter((f) => f.kind === 'entity');
    const byKey = new Map<string, typeof entities>();
    for (const f of entities) byKey.set(f.entity!.key, [...(byKey.get(f.entity!.key) ?? []), f]);
    for (const [key, group] of byKey) {
      expect(new Set(group.map((f) => f.entity!.mentions)), key).toEqual(new Set([group.length]));
      expect(new Set(group.map((f) => f.entity!.canonical)).size, key).toBe(1);
    }
  });

  it('counts "Samsung" once as one organisation when the gazetteer knows it and the text also writes it plainly', () => {
    const sample = ['000_10788ba24ea37e24.txt', '002_3b3f9ef10a23df2c.txt'].map((f) => readFileSync(path.join(SOURCES, f), 'utf8')).join('\n\n');
    const samsung = analyzer.analyze(sample).findings.filter((f) => f.kind === 'entity' && f.entity!.key === 'samsung');
    expect(samsung.length).toBeGreaterThan(1);
    expect(samsung.every((f) => f.entity!.mentions === samsung.length)).toBe(true);
  });
});
