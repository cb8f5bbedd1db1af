// Values for the digest cache's tests.

/** A value that gzips to about `bytes`: random digits do not compress much. */
export function valueOf(seed: number, bytes: number): { text: string } {
  let x = seed;
  let text = '';
  while (text.length < bytes * 2.2) {
    x = (x * 1103515245 + 12345) % 2147483648;
    text += String(x);
  }
  return { text };
}
