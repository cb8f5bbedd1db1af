import { Analyzer } from '../../../src/core/analyzer';
import type { Evidence } from '../../../src/core/export/evidence';
import { withEvidence } from '../../../src/core/export/evidence';
import type { ExportSource } from '../../../src/core/export/exportSource';
import type { FindingKind, TagStatus } from '../../../src/core/model';
import { attachTags } from '../../../src/core/taggedFindings';
import type { Sidecar } from '../../../src/core/tags/annotation';
import { sha256Hex } from '../../../src/core/tags/quoteSelector';
import { emptySidecar } from '../../../src/core/tags/sidecarFormat';
import { findAnnotation, setTag } from '../../../src/core/tags/tagOperations';

/** Emoji (astral, two UTF-16 units), CRLF, non-Latin script, quotes and markup in one text. */
export const TRICKY_TEXT =
  'Apple said on 3 March 2018 that sales rose 20% 📈 in China.\r\n' +
  'The company, according to Reuters, plans to open 50 stores in Beijing by 2019.\r\n\r\n' +
  '小米 CEO Lei Jun said the firm would "enter the US market" by end 2018 🚀, and <b>Xiaomi</b> said it again.\r\n' +
  'Apple said on 3 March 2018 that sales rose 20% 📈 in China.\r\n';

export interface TagInput {
  kind: FindingKind;
  quote: string;
  occurrence?: number;
  status: TagStatus;
  note?: string;
  evidence?: Evidence[];
}

export const NOW = new Date('2020-02-02T10:00:00.000Z');

export function tagSidecar(text: string, tags: readonly TagInput[], name = 'a.txt'): Sidecar {
  let n = 0;
  let sidecar = emptySidecar(name, sha256Hex(text));
  for (const t of tags) {
    let start = -1;
    for (let i = 0; i <= (t.occurrence ?? 0); i++) start = text.indexOf(t.quote, start + 1);
    if (start < 0) throw new Error(`"${t.quote}" is not in the text`);
    const end = start + t.quote.length;
    sidecar = setTag(sidecar, { kind: t.kind, start, end, status: t.status, sourceText: text, now: NOW, ...(t.note ? { note: t.note } : {}) }, () => `a_${String(++n).padStart(12, '0')}`);
    if (t.evidence) {
      const a = findAnnotation(sidecar, t.kind, start, end)!;
      sidecar = { ...sidecar, annotations: sidecar.annotations.map((x) => (x === a ? withEvidence(a, t.evidence!) : x)) };
    }
  }
  return sidecar;
}

export function exportSource(text: string, sidecar: Sidecar | undefined, path = 'a.txt'): ExportSource {
  const analysis = new Analyzer().analyze(text, { referenceDate: '2018-03-10' });
  const tagged = attachTags(text, analysis.findings, sidecar);
  return { path, iri: encodeURI(path), text, findings: tagged.findings, orphans: tagged.orphans };
}

export const TRICKY_TAGS: TagInput[] = [
  { kind: 'claim', quote: 'Apple said on 3 March 2018 that sales rose 20% 📈 in China.', occurrence: 1, status: 'verified', note: 'Second mention;\n"quoted"\tand tabbed \\ backslash', evidence: [{ kind: 'url', url: 'https://example.org/a?b=1&c=2' }] },
  // Spans a CRLF: brat needs two fragments.
  { kind: 'claim', quote: 'in China.\r\nThe company', status: 'speculative' },
  { kind: 'entity', quote: 'Lei Jun', status: 'verified', evidence: [{ kind: 'annotation', source: 'b.txt', annotationId: 'a_x', quote: 'Lei Jun, CEO' }] },
  { kind: 'date', quote: 'end 2018', status: 'contradicted', note: 'He said 2019 in the interview 🚀' },
  { kind: 'claim', quote: '"enter the US market"', status: 'verified' },
];
