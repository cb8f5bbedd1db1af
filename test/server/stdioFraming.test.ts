// A broken message stream (issue 15): the spawned server ends with one clear line on stderr, so the
// client restarts it, where it used to stay alive and answer nothing forever. A well-framed message
// that is not JSON leaves the stream, and the server, working.
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FramingGuard, MAX_MESSAGE_BYTES } from '../../src/server/stdioFraming';

const SERVER = path.resolve(__dirname, '../../dist/server.js');

const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
const INITIALIZE = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });

/** Starts the server, writes `bytes`, and resolves when it exits, with its exit code, stderr and stdout. */
function runServer(bytes: Buffer | string): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stdin.on('error', () => undefined);
  child.stdin.write(bytes);
  // A valid request after the broken one: the old server stayed alive and never answered it.
  child.stdin.write(frame(INITIALIZE));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr, stdout })));
}

describe('a broken message stream ends the spawned server with one clear line on stderr', () => {
  it.each([
    ['no Content-Length', `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${INITIALIZE}`, 'a message without a Content-Length header'],
    ['a length that is not a number', `Content-Length: lots\r\n\r\n${INITIALIZE}`, 'Content-Length "lots", which is not a byte count'],
    ['a negative length', `Content-Length: -5\r\n\r\n${INITIALIZE}`, 'Content-Length "-5", which is not a byte count'],
    ['a length over the limit', `Content-Length: 99999999999\r\n\r\n${INITIALIZE}`, 'Content-Length 99999999999, over the 268435456 bytes a message may have'],
    ['a binary header', Buffer.from([0xff, 0xfe, 0x00, 0x43, 0x6f]), 'byte 0xff in a header, which is text'],
    ['a length too small (the rest of the body is read as a header)', `Content-Length: 10\r\n\r\n${INITIALIZE}`, 'a header line that is not "Name: value"'],
  ])('%s', async (_name, bytes, reason) => {
    const { code, stderr, stdout } = await runServer(bytes);
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`Sourcemark language server: the message stream from the client is broken (${reason}`);
    expect(stderr).toContain('exiting so that the client can restart the server.');
    expect(stdout).toBe('');
  });

  it('keeps serving after a well-framed message that is not JSON', async () => {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    const answered = new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('"capabilities"')) resolve();
    }));
    child.stdin.write(frame('{"jsonrpc": "2.0", "id": 0, oops'));
    child.stdin.write(frame(INITIALIZE));
    await answered;
    expect(child.exitCode).toBeNull();
    child.kill();
  });
});

describe('FramingGuard', () => {
  it('passes well-framed messages through byte for byte, however the chunks fall', async () => {
    const body = JSON.stringify({ text: 'é 🙂 "x"\r\n\r\nContent-Length: 3' });
    const stream = Buffer.from(frame(body) + `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length: 2\r\n\r\n{}` + frame(body));
    for (const size of [1, 2, 7, stream.length]) {
      const guard = new FramingGuard((reason) => {
        throw new Error(reason);
      });
      const out: Buffer[] = [];
      guard.on('data', (d: Buffer) => out.push(d));
      for (let at = 0; at < stream.length; at += size) guard.write(stream.subarray(at, at + size));
      guard.end();
      await new Promise((r) => guard.on('end', r));
      expect(Buffer.concat(out)).toEqual(stream);
    }
  });

  it('reports the first broken frame once, and passes nothing after it', async () => {
    const reasons: string[] = [];
    const guard = new FramingGuard((r) => reasons.push(r));
    const out: Buffer[] = [];
    guard.on('data', (d: Buffer) => out.push(d));
    const input = new PassThrough();
    input.pipe(guard);
    input.end(`${frame('{}')}Content-Length: ${MAX_MESSAGE_BYTES + 1}\r\n\r\n${frame('{}')}Garbage\r\n\r\n`);
    await new Promise((r) => guard.on('end', r));
    expect(reasons).toEqual([`Content-Length ${MAX_MESSAGE_BYTES + 1}, over the ${MAX_MESSAGE_BYTES} bytes a message may have`]);
    expect(Buffer.concat(out).toString()).toBe(frame('{}'));
  });
});
