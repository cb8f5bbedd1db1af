// Reads gold data in the shared evaluation format: one JSON object per line,
// {"id", "text", "spans": [{"start", "end", "label", "value"?}]} or {"id", "text", "label"}.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Span } from './metrics';

export interface GoldSpan extends Span {
  label: string;
  value?: string;
  mod?: string;
}

export interface GoldDoc {
  id: string;
  text: string;
  /** Span-level sets. */
  spans?: GoldSpan[];
  /** Sentence-level sets (e.g. `CFS` / `NCS`). */
  label?: string;
  /** Document creation time (YYYY-MM-DD), the reference for relative dates. */
  dct?: string;
}

export type GoldKind = 'entities' | 'dates' | 'claims' | 'hedges';

export interface GoldSet {
  name: string;
  kind: GoldKind;
  docs: GoldDoc[];
}

const ENTITY_LABELS = new Set(['PER', 'ORG', 'LOC', 'MISC']);
const TIMEX_LABELS = new Set(['DATE', 'TIME', 'DURATION', 'SET']);
const CLAIM_LABELS = new Set(['CFS', 'NCS']);

/** Parses the lines of a gold file; throws with the line number when one is not in the format. */
export function parseGold(jsonl: string): GoldDoc[] {
  const docs: GoldDoc[] = [];
  const lines = jsonl.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const where = `gold line ${i + 1}`;
    let raw: unknown;
    try {
      raw = JSON.parse(lines[i]);
    } catch (e) {
      throw new Error(`${where} is not JSON: ${(e as Error).message}`);
    }
    const o = raw as Record<string, unknown>;
    if (typeof o !== 'object' || o === null || typeof o.text !== 'string') throw new Error(`${where} has no "text" string`);
    const doc: GoldDoc = { id: String(o.id ?? `line-${i + 1}`), text: o.text };
    if (Array.isArray(o.spans)) {
      doc.spans = o.spans.map((s: Record<string, unknown>, j) => {
        const { start, end, label } = s;
        if (typeof start !== 'number' || typeof end !== 'number' || typeof label !== 'string' || start < 0 || end <= start || end > doc.text.length) {
          throw new Error(`${where}: span ${j} needs 0 <= start < end <= text length and a label`);
        }
        return {
          start, end, label,
          ...(typeof s.value === 'string' ? { value: s.value } : {}),
          ...(typeof s.mod === 'string' ? { mod: s.mod } : {}),
        };
      });
    } else if (typeof o.label === 'string') {
      doc.label = o.label;
    } else {
      throw new Error(`${where} has neither "spans" nor "label"`);
    }
    const dct = o.dct as { value?: unknown } | string | undefined;
    const dctValue = typeof dct === 'string' ? dct : typeof dct?.value === 'string' ? dct.value : undefined;
    if (dctValue && /^\d{4}-\d{2}-\d{2}/.test(dctValue)) doc.dct = dctValue.slice(0, 10);
    docs.push(doc);
  }
  return docs;
}

/** What a set measures, told by its labels. */
export function goldKind(docs: readonly GoldDoc[]): GoldKind {
  const labels = new Set<string>();
  for (const d of docs) {
    if (d.label) labels.add(d.label);
    for (const s of d.spans ?? []) labels.add(s.label);
  }
  const all = (set: Set<string>) => labels.size > 0 && [...labels].every((l) => set.has(l));
  if (all(ENTITY_LABELS)) return 'entities';
  if (all(TIMEX_LABELS)) return 'dates';
  if (all(CLAIM_LABELS)) return 'claims';
  if (all(new Set(['HEDGE']))) return 'hedges';
  throw new Error(`Cannot tell what this gold set measures from its labels: ${[...labels].slice(0, 8).join(', ')}`);
}

/** Reads `<dir>/gold.jsonl` (or a .jsonl file given directly). */
export function readGoldSet(location: string): GoldSet {
  const file = location.endsWith('.jsonl') ? location : path.join(location, 'gold.jsonl');
  const docs = parseGold(readFileSync(file, 'utf8'));
  const name = path.basename(location.endsWith('.jsonl') ? path.dirname(file) : location.replace(/[\\/]+$/, ''));
  return { name, kind: goldKind(docs), docs };
}
