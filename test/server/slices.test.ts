// Sliced work on the server's main thread (src/server/slices.ts): a request that arrives while a
// slice runs is answered before the next slice, not after it. vscode-jsonrpc takes two immediates of
// its own to get a request read to its handler (its reader's, then its connection's), each queued
// behind the one a slice yielded with.
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createMessageConnection, RequestType0, StreamMessageReader, StreamMessageWriter, type Message, type MessageConnection } from 'vscode-languageserver/node';
import { afterEach, describe, expect, it } from 'vitest';
import { inSlices, inSteps } from '../../src/server/slices';

const Ping = new RequestType0<string, void>('test/ping');

/**
 * A JSON-RPC server over a Unix socket and the socket's other end, written to directly (as another
 * process would): the request arrives as real I/O, read in the event loop's poll phase.
 */
async function pair(): Promise<{ server: MessageConnection; send(method: string): void; answers: Message[]; close(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-slices-'));
  const socketPath = path.join(dir, 's.sock');
  let listener!: Server;
  const accepted = new Promise<Socket>((resolve) => {
    listener = createServer(resolve);
  });
  await new Promise<void>((resolve) => listener.listen(socketPath, resolve));
  const clientSocket = connect(socketPath);
  // Connected at both ends: a write before the client's connect would wait for it, not go at once.
  const [serverSocket] = await Promise.all([accepted, once(clientSocket, 'connect')]);
  const server = createMessageConnection(new StreamMessageReader(serverSocket), new StreamMessageWriter(serverSocket));
  server.listen();
  const answers: Message[] = [];
  new StreamMessageReader(clientSocket).listen((m) => answers.push(m));
  let id = 0;
  return {
    server, answers,
    send(method) {
      const body = JSON.stringify({ jsonrpc: '2.0', id: ++id, method });
      clientSocket.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    },
    close() {
      server.dispose();
      clientSocket.destroy();
      serverSocket.destroy();
      listener.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Holds the thread for `ms` (a slice's work). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('sliced work and requests', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  /** A server whose handler notes when it answers in `order`; `work(i)` notes item i and sends the request at item 1. */
  async function served(): Promise<{ order: string[]; work(label: string, i: number): void; answered(): Promise<void> }> {
    const p = await pair();
    close = p.close;
    const order: string[] = [];
    p.server.onRequest(Ping, () => {
      order.push('answered');
      return 'pong';
    });
    return {
      order,
      work(label, i) {
        order.push(`${label} ${i}`);
        if (i === 1) p.send(Ping.method);
        busy(2);
      },
      answered: () => expect.poll(() => p.answers.length).toBe(1),
    };
  }

  it('answers a request sent during a slice before the next slice (inSlices)', async () => {
    const s = await served();
    await inSlices([0, 1, 2, 3, 4], (i) => s.work('slice', i), 1);
    await s.answered();
    expect(s.order).toEqual(['slice 0', 'slice 1', 'answered', 'slice 2', 'slice 3', 'slice 4']);
  });

  it('answers a request sent during a step before the next step (inSteps)', async () => {
    const s = await served();
    function* steps(): Generator<void> {
      for (let i = 0; i < 4; i++) {
        s.work('step', i);
        yield;
      }
    }
    await inSteps(steps(), 1);
    await s.answered();
    expect(s.order).toEqual(['step 0', 'step 1', 'answered', 'step 2', 'step 3']);
  });
});
