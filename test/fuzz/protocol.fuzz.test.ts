// Protocol fuzzer (issue 15) against the built server over stdio (dist/server.js). One long-lived
// server gets random and mutated JSON-RPC messages for every method it handles and every command
// (the lists come from the server's schemas, shared/protocol.ts and package.json, so a new one is
// fuzzed without touching this file); it must stay alive, answer every request, and answer a valid
// hover afterwards. Broken framing (random header bytes and lengths) must end a fresh server with
// one line on stderr. Seeded: a failure names its seed and case, and replays.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { prng } from '../../scripts/bench/generate';
import { MESSAGE_PARAMS } from '../../src/server/messageSchemas';
import { COMMAND_ARGUMENTS, COMMANDS } from '../../src/shared/protocol';
import { tempWorkspace, XIAOMI_US } from '../server/fixtureWorkspace';

const SERVER = path.resolve(__dirname, '../../dist/server.js');
const SEED = Number(process.env.SOURCEMARK_FUZZ_SEED ?? 15_2026);
const MUTANTS_PER_METHOD = 40;
const RANDOM_MESSAGES = 300;
const FRAMING_CASES = 8;

type Rand = () => number;
const pick = <T>(xs: readonly T[], r: Rand): T => xs[Math.floor(r() * xs.length)]!;

/** Values that have broken servers: wrong types, edge numbers, hostile strings, deep nesting. */
function randomValue(r: Rand, depth = 0): unknown {
  const atoms: (() => unknown)[] = [
    () => null, () => true, () => 0, () => -1, () => 2 ** 31, () => -(2 ** 53), () => 1.5, () => 1e308,
    () => '', () => 'x', () => '%%%::://bad', () => 'file:///../../etc/passwd', () => 'untitled:Untitled-1', () => 'relative/a.txt',
    () => 'file:///tmp/a%00b.txt', () => '__proto__', () => 'constructor', () => 'Verified', () => 'pwned', () => '\u0000\u001b]0;x\u0007',
    () => '\ud800', () => 'x'.repeat(Math.floor(r() * 70_000)), () => ({ __proto__: { polluted: 1 } }), () => JSON.parse('{"__proto__":{"polluted":1}}'),
  ];
  if (depth < 4 && r() < 0.25) {
    const n = Math.floor(r() * 4);
    if (r() < 0.5) return Array.from({ length: n }, () => randomValue(r, depth + 1));
    return Object.fromEntries(Array.from({ length: n }, () => [pick(['uri', 'textDocument', 'position', 'range', 'changes', 'status', 'note', 'kind', 'start', 'end', 'id', 'x'], r), randomValue(r, depth + 1)]));
  }
  if (r() < 0.03) return JSON.parse(`${'['.repeat(1000)}${']'.repeat(1000)}`);
  return pick(atoms, r)();
}

/** A copy of `value` with one place (at any depth) replaced by a random value, or deleted. */
function mutate(value: unknown, r: Rand): unknown {
  if (value === null || typeof value !== 'object' || r() < 0.15) return randomValue(r);
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...(value as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (!keys.length) return randomValue(r);
  const key = pick(keys, r);
  const target = copy as Record<string, unknown>;
  if (r() < 0.15 && !Array.isArray(copy)) delete target[key];
  else target[key] = mutate(target[key], r);
  return copy;
}

/** A minimal raw client: frames what it sends, reads frames back, answers the server's own requests with null. */
class RawClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1_000;
  private readonly pending = new Map<number, (m: { result?: unknown; error?: { code: number } }) => void>();
  stderr = '';
  /** Log lines of errors no handler caught (main.ts logs an unhandled rejection so). */
  readonly unexpected: string[] = [];

  constructor(readonly child: ChildProcess) {
    child.stdout!.on('data', (d: Buffer) => this.read(d));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    child.stdin!.on('error', () => undefined);
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString())![1]);
      if (this.buffer.length < end + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString());
      this.buffer = this.buffer.subarray(end + 4 + length);
      if (message.method === 'window/logMessage' && /unexpected error|failed with message/.test(message.params?.message)) this.unexpected.push(message.params.message);
      if (message.method && message.id !== undefined) this.write({ jsonrpc: '2.0', id: message.id, result: null });
      else if (message.id !== undefined && !message.method) this.pending.get(message.id)?.(message);
    }
  }

  write(message: unknown): void {
    const body = Buffer.from(JSON.stringify(message));
    this.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  request(method: string, params: unknown): Promise<{ result?: unknown; error?: { code: number; message?: string } }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, (m) => {
        this.pending.delete(id);
        resolve(m);
      });
      this.write({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, ...(params === undefined ? {} : { params }) });
  }
}

const report: string[] = [];
afterAll(() => console.info(`protocol fuzz (seed ${SEED}):\n${report.join('\n')}`));

describe('protocol fuzzer against the built server over stdio', () => {
  it('stays alive and answers every request through mutated and random messages, then answers a valid hover', async () => {
    const ws = tempWorkspace();
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new RawClient(child);
    const died = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the server exited (${code}): ${client.stderr}`))));
    died.catch(() => undefined);
    try {
      const r = prng(SEED);
      const file = ws.path(XIAOMI_US);
      const text = readFileSync(file, 'utf8');
      const uri = pathToFileURL(file).href;
      const root = pathToFileURL(ws.dir).href;
      const position = TextDocument.create(uri, 'plaintext', 1, text).positionAt(text.indexOf('Xiaomi is the fourth largest') + 2);
      expect((await Promise.race([client.request('initialize', { processId: null, rootUri: root, workspaceFolders: [{ uri: root, name: 'ws' }], capabilities: {} }), died])).result).toBeDefined();
      client.notify('initialized', {});
      client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });

      // A valid example of each method's params and each command's argument: the fuzzer mutates these.
      const at = { textDocument: { uri }, position };
      const range = { start: position, end: position };
      const finding = { uri, kind: 'claim', start: 0, end: 10 };
      const valid: Record<string, unknown> = {
        'initialize': { processId: null, rootUri: root, capabilities: {} },
        'initialized': {},
        'textDocument/didOpen': { textDocument: { uri: `${uri}.other.txt`, languageId: 'plaintext', version: 1, text: 'Lei Jun said sales rose 20% in 2018.' } },
        'textDocument/didChange': { textDocument: { uri: `${uri}.other.txt`, version: 2 }, contentChanges: [{ range, text: 'x' }] },
        'textDocument/didClose': { textDocument: { uri: `${uri}.other.txt` } },
        'textDocument/didSave': { textDocument: { uri } },
        'textDocument/hover': at,
        'textDocument/definition': at,
        'textDocument/references': { ...at, context: { includeDeclaration: true } },
        'textDocument/codeAction': { textDocument: { uri }, range, context: { diagnostics: [{ range, message: 'm', source: 'Sourcemark', data: { findingId: 'claim:0:10' } }] } },
        'textDocument/documentSymbol': { textDocument: { uri } },
        'textDocument/codeLens': { textDocument: { uri } },
        'textDocument/semanticTokens/full': { textDocument: { uri } },
        'workspace/symbol': { query: 'Xiaomi' },
        'workspace/executeCommand': { command: COMMANDS.reanalyse, arguments: [{}] },
        'workspace/didChangeWatchedFiles': { changes: [{ uri: `${uri}.annotations.json`, type: 2 }] },
        'workspace/didChangeConfiguration': { settings: {} },
        'workspace/didChangeWorkspaceFolders': { event: { added: [], removed: [] } },
        'workspace/didRenameFiles': { files: [{ oldUri: `${uri}.gone.txt`, newUri: `${uri}.gone2.txt` }] },
        '$/cancelRequest': { id: 1 },
        '$/setTrace': { value: 'off' },
        'sourcemark/documentFindings': { uri },
        'sourcemark/workspaceSummary': {},
        'sourcemark/timeline': { includeComments: true },
        'sourcemark/indexStatus': {},
        'sourcemark/listDismissals': { uri },
        'sourcemark/noteThreads': { uri, kind: 'claim', start: 0, end: 10 },
      };
      const commandArgs: Record<string, unknown> = {
        [COMMANDS.tag]: { ...finding, status: 'verified' },
        [COMMANDS.clearTag]: finding,
        [COMMANDS.setNote]: { ...finding, note: 'n' },
        [COMMANDS.reattachTag]: { uri, id: 'a_1', start: 0, end: 10 },
        [COMMANDS.deleteTag]: { uri, id: 'a_1' },
        [COMMANDS.tagWithEvidence]: { ...finding, status: 'verified', cite: finding },
        [COMMANDS.tagEntityMentions]: { ...finding, kind: 'entity', status: 'verified' },
        [COMMANDS.reanalyse]: {},
        [COMMANDS.dismiss]: { ...finding, dismissal: 'not-a-claim' },
        [COMMANDS.restoreDismissal]: { scope: 'workspace', uri: `${root}/.sourcemark-ignore`, entry: { kind: 'entity', value: 'Xiaomi' } },
        [COMMANDS.addComment]: { uri, annotationId: 'a_1', body: 'b' },
        [COMMANDS.editComment]: { uri, annotationId: 'a_1', commentId: 'c_1', body: 'b' },
        [COMMANDS.deleteComment]: { uri, annotationId: 'a_1', commentId: 'c_1' },
        [COMMANDS.citeUrl]: { ...finding, url: 'https://example.org/', status: 'verified' },
        [COMMANDS.removeUrl]: { uri, annotationId: 'a_1', url: 'https://example.org/' },
      };
      for (const c of Object.keys(COMMAND_ARGUMENTS)) expect(commandArgs, `an example for ${c}`).toHaveProperty([c]);
      // Every method the server has a schema for, and every command it or the extension declares.
      const methods = Object.keys(MESSAGE_PARAMS).filter((m) => m !== 'initialize');
      const manifest = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
      const commands = [...new Set([...Object.keys(COMMAND_ARGUMENTS), ...manifest.contributes.commands.map((c) => c.command)])];
      for (const m of methods) expect(valid, `an example for ${m}`).toHaveProperty([m]);
      // Requests are the methods a client expects an answer to: the ones with a result in LSP.
      const isNotification = (m: string) => /^(initialized|exit|textDocument\/did|workspace\/did|\$\/)/.test(m);

      const requests: Promise<{ error?: { code: number } }>[] = [];
      const codes = new Map<number | string, number>();
      const count = (key: number | string) => codes.set(key, (codes.get(key) ?? 0) + 1);
      let notifications = 0;
      const send = (method: string, params: unknown) => {
        if (isNotification(method)) {
          notifications++;
          client.notify(method, params);
        } else {
          requests.push(client.request(method, params).then((m) => {
            count(m.error ? m.error.code : 'result');
            return m;
          }));
        }
      };
      for (const m of methods) for (let i = 0; i < MUTANTS_PER_METHOD; i++) send(m, mutate(valid[m], r));
      for (const command of commands) {
        const args = commandArgs[command] ?? {};
        for (let i = 0; i < MUTANTS_PER_METHOD; i++) send('workspace/executeCommand', { command, arguments: [mutate(args, r)] });
      }
      // Random envelopes: any method name, any params, ids of any type, not even objects.
      for (let i = 0; i < RANDOM_MESSAGES; i++) {
        const choice = r();
        if (choice < 0.4) send(pick([...methods, 'sourcemark/nope', 'textDocument/completion', 'shutdown2'], r), randomValue(r));
        else if (choice < 0.6) client.write({ jsonrpc: '2.0', id: randomValue(r), method: pick(methods, r), params: randomValue(r) });
        else if (choice < 0.8) client.write(randomValue(r));
        else client.write({ jsonrpc: '2.0', id: 99_000 + i, result: randomValue(r) }); // a response to nothing
      }

      const answers = await Promise.race([Promise.all(requests), died]);
      expect(answers).toHaveLength(requests.length);
      const hover = await Promise.race([client.request('textDocument/hover', at), died]);
      expect(JSON.stringify(hover.result)).toContain('Claim');
      expect(child.exitCode).toBeNull();
      expect(client.unexpected.map((m) => m.slice(0, 300))).toEqual([]);
      report.push(`  ${methods.length} methods and ${commands.length} commands × ${MUTANTS_PER_METHOD} mutants, ${RANDOM_MESSAGES} random envelopes: `
        + `${requests.length} requests all answered (${[...codes].map(([k, n]) => `${k}: ${n}`).join(', ')}), ${notifications} notifications; alive, hover answered`);
    } finally {
      child.kill();
      ws.cleanup();
    }
  });

  it('ends the server with one line on stderr for random broken framing', async () => {
    const r = prng(SEED + 1);
    const headers = [
      () => Buffer.from(Array.from({ length: 1 + Math.floor(r() * 40) }, () => Math.floor(r() * 256))),
      () => `Content-Length: ${pick(['-1', '', 'abc', '1e3', '99999999999999', ' 12x'], r)}\r\n\r\n{}`,
      () => `Content-Type: text/plain\r\n\r\n{}`,
      () => `X-${'a'.repeat(9000)}: 1\r\n\r\n`,
    ];
    for (let i = 0; i < FRAMING_CASES; i++) {
      const bytes = pick(headers, r)();
      const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.stdin.on('error', () => undefined);
      child.stdin.write(bytes);
      child.stdin.write('Content-Length: 2\r\n\r\n{}');
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code, `case ${i}: ${JSON.stringify(bytes.toString()).slice(0, 80)}`).toBe(1);
      expect(stderr).toMatch(/^Sourcemark language server: the message stream from the client is broken \(.*\); exiting so that the client can restart the server\.\n$/);
    }
    report.push(`  ${FRAMING_CASES} broken framings: each ended the server with one line on stderr`);
  });
});
