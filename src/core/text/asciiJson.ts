// The digest cache holds each source's digest as gzipped JSON, read back on the main thread when a
// workspace reopens. One curly quote or dash in a digest (64 % of the bench's generated ones have
// one) makes its whole text two bytes a character once decoded from UTF-8. Written with its few
// non-ASCII characters escaped, the JSON is ASCII: taken from the bytes as Latin-1 without decoding,
// one byte a character, and parsed faster (2,000 digests in a fresh process: 673 → 560 ms, the same
// heap after). Escaping costs the writer ~35 µs a digest. The string handed on is one byte a
// character too (a worker posts it, gzips it, and the main thread parses it: JSON.parse of the bench's
// digests 10 % faster), for ~12 µs a 33 KB digest.
import { isAscii } from 'node:buffer';

/** Over this many extra UTF-8 bytes per character (text in another script), escapes would cost more than they save. */
const MAX_EXTRA_BYTES = 0.04;
const NON_ASCII = /[\u0080-\uffff]/g;
const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** JSON.stringify, with each non-ASCII character escaped when there are few (each UTF-16 unit on its own: pairs come back whole). */
export function asciiJson(value: object): string {
  const json = JSON.stringify(value);
  const extra = Buffer.byteLength(json, 'utf8') - json.length;
  if (extra > json.length * MAX_EXTRA_BYTES) return json;
  // V8 keeps a string's width: the JSON of a text with one curly quote, or of slices of such a text, is
  // two bytes a character though ASCII once escaped. Copied through Latin-1 it is one: half the bytes
  // a worker posts and gzips, and a faster parse.
  return Buffer.from(extra === 0 ? json : json.replace(NON_ASCII, escaped), 'latin1').toString('latin1');
}

/** The text of JSON bytes: ASCII (as asciiJson writes it, or any) taken as Latin-1, without decoding; else UTF-8. */
export function jsonText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}
