export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  usage: string;
  /** Resolves to the exit code; throws UsageError for bad arguments. */
  run(argv: string[]): Promise<number>;
}
