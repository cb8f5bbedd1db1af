import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { goldenLine, GOLDEN_REFERENCE_DATE } from '../goldenFindings';

const sources = path.resolve(__dirname, '../../test-fixtures/sources');
const golden = path.resolve(__dirname, '../../test-fixtures/golden');
const names = readdirSync(sources).filter((f) => f.endsWith('.txt')).sort();

describe('findings on the sample sources match the reviewed golden findings', () => {
  it('has the five sample sources', () => {
    expect(names).toHaveLength(5);
  });

  it.each(names)('%s', (name) => {
    const text = readFileSync(path.join(sources, name), 'utf8');
    const actual = new Analyzer().analyze(text, { referenceDate: GOLDEN_REFERENCE_DATE }).findings.map(goldenLine);
    const expected = readFileSync(path.join(golden, `${name}.findings.txt`), 'utf8').trimEnd().split('\n');
    // Compared line by line so a failure shows which findings changed (npm run regenerate-fixtures, then review).
    expect(actual).toEqual(expected);
  });
});
