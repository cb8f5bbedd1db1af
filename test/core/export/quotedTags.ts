// Tags placed by quote, the way the export and CLI fixtures describe them. Kept apart from the
// export fixtures so the CLI workspace (and its regeneration script) does not load the analyser.
import type { Evidence } from '../../../src/core/export/evidence';
import type { FindingKind, TagStatus } from '../../../src/core/model';
import type { Sidecar } from '../../../src/core/tags/annotation';
import { setTag } from '../../../src/core/tags/tagOperations';

export interface QuotedTag {
  kind: FindingKind;
  quote: string;
  /** Which occurrence of the quote (0-based), for a quote the text repeats. */
  occurrence?: number;
  status: TagStatus;
  note?: string;
  evidence?: Evidence[];
}

/** `sidecar` with each tag set on its quote's occurrence in `text`. */
export function tagQuotes(sidecar: Sidecar, text: string, tags: readonly QuotedTag[], now: Date, newId: () => string): Sidecar {
  for (const t of tags) {
    let start = -1;
    for (let i = 0; i <= (t.occurrence ?? 0); i++) start = text.indexOf(t.quote, start + 1);
    if (start < 0) throw new Error(`"${t.quote}" is not in the text`);
    sidecar = setTag(sidecar, {
      kind: t.kind, start, end: start + t.quote.length, status: t.status, sourceText: text, now,
      ...(t.note ? { note: t.note } : {}), ...(t.evidence ? { evidence: t.evidence } : {}),
    }, newId);
  }
  return sidecar;
}
