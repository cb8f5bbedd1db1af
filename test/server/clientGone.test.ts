import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { notifyClient, quietLoggingOnceClientGone } from '../../src/server/clientGone';

function disposedConnection() {
  const connection = createConnection(new StreamMessageReader(new PassThrough()), new StreamMessageWriter(new PassThrough()));
  connection.listen();
  connection.dispose();
  return connection;
}

describe('a server whose client is gone', () => {
  it('logs nothing and throws nothing', () => {
    const connection = disposedConnection();
    expect(() => connection.console.error('lost')).toThrow(/disposed/); // what the library does
    quietLoggingOnceClientGone(connection);
    expect(() => connection.console.error('lost')).not.toThrow();
    expect(() => connection.console.log('lost')).not.toThrow();
  });

  it('drops notifications instead of leaving a rejection unhandled', async () => {
    const connection = disposedConnection();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(() => notifyClient(() => connection.sendDiagnostics({ uri: 'file:///a.txt', diagnostics: [] }))).not.toThrow();
      expect(() => notifyClient(() => connection.window.showErrorMessage('lost'))).not.toThrow();
      await new Promise((r) => setTimeout(r, 10));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
