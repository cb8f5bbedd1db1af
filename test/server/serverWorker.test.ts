// A server worker's printing goes to the server's stderr, never its stdout (the protocol over stdio).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { serverWorker } from '../../src/server/serverWorker';

const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-worker-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('serverWorker', () => {
  it('sends what a worker prints to stdout to the server\'s stderr instead', async () => {
    const script = path.join(dir, 'chatty.cjs');
    writeFileSync(script, "console.log('a line from a library');\nprocess.stdout.write('raw bytes\\n');\n");
    const toStdout: string[] = [];
    const toStderr: string[] = [];
    const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (toStdout.push(String(chunk)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (toStderr.push(String(chunk)), true));
    try {
      const worker = serverWorker(script);
      const ended = once(worker.stdout, 'end');
      await once(worker, 'exit');
      await ended;
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(toStdout.join('')).not.toContain('a line from a library');
    expect(toStdout.join('')).not.toContain('raw bytes');
    expect(toStderr.join('')).toContain('a line from a library\n');
    expect(toStderr.join('')).toContain('raw bytes\n');
  });
});
