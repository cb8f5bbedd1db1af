/** `/^\d+$/.test(w)` (ASCII digits), by char codes: the entity kind asks it of most words, where the expression cost more. */
export function isDigits(w: string): boolean {
  if (!w.length) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
