import type { Connection } from 'vscode-languageserver';

/**
 * Once the client has gone (it closed the pipe or exited), logging throws "Connection is disposed",
 * even from inside the protocol library's own error handlers, where the throw becomes an unhandled
 * rejection. There is no one left to log to, so logging then does nothing.
 */
export function quietLoggingOnceClientGone(connection: Connection): void {
  const console = connection.console;
  for (const level of ['error', 'warn', 'info', 'log', 'debug'] as const) {
    const send = console[level].bind(console);
    console[level] = (message: string) => {
      try {
        send(message);
      } catch {
        // the client is gone
      }
    };
  }
}

/** Sends a notification or request whose answer no one waits for; one the client can no longer receive is dropped. */
export function notifyClient(send: () => unknown): void {
  void (async () => {
    try {
      await send();
    } catch {
      // the client is gone; the protocol library has logged a failed send on a live connection
    }
  })();
}
