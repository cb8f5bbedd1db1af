// An Analyzer costs nothing until it is used: the language server makes one as it starts, and
// building its paragraph processor (the entity tagger's weights, the gazetteer) held up its answer
// to `initialize` (spawn → answer 330–340 → 288–304 ms once deferred).
import { describe, expect, it, vi } from 'vitest';

const made = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/core/pipeline/processor', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/core/pipeline/processor')>();
  return {
    ...actual,
    createParagraphProcessor: (...args: Parameters<typeof actual.createParagraphProcessor>) => {
      made.count++;
      return actual.createParagraphProcessor(...args);
    },
  };
});

const { Analyzer } = await import('../../src/core/analyzer');

describe('Analyzer start', () => {
  it('builds its paragraph processor on first use, once, not when it is made', () => {
    made.count = 0;
    const analyzer = new Analyzer();
    expect(made.count).toBe(0);
    const first = analyzer.analyze('Xiaomi said on Friday that sales rose 20% in 2017.', { referenceDate: '2018-03-10' });
    expect(made.count).toBe(1);
    expect(first.findings.map((f) => f.kind)).toEqual(expect.arrayContaining(['entity', 'date', 'claim']));
    analyzer.analyze('Lei Jun, the chairman, said so.');
    expect(made.count).toBe(1);
  });

  it('builds it when asked to (prepare), once', () => {
    made.count = 0;
    const analyzer = new Analyzer();
    analyzer.prepare();
    expect(made.count).toBe(1);
    analyzer.analyze('Xiaomi said so.');
    expect(made.count).toBe(1);
  });

  it('builds it for a warm-up too, and the warm-up before first use still runs', () => {
    made.count = 0;
    const warmed = new Analyzer();
    warmed.warmUp(1);
    expect(made.count).toBe(1);
    const later = new Analyzer();
    later.warmUpBeforeFirstUse();
    expect(made.count).toBe(1);
    later.analyze('Apple opened a store in Paris on 3 May 2019.');
    expect(made.count).toBe(2);
  });
});
