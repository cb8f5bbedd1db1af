// A long JSON object read a piece at a time: a 6 MB source's digest cache entry, parsed in one
// JSON.parse when a workspace reopened, held the server's main thread (and a hover) for 220 ms. A
// scan of its bytes finds the long lists of one object in it (the digest's claims, dates, …) and
// where their items part; the rest (the head) and each part are then parsed apart, a few ms each,
// and put back together into what one JSON.parse gives. The scan goes a slice at a time too.
//
// Only JSON's structure is read here: strings (with their escapes), brackets, commas. Bytes that
// are not JSON are left to JSON.parse of the head or a part to refuse: the head and the parts parse
// only where the whole does, and the scan refuses what would give another value (a key twice).
import { jsonText } from './asciiJson';

export interface ListParts {
  /** The bytes with each list found emptied (`"claims":[]`), every other byte as it was. */
  head: Buffer;
  /** Per list found: its key and where each of its parts lies in the bytes (items and their commas, no brackets). */
  lists: { key: string; parts: [start: number, end: number][] }[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

/**
 * Scans `bytes`, a JSON object, for the lists under `keys` in the object under `within` (at the top
 * level), each in parts of about `partBytes`. `step` scans a slice; `result` says what it found.
 */
export class JsonListScanner {
  private at = 0;
  private depth = 0;
  /** Depth inside the `within` object (2), once entered; 0 before, −1 after. */
  private withinDepth = 0;
  /** The last string read, as bytes [start, end); `keyed` once a colon followed it (a key). */
  private stringStart = -1;
  private stringEnd = -1;
  private keyed = false;
  /** How many times the `within` key came at the top level. */
  private withinKeys = 0;
  /** A list being parted: its key, where its items start, its parts so far. */
  private list: { key: string; open: number; partStart: number; parts: [number, number][] } | undefined;
  private readonly found: { key: string; open: number; close: number; parts: [number, number][] }[] = [];
  private readonly seen = new Set<string>();
  /** Why no parts can be made (a key twice, bytes out of JSON's structure): the whole is parsed as it is. */
  private refused = false;

  constructor(
    private readonly bytes: Buffer,
    private readonly within: string,
    private readonly keys: ReadonlySet<string>,
    private readonly partBytes: number,
  ) {}

  get done(): boolean {
    return this.refused || this.at >= this.bytes.length;
  }

  /** Scans about `sliceBytes` more; whether the scan is over. */
  step(sliceBytes: number): boolean {
    const b = this.bytes;
    const stop = Math.min(b.length, this.at + sliceBytes);
    let i = this.at;
    while (i < stop && !this.refused) {
      const c = b[i]!;
      if (c === QUOTE) {
        const end = stringEnd(b, i);
        if (end < 0) {
          this.refused = true;
          break;
        }
        // A key, if a colon follows.
        this.stringStart = i + 1;
        this.stringEnd = end;
        this.keyed = false;
        i = end + 1;
        continue;
      }
      if (c === COLON) {
        this.keyed = this.stringStart >= 0;
        if (this.keyed) this.onKey();
      } else if (c === OPEN_OBJECT || c === OPEN_LIST) {
        this.depth++;
        if (this.keyed && this.depth === 2 && c === OPEN_OBJECT && this.withinDepth === 0 && this.keyIs(this.within)) this.withinDepth = 2;
        else if (this.keyed && this.depth === 3 && c === OPEN_LIST && this.withinDepth === 2) this.openList(i);
        this.forgetKey();
      } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
        if (this.list && this.depth === 3) this.closeList(i);
        if (this.depth === this.withinDepth && c === CLOSE_OBJECT) this.withinDepth = -1;
        if (--this.depth < 0) this.refused = true;
        this.forgetKey();
      } else if (c === COMMA) {
        const list = this.list;
        if (list && this.depth === 3 && i - list.partStart >= this.partBytes) {
          // A part of nothing (`[ ,1]`) would parse as an empty list where the whole does not parse.
          if (!hasValue(b, list.partStart, i)) this.refused = true;
          list.parts.push([list.partStart, i]);
          list.partStart = i + 1;
        }
        this.forgetKey();
      } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
        // A number or a literal.
        this.forgetKey();
      }
      i++;
    }
    this.at = i;
    return this.done;
  }

  /** The lists found and the head, or undefined when there are none or the bytes are not such an object. */
  result(): ListParts | undefined {
    if (this.refused || this.depth !== 0 || !this.found.length) return undefined;
    const pieces: Buffer[] = [];
    let from = 0;
    for (const l of this.found) {
      pieces.push(this.bytes.subarray(from, l.open + 1));
      from = l.close;
    }
    pieces.push(this.bytes.subarray(from));
    return { head: Buffer.concat(pieces), lists: this.found.map(({ key, parts }) => ({ key, parts })) };
  }

  private forgetKey(): void {
    this.stringStart = -1;
    this.keyed = false;
  }

  private keyIs(name: string): boolean {
    return this.stringStart >= 0 && this.stringEnd - this.stringStart === name.length && this.bytes.toString('latin1', this.stringStart, this.stringEnd) === name;
  }

  /**
   * A key twice (the `within` one at the top, a list's in it), whatever its values: JSON.parse keeps
   * the last, which parts put back by key would not know.
   */
  private onKey(): void {
    if (this.depth === 1 && this.keyIs(this.within) && ++this.withinKeys > 1) this.refused = true;
    if (this.depth !== this.withinDepth) return;
    for (const key of this.keys) {
      if (!this.keyIs(key)) continue;
      if (this.seen.has(key)) this.refused = true;
      this.seen.add(key);
      return;
    }
  }

  private openList(at: number): void {
    for (const key of this.keys) {
      if (this.keyIs(key)) {
        this.list = { key, open: at, partStart: at + 1, parts: [] };
        return;
      }
    }
  }

  private closeList(at: number): void {
    const list = this.list!;
    this.list = undefined;
    const last = hasValue(this.bytes, list.partStart, at);
    // An empty list stays in the head; a last part of nothing (`[1,]`, which the whole refuses) is refused.
    if (!list.parts.length && !last) return;
    if (!last) this.refused = true;
    list.parts.push([list.partStart, at]);
    this.found.push({ key: list.key, open: list.open, close: at, parts: list.parts });
  }
}

/** Where the string opened at `quote` ends (its closing quote), or −1 when it does not. */
function stringEnd(b: Buffer, quote: number): number {
  let from = quote + 1;
  for (;;) {
    const end = b.indexOf(QUOTE, from);
    if (end < 0) return -1;
    // Escaped when an odd number of backslashes stand before it.
    let slashes = 0;
    while (b[end - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end;
    from = end + 1;
  }
}

function hasValue(b: Buffer, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return true;
  }
  return false;
}

/** Bytes scanned between two calls of `pause`. */
const STEP_BYTES = 64 * 1024;

/**
 * JSON.parse of `bytes` (their text as jsonText takes it), the lists under `keys` in the object
 * under `within` parsed in parts of about `partBytes`. `pause` is called between steps of the scan
 * and before each part; what it returns (a turn of the event loop, say) is awaited.
 */
export async function parseInParts(
  bytes: Buffer, within: string, keys: ReadonlySet<string>, partBytes: number,
  pause: () => Promise<void> | undefined,
): Promise<unknown> {
  const scanner = new JsonListScanner(bytes, within, keys, partBytes);
  while (!scanner.step(STEP_BYTES)) await pause();
  const found = scanner.result();
  if (!found) return JSON.parse(jsonText(bytes));
  const whole = JSON.parse(jsonText(found.head)) as Record<string, Record<string, unknown>>;
  // The scan entered it as an object, the only one of its key.
  const into = whole[within]!;
  for (const { key, parts } of found.lists) {
    const items: unknown[] = [];
    for (const [start, end] of parts) {
      await pause();
      // One by one: a part has more items than a call's arguments should hold.
      for (const item of JSON.parse(`[${jsonText(bytes.subarray(start, end))}]`) as unknown[]) items.push(item);
    }
    into[key] = items;
  }
  return whole;
}
