// Source text is untrusted: everything from it that reaches Markdown (hovers, Markdown reports) or
// HTML (reports, webviews) goes through one of these.

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Safe in HTML text and in quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => HTML[c]!);
}

/**
 * Safe inline Markdown (CommonMark/GFM, as VS Code hovers and Markdown reports render it), also
 * inside a table cell: no emphasis, link, image, code, raw HTML, list marker or cell break can
 * come from the text, and line breaks become spaces. Dashes and dots are left alone inside the
 * text, so dates and abbreviations stay readable in a raw Markdown report.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => `\\${c}`)
    // A list marker only counts at the start: "- x" or "1. x" placed at a line's start.
    .replace(/^(\s*)(-|\d+(?=[.)]))/, (_, space: string, marker: string) => (marker === '-' ? `${space}\\-` : `${space}${marker}\\`));
}

/** Only http(s) URLs become links; anything else (javascript:, data:, file:) stays text. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}
