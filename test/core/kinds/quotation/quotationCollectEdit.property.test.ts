// The quotation kind after an edit that changes the source's names (kinds/quotation, collectEdit):
// when the entity kind collected every name afresh, the quotations are still collected around the
// edit if the names outside it read as speakers as before (an added or dropped mention of an entity
// changes its count, not who speaks). Whatever the edit does, a warm analyser gives what a fresh one gives.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { quotationKind } from '../../../../src/core/kinds/quotation';
import { assertWarmEqualsFresh } from '../pooledEdits';

// Paragraphs that quote people and name them, some naming the same people as others.
const POOL = [
  '"We will open 100 stores in India this year," said Lei Jun, Xiaomi\'s chief executive.',
  'Lei Jun met investors in Beijing on Monday. He said the company "is not for sale".',
  'According to Tim Cook, Apple sold more phones in China than ever.',
  'Xiaomi and Apple both declined to comment further.',
  '"The market is slowing," Tim Cook told analysts. "We are not worried."',
  'Analysts at Canalys said shipments fell by 9 percent.',
  'The weather was nice in Beijing.',
  // A name at a sentence's start stands where the source also names it elsewhere: an edit there adds or drops this speaker.
  'Canalys said shipments would recover. "Demand is back," the firm said.',
  'Counterpoint expects growth. "It will be a strong year," Counterpoint said.',
];
const WORDS = [' Lei Jun', ' Apple', ' Beijing', ' notably', ''];

afterEach(() => vi.restoreAllMocks());

describe('quotations collected after an edit that changes the names', () => {
  it('equal quotations collected afresh, and some are taken where the names were resolved again (property)', () => {
    const collect = vi.spyOn(quotationKind, 'collect');
    assertWarmEqualsFresh(POOL, WORDS, 0x9e0);
    // Not vacuous: quotations taken from the last collect where the entity kind did not take the edit.
    const taken = collect.mock.calls.filter((call, i) => {
      const r = collect.mock.results[i]!;
      return call[0].edit && !call[0].tookEdit?.has('entity') && r.type === 'return' && r.value.fromEdit && r.value.findings.length;
    }).length;
    expect(taken).toBeGreaterThan(10);
  });
});
