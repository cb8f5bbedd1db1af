/**
 * How often the language server may crash before the client stops restarting it: as
 * vscode-languageclient's default, 5 crashes within 3 minutes stop it. A restart the user asks
 * for starts a fresh budget.
 */
export class CrashBudget {
  private crashes: number[] = [];

  constructor(
    readonly maxRestarts = 4,
    readonly windowMs = 3 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records a crash; true when the server should be restarted after it. */
  recordCrash(): boolean {
    const at = this.now();
    this.crashes = [...this.crashes.filter((t) => at - t < this.windowMs), at];
    return this.crashes.length <= this.maxRestarts;
  }

  reset(): void {
    this.crashes = [];
  }
}
