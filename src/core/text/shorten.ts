/** `text` cut to at most `max` characters, the last of them an ellipsis when it was longer. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const SPACE = /\s/;

/** Whether the character at `i` is whitespace as `\s` reads it; the regular expression only past ASCII. */
export function isSpaceAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : SPACE.test(text[i]!);
}

/**
 * Text for one line of output: whitespace runs as one space, trimmed, cut to `max` characters.
 * Reads only as far as the cut: a short quote of a 1 MB claim must not cost the whole claim. Words
 * are copied whole, not a character at a time through a regular expression (~6 % of a 1 MB digest's
 * profile, which quotes every claim).
 */
export function oneLine(text: string, max: number): string {
  if (text.length <= max && isOneLine(text)) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    let from = i;
    while (from < n && isSpaceAt(text, from)) from++;
    if (from >= n) break;
    if (from > i && out.length > 0) out += ' ';
    // No further than one character past the cut.
    const stop = Math.min(n, from + max + 2 - out.length);
    let to = from + 1;
    while (to < stop && !isSpaceAt(text, to)) to++;
    out += text.slice(from, to);
    if (out.length > max) return `${out.slice(0, max - 1)}…`;
    i = to;
  }
  return out;
}

/**
 * Whether `text` is one line already: words apart by one plain space, none at either end. A claim's
 * sentence mostly is, and copying it word by word was ~18 % of what a digest allocates.
 */
function isOneLine(text: string): boolean {
  let space = true;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      if (space) return false;
      space = true;
    } else if ((c < 128 && c >= 9 && c <= 13) || (c >= 128 && isSpaceAt(text, i))) return false;
    else space = false;
  }
  return !space || text.length === 0;
}

/** `text` cut to at most `max` characters from its start, keeping the end (a path's file name). */
export function cutStart(text: string, max: number): string {
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}

/**
 * The first words of `text` on one line, at most `max` characters, cut after a whole word (with an
 * ellipsis) rather than inside one: "Xiaomi plans to enter the US market…".
 */
export function firstWords(text: string, max: number): string {
  // One character more tells whether the text fits (a text that itself ends in "…" is not cut) and
  // whether the cut falls just after a whole word.
  const longer = oneLine(text, max + 1);
  if (longer.length <= max) return longer;
  // oneLine(text, max), without reading the text again: the same words, cut one character sooner.
  const body = longer.slice(0, max - 1);
  const line = `${body}…`;
  const space = longer[max - 1] === ' ' ? body.length : body.lastIndexOf(' ');
  // One very long word: keep the plain cut.
  if (space < max / 3) return line;
  return `${body.slice(0, space).replace(/[\s,;:–—-]+$/u, '')}…`;
}
