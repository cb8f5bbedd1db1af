import type { Connection } from 'vscode-languageserver';

/** Work the server started without waiting for it (analyses, sidecar writes): failures are logged, and shutdown can let it finish. */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly connection: Connection) {}

  track(work: Promise<unknown>, failure: string): void {
    const done: Promise<void> = work
      .then(() => undefined, (e: Error) => this.connection.console.error(`Sourcemark ${failure}: ${e.stack ?? e.message}`))
      .finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Settles when what is running now has finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }
}
