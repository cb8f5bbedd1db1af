import { describe, expect, it } from 'vitest';
import { bratAnnotationConf, parseBrat, toBrat } from '../../../src/core/export/brat';
import { mergeImported } from '../../../src/core/export/mergeImported';
import { emptySidecar, parseSidecar, serializeSidecar } from '../../../src/core/tags/sidecarFormat';
import { comparable, exportSource, NOW, tagSidecar, TRICKY_TAGS, TRICKY_TEXT } from './exportFixtures';

describe('brat standoff export', () => {
  const sidecar = tagSidecar(TRICKY_TEXT, TRICKY_TAGS);
  const source = exportSource(TRICKY_TEXT, sidecar);

  it('writes T lines whose code point offsets select their text, fragments across line breaks', () => {
    const { ann } = toBrat(source, { scope: 'all' });
    const chars = Array.from(TRICKY_TEXT);
    const tLines = ann.split('\n').filter((l) => l.startsWith('T'));
    expect(tLines.length).toBe(source.findings.length);
    for (const line of tLines) {
      const [, middle, text] = line.split('\t');
      const spans = middle!.split(' ').slice(1).join(' ').split(';').map((s) => s.split(' ').map(Number));
      expect(spans.map(([s, e]) => chars.slice(s, e).join('')).join(' ')).toBe(text);
      expect(text).not.toMatch(/[\r\n]/);
    }
    expect(ann).toMatch(/^T\d+\tClaim \d+ \d+;\d+ \d+\tin China\. The company$/m);
    expect(ann).toMatch(/^A\d+\tStatus T\d+ speculative$/m);
    expect(ann).toMatch(/^#\d+\tAnnotatorNotes T\d+\tSecond mention;\\n"quoted"\\tand tabbed \\\\ backslash$/m);
    expect(ann).toMatch(/^T\d+\tPerson \d+ \d+\tLei Jun$/m);
  });

  it('round-trips through our importer with nothing lost: kind, span, status, note, evidence', () => {
    const { ann } = toBrat(source, { scope: 'all' });
    const parsed = parseBrat(ann, TRICKY_TEXT);
    expect(parsed.problems).toEqual([]);
    expect(parsed.tags).toHaveLength(TRICKY_TAGS.length);
    const merged = mergeImported(emptySidecar('a.txt', 'x'.repeat(64)), TRICKY_TEXT, parsed.tags, { now: NOW });
    expect(comparable(merged.sidecar.annotations)).toEqual(comparable(sidecar.annotations));
  });

  it('counts a BOM when the .txt brat reads has one', () => {
    const plain = toBrat(source, { scope: 'tagged' }).ann;
    const shifted = toBrat(source, { scope: 'tagged', offsetShift: 1 }).ann;
    const first = (ann: string) => Number(/^T1\t\S+ (\d+)/m.exec(ann)![1]);
    expect(first(shifted)).toBe(first(plain) + 1);
    expect(parseBrat(shifted, TRICKY_TEXT, { offsetShift: 1 }).tags).toHaveLength(TRICKY_TAGS.length);
  });

  it('catches an .ann that belongs to another version of the text', () => {
    const { ann } = toBrat(source, { scope: 'tagged' });
    const edited = `Breaking: ${TRICKY_TEXT}`;
    const parsed = parseBrat(ann, edited);
    expect(parsed.tags).toEqual([]);
    expect(parsed.problems[0]!.reason).toMatch(/another version/);
  });

  it('reports evidence the sidecar schema would refuse and imports the tag without it', () => {
    const text = 'Beta said two.';
    const ann = [
      'T1\tClaim 0 14\tBeta said two.',
      'A1\tStatus T1 verified',
      '#1\tSourcemarkEvidence T1\t{"kind":"bogus"}',
      '#2\tSourcemarkEvidence T1\t{"kind":"annotation","source":"b.txt","annotationId":"","quote":"q"}',
      '#3\tSourcemarkEvidence T1\t{"kind":"url","url":"https://a.example"}',
    ].join('\n');
    const parsed = parseBrat(ann, text);
    expect(parsed.problems.map((p) => p.line)).toEqual([3, 4]);
    expect(parsed.problems[0]!.reason).toMatch(/SourcemarkEvidence is not an evidence item/);
    expect(parsed.tags).toHaveLength(1);
    expect(parsed.tags[0]!.evidence).toEqual([{ kind: 'url', url: 'https://a.example' }]);
    // What the import writes must be a sidecar Sourcemark reads back.
    const merged = mergeImported(emptySidecar('a.txt', 'x'.repeat(64)), text, parsed.tags, { now: NOW });
    expect(parseSidecar(serializeSidecar(merged.sidecar)).ok).toBe(true);
  });

  it('leaves orphans out and says so; declares its types and the Status attribute', () => {
    const orphaned = tagSidecar(`${TRICKY_TEXT}Gone.`, [{ kind: 'claim', quote: 'Gone.', status: 'verified' }]);
    const out = toBrat(exportSource(TRICKY_TEXT, orphaned), { scope: 'tagged' });
    expect(out).toEqual({ ann: '', orphansLeftOut: 1 });
    expect(bratAnnotationConf()).toMatch(/^Status\tArg:<ENTITY>, Value:verified\|speculative\|contradicted$/m);
    expect(bratAnnotationConf()).toMatch(/^\[entities\]\nClaim\nDate\nEntity\nQuotation\nPerson/m);
  });
});
