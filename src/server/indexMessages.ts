// The messages between the workspace index and its worker threads.
import { DIGEST_ITEM_LISTS } from '../core/corpus/types';
import type { PackedEntry } from '../core/corpus/digestPacks';
import { jsonText } from '../core/text/asciiJson';
import type { SourceOptions } from '../core/sourceAnalysis';
import type { Span } from '../core/taggedFindings';
import type { Sidecar } from '../core/tags/annotation';
import type { WorkerSteps } from './analysisTrace';
import type { WireAnalysis, WireDigest } from './analysisWire';
import type { FindingsJob } from './closedFindings';
import type { DocumentFindings } from '../shared/protocol';
import type { IndexedSource, IndexJob } from './indexJob';
import { yieldToLoop } from './slices';

/** Index a source (its digest and counts), or give a closed source's findings (the view expanded it). */
export type IndexTask = { job: IndexJob } | { findings: FindingsJob };

/** A long open source analysed off the main thread (openAnalysis.ts); answered with its SourceAnalysis in slices (analysisWire.ts). */
export interface AnalyseJob {
  text: string;
  sidecar?: Sidecar;
  options: SourceOptions;
  tracked?: ReadonlyMap<string, Span>;
  /** Processor time the analysis may use, in ms (workBudget.ts); over it the worker stops and says so. */
  budgetMs?: number;
  /**
   * This analysis's number (`seq`) and that of the latest one of the source the main thread holds
   * (`base`): the worker then sends the findings as a delta against it, if it still has it too.
   */
  delta?: { uri: string; seq: number; base?: number };
}

/**
 * Make the cross-source digest of a long open source's analysis `seq` (the worker holds it, see
 * AnalyseJob.delta), asked once edits pause (openDigests.ts).
 */
export interface DigestJob {
  uri: string;
  seq: number;
  /** The seq of the source's digest the main thread holds: the worker sends this one as a delta against it, if it still has it too. */
  base?: number;
}

/** The digest; 'superseded' when the worker has analysed the source again since (that one's digest is the one to ask for). */
export type DigestReply = { id: number; digest: WireDigest } | { id: number; superseded: true } | { id: number; error: string };

/** A task as the worker receives it, with the id its answer carries. */
export type WorkerRequest = (IndexTask | { analyse: AnalyseJob } | { digest: DigestJob }) & { id: number };

/**
 * The answer to an AnalyseJob: the analysis, or the processor time used when it ran over its budget,
 * or an error, its `stack` the worker's for the log (the main thread's would only say where the reply was read).
 */
export type AnalyseReply = { id: number; analysed: WireAnalysis; steps: WorkerSteps } | { id: number; overBudgetMs: number } | { id: number; error: string; stack?: string };

export type IndexResponse =
  | ({ id: number; uri: string; openSeq?: number } & IndexedSource)
  | { id: number; uri: string; openSeq?: number; error: string };

/**
 * What a worker posts back: the indexed source (or the findings) as JSON text. The main thread keeps
 * every digest for the life of the index, and JSON.parse builds them a quarter smaller than
 * structured cloning does (it shares short strings: regions, types, finding ids), for less
 * main-thread time. A long source's comes in parts (JsonParts).
 */
export type WorkerResponse =
  /** `entry`: a fresh result's digest cache entry, for the main thread to write with others in a pack. */
  | { id: number; uri: string; openSeq?: number; indexed: string | JsonParts; entry?: PackedEntry }
  | { id: number; uri: string; findings: string | JsonParts }
  | { id: number; uri: string; openSeq?: number; error: string };

/**
 * A long answer's JSON as texts the main thread parses one per turn of its event loop: its long
 * lists (a digest's items, a closed source's findings) in parts, the rest in the head. One
 * JSON.parse of a 1 MB source's index answer held the main thread (and every hover) for 37–65 ms; a
 * hover waited 279 ms on a 6 MB one's. The parts travel as UTF-8 in one transferred buffer: as
 * strings, receiving a 6 MB source's took 75 ms.
 */
export interface JsonParts {
  head: string;
  /** Every part's JSON, one after the other. */
  bytes: Uint8Array;
  /** Per list, where each of its parts ends in `bytes` (each starts where the one before ended). */
  lists: [key: string, ends: number[]][];
}

/** Replies longer than this (UTF-16 units of JSON) go in parts: a few ms of parsing. */
export const PARTED_REPLY_CHARS = 256 * 1024;
/** Items of a digest's list per part. */
const DIGEST_PART_ITEMS = 500;
/** Findings for the view per part: each is some 340 bytes of JSON, three times a digest item. */
const FINDINGS_PART_ITEMS = 200;

/**
 * `root`'s JSON in parts: the lists of `holder` (root or an object in it) under `keys` that are
 * longer than a part, each emptied in the head (so the keys keep their order). Undefined when none is.
 */
function toParts(root: object, holder: Record<string, unknown>, keys: readonly string[], partItems: number): JsonParts | undefined {
  const texts: string[] = [];
  const lists: JsonParts['lists'] = [];
  const taken: [string, unknown[]][] = [];
  let at = 0;
  for (const key of keys) {
    const items = holder[key];
    if (!Array.isArray(items) || items.length <= partItems) continue;
    const ends: number[] = [];
    for (let i = 0; i < items.length; i += partItems) {
      const text = JSON.stringify(items.slice(i, i + partItems));
      texts.push(text);
      ends.push((at += Buffer.byteLength(text)));
    }
    lists.push([key, ends]);
    taken.push([key, items]);
    holder[key] = [];
  }
  if (!lists.length) return undefined;
  const head = JSON.stringify(root);
  for (const [key, items] of taken) holder[key] = items;
  // Its own buffer (not a slice of Node's pool), so that it can be transferred (analysisWire.ts transferablesOf).
  const bytes = new Uint8Array(at);
  let written = 0;
  for (const text of texts) written += encoder.encodeInto(text, bytes.subarray(written)).written;
  return { head, bytes, lists };
}

/** The value back from its parts, a part parsed per turn of the event loop; `holderOf` finds where the lists go, `allowed` names them. */
async function fromParts(parts: JsonParts, holderOf: (root: Record<string, unknown>) => unknown, allowed: ReadonlySet<string>): Promise<Record<string, unknown>> {
  const root = JSON.parse(parts.head) as Record<string, unknown>;
  const holder = holderOf(root);
  if (typeof holder !== 'object' || holder === null) throw new Error('an index worker sent parts of a list with nowhere to put them');
  const { bytes } = parts;
  let from = 0;
  for (const [key, ends] of parts.lists) {
    if (!allowed.has(key)) throw new Error(`an index worker sent a list named ${JSON.stringify(key)}`);
    const items: unknown[] = [];
    for (const end of ends) {
      await yieldToLoop();
      // One by one: a part has more items than a call's arguments should hold.
      for (const item of JSON.parse(jsonText(Buffer.from(bytes.buffer, bytes.byteOffset + from, end - from))) as unknown[]) items.push(item);
      from = end;
    }
    (holder as Record<string, unknown>)[key] = items;
  }
  return root;
}

/** In the worker: the indexed source's JSON as it is, or in parts when it is long. */
export function indexedToWire(json: string, partedChars = PARTED_REPLY_CHARS): string | JsonParts {
  if (json.length < partedChars) return json;
  const indexed = JSON.parse(json) as { digest?: Record<string, unknown> } | null;
  if (!indexed?.digest || typeof indexed.digest !== 'object') return json;
  // Lists all short (the length is elsewhere): as it was.
  return toParts(indexed, indexed.digest, DIGEST_ITEM_LISTS, DIGEST_PART_ITEMS) ?? json;
}

/** In the worker: a closed source's findings for the view as JSON, in parts when there are many (a 1 MB source's: 18,000, 6 MB of JSON). */
export function findingsToWire(findings: DocumentFindings): string | JsonParts {
  return toParts(findings, findings as unknown as Record<string, unknown>, FINDINGS_LISTS, FINDINGS_PART_ITEMS) ?? JSON.stringify(findings);
}

const encoder = new TextEncoder();

const ITEM_LISTS: ReadonlySet<string> = new Set(DIGEST_ITEM_LISTS);
const FINDINGS_LISTS = ['findings'] as const;
const FINDINGS_LIST_SET: ReadonlySet<string> = new Set(FINDINGS_LISTS);

/** On the main thread: the worker's answer as an IndexResponse, a long one's parts parsed one per turn of the event loop. */
export async function fromWire(r: Exclude<WorkerResponse, { findings: unknown }>): Promise<IndexResponse> {
  if ('error' in r) return r;
  const at = { id: r.id, uri: r.uri, ...(r.openSeq !== undefined ? { openSeq: r.openSeq } : {}) };
  if (typeof r.indexed === 'string') return { ...at, ...(JSON.parse(r.indexed) as IndexedSource) };
  const indexed = await fromParts(r.indexed, (root) => root.digest, ITEM_LISTS) as unknown as IndexedSource;
  return { ...at, ...indexed };
}

/** On the main thread: a closed source's findings from its worker's answer, many parsed a part per turn of the event loop. */
export async function findingsFromWire(findings: string | JsonParts): Promise<DocumentFindings> {
  if (typeof findings === 'string') return JSON.parse(findings) as DocumentFindings;
  return await fromParts(findings, (root) => root, FINDINGS_LIST_SET) as unknown as DocumentFindings;
}
