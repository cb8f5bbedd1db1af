// A long JSON object parsed in parts (src/core/text/jsonListParts.ts) gives what one JSON.parse
// gives, key order included, whatever its spacing, strings, escapes and part size; bytes that are
// not JSON are refused as JSON.parse refuses them, and a key twice is read as JSON.parse reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonListScanner, parseInParts } from '../../../src/core/text/jsonListParts';

const LISTS: ReadonlySet<string> = new Set(['claims', 'dates', 'lines']);

/** Characters that a scan of JSON could trip on, among plain ones. */
const char = fc.oneof(
  { weight: 10, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', '\\"', '\\\\', 'claims', 'digest') },
  { weight: 1, arbitrary: fc.constantFrom('’', 'é', '😀', '中', '\u2028', '\ud800', '\n') },
);
const text = fc.array(char, { maxLength: 12 }).map((cs) => cs.join(''));
const key = fc.oneof(text, fc.constantFrom('claims', 'dates', 'lines', 'digest', 'other'));
const leaf = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('list'), tie('object')),
  list: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 4 }),
})).value;
const item = fc.oneof(fc.record({ start: fc.nat(), end: fc.nat(), text, claims: fc.array(value, { maxLength: 2 }) }), value);
const digest = fc.record({
  version: fc.constant(2),
  claims: fc.array(item, { maxLength: 40 }),
  dates: fc.array(item, { maxLength: 40 }),
  lines: fc.array(fc.nat(), { maxLength: 60 }),
  other: fc.array(value, { maxLength: 3 }),
}, { requiredKeys: ['version'] });
const entry = fc.record({ before: fc.option(value), digest, after: fc.option(value) }, { requiredKeys: ['digest'] });
const spacing = fc.constantFrom(undefined, 0, 1, 2, '\t', '\r\n ');

async function parsed(json: string, partBytes: number): Promise<unknown> {
  let pauses = 0;
  const v = await parseInParts(Buffer.from(json, 'utf8'), 'digest', LISTS, partBytes, () => (++pauses % 2 ? Promise.resolve() : undefined));
  return v;
}

/** The parts the scan made, or undefined when it made none. */
function partsOf(json: string, partBytes: number) {
  const scanner = new JsonListScanner(Buffer.from(json, 'utf8'), 'digest', LISTS, partBytes);
  while (!scanner.step(7));
  return scanner.result();
}

describe('parseInParts', () => {
  it('gives what JSON.parse gives, keys in their order, at any spacing and part size', async () => {
    await fc.assert(fc.asyncProperty(entry, spacing, fc.integer({ min: 1, max: 300 }), async (e, space, partBytes) => {
      const json = JSON.stringify(e, null, space);
      const v = await parsed(json, partBytes);
      expect(v).toEqual(JSON.parse(json));
      expect(JSON.stringify(v)).toBe(JSON.stringify(JSON.parse(json)));
    }), { numRuns: 1500 });
  });

  it('parts every non-empty list asked for, a long one in several parts, and leaves the rest in the head', () => {
    fc.assert(fc.property(entry, fc.integer({ min: 1, max: 60 }), (e, partBytes) => {
      const json = JSON.stringify(e);
      const found = partsOf(json, partBytes);
      const lists = Object.keys(e.digest).filter((k) => LISTS.has(k) && (e.digest as unknown as Record<string, unknown[]>)[k]!.length > 0);
      expect(found?.lists.map((l) => l.key) ?? []).toEqual(lists);
      for (const l of found?.lists ?? []) {
        const listed = JSON.stringify((e.digest as unknown as Record<string, unknown[]>)[l.key]);
        // Items and their commas only, one after the other, the brackets out.
        expect(l.parts.map(([a, b]) => Buffer.from(json).subarray(a, b).toString()).join(',')).toBe(listed.slice(1, -1));
        // A part ends at the first comma past its size; line starts are short items, so a long list of them is in several.
        for (const [a, b] of l.parts.slice(0, -1)) expect(b - a).toBeGreaterThanOrEqual(partBytes);
        if (l.key === 'lines' && listed.length > 2 * (partBytes + 12)) expect(l.parts.length).toBeGreaterThan(1);
      }
      if (found) expect(JSON.parse(found.head.toString()).digest.claims ?? []).toEqual([]);
    }), { numRuns: 1000 });
  });

  it('refuses what JSON.parse refuses, and reads what it reads, of JSON cut, with a byte dropped or one put in', async () => {
    const broken = fc.tuple(entry, fc.nat(), fc.constantFrom('cut', 'drop', 'insert'), fc.constantFrom('"', '\\', '[', ']', '{', '}', ',', ':', 'x', '1'))
      .map(([e, at, how, c]) => {
        const json = JSON.stringify(e);
        const i = at % (json.length + 1);
        return how === 'cut' ? json.slice(0, i) : how === 'drop' ? json.slice(0, i) + json.slice(i + 1) : json.slice(0, i) + c + json.slice(i);
      });
    await fc.assert(fc.asyncProperty(broken, fc.integer({ min: 1, max: 80 }), async (json, partBytes) => {
      let whole: unknown;
      let refused = false;
      try {
        // The bytes' text: a lone surrogate a cut left does not survive UTF-8.
        whole = JSON.parse(Buffer.from(json, 'utf8').toString());
      } catch {
        refused = true;
      }
      if (refused) await expect(parsed(json, partBytes)).rejects.toThrow();
      else expect(JSON.stringify(await parsed(json, partBytes))).toBe(JSON.stringify(whole));
    }), { numRuns: 3000 });
  });

  it('reads a key given twice as JSON.parse does: the last one', async () => {
    const cases = [
      '{"digest":{"claims":[1,2,3],"claims":[4]}}',
      '{"digest":{"claims":[1,2,3],"claims":5}}',
      '{"digest":{"claims":[1,2,3]},"digest":{"claims":[4,5]}}',
      '{"digest":{"claims":[1,2,3]},"digest":7}',
      '{"digest":{"x":{"claims":[9]},"claims":[1,2]}}',
      '[{"digest":{"claims":[1,2]}}]',
      '{"a":["digest",{"claims":[1]}],"digest":{"claims":[2,3]}}',
      '{"digest":{"claims":[]},"claims":[1,2]}',
    ];
    for (const json of cases) expect(JSON.stringify(await parsed(json, 1))).toBe(JSON.stringify(JSON.parse(json)));
  });

  it('refuses a list with an empty item wherever its parts end (a trailing comma, a comma first)', async () => {
    for (const json of ['{"digest":{"claims":[1,2,]}}', '{"digest":{"claims":[1, ]}}', '{"digest":{"claims":[ ,1]}}', '{"digest":{"claims":[1,,2]}}', '{"digest":{"claims":[,]}}']) {
      expect(() => JSON.parse(json)).toThrow();
      for (const partBytes of [1, 2, 3, 100]) await expect(parsed(json, partBytes), `${json} in parts of ${partBytes}`).rejects.toThrow();
    }
  });
});
