import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../../src/core/analyzer';
import { CorpusIndex, digestSource, type Span } from '../../../src/core/corpus';
import { analyzeSource } from '../../../src/core/sourceAnalysis';

// A BOM, CRLF and lone CR line ends, an emoji and non-Latin text before the findings: lines and
// characters come from the digest's line starts, in UTF-16 code units, as the editor counts them.
const TEXT = '\ufeffXiaomi 😀 will enter the US market in 2019, Lei Jun said on Monday.\r\n\r\n'
  + 'Пример. Apple sold 300 million iPhones in 2018, Tim Cook, Apple\'s chief executive, said.\r'
  + '"We will not rush," said Tim Cook.\n';

describe('digestSource', () => {
  const analyzer = new Analyzer();
  const digest = digestSource(TEXT, analyzeSource(analyzer, TEXT, undefined, { referenceDate: '2018-03-10' }));
  const corpus = new CorpusIndex();
  corpus.upsert('file:///a.txt', digest);
  const doc = TextDocument.create('file:///a.txt', 'plaintext', 1, TEXT);
  const spans: [string, Span][] = [
    ...digest.claims.flatMap((c): [string, Span][] => [[c.text, c], ...c.dates.map((d): [string, Span] => [d.text, d]), ...c.figures.map((f): [string, Span] => [f.text, f])]),
    ...digest.entities.flatMap((e): [string, Span][] => [[e.text, e], ...(e.role ? [[e.role.phrase, e.role] as [string, Span]] : [])]),
    ...digest.dates.map((d): [string, Span] => [d.text, d]),
    ...digest.quotations.flatMap((q): [string, Span][] => (q.speaker ? [[q.speaker.text, q.speaker]] : [])),
  ];

  it('gives every item its place: each kind found on every line, the text at its offsets', () => {
    expect(digest.lines).toEqual([0, TEXT.indexOf('\r\n\r\n') + 2, TEXT.indexOf('\r\n\r\n') + 4, TEXT.indexOf('\r"') + 1, TEXT.length]);
    for (const kind of [digest.claims, digest.entities, digest.dates, digest.quotations]) expect(kind.length).toBeGreaterThan(0);
    expect(spans.some(([, s]) => s.start > TEXT.indexOf('\r"'))).toBe(true);
    for (const [text, s] of spans) expect(TEXT.slice(s.start, s.end).startsWith(text.slice(0, 20)), text).toBe(true);
  });

  it('ranges of its items are the editor\'s positions of their offsets (UTF-16, CRLF, lone CR, BOM)', () => {
    for (const [text, s] of spans) {
      expect(corpus.rangeOf('file:///a.txt', s), text).toEqual({ start: doc.positionAt(s.start), end: doc.positionAt(s.end) });
    }
  });
});
