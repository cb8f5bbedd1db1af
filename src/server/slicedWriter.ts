// Writes the server's messages to a stream (stdio) as the protocol library's StreamMessageWriter
// does, except that a long message (a list of over SLICED_ITEMS items or a string of over
// LONG_STRING characters in it: a publish's diagnostics, the view's findings, an Outline's symbols,
// the timeline's Markdown) is turned into JSON a piece at a time, a turn of the event loop between
// pieces (slices.ts): the 50,000 diagnostics of a 1 MB source are 5–6 MB of JSON, which the library
// encodes in one go (~150–300 ms), and every answer waits behind it. The bytes are JSON.stringify's.
// While such a message is being encoded, answers to requests (a hover) go out ahead of it (and of
// what waits behind it); every other message keeps its order. A short message is encoded at once,
// as before: a few ms, and no answer overtakes anything.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { countSlice, SLICE_ITEMS, yieldToLoop } from './slices';
import { pairSafeEnd } from '../core/text/pairSafeEnd';
import { isSentAgain } from './sentAgain';

/** Items over which a publishDiagnostics is encoded in slices (2,000 diagnostics are about 200 KB of JSON, ~10 ms). */
export const SLICED_ITEMS = 2000;

const isResponse = (msg: Message) => 'id' in msg && !('method' in msg);

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Levels of a message looked through for what makes it long, and walked a value at a time when it is. */
const WALK_DEPTH = 6;
/** Values looked at, at most, to tell whether a message is long: one with more is. */
const LOOK_BUDGET = 20_000;
/** A string longer than this (UTF-16 units) makes a message long, and is encoded this many at a time. */
export const LONG_STRING = 64 * 1024;
/** Characters of JSON gathered before they become a piece and the event loop gets a turn. */
const PIECE_CHARS = 256 * 1024;

/** What JSON.stringify leaves out of an object and writes as null in an array. */
const omitted = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Plain data the walk can go into as JSON.stringify would: arrays and plain objects without toJSON; anything else is stringified whole. */
function walkable(v: object): boolean {
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(v)) return true;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

interface Limits {
  /** Items of a list over which it is long (its objects each encoded once, see encode). */
  over: number;
  /** Items of a long list between two turns of the event loop. */
  size: number;
  longString: number;
}

/**
 * Whether a message is long: a list of more than `over` items or a string of more than `longString`
 * within WALK_DEPTH levels (a publish's diagnostics, the view's findings: 18,000 for a 1 MB source,
 * 6 MB of JSON; an Outline's symbols; the timeline's Markdown), or more than LOOK_BUDGET values.
 */
function isLong(msg: Message, { over, longString }: Limits): boolean {
  let budget = LOOK_BUDGET;
  const look = (v: unknown, depth: number): boolean => {
    if (--budget < 0) return true;
    if (typeof v === 'string') return v.length > longString;
    if (typeof v !== 'object' || v === null || depth >= WALK_DEPTH || !walkable(v)) return false;
    if (Array.isArray(v)) {
      if (v.length > over) return true;
      for (const x of v) if (look(x, depth + 1)) return true;
      return false;
    }
    for (const k in v) if (look((v as Record<string, unknown>)[k], depth + 1)) return true;
    return false;
  };
  return look(msg, 0);
}

/** JSON gathered into pieces of bytes (a write each): text, and items' bytes as encode keeps them. */
class Pieces {
  readonly buffers: Buffer[] = [];
  /** The piece being gathered. */
  private parts: Buffer[] = [];
  private text = '';
  private since = 0;

  add(text: string): void {
    this.text += text;
  }

  addBytes(bytes: Buffer): void {
    if (this.text) this.parts.push(utf8(this.text));
    this.text = '';
    this.parts.push(bytes);
    this.since += bytes.length;
  }

  get full(): boolean {
    return this.text.length + this.since >= PIECE_CHARS;
  }

  cut(): void {
    if (this.text) this.parts.push(utf8(this.text));
    if (this.parts.length) this.buffers.push(this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts));
    this.parts = [];
    this.text = '';
    this.since = 0;
  }
}

/**
 * `v` as JSON.stringify writes it, into `p`, yielding where the event loop may have a turn: after
 * every `size` items of a long list, and whenever a piece is full. Below WALK_DEPTH, and for anything
 * not plain data, JSON.stringify itself.
 */
function* encodeValue(v: unknown, depth: number, p: Pieces, limits: Limits): Generator<void> {
  if (typeof v === 'string' && v.length > limits.longString) {
    yield* encodeLongString(v, p, limits.longString);
    return;
  }
  if (typeof v !== 'object' || v === null || depth >= WALK_DEPTH || !walkable(v)) {
    p.add(JSON.stringify(v) ?? 'null');
    if (p.full) {
      p.cut();
      yield;
    }
    return;
  }
  if (Array.isArray(v)) {
    p.add('[');
    if (v.length > limits.over) yield* encodeLongList(v, p, limits);
    else {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (i > 0) p.add(',');
        if (omitted(x)) p.add('null');
        else if (typeof x === 'object' && x !== null && (encoded.has(x) || isSentAgain(x))) p.addBytes(encode(x));
        else yield* encodeValue(x, depth + 1, p, limits);
        if (p.full) {
          p.cut();
          yield;
        }
      }
    }
    p.add(']');
    return;
  }
  p.add('{');
  let first = true;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (omitted(x)) continue;
    p.add(`${first ? '' : ','}${JSON.stringify(k)}:`);
    first = false;
    yield* encodeValue(x, depth + 1, p, limits);
  }
  p.add('}');
}

/**
 * A long list's items, `size` at a time: those sent again (see `encode`) copied as bytes, a long
 * string in chunks, and each run of the others in one JSON.stringify (an item of an array encodes
 * alike alone or in a slice of it; one call per item, each with its own buffer, was a third of the
 * main thread's CPU per keystroke in a 1 MB source once the editor's requests came too). A turn of
 * the event loop after each slice that held an object, and whenever a piece is full: a list of
 * numbers (semantic tokens) goes a piece at a time, not 250 numbers at a time.
 */
function* encodeLongList(v: readonly unknown[], p: Pieces, limits: Limits): Generator<void> {
  for (let from = 0; from < v.length; from += limits.size) {
    const to = Math.min(v.length, from + limits.size);
    let objects = false;
    let run = from;
    const together = (end: number) => {
      if (run >= end) return;
      if (run > 0) p.add(',');
      p.add(JSON.stringify(v.slice(run, end)).slice(1, -1));
    };
    for (let i = from; i < to; i++) {
      const x = v[i];
      const object = typeof x === 'object' && x !== null;
      objects ||= object;
      const kept = object && (encoded.has(x) || isSentAgain(x));
      if (!kept && !(typeof x === 'string' && x.length > limits.longString)) continue;
      together(i);
      run = i + 1;
      if (i > 0) p.addBytes(COMMA);
      if (kept) p.addBytes(encode(x));
      else yield* encodeLongString(x as string, p, limits.longString);
    }
    together(to);
    countSlice(to - from);
    if (to < v.length && (objects || p.full)) {
      p.cut();
      yield;
    }
  }
}

/** A long string as JSON.stringify writes it, a chunk at a time, never between the two halves of a pair (escaped apart, they would read back the same but not as the same bytes). */
function* encodeLongString(s: string, p: Pieces, chunk: number): Generator<void> {
  p.add('"');
  for (let at = 0; at < s.length;) {
    const end = pairSafeEnd(s, at, at + chunk);
    p.add(JSON.stringify(s.slice(at, end)).slice(1, -1));
    at = end;
    if (p.full) {
      p.cut();
      yield;
    }
  }
  p.add('"');
}

/**
 * The JSON in UTF-8 of each item its maker marks as sent again (sentAgain.ts), kept as long as the
 * item: the publisher hands the diagnostics that did not change since its last publish over as the
 * same objects (server/diagnostics.ts), so after an edit only the new ones are encoded; so do the
 * Outline and the view's findings. Items are never changed once sent. Kept as bytes, not strings:
 * joining a slice's strings and encoding the result (a rope, flattened then encoded) made a publish of
 * a 1 MB source's 3,625 diagnostics take 9–14 ms of the main thread; copying bytes, 3.5 ms.
 */
const encoded = new WeakMap<object, Buffer>();

const COMMA = Buffer.from(',');

function encode(item: unknown): Buffer {
  if (typeof item !== 'object' || item === null) return utf8(JSON.stringify(item) ?? 'null');
  let json = encoded.get(item);
  if (json === undefined) {
    json = utf8(JSON.stringify(item));
    encoded.set(item, json);
  }
  return json;
}

/** A long message's body in pieces, a turn of the event loop between them. */
async function slicedBody(msg: Message, limits: Limits): Promise<Buffer[]> {
  const p = new Pieces();
  for (const _ of encodeValue(msg, 0, p, limits)) await yieldToLoop();
  p.cut();
  return p.buffers;
}

export class SlicedStreamWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  /** Messages being encoded in slices now. */
  private slicing = 0;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly size = SLICE_ITEMS,
    private readonly over = SLICED_ITEMS,
    private readonly longString = LONG_STRING,
  ) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const limits: Limits = { over: this.over, size: this.size, longString: this.longString };
    const long = isLong(msg, limits);
    if (this.slicing > 0 && isResponse(msg) && !long) return this.send([utf8(JSON.stringify(msg))]);
    const done = this.queue.then(async () => {
      if (!long) return this.send([utf8(JSON.stringify(msg))]);
      this.slicing++;
      let pieces: Buffer[];
      try {
        pieces = await slicedBody(msg, limits);
      } finally {
        this.slicing--;
      }
      return this.send(pieces);
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /** Writes the header and the pieces in one go, so that no other message comes between them. */
  private send(buffers: Buffer[]): Promise<void> {
    const length = buffers.reduce((n, b) => n + b.byteLength, 0);
    return new Promise<void>((resolve, reject) => {
      this.out.write(`Content-Length: ${length}\r\n\r\n`, 'ascii');
      for (let i = 0; i < buffers.length; i++) {
        const last = i === buffers.length - 1;
        this.out.write(buffers[i]!, last ? (e?: Error | null) => (e ? (this.fireError(e), reject(e)) : resolve()) : undefined);
      }
    });
  }

  end(): void {
    this.out.end();
  }
}
