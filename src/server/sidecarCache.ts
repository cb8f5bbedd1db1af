import type { Sidecar } from '../core/tags/annotation';
import type { SidecarChange, SidecarRead, SidecarStore, SidecarUpdate } from '../core/tags/sidecarStore';

/**
 * The server's sidecars: each read once until the file changes on disk (the server is told and calls
 * `forget`), and what the server writes itself kept as written, so it never reads its own writes back.
 */
export class CachedSidecarStore implements SidecarStore {
  private readonly reads = new Map<string, Promise<SidecarRead>>();

  constructor(private readonly inner: SidecarStore) {}

  read(path: string): Promise<SidecarRead> {
    let read = this.reads.get(path);
    if (!read) {
      read = this.inner.read(path);
      this.reads.set(path, read);
    }
    return read;
  }

  async update(path: string, change: SidecarChange): Promise<SidecarUpdate> {
    const result = await this.inner.update(path, change);
    this.remember(path, result.sidecar);
    return result;
  }

  async write(path: string, sidecar: Sidecar): Promise<void> {
    await this.inner.write(path, sidecar);
    this.remember(path, sidecar);
  }

  /** The file changed on disk (or may have): read it again next time. */
  forget(path: string): void {
    this.reads.delete(path);
  }

  clear(): void {
    this.reads.clear();
  }

  private remember(path: string, sidecar: Sidecar | undefined): void {
    this.reads.set(path, Promise.resolve(sidecar ? { state: 'ok', sidecar, raw: '' } : { state: 'missing' }));
  }
}
