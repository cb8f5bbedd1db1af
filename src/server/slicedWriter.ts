// Writes the server's messages to a stream (stdio) as the protocol library's StreamMessageWriter
// does, except that a message with long lists (a publish's diagnostics, the view's findings, an
// Outline's symbols) is turned into JSON a slice of items at a time (slices.ts): the 50,000
// diagnostics of a 1 MB source are 5–6 MB of JSON, which the library encodes in one go (~150–300
// ms), and every answer waits behind it. While such a message is being
// encoded, answers to requests (a hover) go out ahead of it (and of what waits behind it); every
// other message keeps its order. Below SLICED_ITEMS items a message is encoded at once, as before:
// a few ms, and no answer overtakes anything.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { countSlice, SLICE_ITEMS, yieldToLoop } from './slices';

/** Items over which a publishDiagnostics is encoded in slices (2,000 diagnostics are about 200 KB of JSON, ~10 ms). */
export const SLICED_ITEMS = 2000;

const isResponse = (msg: Message) => 'id' in msg && !('method' in msg);

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** Levels under a message's params or result searched for long lists (an Outline's groups' children are at the third). */
const LIST_DEPTH = 3;

/**
 * The message with each list of more than `over` items in its params or result (a publish's
 * diagnostics, the view's findings: 18,000 for a 1 MB source, 6 MB of JSON; an Outline's symbols)
 * replaced by a marker string, and those lists in the order JSON.stringify meets them; undefined
 * when it has none. Only what leads to a list is copied.
 */
function withoutLongLists(msg: Message, over: number): { shell: Message; lists: unknown[][]; marker: string } | undefined {
  const lists: unknown[][] = [];
  const marker = `\u0000sourcemark:items:${Math.random()}:`;
  const strip = (v: unknown, depth: number): unknown => {
    if (Array.isArray(v) && v.length > over) {
      lists.push(v);
      return `${marker}${lists.length - 1}`;
    }
    if (depth >= LIST_DEPTH || typeof v !== 'object' || v === null || (!Array.isArray(v) && Object.getPrototypeOf(v) !== Object.prototype)) return v;
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        const c = strip(v[i], depth + 1);
        if (c !== v[i]) (out ??= v.slice())[i] = c;
      }
      return out ?? v;
    }
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      const c = strip(x, depth + 1);
      if (c !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = c;
    }
    return out ?? v;
  };
  const m = msg as unknown as Record<string, unknown>;
  const params = 'params' in m ? strip(m.params, 0) : undefined;
  const result = 'result' in m ? strip(m.result, 0) : undefined;
  if (!lists.length) return undefined;
  const shell = { ...m, ...('params' in m ? { params } : {}), ...('result' in m ? { result } : {}) } as unknown as Message;
  return { shell, lists, marker };
}

/**
 * Each item's JSON in UTF-8, kept as long as the item: the publisher hands the diagnostics that did
 * not change since its last publish over as the same objects (server/diagnostics.ts), so after an
 * edit only the new ones are encoded. Items are never changed once sent. Kept as bytes, not strings:
 * joining a slice's strings and encoding the result (a rope, flattened then encoded) made a publish of
 * a 1 MB source's 3,625 diagnostics take 9–14 ms of the main thread; copying bytes, 3.5 ms.
 */
const encoded = new WeakMap<object, Buffer>();

function encode(item: unknown): Buffer {
  if (typeof item !== 'object' || item === null) return utf8(JSON.stringify(item) ?? 'null');
  let json = encoded.get(item);
  if (json === undefined) {
    json = utf8(JSON.stringify(item));
    encoded.set(item, json);
  }
  return json;
}

const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/** The message's body in pieces: its shell between its long lists, each list a piece per slice. */
async function slicedBody({ shell, lists, marker }: { shell: Message; lists: unknown[][]; marker: string }, size: number): Promise<Buffer[]> {
  const text = JSON.stringify(shell);
  // Where each marker string stands, quotes included (JSON.stringify writes \u0000 as an escape), in the text's order.
  const places = lists.map((items, k) => {
    const quoted = JSON.stringify(`${marker}${k}`);
    return { items, at: text.indexOf(quoted), length: quoted.length };
  }).sort((a, b) => a.at - b.at);
  const pieces: Buffer[] = [];
  let at = 0;
  for (const place of places) {
    pieces.push(utf8(`${text.slice(at, place.at)}[`));
    const { items } = place;
    for (let from = 0; from < items.length; from += size) {
      if (pieces.length > 1) await yieldToLoop();
      const to = Math.min(items.length, from + size);
      pieces.push(encodeSlice(items, from, to));
      countSlice(to - from);
    }
    pieces.push(CLOSE);
    at = place.at + place.length;
  }
  pieces.push(utf8(text.slice(at)));
  return pieces;
}

/** Items from..to of a list as JSON, joined by commas: objects each encoded once (encode), a slice with anything else (numbers of semantic tokens) at once. */
function encodeSlice(items: readonly unknown[], from: number, to: number): Buffer {
  let objects = true;
  for (let i = from; i < to && objects; i++) objects = typeof items[i] === 'object' && items[i] !== null;
  const lead = from > 0 ? ',' : '';
  if (!objects) return utf8(lead + JSON.stringify(items.slice(from, to)).slice(1, -1));
  const parts: Buffer[] = [];
  for (let i = from; i < to; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(encode(items[i]));
  }
  return Buffer.concat(parts);
}

export class SlicedStreamWriter extends AbstractMessageWriter implements MessageWriter {
  private queue: Promise<void> = Promise.resolve();
  /** Messages being encoded in slices now. */
  private slicing = 0;

  constructor(private readonly out: NodeJS.WritableStream, private readonly size = SLICE_ITEMS, private readonly over = SLICED_ITEMS) {
    super();
    out.on('error', (e: Error) => this.fireError(e));
    out.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const long = withoutLongLists(msg, this.over);
    if (this.slicing > 0 && isResponse(msg) && !long) return this.send([utf8(JSON.stringify(msg))]);
    const done = this.queue.then(async () => {
      if (!long) return this.send([utf8(JSON.stringify(msg))]);
      this.slicing++;
      let pieces: Buffer[];
      try {
        pieces = await slicedBody(long, this.size);
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
