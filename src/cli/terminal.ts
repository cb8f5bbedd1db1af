// Everything the CLI prints goes through here: source text, sidecar quotes and file names are
// untrusted, and a terminal runs the control sequences in them (see escapeTerminal). Data formats
// keep their bytes when they go to a file or a pipe; JSON is escaped losslessly everywhere.
import { escapeJsonText, escapeTerminal } from '../core/text/escape';

/** Human-readable text on stdout. */
export function say(text: string): void {
  process.stdout.write(escapeTerminal(text));
}

/** Human-readable text on stderr. */
export function warn(text: string): void {
  process.stderr.write(escapeTerminal(text));
}

/** A JSON result on stdout, pretty-printed, with a final line break. */
export function sayJson(value: unknown): void {
  process.stdout.write(`${escapeJsonText(JSON.stringify(value, null, 2))}\n`);
}

/** A file's contents on stdout: exact for a pipe or a redirect, escaped when a terminal shows it. */
export function sayData(content: string): void {
  process.stdout.write(process.stdout.isTTY ? escapeTerminal(content) : content);
}

/**
 * When what reads stdout goes away (`sourcemark check | head`), stop quietly, with the status a
 * shell gives a program ended by SIGPIPE, instead of a stack trace.
 */
export function exitQuietlyOnClosedOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(141);
      throw err;
    });
  }
}
