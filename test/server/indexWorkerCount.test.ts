import { describe, expect, it } from 'vitest';
import { indexWorkerCount } from '../../src/server/indexWorkerCount';

describe('indexWorkerCount', () => {
  it('is two by default, one on a single core', () => {
    expect(indexWorkerCount(undefined, 2)).toEqual({ count: 2 });
    expect(indexWorkerCount(undefined, 8)).toEqual({ count: 2 });
    expect(indexWorkerCount('', 1)).toEqual({ count: 1 });
  });

  it('takes a whole number up to the cores, or two', () => {
    expect(indexWorkerCount('0', 2)).toEqual({ count: 0 });
    expect(indexWorkerCount('2', 1)).toEqual({ count: 2 });
    expect(indexWorkerCount('6', 8)).toEqual({ count: 6 });
  });

  it('lowers a count past what the machine can use, and says so', () => {
    const r = indexWorkerCount('200', 2);
    expect(r.count).toBe(2);
    expect(r.note).toMatch(/SOURCEMARK_INDEX_WORKERS=200 .* 2 cores .* using 2/);
    expect(indexWorkerCount('9', 8).count).toBe(8);
  });

  it('ignores what is not a whole number of 0 or more, and says so', () => {
    for (const bad of ['-1', '1.5', 'two', 'Infinity']) {
      const r = indexWorkerCount(bad, 4);
      expect(r.count).toBe(2);
      expect(r.note).toContain(`"${bad}"`);
    }
  });
});
