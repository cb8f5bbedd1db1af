// The LSP base protocol over stdio frames each message with headers ("Content-Length: 42\r\n\r\n").
// The protocol library trusts them: after a missing, negative or non-numeric length, or bytes that
// are not a header, it stops understanding the stream for good, stays alive and answers nothing, so
// the editor never restarts it. This guard checks every frame on its way in and says, once, what
// broke; the server then exits and the client starts a fresh one.
import { Transform, type TransformCallback } from 'node:stream';

/** The longest header block accepted (real ones are under 100 bytes). */
export const MAX_HEADER_BYTES = 8 * 1024;
/** The largest message accepted: an 8 MB source in a didOpen is under 50 MB even with every character escaped. */
export const MAX_MESSAGE_BYTES = 256 * 1024 * 1024;

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Passes the bytes of well-framed messages through unchanged; calls `broken` once, with the reason, at the first bad frame. */
export class FramingGuard extends Transform {
  private header: number[] = [];
  /** Body bytes still to pass before the next header. */
  private remaining = 0;
  private failed = false;

  constructor(private readonly broken: (reason: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let at = 0;
    while (at < chunk.length && !this.failed) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - at);
        this.push(chunk.subarray(at, at + take));
        this.remaining -= take;
        at += take;
        continue;
      }
      const byte = chunk[at++]!;
      // Header bytes are printable ASCII, CR and LF.
      if ((byte < 0x20 || byte > 0x7e) && byte !== 13 && byte !== 10) return this.fail(`byte 0x${byte.toString(16).padStart(2, '0')} in a header, which is text`, done);
      this.header.push(byte);
      if (this.header.length > MAX_HEADER_BYTES) return this.fail(`a header block longer than ${MAX_HEADER_BYTES} bytes`, done);
      const n = this.header.length;
      if (n >= 4 && this.header[n - 4] === 13 && this.header[n - 3] === 10 && this.header[n - 2] === 13 && this.header[n - 1] === 10) {
        const problem = this.endOfHeader();
        if (problem) return this.fail(problem, done);
      }
    }
    done();
  }

  /** Checks the header block just ended and starts passing its body; returns what is wrong with it. */
  private endOfHeader(): string | undefined {
    const text = Buffer.from(this.header).toString('latin1');
    const lines = text.slice(0, -4).split('\r\n');
    let length: number | undefined;
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = colon > 0 ? line.slice(0, colon) : '';
      if (!TOKEN.test(name)) return `a header line that is not "Name: value" (${JSON.stringify(line.slice(0, 40))})`;
      if (name.toLowerCase() !== 'content-length') continue;
      const value = line.slice(colon + 1).trim();
      if (!/^\d+$/.test(value)) return `Content-Length ${JSON.stringify(value.slice(0, 40))}, which is not a byte count`;
      const n = Number(value);
      if (n > MAX_MESSAGE_BYTES) return `Content-Length ${value}, over the ${MAX_MESSAGE_BYTES} bytes a message may have`;
      if (length !== undefined && length !== n) return 'two different Content-Length headers';
      length = n;
    }
    if (length === undefined) return 'a message without a Content-Length header';
    this.push(Buffer.from(this.header));
    this.header = [];
    this.remaining = length;
    return undefined;
  }

  private fail(reason: string, done: TransformCallback): void {
    this.failed = true;
    this.header = [];
    this.broken(reason);
    done();
  }
}
