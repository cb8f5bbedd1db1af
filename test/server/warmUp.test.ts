// The analyser warms up only while the server has nothing else to do (src/server/warmUp.ts): one
// sentence per turn of the event loop, never once a source is open or has been analysed.
import { describe, expect, it } from 'vitest';
import type { Analyzer } from '../../src/core/analyzer';
import { WARM_UP_ROUNDS, warmUpWhenIdle } from '../../src/server/warmUp';
import { countTurns } from '../loopTurns';

/** An analyzer that records its warm-up calls and the turn of the event loop each came in. */
function fakeAnalyzer() {
  const { turns, stop } = countTurns();
  const calls: { rounds: number; turn: number }[] = [];
  const analyzer = { lastStats: { paragraphs: 0, cacheHits: 0 }, warmUp: (rounds = 2) => calls.push({ rounds, turn: turns() }) };
  return { analyzer: analyzer as unknown as Analyzer & typeof analyzer, calls, stop };
}

/** Lets the warm-up's timer fire (a timer set after it fires after it), then `n` turns of the event loop go by. */
async function turns(n: number) {
  await new Promise((r) => setTimeout(r, 1));
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
}

describe('warmUpWhenIdle', () => {
  it('warms up a sentence per turn of the event loop while nothing is open', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    const warm = warmUpWhenIdle(analyzer, () => false, 0);
    await turns(20);
    stop();
    expect(warm.steps).toBe(WARM_UP_ROUNDS);
    expect(calls.every((c) => c.rounds === 1)).toBe(true);
    // Other work (here the ticker) ran between the two sentences.
    expect(calls[1]!.turn).toBeGreaterThan(calls[0]!.turn);
  });

  it('does not warm up while a source is open, and stops when one opens', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    warmUpWhenIdle(analyzer, () => true, 0);
    await turns(20);
    expect(calls).toHaveLength(0);
    // A source opens right after the first sentence.
    const warm = warmUpWhenIdle(analyzer, () => calls.length > 0, 0);
    await turns(20);
    stop();
    expect(warm.steps).toBe(1);
  });

  it('waits while the index is at work, and warms up once it is done', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    let indexing = true;
    const warm = warmUpWhenIdle(analyzer, () => false, 0, () => indexing);
    // Its timer fires twice meanwhile: each time it finds the index at work and sets it again.
    await turns(20);
    await turns(20);
    expect(calls).toHaveLength(0);
    indexing = false;
    await turns(20);
    stop();
    expect(warm.steps).toBe(WARM_UP_ROUNDS);
  });

  it('gives up if a source opens while it waits for the index', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    let indexing = true;
    let open = false;
    warmUpWhenIdle(analyzer, () => open, 0, () => indexing);
    await turns(20);
    open = true;
    indexing = false;
    await turns(20);
    stop();
    expect(calls).toHaveLength(0);
  });

  it('does not warm up once a source has been analysed (that warmed it up)', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    analyzer.lastStats.paragraphs = 3;
    warmUpWhenIdle(analyzer, () => false, 0);
    await turns(20);
    stop();
    expect(calls).toHaveLength(0);
  });

  it('does not warm up after dispose', async () => {
    const { analyzer, calls, stop } = fakeAnalyzer();
    warmUpWhenIdle(analyzer, () => false, 0).dispose();
    await turns(20);
    stop();
    expect(calls).toHaveLength(0);
  });
});

describe('Analyzer.warmUpBeforeFirstUse (the index worker)', () => {
  it('warms up at the first analysis, once, not before', async () => {
    const { Analyzer: RealAnalyzer } = await import('../../src/core/analyzer');
    const analyzer = new RealAnalyzer(0);
    const rounds: number[] = [];
    const warmUp = analyzer.warmUp.bind(analyzer);
    analyzer.warmUp = (n = 2) => {
      rounds.push(n);
      warmUp(n);
    };
    analyzer.warmUpBeforeFirstUse();
    expect(rounds).toEqual([]);
    const first = analyzer.analyze('Xiaomi said on Friday that sales rose 20%.');
    expect(rounds).toEqual([2]);
    expect(analyzer.analyze('Xiaomi said on Friday that sales rose 20%.')).toEqual(first);
    expect(rounds).toEqual([2]);
    expect(first).toEqual(new RealAnalyzer(0).analyze('Xiaomi said on Friday that sales rose 20%.'));
  });
});
