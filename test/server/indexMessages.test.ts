// An index worker's answer for a long source comes in parts (indexMessages.ts), parsed one per turn
// of the main thread's event loop: it must come back exactly as the one JSON text would, key order
// included, and a short one as it always did.
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { MessageChannel } from 'node:worker_threads';
import { transferablesOf } from '../../src/server/analysisWire';
import { findingsFromWire, findingsToWire, fromWire, indexedToWire, PARTED_REPLY_CHARS, type JsonParts, type WorkerResponse } from '../../src/server/indexMessages';
import type { DocumentFindings } from '../../src/shared/protocol';
import { turnsDuring } from './eventLoopTurns';

const SAMPLES = path.resolve(__dirname, '../../test-fixtures/sources');
const samples = readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES, f), 'utf8'));

/** An index worker's JSON for `text` (indexJob.ts writes `{"digest":…,"summary":…}`). */
function indexedJson(text: string): string {
  const analysed = analyzeSource(new Analyzer(), text, undefined, {});
  const summary = { counts: { claim: 1 }, mtimeMs: 1, size: text.length, settingsKey: 'k' };
  return `{"digest":${JSON.stringify(digestSource(text, analysed))},"summary":${JSON.stringify(summary)}}`;
}

/** `message` as a worker posts it, its parts' buffer moved (transferred), not copied: what the main thread receives. */
async function posted(message: WorkerResponse, parts: JsonParts): Promise<WorkerResponse> {
  const { port1, port2 } = new MessageChannel();
  try {
    const arrived = new Promise<WorkerResponse>((resolve) => port2.once('message', resolve));
    port1.postMessage(message, transferablesOf(parts));
    expect(parts.bytes.byteLength).toBe(0);
    return await arrived;
  } finally {
    port1.close();
  }
}

describe('index workers\' answers', () => {
  // Numbered copies of the samples: ~600 KB of text, a long digest.
  const long = Array.from({ length: 24 }, (_, i) => samples.map((s) => `${s.trimEnd()} (${i}) Zürich, 北京 😀 “quoted”`).join('\n\n')).join('\n\n');
  const json = indexedJson(long);

  it('come in parts when long, and back exactly as one JSON text would, a part per turn of the event loop', async () => {
    expect(json.length).toBeGreaterThan(PARTED_REPLY_CHARS);
    const wire = indexedToWire(json) as JsonParts;
    expect(typeof wire).toBe('object');
    const parts = wire.lists.reduce((n, [, p]) => n + p.length, 0);
    expect(parts).toBeGreaterThan(3);
    // The head holds none of the long lists.
    expect(wire.head.length).toBeLessThan(json.length / 4);
    const received = await posted({ id: 7, uri: 'file:///long.txt', openSeq: 2, indexed: wire }, wire);
    let back: unknown;
    const turns = await turnsDuring(async () => {
      back = await fromWire(received as Exclude<WorkerResponse, { findings: unknown }>);
    });
    expect(turns).toBeGreaterThanOrEqual(parts);
    expect(JSON.stringify(back)).toBe(JSON.stringify({ id: 7, uri: 'file:///long.txt', openSeq: 2, ...JSON.parse(json) }));
  });

  it('come as one JSON text when short, as before', async () => {
    const short = indexedJson(samples[0]!);
    expect(indexedToWire(short)).toBe(short);
    expect(await fromWire({ id: 1, uri: 'file:///a.txt', indexed: short })).toEqual({ id: 1, uri: 'file:///a.txt', ...JSON.parse(short) });
  });

  it('refuse a part named as no digest list', async () => {
    const wire = indexedToWire(json) as JsonParts;
    await expect(fromWire({ id: 1, uri: 'file:///a.txt', indexed: { ...wire, bytes: new TextEncoder().encode('[]'), lists: [['__proto__', [2]]] } })).rejects.toThrow(/list named "__proto__"/);
  });

  it('a closed source\'s many findings for the view come in parts, back exactly as one JSON text, a part per turn; few as one text', async () => {
    const findings = Array.from({ length: 2100 }, (_, i) => ({ id: `c${i}`, kind: 'claim', start: i, end: i + 4, text: `Zürich “${i}” 北京 😀`, region: 'body', score: 0.5, label: `${i}` }));
    const found = { uri: 'file:///long.txt', counts: { claim: 2100 }, findings, scope: 'all', isSource: true, regions: ['body'] } as unknown as DocumentFindings;
    const wire = findingsToWire(found) as JsonParts;
    expect(typeof wire).toBe('object');
    const parts = wire.lists[0]![1].length;
    expect(wire.lists.map(([k]) => k)).toEqual(['findings']);
    expect(parts).toBeGreaterThan(3);
    // Made without changing what it was made of.
    expect(found.findings).toBe(findings);
    const received = await posted({ id: 3, uri: found.uri, findings: wire }, wire);
    let back: unknown;
    const turns = await turnsDuring(async () => {
      back = await findingsFromWire((received as { findings: JsonParts }).findings);
    });
    expect(turns).toBeGreaterThanOrEqual(parts);
    expect(JSON.stringify(back)).toBe(JSON.stringify(found));
    const few = { ...found, findings: findings.slice(0, 150) } as DocumentFindings;
    expect(findingsToWire(few)).toBe(JSON.stringify(few));
    expect(await findingsFromWire(JSON.stringify(few))).toEqual(few);
  });
});
