import { describe, expect, it } from 'vitest';
import { jsonPieces } from '../../src/cli/terminal';

describe('jsonPieces', () => {
  const cases: unknown[] = [
    { many: Array.from({ length: 600 }, (_, i) => (i % 7 === 0 ? undefined : { i, s: 'a\nb', list: [i, { x: [i] }] })), after: [1] },
    { version: 1, passed: true, counts: { a: 1, b: [] }, files: [{ file: 'a.txt', lines: [1, 2, { deep: ['x', null] }] }, 'two', 3, null], conflicts: [] },
    { skipped: undefined, fn: () => 1, list: [undefined, () => 1, { x: undefined }], text: 'line\nbreak "quoted" \u2028 é 😀', at: new Date(0) },
    {}, [], [1, [2, []]], 'plain', 42, null, { nested: { empty: {}, list: [[]] } },
  ];
  it.each(cases.map((c, i) => [i, c]))('writes case %i as JSON.stringify(value, null, 2) does', (_, value) => {
    expect([...jsonPieces(value)].join('')).toBe(JSON.stringify(value, null, 2));
  });
});
