/**
 * A table of words looked up with words read from a source. An object literal inherits
 * Object.prototype: `table.constructor` is a function and `'constructor' in table` is true, so a claim
 * with the word "constructor" in it made the digest throw (a number word that was a function) and
 * `check` call the source unreadable. A table made here has no prototype and cannot be changed.
 */
export function wordTable<V>(entries: Record<string, V>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}
