// Statistics and plain-text tables for the benchmark's output.

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile (q in 0–1). */
export function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const MB = 1024 * 1024;

export function ms(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}

export function bytes(value: number): string {
  if (value >= MB) return `${(value / MB).toFixed(2)} MB`;
  return `${(value / 1024).toFixed(1)} KB`;
}

export function mbPerSecond(size: number, millis: number): string {
  return (size / MB / (millis / 1000)).toFixed(2);
}

export function int(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : 'n/a';
}

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/**
 * A table with a header rule. Columns whose header starts with '>' are right-aligned (the '>' is
 * not printed); the others are left-aligned.
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], indent = '  '): string {
  const right = headers.map((h) => h.startsWith('>'));
  const names = headers.map((h) => (h.startsWith('>') ? h.slice(1) : h));
  const widths = names.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    indent + cells.map((c, i) => (right[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(names), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
