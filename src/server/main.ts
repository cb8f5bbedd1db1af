#!/usr/bin/env node
import { inspect } from 'node:util';
import {
  createConnection, createServerPipeTransport, createServerSocketTransport, IPCMessageReader, IPCMessageWriter, ProposedFeatures,
  StreamMessageReader, type MessageReader, type MessageWriter,
} from 'vscode-languageserver/node';
import { guardReader } from './messageGuard';
import { startServer } from './server';
import { SlicedStreamWriter } from './slicedWriter';
import { FramingGuard } from './stdioFraming';

/** The transport the client asked for (`--stdio`, `--node-ipc`, `--socket=N`, `--pipe=NAME`), as the library reads them. */
function transport(): [MessageReader, MessageWriter] | undefined {
  const argv = process.argv;
  if (argv.includes('--stdio')) {
    // Every frame is checked on its way in: a broken stream ends the server with one line on stderr,
    // and the client restarts it, where the protocol library would stay alive and deaf.
    const input = process.stdin.pipe(
      new FramingGuard((reason) => {
        process.stderr.write(`Sourcemark language server: the message stream from the client is broken (${reason}); exiting so that the client can restart the server.\n`);
        process.exit(1);
      }),
    );
    return [new StreamMessageReader(input), new SlicedStreamWriter(process.stdout)];
  }
  if (argv.includes('--node-ipc')) return [new IPCMessageReader(process), new IPCMessageWriter(process)];
  const option = (name: string) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const port = option('socket');
  if (port !== undefined) return createServerSocketTransport(Number(port));
  const pipe = option('pipe');
  if (pipe !== undefined) return createServerPipeTransport(pipe);
  return undefined;
}

const streams = transport();
if (!streams) {
  process.stderr.write('Sourcemark language server: say how the client talks to it: --stdio, --node-ipc, --socket=PORT or --pipe=NAME.\n');
  process.exit(1);
}
const [reader, writer] = streams;
// Every message is checked against its schema before a handler sees it (messageGuard.ts).
const connection = createConnection(ProposedFeatures.all, guardReader(reader, writer), writer);
// stdout may carry the protocol: console output goes to the client's log.
const text = (args: unknown[]) => args.map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
console.log = console.info = console.debug = (...args: unknown[]) => connection.console.log(text(args));
console.warn = (...args: unknown[]) => connection.console.warn(text(args));
console.error = (...args: unknown[]) => connection.console.error(text(args));
// A rejection no handler caught is a bug to report, not a reason to leave the editor without a server.
process.on('unhandledRejection', (reason) => {
  connection.console.error(`Sourcemark: unexpected error (please report it): ${reason instanceof Error ? (reason.stack ?? reason.message) : inspect(reason)}`);
});
startServer(connection);
