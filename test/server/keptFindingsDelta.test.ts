// After an edit the analyser keeps the findings of untouched paragraphs (core/madeFindings.ts) and
// makes the moved ones again from the same paragraphs' items. An edit that moves dates and changes
// their ids: the worker's delta must not take them for the last ones moved, and the main thread must
// rebuild exactly what it holds of the worker's analysis.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { fromWire, toWire } from '../../src/server/analysisWire';
import { shown } from './shownAnalysis';

const options = { referenceDate: '2018-03-10' };

describe('the delta of kept and moved findings', () => {
  it('rebuilds the analysis when an edit moves findings and changes their ids', async () => {
    const analyzer = new Analyzer();
    const before = ['Lei Jun said Xiaomi opened 4 stores in Spain in March 2017.', 'Sales rose in March 2017 as well.'].join('\n\n');
    const first = analyzeSource(analyzer, before, undefined, options);
    const held = await fromWire(toWire(first));
    // A third "March 2017" at the top: every finding moves, and the two dates below it count on by one.
    const after = `Apple cut prices in March 2017.\n\n${before}`;
    const second = analyzeSource(analyzer, after, undefined, options);
    const dateIds = (a: typeof first) => a.tagged.findings.filter((f) => f.text === 'March 2017').map((f) => f.id);
    expect(dateIds(second).slice(1)).not.toEqual(dateIds(first));
    const wire = toWire(second, 5, { seq: 1, text: before, analysed: first }, after);
    const back = await fromWire(wire, held);
    expect(JSON.stringify(back)).toBe(JSON.stringify(shown(second)));
    // Findings whose id stayed crossed as the previous ones, moved.
    const moved = [...wire.taggedDelta!.from].filter((j, i) => j >= 0 && wire.taggedDelta!.moved[i]).length;
    expect(moved).toBeGreaterThan(0);
  });
});
