// Writes the server's messages to a stream (stdio) as the protocol library's StreamMessageWriter
// does, except that a publishDiagnostics with many items (or an answer with many findings) is turned
// into JSON a slice of items at a time (slices.ts): the 50,000 diagnostics of a 1 MB source are 5–6 MB
// of JSON, which the library encodes in one go (~150–300 ms), and every answer waits behind it. While such a message is being
// encoded, answers to requests (a hover) go out ahead of it (and of what waits behind it); every
// other message keeps its order. Below SLICED_ITEMS items a message is encoded at once, as before:
// a few ms, and no answer overtakes anything.
import { AbstractMessageWriter, type Message, type MessageWriter } from 'vscode-languageserver/node';
import { countSlice, SLICE_ITEMS, yieldToLoop } from './slices';

const PUBLISH = 'textDocument/publishDiagnostics';
/** Items over which a publishDiagnostics is encoded in slices (2,000 diagnostics are about 200 KB of JSON, ~10 ms). */
export const SLICED_ITEMS = 2000;

const isResponse = (msg: Message) => 'id' in msg && !('method' in msg);

const utf8 = (s: string) => Buffer.from(s, 'utf8');

/** A message's long list: its items, and where it is (`params.diagnostics`, `result.findings`). */
interface LongList {
  items: unknown[];
  container: 'params' | 'result';
  key: string;
}

/**
 * The items of a publishDiagnostics, or of an answer's findings (the view's sourcemark/documentFindings:
 * 18,000 of them for a 1 MB source, 6 MB of JSON), long enough to be encoded in slices.
 */
function manyItems(msg: Message, over: number): LongList | undefined {
  const m = msg as { method?: string; params?: { diagnostics?: unknown }; result?: { findings?: unknown } | null };
  if (m.method === PUBLISH) {
    const items = m.params?.diagnostics;
    return Array.isArray(items) && items.length > over ? { items, container: 'params', key: 'diagnostics' } : undefined;
  }
  const items = isResponse(msg) && typeof m.result === 'object' && m.result !== null ? m.result.findings : undefined;
  return Array.isArray(items) && items.length > over ? { items, container: 'result', key: 'findings' } : undefined;
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

/** The message's body in pieces, a piece per slice of its long list. */
async function slicedBody(msg: Message, { items, container, key }: LongList, size: number): Promise<Buffer[]> {
  const outer = (msg as unknown as Record<string, object>)[container]!;
  // The message with a marker where the items go, then the items, a slice at a time.
  const marker = JSON.stringify(`\u0000sourcemark:items:${Math.random()}`);
  const shell = JSON.stringify({ ...msg, [container]: { ...outer, [key]: JSON.parse(marker) as string } });
  const at = shell.indexOf(marker);
  const pieces = [utf8(`${shell.slice(0, at)}[`)];
  for (let from = 0; from < items.length; from += size) {
    if (from > 0) await yieldToLoop();
    const to = Math.min(items.length, from + size);
    const parts: Buffer[] = [];
    for (let i = from; i < to; i++) {
      if (i > 0) parts.push(COMMA);
      parts.push(encode(items[i]));
    }
    pieces.push(Buffer.concat(parts));
    countSlice(Math.min(size, items.length - from));
  }
  pieces.push(utf8(`]${shell.slice(at + marker.length)}`));
  return pieces;
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
    const items = manyItems(msg, this.over);
    if (this.slicing > 0 && isResponse(msg) && !items) return this.send([utf8(JSON.stringify(msg))]);
    const done = this.queue.then(async () => {
      if (!items) return this.send([utf8(JSON.stringify(msg))]);
      this.slicing++;
      let pieces: Buffer[];
      try {
        pieces = await slicedBody(msg, items, this.size);
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
