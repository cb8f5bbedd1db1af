import { noteOf } from '../../../src/core/tags/noteThread';
import type { NoteComment } from '../../../src/core/tags/annotation';
import { Analyzer } from '../../../src/core/analyzer';
import type { ExportSource } from '../../../src/core/export/exportSource';
import { attachTags } from '../../../src/core/taggedFindings';
import type { Sidecar } from '../../../src/core/tags/annotation';
import { sha256Hex } from '../../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../../src/core/tags/sidecarFormat';
import { tagQuotes, type QuotedTag } from './quotedTags';

/** Emoji (astral, two UTF-16 units), CRLF, non-Latin script, quotes and markup in one text. */
export const TRICKY_TEXT =
  'Apple said on 3 March 2018 that sales rose 20% 📈 in China.\r\n' +
  'The company, according to Reuters, plans to open 50 stores in Beijing by 2019.\r\n\r\n' +
  '小米 CEO Lei Jun said the firm would "enter the US market" by end 2018 🚀, and <b>Xiaomi</b> said it again.\r\n' +
  'Apple said on 3 March 2018 that sales rose 20% 📈 in China.\r\n';

export const NOW = new Date('2020-02-02T10:00:00.000Z');

export function tagSidecar(text: string, tags: readonly QuotedTag[], name = 'a.txt'): Sidecar {
  let n = 0;
  return tagQuotes(emptySidecar(name, sha256Hex(text)), text, tags, NOW, () => `a_${String(++n).padStart(12, '0')}`);
}

export function exportSource(text: string, sidecar: Sidecar | undefined, path = 'a.txt'): ExportSource {
  const analysis = new Analyzer().analyze(text, { referenceDate: '2018-03-10' });
  const tagged = attachTags(text, analysis.findings, sidecar);
  return { path, iri: encodeURI(path), text, findings: tagged.findings, orphans: tagged.orphans };
}

export const TRICKY_TAGS: QuotedTag[] = [
  { kind: 'claim', quote: 'Apple said on 3 March 2018 that sales rose 20% 📈 in China.', occurrence: 1, status: 'verified', note: 'Second mention;\n"quoted"\tand tabbed \\ backslash', evidence: [{ kind: 'url', url: 'https://example.org/a?b=1&c=2' }] },
  // Spans a CRLF: brat needs two fragments.
  { kind: 'claim', quote: 'in China.\r\nThe company', status: 'speculative' },
  { kind: 'entity', quote: 'Lei Jun', status: 'verified', evidence: [{ kind: 'annotation', source: 'b.txt', annotationId: 'a_x', quote: 'Lei Jun, CEO' }] },
  { kind: 'date', quote: 'end 2018', status: 'contradicted', note: 'He said 2019 in the interview 🚀' },
  { kind: 'claim', quote: '"enter the US market"', status: 'verified' },
];

/** Tags as a round trip must give them back: no ids, timestamps or context, in text order. */
export function comparable(tags: readonly { kind: string; status: string; comments?: readonly NoteComment[]; target: { start: number; end: number; exact: string }; evidence?: readonly unknown[] }[]) {
  return tags.map((a) => ({ kind: a.kind, status: a.status, note: noteOf(a), start: a.target.start, end: a.target.end, exact: a.target.exact, evidence: a.evidence }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}
