// The claim kind after an edit of a source that says some sentences more than once (kinds/claim,
// collectEdit): a sentence said again is flagged once, where it is first said, and the others are
// repeats. An edit that says such a sentence, or stops saying it, is collected from the last
// collect, the sentence flagged after the edit changed where need be; whatever the edit does, a
// warm analyser gives what a fresh one gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { claimKind } from '../../../../src/core/kinds/claim';
import { assertWarmEqualsFresh } from '../pooledEdits';

// Paragraphs whose sentences are flagged, some sharing a sentence word for word.
const SAID = 'Xiaomi sold 9.2 million phones in India in the third quarter, Reuters reported.';
const POOL = [
  `${SAID} Shares rose 4% on Monday.`,
  `Lei Jun said the company would open 100 stores by 2019. ${SAID}`,
  'Apple cut its forecast by $9 billion on January 2, 2019, according to the filing.',
  `Huawei shipped 200 million phones in 2018. ${SAID}`,
  'Samsung plans to invest $22 billion in chips over three years, the company said.',
  'The weather was nice.',
  `${SAID} Oppo opened 500 stores in Indonesia in 2018, the company said.`,
];
const EDITS = [' notably', ' 20%', ' in 2017', '', 'Oppo'];

afterEach(() => vi.restoreAllMocks());

describe('claims collected after an edit, with sentences said more than once', () => {
  it('equal claims collected afresh, and an edit after a sentence first said before it is taken (property)', () => {
    const collect = vi.spyOn(claimKind, 'collect');
    assertWarmEqualsFresh(POOL, EDITS, 0xc1a);
    // Not vacuous: edits that changed paragraphs were taken where the source says a sentence more than once.
    const taken = collect.mock.calls.filter(([ctx], i) => {
      const r = collect.mock.results[i]!;
      const changed = ctx.edit && (ctx.edit.removed.length > 0 || ctx.edit.prefix + ctx.edit.suffix < ctx.paragraphs.length);
      return changed && r.type === 'return' && r.value.fromEdit && r.value.repeats?.length;
    }).length;
    expect(taken).toBeGreaterThan(20);
    // Each list in text order, as every kind collects (the analyser merges them so).
    const inOrder = (list: readonly { start: number }[] = []) => list.every((f, i) => i === 0 || list[i - 1]!.start < f.start);
    for (const r of collect.mock.results) if (r.type === 'return') expect(inOrder(r.value.findings) && inOrder(r.value.repeats)).toBe(true);
  });
});
