import type { DigestCache } from './digestCache';
import type { PackedEntry } from './digestPacks';

/** Bytes of entries gathered before they are written as one pack: ~600 sources of 5 KB. */
const PACK_BYTES = 4 * 1024 * 1024;

/**
 * Cache entries made elsewhere (a CLI or index worker sends each with its result), written to the
 * cache a pack at a time (digestPacks.ts), one write after another. Nothing is written without a cache.
 */
export class PackWriter {
  private entries: PackedEntry[] = [];
  private bytes = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly cache: DigestCache<unknown> | undefined, private readonly packBytes = PACK_BYTES) {}

  /** Keeps the entry; once enough have come, writes them (settles when that pack is written). */
  add(entry: PackedEntry): Promise<void> {
    this.entries.push(entry);
    this.bytes += entry.gz.length;
    return this.bytes >= this.packBytes ? this.flush() : Promise.resolve();
  }

  /** Writes the entries kept so far as a pack; settles when every pack asked for is written. */
  flush(): Promise<void> {
    const entries = this.entries;
    const cache = this.cache;
    this.entries = [];
    this.bytes = 0;
    // A pack that cannot be written only costs a later analysis; the next ones are still written.
    if (entries.length && cache) this.writing = this.writing.then(() => cache.writePack(entries)).catch(() => undefined);
    return this.writing;
  }
}
