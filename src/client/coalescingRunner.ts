// Background refetches, one at a time per key: requests that come while one runs lead to one more
// run, not a queue of them (a burst of sourceChanged notifications costs two requests, not twenty).
// Pure (no vscode), so it is tested on its own.

export class CoalescingRunner {
  private readonly running = new Map<string, { again: boolean }>();

  /** Runs `task` for `key` now, or once more after the run in flight. Tasks report their own failures; one that throws does not stop the key. */
  run(key: string, task: () => Promise<void>): void {
    const current = this.running.get(key);
    if (current) {
      current.again = true;
      return;
    }
    const entry = { again: true };
    this.running.set(key, entry);
    void (async () => {
      while (entry.again) {
        entry.again = false;
        await task().catch(() => undefined);
      }
      this.running.delete(key);
    })();
  }
}
