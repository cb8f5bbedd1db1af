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
    .replace(/^(\s*)(-|\d+(?=[.)]))/, (_, space: string, marker: string) => (marker === '-' ? `${space}\\-` : `${space}${marker}\\`))
    // Renderers turn bare URLs, domains and e-mail addresses into links (GFM autolinks, linkify):
    // in a word that looks like one, every dot, colon and @ is escaped (each link needs one), so it stays text.
    .replace(/\S+/g, (word) => (LINK_LIKE.test(word) ? word.replace(/[.:@]/g, (c) => `\\${c}`) : word));
}

/** A scheme's "://", "www.", an @, or a dot between a letter or digit and two letters (a domain, not "U.S." or "2.5"). */
const LINK_LIKE = /:\/\/|^www\.|@|[A-Za-z0-9-]\.[A-Za-z]{2}/i;

/** Only http(s) URLs become links; anything else (javascript:, data:, file:) stays text. */
export function isWebUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * What a terminal must not get raw from a source, a sidecar or a file name: C0 controls but tab and
 * line feed (ESC starts sequences that set the title, write the clipboard, move the cursor; a lone
 * CR overwrites a line), DEL, C1 controls, and the marks that reorder or hide text (bidi
 * embeddings, overrides and isolates, LRM, RLM, ALM) or break a line (U+2028, U+2029).
 */
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same in JSON text, where JSON.stringify has escaped C0 inside strings but leaves the rest raw; line feeds there are layout. */
const JSON_UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string, width: number) => c.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');

/** Text safe to print to a terminal: each unsafe character shown as `\xHH` or `\uHHHH`, so it can be seen but does nothing. */
export function escapeTerminal(s: string): string {
  return s.replace(TERMINAL_UNSAFE, (c) => (c.charCodeAt(0) <= 0xff ? `\\x${hex(c, 2)}` : `\\u${hex(c, 4)}`));
}

/** JSON text safe to print: the same characters as `\uHHHH` escapes, which leaves the data it holds unchanged. */
export function escapeJsonText(json: string): string {
  return json.replace(JSON_UNSAFE, (c) => `\\u${hex(c, 4)}`);
}
