// Every finding the analyser gives has one shape (model.ts: finding()), of whichever kind, in a
// comment or not, made now or kept from the last analysis: the passes over findings stay monomorphic.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { finding } from '../../src/core/model';

const SOURCES = path.join(__dirname, '../../test-fixtures/sources');

describe('findings', () => {
  it('all have the fields of finding(), in its order, before and after an edit', () => {
    const shape = Object.keys(finding({ id: 'x', kind: 'claim', start: 0, end: 1, text: 'X', region: 'body', score: 1, cues: [] })).join();
    const analyzer = new Analyzer();
    const shapes = new Set<string>();
    const kinds = new Set<string>();
    let commented = 0;
    for (const file of readdirSync(SOURCES).filter((f) => f.endsWith('.txt'))) {
      const text = readFileSync(path.join(SOURCES, file), 'utf8');
      // Then the same source edited in its middle: most findings are kept or moved copies.
      const middle = text.indexOf(' ', text.length >> 1);
      for (const version of [text, `${text.slice(0, middle)} indeed${text.slice(middle)}`]) {
        for (const f of analyzer.analyze(version).findings) {
          shapes.add(Object.keys(f).join());
          kinds.add(f.kind);
          if (f.commenter !== undefined) commented++;
        }
      }
    }
    expect([...kinds].sort()).toEqual(['claim', 'date', 'entity', 'quotation']);
    expect(commented).toBeGreaterThan(0);
    expect([...shapes]).toEqual([shape]);
  });
});
