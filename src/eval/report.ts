// Result shapes shared by the per-kind evaluations, and their plain-text rendering.
import type { GoldKind } from './gold';
import type { Prf, Span } from './metrics';

export interface ScoreRow {
  system: string;
  measure: string;
  prf?: Prf;
  /** A single figure (average precision). */
  value?: number;
}

export interface Sample {
  what: string;
  doc: string;
  context: string;
  detail?: string;
}

export interface Target {
  measure: string;
  actual: number;
  target: number;
}

export interface KindReport {
  set: string;
  kind: GoldKind;
  docs: number;
  /** One line on what was counted. */
  counted: string;
  rows: ScoreRow[];
  samples: Sample[];
  targets: Target[];
}

/** `…left [span] right…` on one line, for reading a sample. */
export function inContext(text: string, span: Span, width = 50): string {
  const flat = (s: string) => s.replace(/\s+/g, ' ');
  const left = flat(text.slice(Math.max(0, span.start - width), span.start));
  const right = flat(text.slice(span.end, span.end + width));
  return `…${left}[${flat(text.slice(span.start, span.end))}]${right}…`;
}

/** Up to `n` items spread evenly over the list, so a sample is not all from the first document. */
export function spread<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]);
}

const f3 = (x: number) => x.toFixed(3);

export function renderReport(r: KindReport): string {
  const lines: string[] = [];
  lines.push(`== ${r.set} (${r.kind}): ${r.docs} documents; ${r.counted}`);
  const header = ['system', 'measure', 'P', 'R', 'F1', 'tp', 'fp', 'fn'];
  const body = r.rows.map((row) =>
    row.prf
      ? [row.system, row.measure, f3(row.prf.precision), f3(row.prf.recall), f3(row.prf.f1), String(row.prf.tp), String(row.prf.fp), String(row.prf.fn)]
      : [row.system, row.measure, '', '', row.value !== undefined ? f3(row.value) : '', '', '', ''],
  );
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  lines.push(fmt(header), fmt(widths.map((w) => '-'.repeat(w))), ...body.map(fmt));
  for (const t of r.targets) {
    const met = t.actual >= t.target;
    lines.push(`target ${t.measure} >= ${t.target.toFixed(2)}: ${f3(t.actual)} ${met ? 'MET' : `MISSED by ${f3(t.target - t.actual)}`}`);
  }
  if (r.samples.length) {
    lines.push('samples (sourcemark):');
    for (const s of r.samples) lines.push(`  ${s.what.padEnd(14)} ${s.doc}: ${s.context}${s.detail ? `  (${s.detail})` : ''}`);
  }
  return lines.join('\n');
}
