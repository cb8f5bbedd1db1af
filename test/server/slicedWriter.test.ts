// The stdio writer (src/server/slicedWriter.ts): a publishDiagnostics with many items is encoded a
// slice at a time, the bytes are those of the message, and an answer to a request given while it is
// being encoded goes out first; every other message keeps its order.
import { PassThrough } from 'node:stream';
import { StreamMessageReader, type Message } from 'vscode-languageserver/node';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { sentAgainLater } from '../../src/server/sentAgain';
import { SlicedStreamWriter } from '../../src/server/slicedWriter';

/** A publish of `n` diagnostics, each marked as sent again as the publisher marks its own (diagnostics.ts). */
const publish = (n: number, uri = 'file:///a.txt') => ({
  jsonrpc: '2.0', method: 'textDocument/publishDiagnostics',
  params: { uri, version: 3, diagnostics: Array.from({ length: n }, (_, i) => sentAgainLater({ range: { start: { line: i, character: 0 }, end: { line: i, character: 5 } }, message: `é "${i}"\n`, code: 'x' })) },
});

/** How a message reads in an order check: "answer 7", or its method and uri. */
const label = (m: Message) => {
  const n = m as unknown as { id?: number; method?: string; params?: { uri?: string } };
  return n.id !== undefined ? `answer ${n.id}` : `${n.method} ${n.params?.uri}`;
};

function wire() {
  const stream = new PassThrough();
  const got: Message[] = [];
  const reader = new StreamMessageReader(stream);
  reader.listen((m) => got.push(m));
  return { stream, got, until: async (n: number) => { while (got.length < n) await new Promise((r) => setTimeout(r, 5)); } };
}

/**
 * Writes `message` and, once its encoding has begun, an answer to a hover: neither the message nor
 * any of `parts` was stringified in one go. Resolves once both are written.
 */
async function writeWithHoverBehind(writer: SlicedStreamWriter, message: Message, parts: unknown[]): Promise<void> {
  const stringify = vi.spyOn(JSON, 'stringify');
  let long: Promise<void>;
  try {
    long = writer.write(message);
    expect(stringify.mock.calls.some((c) => c[0] === message || parts.includes(c[0]))).toBe(false);
  } finally {
    stringify.mockRestore();
  }
  await new Promise((r) => setImmediate(r));
  await Promise.all([long, writer.write({ jsonrpc: '2.0', id: 99, result: { contents: 'hover' } } as Message)]);
}

describe('SlicedStreamWriter', () => {
  it('writes a large publishDiagnostics whole and exact, built in slices', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const big = publish(3000);
    await writer.write(big as Message);
    await writer.write({ jsonrpc: '2.0', method: 'x', params: { ü: 1 } } as Message);
    await until(2);
    expect(got[0]).toEqual(big);
    expect(got[1]).toEqual({ jsonrpc: '2.0', method: 'x', params: { ü: 1 } });
  });

  it('lets an answer to a request go ahead of a publish being encoded; notifications keep their order', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const big = writer.write(publish(3000) as Message);
    const after = writer.write(publish(1, 'file:///b.txt') as Message);
    // Sent once the big one is being encoded (its first slice is done).
    await new Promise((r) => setImmediate(r));
    const answer = writer.write({ jsonrpc: '2.0', id: 7, result: { contents: 'hover' } } as Message);
    await Promise.all([big, after, answer]);
    await until(3);
    expect(got.map(label)).toEqual(['answer 7', 'textDocument/publishDiagnostics file:///a.txt', 'textDocument/publishDiagnostics file:///b.txt']);
  });

  it('encodes each diagnostic once: a later publish of the same objects encodes only the new ones, and is exact', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const first = publish(3000);
    await writer.write(first as Message);
    const fresh = sentAgainLater({ range: { start: { line: 9, character: 1 }, end: { line: 9, character: 2 } }, message: 'new', code: 'y' });
    const second = { ...first, params: { ...first.params, version: 4, diagnostics: [...first.params.diagnostics.slice(0, 1500), fresh, ...first.params.diagnostics.slice(1501)] } };
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await writer.write(second as Message);
      const items = new Set<unknown>(second.params.diagnostics);
      const encodedItems = stringify.mock.calls.map((c) => c[0]).filter((x) => items.has(x) || Array.isArray(x));
      expect(encodedItems).toEqual([fresh]);
    } finally {
      stringify.mockRestore();
    }
    await until(2);
    expect(got[1]).toEqual(second);
  });

  it('encodes an answer with many findings (the view\'s documentFindings) in slices too, exact, a hover\'s answer ahead of it', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const findings = Array.from({ length: 3000 }, (_, i) => ({ id: `c${i}`, kind: 'claim', text: `“${i}” é 😀 \\ "`, start: i, end: i + 1 }));
    const answer = { jsonrpc: '2.0', id: 3, result: { uri: 'file:///a.txt', findings, scope: 'all', isSource: true } };
    // Not in one go: no stringify of the whole answer or of its list.
    await writeWithHoverBehind(writer, answer as Message, [answer.result, findings]);
    await until(2);
    // Nor item by item: a slice at a time (the same answer again, to count).
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await writer.write({ ...answer, id: 4 } as Message);
      const items = new Set<unknown>(findings);
      expect(stringify.mock.calls.filter((c) => items.has(c[0]))).toHaveLength(0);
      expect(stringify.mock.calls.filter((c) => Array.isArray(c[0]) && c[0].length === 100 && items.has(c[0][0]))).toHaveLength(30);
    } finally {
      stringify.mockRestore();
    }
    await until(3);
    expect(got[2]).toEqual({ ...answer, id: 4 });
    got.splice(2, 1);
    expect(got.map(label)).toEqual(['answer 99', 'answer 3']);
    expect(got[1]).toEqual(answer);
    // A short one, and one whose findings are not a list, go whole.
    await writer.write({ jsonrpc: '2.0', id: 5, result: { findings: findings.slice(0, 10) } } as Message);
    await writer.write({ jsonrpc: '2.0', id: 6, result: { findings: 'none' } } as Message);
    await writer.write({ jsonrpc: '2.0', id: 7, result: null } as Message);
    await until(5);
    expect(got.slice(2)).toEqual([{ jsonrpc: '2.0', id: 5, result: { findings: findings.slice(0, 10) } }, { jsonrpc: '2.0', id: 6, result: { findings: 'none' } }, { jsonrpc: '2.0', id: 7, result: null }]);
  });

  it('keeps the bytes of an answer\'s items marked as sent again later (an Outline\'s symbols), and encodes only the new ones the next time, exact', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const symbol = (i: number) => ({ name: `claim “${i}”`, kind: 15, range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } } });
    const kept = Array.from({ length: 2500 }, (_, i) => sentAgainLater(symbol(i)));
    const first = { jsonrpc: '2.0', id: 1, result: [{ name: 'Claims', children: kept }] };
    const fresh = [symbol(-1), symbol(-2)];
    const second = { jsonrpc: '2.0', id: 2, result: [{ name: 'Claims', children: [...fresh, ...kept.slice(1)] }] };
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      await writer.write(first as Message);
      const items = new Set<unknown>(kept);
      expect(stringify.mock.calls.filter((c) => items.has(c[0]))).toHaveLength(2500);
      stringify.mockClear();
      await writer.write(second as Message);
      expect(stringify.mock.calls.filter((c) => items.has(c[0]))).toHaveLength(0);
    } finally {
      stringify.mockRestore();
    }
    await until(2);
    expect(got).toEqual([first, second]);
  });

  it('encodes every long list of an answer in slices, at any depth it is searched (an Outline\'s groups\' symbols, semantic tokens\' numbers), exact', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const children = (n: number, name: string) => Array.from({ length: n }, (_, i) => ({ name: `${name} “${i}” \u0000`, range: { start: { line: i, character: 0 }, end: { line: i, character: 3 } } }));
    const outline = [{ name: 'Claims', children: children(2500, 'c') }, { name: 'Entities', children: children(10, 'e') }, { name: 'Dates', children: children(1500, 'd') }];
    const tokens = { data: Array.from({ length: 5000 }, (_, i) => i % 7) };
    const stringify = vi.spyOn(JSON, 'stringify');
    const writes: Promise<void>[] = [];
    try {
      writes.push(writer.write({ jsonrpc: '2.0', id: 1, result: outline } as Message));
      writes.push(writer.write({ jsonrpc: '2.0', id: 2, result: tokens } as Message));
      // Neither long list is stringified in one go.
      expect(stringify.mock.calls.some((c) => c[0] === outline[0]!.children || c[0] === outline[2]!.children || c[0] === tokens.data)).toBe(false);
    } finally {
      stringify.mockRestore();
    }
    await Promise.all(writes);
    await until(2);
    expect(got).toEqual([{ jsonrpc: '2.0', id: 1, result: outline }, { jsonrpc: '2.0', id: 2, result: tokens }]);
  });

  it('encodes a long string (the timeline\'s Markdown) a chunk at a time, an answer to a hover going ahead of it', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000, 1000);
    const markdown = '# Timeline\n“é” 😀 \\ "quoted"\n'.repeat(2 * 1024 * 1024 / 30);
    const answer = { jsonrpc: '2.0', id: 1, result: { markdown, labels: { a: 'b' } } };
    await writeWithHoverBehind(writer, answer as Message, [answer.result, markdown]);
    await until(2);
    expect(got.map(label)).toEqual(['answer 99', 'answer 1']);
    expect(got[1]).toEqual(answer);
  });

  it('writes any message as JSON.stringify would, long lists and strings or not, whatever they hold', async () => {
    const leaf = fc.oneof(
      fc.string({ unit: fc.constantFrom('a', '"', '\\', '\u0000', 'é', '😀', '\ud800', '\udc00', ':', ','), maxLength: 14 }),
      fc.integer(), fc.double(), fc.constant(null), fc.boolean(), fc.constant(undefined),
      fc.constant(new Date(0)), fc.constant({ toJSON: () => ['from toJSON', 1] }), fc.constant(() => 1),
    );
    const tree = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('list'), tie('object')),
      list: fc.array(tie('node'), { maxLength: 7 }),
      object: fc.dictionary(fc.constantFrom('children', 'items', 'name', 'data', '"x"'), tie('node'), { maxKeys: 3 }),
    })).node;
    await fc.assert(fc.asyncProperty(tree, fc.boolean(), async (body, answer) => {
      const { stream, got, until } = wire();
      const raw: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => raw.push(chunk));
      // Lists over 3 items and strings over 5 characters are long: most messages here are.
      const writer = new SlicedStreamWriter(stream, 2, 3, 5);
      const msg = answer ? { jsonrpc: '2.0', id: 9, result: body } : { jsonrpc: '2.0', method: 'x/y', params: { body } };
      await writer.write(msg as Message);
      await until(1);
      // The very bytes JSON.stringify gives.
      const json = JSON.stringify(msg);
      expect(Buffer.concat(raw).toString('utf8')).toBe(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    }), { numRuns: 500 });
  });

  it('keeps the order of answers and notifications when nothing large is being encoded', async () => {
    const { stream, got, until } = wire();
    const writer = new SlicedStreamWriter(stream, 100, 1000);
    const writes = [
      writer.write(publish(1000, 'file:///1') as Message), // at the limit: encoded at once
      writer.write({ jsonrpc: '2.0', method: 'sourcemark/sourcesChanged', params: { uri: 'file:///1' } } as Message),
    ];
    await new Promise((r) => setImmediate(r));
    writes.push(writer.write({ jsonrpc: '2.0', id: 1, result: null } as Message), writer.write(publish(3, 'file:///2') as Message));
    await Promise.all(writes);
    await until(4);
    expect(got.map(label)).toEqual([
      'textDocument/publishDiagnostics file:///1', 'sourcemark/sourcesChanged file:///1', 'answer 1', 'textDocument/publishDiagnostics file:///2',
    ]);
  });
});
