#!/usr/bin/env node
import { inspect } from 'node:util';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';
import { FramingGuard } from './stdioFraming';

// `sourcemark-lsp --stdio` for any LSP client; the VS Code client uses IPC.
if (process.argv.includes('--stdio')) {
  // Every frame is checked on its way in: a broken stream ends the server with one line on stderr,
  // and the client restarts it, where the protocol library would stay alive and deaf.
  const input = process.stdin.pipe(
    new FramingGuard((reason) => {
      process.stderr.write(`Sourcemark language server: the message stream from the client is broken (${reason}); exiting so that the client can restart the server.\n`);
      process.exit(1);
    }),
  );
  const connection = createConnection(ProposedFeatures.all, input, process.stdout);
  // stdout carries only the protocol: console output goes to the client's log, as with --stdio.
  const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
  console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
  console.warn = (...args: unknown[]) => connection.console.warn(text(args));
  console.error = (...args: unknown[]) => connection.console.error(text(args));
  startServer(connection);
} else {
  startServer(createConnection(ProposedFeatures.all));
}
