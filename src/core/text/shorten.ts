/** `text` cut to at most `max` characters, the last of them an ellipsis when it was longer. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Text for one line of output: whitespace runs as one space, trimmed, cut to `max` characters. */
export function oneLine(text: string, max: number): string {
  return cut(text.replace(/\s+/g, ' ').trim(), max);
}

/** `text` cut to at most `max` characters from its start, keeping the end (a path's file name). */
export function cutStart(text: string, max: number): string {
  return text.length > max ? `…${text.slice(text.length - max + 1)}` : text;
}
