// The server's worker threads print to the server's stderr (the client's log), never to its stdout:
// over stdio that carries the protocol, and a worker's stdout is by default its parent's, so one
// stray line from a worker (a library's console.log) would break the stream to the editor.
import { Worker, type WorkerOptions } from 'node:worker_threads';

export function serverWorker(script: string, options: WorkerOptions = {}): Worker {
  const worker = new Worker(script, { ...options, stdout: true });
  worker.stdout.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  return worker;
}
