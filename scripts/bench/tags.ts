// Tag figures: re-anchoring 1,000 tags on a 1 MB source after an outside edit, and sidecar save latency.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Annotation, Sidecar } from '../../src/core/tags/annotation';
import { QuoteAnchorer, type Anchor } from '../../src/core/tags/anchoring';
import { makeQuoteTarget, sha256Hex } from '../../src/core/tags/quoteSelector';
import { emptySidecar, serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { FileSidecarStore } from '../../src/core/tags/sidecarStore';
import { prng } from './generate';
import { median, quantile } from './format';

export interface ReanchorScenario {
  name: string;
  tags: number;
  runs: number[];
  methods: Record<string, number>;
  orphans: number;
  /** Tags whose text the edit left intact that were not found exactly where that text now is. */
  misplaced: number;
  /** What those were, for a look. */
  misplacedDetails: string[];
}

export interface SaveFigure {
  name: string;
  tags: number;
  bytes: number;
  samples: number[];
}

export interface TagBench {
  reanchor: ReanchorScenario[];
  save: SaveFigure[];
}

interface Placed {
  start: number;
  end: number;
}

/** `count` tags spread evenly: whole sentences (claims) and single capitalised words (names). */
function placeTags(text: string, count: number): Placed[] {
  const sentences = [...text.matchAll(/[A-Z][^.!?\n]{30,300}[.!?]/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const names = [...text.matchAll(/(?<=[a-z,] )[A-Z][a-z]{3,}(?: [A-Z][a-z]+)?/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const placed: Placed[] = [];
  for (let i = 0; i < count; i++) {
    const pool = i % 3 === 0 ? names : sentences;
    placed.push(pool[Math.floor((i / count) * pool.length)]!);
  }
  return placed;
}

function timeAnchoring(text: string, targets: ReturnType<typeof makeQuoteTarget>[], runs: number): { runs: number[]; anchors: (Anchor | undefined)[] } {
  const times: number[] = [];
  let anchors: (Anchor | undefined)[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    anchors = new QuoteAnchorer(text).anchorAll(targets);
    times.push(performance.now() - started);
  }
  return { runs: times, anchors };
}

export function benchReanchoring(source: string, seed: number): ReanchorScenario[] {
  const random = prng(seed);
  const placed = placeTags(source, 1000);
  const targets = placed.map((p) => makeQuoteTarget(source, p.start, p.end));
  const scenarios: ReanchorScenario[] = [];

  const record = (name: string, edited: string, expected: (number | undefined)[]) => {
    timeAnchoring(edited, targets, 1); // JIT warm-up
    const { runs, anchors } = timeAnchoring(edited, targets, 5);
    const methods: Record<string, number> = {};
    let misplaced = 0;
    const misplacedDetails: string[] = [];
    anchors.forEach((a, i) => {
      methods[a?.method ?? 'orphan'] = (methods[a?.method ?? 'orphan'] ?? 0) + 1;
      if (expected[i] !== undefined && a?.start !== expected[i]) {
        misplaced++;
        const e = expected[i]!;
        misplacedDetails.push(
          `${JSON.stringify(targets[i]!.exact)} expected at ${e} (${JSON.stringify(edited.slice(e - 30, e + targets[i]!.exact.length + 30))}), ` +
            (a ? `anchored ${a.method} at ${a.start} (${JSON.stringify(edited.slice(a.start - 30, a.end + 30))})` : 'orphaned'),
        );
      }
    });
    scenarios.push({ name, tags: targets.length, runs, methods, orphans: methods.orphan ?? 0, misplaced, misplacedDetails });
  };

  // A paragraph inserted near the top shifts every tag below it: the everyday outside edit.
  const insertAt = source.indexOf('\n\n', 2000) + 2;
  const paragraph = 'Editor’s note: this article was updated with a statement from the company and a correction.\n\n';
  const inserted = source.slice(0, insertAt) + paragraph + source.slice(insertAt);
  record('paragraph inserted near the top', inserted, placed.map((p) => (p.start >= insertAt ? p.start + paragraph.length : p.start)));

  // A git pull: that paragraph, plus one in ten tagged sentences edited inside (a letter changed)
  // and one in fifty deleted; the text of every other tag is intact.
  const edits: { at: number; remove: number; insert: string }[] = [{ at: insertAt, remove: 0, insert: paragraph }];
  const touched = new Set<number>();
  placed.forEach((p, i) => {
    if (i % 3 === 0) return; // names stay
    const r = random();
    if (r < 0.1) {
      const at = p.start + 5 + Math.floor(random() * (p.end - p.start - 10));
      edits.push({ at, remove: 1, insert: 'x' });
      touched.add(i);
    } else if (r < 0.12) {
      edits.push({ at: p.start, remove: p.end - p.start, insert: '' });
      touched.add(i);
    }
  });
  // Apply from the end so earlier offsets stay valid; drop overlapping edits.
  let pulled = source;
  let lastStart = Infinity;
  for (const e of [...edits].sort((a, b) => b.at - a.at)) {
    if (e.at + e.remove > lastStart) continue;
    pulled = pulled.slice(0, e.at) + e.insert + pulled.slice(e.at + e.remove);
    lastStart = e.at;
  }
  // Expected places of untouched tags: shift by the net length of edits before them.
  const sorted = [...edits].sort((a, b) => a.at - b.at);
  const expected = placed.map((p, i) => {
    if (touched.has(i)) return undefined;
    let shift = 0;
    for (const e of sorted) if (e.at + e.remove <= p.start) shift += e.insert.length - e.remove;
    const sameText = pulled.slice(p.start + shift, p.end + shift) === source.slice(p.start, p.end);
    return sameText ? p.start + shift : undefined;
  });
  record('git pull: paragraph + 10% of claims edited + 2% deleted', pulled, expected);

  // The same source re-saved with CRLF line endings: every offset after the first line moves.
  const crlf = source.replace(/\n/g, '\r\n');
  record('re-saved with CRLF line endings', crlf, placed.map((p) => p.start + (source.slice(0, p.start).match(/\n/g)?.length ?? 0)));
  return scenarios;
}

function sidecarWith(count: number, text: string): Sidecar {
  const placed = placeTags(text, count);
  const stamp = '2026-01-01T00:00:00.000Z';
  const annotations: Annotation[] = placed.map((p, i) => ({
    id: `a_${i.toString(16).padStart(12, '0')}`,
    kind: i % 3 === 0 ? 'entity' : 'claim',
    status: 'verified',
    target: makeQuoteTarget(text, p.start, p.end),
    history: [{ at: stamp, to: 'verified' }],
    createdAt: stamp,
    updatedAt: stamp,
  }));
  return { ...emptySidecar('bench.txt', sha256Hex(text)), annotations };
}

/** Each save flips one tag's status through the real store (lock, read, compare, temp file, fsync, rename). */
export async function benchSaves(source: string): Promise<SaveFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'sourcemark-bench-'));
  const store = new FileSidecarStore();
  const figures: SaveFigure[] = [];
  try {
    for (const count of [10, 1000]) {
      const file = path.join(dir, `bench-${count}.txt.annotations.json`);
      const initial = sidecarWith(count, source);
      await store.write(file, initial);
      const samples: number[] = [];
      for (let i = 0; i < 40; i++) {
        const started = performance.now();
        await store.update(file, (s) => ({
          ...s!,
          annotations: s!.annotations.map((a, k) => (k === i % count ? { ...a, status: a.status === 'verified' ? 'contradicted' : 'verified' } : a)),
        }));
        samples.push(performance.now() - started);
      }
      figures.push({ name: `${count} tags`, tags: count, bytes: Buffer.byteLength(serializeSidecar(initial)), samples: samples.slice(5) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

export async function benchTags(source: string, seed: number): Promise<TagBench> {
  return { reanchor: benchReanchoring(source, seed), save: await benchSaves(source) };
}

export const summarise = {
  median,
  p95: (xs: number[]) => quantile(xs, 0.95),
};
