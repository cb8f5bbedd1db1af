import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../schemas/web-annotation-export.schema.json';
import { CodePointIndex } from '../../../src/core/export/codePoints';
import { mergeImported } from '../../../src/core/export/mergeImported';
import { toW3c } from '../../../src/core/export/w3c';
import { parseW3c, placeW3cEntry } from '../../../src/core/export/w3cImport';
import { emptySidecar } from '../../../src/core/tags/sidecarFormat';
import { comparable, exportSource, NOW, tagSidecar, TRICKY_TAGS, TRICKY_TEXT } from './exportFixtures';

const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

describe('W3C Web Annotation export', () => {
  const sidecar = tagSidecar(TRICKY_TEXT, TRICKY_TAGS);
  const source = exportSource(TRICKY_TEXT, sidecar, 'folder/a b.txt');

  it('matches the Web Annotation JSON shape (schema for the subset we emit), tagged and all findings', () => {
    for (const scope of ['tagged', 'all'] as const) {
      const doc = JSON.parse(JSON.stringify(toW3c([source], { scope })));
      expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
      expect(doc.total).toBe(doc.first.items.length);
    }
  });

  it('the schema rejects what the model forbids', () => {
    const doc = JSON.parse(JSON.stringify(toW3c([source], { scope: 'tagged' })));
    const bad = structuredClone(doc);
    bad.first.items[0].target.selector = [{ type: 'TextPositionSelector', start: 0, end: 1 }];
    expect(validate(bad)).toBe(false);
    const bad2 = structuredClone(doc);
    bad2.first.items[0].target.selector[1].start = -1;
    expect(validate(bad2)).toBe(false);
  });

  it('gives each tag a quote and code point positions that select the same text', () => {
    const doc = toW3c([source], { scope: 'tagged' });
    const chars = Array.from(TRICKY_TEXT);
    expect(doc.first.items).toHaveLength(TRICKY_TAGS.length);
    for (const item of doc.first.items) {
      const [quote, position] = item.target.selector as unknown as [{ exact: string; prefix: string; suffix: string }, { start: number; end: number }];
      expect(chars.slice(position.start, position.end).join('')).toBe(quote.exact);
      expect(TRICKY_TEXT).toContain(`${quote.prefix}${quote.exact}${quote.suffix}`);
      expect(item.target.source).toBe('folder/a%20b.txt');
      expect(item.motivation).toBe('assessing');
    }
    const tagged = doc.first.items.find((i) => i.body.some((b) => b.value === 'He said 2019 in the interview 🚀'))!;
    expect(tagged.body).toEqual(expect.arrayContaining([
      { type: 'TextualBody', purpose: 'classifying', value: 'date', format: 'text/plain' },
      { type: 'TextualBody', purpose: 'tagging', value: 'contradicted', format: 'text/plain' },
    ]));
  });

  it('round-trips through its own importer with nothing lost', () => {
    const doc = JSON.parse(JSON.stringify(toW3c([source], { scope: 'all' })));
    const parsed = parseW3c(doc);
    // Untagged findings carry no status and are skipped, with a reason.
    expect(parsed.skipped.every((s) => /no tagging body/.test(s.reason))).toBe(true);
    const index = new CodePointIndex(TRICKY_TEXT);
    const tags = parsed.entries.map((e) => placeW3cEntry(TRICKY_TEXT, index, e)!);
    const merged = mergeImported(emptySidecar('a.txt', 'x'.repeat(64)), TRICKY_TEXT, tags, { now: NOW });
    expect(merged.outcomes.map((o) => o.result)).toEqual(TRICKY_TAGS.map(() => 'added'));
    expect(comparable(merged.sidecar.annotations)).toEqual(comparable(sidecar.annotations));
  });

  it('keeps orphaned tags, with their quote only', () => {
    const orphanSidecar = tagSidecar(`${TRICKY_TEXT}Gone sentence.`, [{ kind: 'claim', quote: 'Gone sentence.', status: 'verified' }]);
    const doc = toW3c([exportSource(TRICKY_TEXT, orphanSidecar)], { scope: 'tagged' });
    expect(doc.first.items).toHaveLength(1);
    expect(doc.first.items[0]!.target.selector).toEqual([{ type: 'TextQuoteSelector', exact: 'Gone sentence.', prefix: expect.any(String), suffix: '' }]);
    expect(validate(JSON.parse(JSON.stringify(doc)))).toBe(true);
  });

  it('leaves out a linking body that quotes a tag without naming its id', () => {
    const parsed = parseW3c({
      id: 'urn:x:2', type: 'Annotation',
      body: [
        { type: 'TextualBody', purpose: 'tagging', value: 'verified' },
        { type: 'SpecificResource', purpose: 'linking', source: 'b.txt', selector: { type: 'TextQuoteSelector', exact: 'Lei Jun, CEO' } },
        { type: 'SpecificResource', purpose: 'linking', source: 'b.txt', identifier: 'a_x', selector: { type: 'TextQuoteSelector', exact: 'Lei Jun, CEO' } },
        '',
      ],
      target: { source: 'a.txt', selector: { type: 'TextQuoteSelector', exact: 'Lei Jun' } },
    });
    expect(parsed.skipped).toEqual([]);
    expect(parsed.entries[0]!.tag.evidence).toEqual([{ kind: 'annotation', source: 'b.txt', annotationId: 'a_x', quote: 'Lei Jun, CEO' }]);
  });

  it('reads annotations from other tools: a single annotation, body as object, position only', () => {
    const start = Array.from(TRICKY_TEXT).join('').indexOf('Lei Jun');
    const parsed = parseW3c({
      '@context': 'http://www.w3.org/ns/anno.jsonld', id: 'urn:x:1', type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Verified' }, { type: 'TextualBody', value: 'checked by phone' }],
      target: { source: 'a.txt', selector: { type: 'TextPositionSelector', start: Array.from(TRICKY_TEXT.slice(0, start)).length, end: Array.from(TRICKY_TEXT.slice(0, start)).length + 7 } },
    });
    expect(parsed.skipped).toEqual([]);
    const tag = placeW3cEntry(TRICKY_TEXT, new CodePointIndex(TRICKY_TEXT), parsed.entries[0]!)!;
    expect(tag).toMatchObject({ kind: 'claim', status: 'verified', note: 'checked by phone', exact: 'Lei Jun', start, end: start + 7 });
  });
});
