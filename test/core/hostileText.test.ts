// Text that is not prose (issue 15): analysis neither crashes nor freezes on it, and says what it
// did not read as prose. How time grows with such text is measured by the fuzz suite (npm run test:fuzz).
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { TEXT_GENERATORS } from '../fuzz/textGenerators';

const make = (name: string, n: number) => TEXT_GENERATORS.find((g) => g.name === name)!.make(n);
const analyzer = new Analyzer(0);

describe('hostile text', () => {
  it('512 KB of space-separated numbers does not overflow the stack', () => {
    expect(() => analyzeSource(analyzer, make('space-numbers', 512 * 1024), undefined, {})).not.toThrow();
  });

  it('1 MB of chained "X said Y said …" does not overflow the stack', () => {
    const text = make('chained-said', 1024 * 1024);
    const analysed = analyzeSource(analyzer, text, undefined, {});
    expect(analysed.tagged.findings.filter((f) => f.kind === 'entity').length).toBeGreaterThan(10_000);
    expect(() => digestSource(text, analysed)).not.toThrow();
  });

  it('a 100 KB paragraph without a sentence end gets a note instead of claims; its names and dates are still found', () => {
    const text = `Xiaomi plans to enter the United States by 2019.\n\n${'the price of phones went up on March 3, 2018 and Lei Jun said nothing '.repeat(1500).trim()}\n\nSales rose 20% in 2018.`;
    const result = analyzer.analyze(text);
    const long = text.indexOf('the price');
    const after = text.indexOf('\n\nSales');
    const claims = result.findings.filter((f) => f.kind === 'claim').map((f) => f.text);
    expect(claims).toEqual(['Xiaomi plans to enter the United States by 2019.', 'Sales rose 20% in 2018.']);
    expect(result.notes).toEqual([{ start: long, end: after, message: expect.stringContaining('not read as prose') }]);
    const inside = (kind: string) => result.findings.filter((f) => f.kind === kind && f.start > long && f.end < after);
    // Pieces end between two lower-case words, so no name or date is cut in two.
    expect(inside('date').length).toBe(1500);
    expect(inside('entity').filter((f) => f.text === 'Lei Jun').length).toBe(1500);
  });

  it('a line of dates: each date is quoted with the words around it, not a stretch 600 characters before it', () => {
    const months = ['January', 'February', 'March', 'April', 'June', 'July'];
    const text = Array.from({ length: 3000 }, (_, i) => `on ${months[i % 6]} ${1 + (i % 28)}, ${1990 + (i % 30)}`).join(' and ');
    const digest = digestSource(text, analyzeSource(analyzer, text, undefined, {}));
    expect(digest.dates.length).toBe(3000);
    for (const d of digest.dates) expect(d.sentence).toContain(d.text);
  });
});
