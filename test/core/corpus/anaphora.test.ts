import { describe, expect, it } from 'vitest';
import { findAnaphors, isCompanyName, resolveAnaphors, type MentionSpan } from '../../../src/core/corpus/anaphora';
import type { EntityType } from '../../../src/core/model';

/** Mentions of `names` (name → type/key) wherever they occur in `text`, sorted. */
function mentions(text: string, names: Record<string, [EntityType, string]>): MentionSpan[] {
  const out: MentionSpan[] = [];
  for (const [name, [type, key]] of Object.entries(names)) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) out.push({ start: at, end: at + name.length, type, key });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The keys resolved for the sentence of `text` that starts with `sentence`. */
function resolve(text: string, sentence: string, names: Record<string, [EntityType, string]>): string[] {
  const start = text.indexOf(sentence);
  const end = text.indexOf('.', start) + 1;
  const ms = mentions(text, names);
  const own = new Set(ms.filter((m) => m.start >= start && m.end <= end).map((m) => m.key));
  return resolveAnaphors(text, start, end, ms, own);
}

describe('anaphora', () => {
  it('finds nominal and pronominal anaphors, not expletive "it"', () => {
    const kinds = (t: string) => findAnaphors(t).map((a) => [t.slice(a.start, a.end), a.types.join()]);
    expect(kinds('The company said its shares rose. She left the market.')).toEqual([
      ['The company', 'organisation'], ['its', 'organisation'], ['She', 'person'], ['the market', 'place'],
    ]);
    expect(kinds("It is believed that prices rose. It's likely.")).toEqual([]);
  });

  it('resolves "the airline" to the subject of the closest sentence naming a company, not its object', () => {
    const text = 'Skyline Airways ordered jets from Valmont Aviation. The airline also plans new routes.';
    const names: Record<string, [EntityType, string]> = { 'Skyline Airways': ['organisation', 'skyline airways'], 'Valmont Aviation': ['place', 'valmont aviation'] };
    expect(resolve(text, 'The airline', names)).toEqual(['skyline airways']);
  });

  it('takes a company name typed as a person for "it", but "she" only for people', () => {
    const text = 'Kestrel Semiconductor reported results. Its revenue grew. Maria Lind runs it. She said so.';
    const names: Record<string, [EntityType, string]> = { 'Kestrel Semiconductor': ['person', 'kestrel semiconductor'], 'Maria Lind': ['person', 'maria lind'] };
    expect(isCompanyName('kestrel semiconductor')).toBe(true);
    expect(isCompanyName('maria lind')).toBe(false);
    expect(resolve(text, 'Its revenue', names)).toEqual(['kestrel semiconductor']);
    expect(resolve(text, 'She said', names)).toEqual(['maria lind']);
  });

  it('"the market" after "the US market" names the place; a named anaphor ("the Valencia region") resolves nothing', () => {
    const text = 'Xiaomi plans to enter the United States. It says the market is large. Floods hit the Valencia region.';
    const names: Record<string, [EntityType, string]> = { Xiaomi: ['organisation', 'xiaomi'], 'United States': ['place', 'united states'], Valencia: ['place', 'valencia'] };
    expect(resolve(text, 'It says', names)).toEqual(['united states', 'xiaomi']);
    expect(resolve(text, 'Floods hit', names)).toEqual([]);
  });

  it('looks no further back than 1,500 characters, and leaves out what the claim names itself', () => {
    const far = `Orion Micro grew. ${'Nothing here. '.repeat(120)}The company said so.`;
    expect(resolve(far, 'The company', { 'Orion Micro': ['organisation', 'orion micro'] })).toEqual([]);
    const own = 'Orion Micro said the company grew.';
    expect(resolve(own, 'Orion Micro', { 'Orion Micro': ['organisation', 'orion micro'] })).toEqual([]);
  });
});
