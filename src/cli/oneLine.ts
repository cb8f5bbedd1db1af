import { cut } from '../core/text/shorten';

/** Text for one line of output: whitespace runs as one space, cut to `max` characters with an ellipsis. */
export function oneLine(text: string, max: number): string {
  return cut(text.replace(/\s+/g, ' ').trim(), max);
}
