// A long open source's analysis crosses from the worker to the main thread in slices. Posted as one
// structured-cloned object, the 50,000 findings of a 1 MB source took the main thread ~260 ms (plus
// the garbage collection it set off) to receive in one go, and every hover waited for it. The worker
// serialises the long arrays (v8.serialize, the same algorithm as postMessage) in slices; the main
// thread deserialises one slice per turn of the event loop. Only what the main thread reads crosses:
// the tagged findings and the analysis's summary (ShownAnalysis). The analysis's own lists (its
// findings before tags, repeats, region spans) stay in the worker, which puts the tags on and makes
// the digest: rebuilt on the main thread after each edit, they cost it ~9,000 moved region spans
// and a pass over every finding per keystroke of 1 MB, and were never read there.
import { deserialize, serialize } from 'node:v8';
import { DIGEST_ITEM_LISTS, type SourceDigest } from '../core/corpus';
import type { AnalysisSummary } from '../core/model';
import type { ShownAnalysis, SourceAnalysis } from '../core/sourceAnalysis';
import type { TaggedFinding, TaggedFindings } from '../core/taggedFindings';
import type { VisibleFindings } from '../core/visibility';
import { recordEdit } from './findingsEdits';
import { commonEnds, findingsDelta, moved, movedFinding, sameMovedFinding, type FindingsDelta, type Positioned } from './findingsDelta';
import type { JsonParts } from './indexMessages';
import { countSlice, SLICE_ITEMS, yieldToLoop } from './slices';

export interface WireAnalysis {
  /** Items per slice. */
  slice: number;
  /** Everything but the tagged findings: the analysis's summary, the tags' other lists. */
  head: Uint8Array;
  /** tagged.findings, a slice per buffer; with `taggedDelta`, only those not among the base's. */
  tagged: Uint8Array[];
  /** The base analysis the delta is against (its seq). */
  base?: number;
  /** tagged.findings as the base analysis's, as they were or moved by the edit (findingsDelta.ts). */
  taggedDelta?: ListDelta;
}

interface Head {
  analysis?: AnalysisSummary;
  skippedReason?: string;
  tagged: Omit<VisibleFindings, 'findings' | 'duplicates'> & { duplicates: { annotation: TaggedFindings['duplicates'][number]['annotation']; finding: number }[] };
}

/** An analysis's summary: the analysis without its lists, its other keys in their order. */
function summaryOf(analysis: AnalysisSummary & { findings?: unknown; repeats?: unknown; regions?: unknown }): AnalysisSummary {
  const { findings: _findings, repeats: _repeats, regions: _regions, ...summary } = analysis;
  return summary;
}

function serialiseSlices<T>(items: readonly T[], size: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < items.length; i += size) out.push(serialize(items.slice(i, i + size)));
  return out;
}

type ListDelta = Omit<FindingsDelta<unknown>, 'literal'>;

/** An earlier analysis of the same source that the main thread holds too: `seq` names it on both sides. */
export interface WireBase {
  seq: number;
  text: string;
  analysed: ShownAnalysis;
}

/** A list as a delta against the base's (the items not among them, in slices, and where the others are). */
function listDelta<T>(
  base: { text: string }, previous: readonly T[], text: string, items: readonly T[], size: number, ends: { prefix: number; suffix: number },
  place?: (item: T) => Positioned,
  same?: (now: T, before: T, shift: number) => boolean,
): { slices: Uint8Array[]; delta: ListDelta } {
  const { literal, ...delta } = findingsDelta(base.text, previous, text, items, ends, place, same);
  return { slices: serialiseSlices(literal, size), delta };
}

/** A list back from its slices and, when it came as a delta, the base's list, a slice at a time. */
async function listFromWire<T>(
  slices: readonly Uint8Array[], size: number, delta?: ListDelta, previous?: readonly T[],
  /** How an item is moved: moved(), or movedFinding() for findings. */
  move: (item: T, shift: number) => T = moved,
): Promise<T[]> {
  const literal = await fromSlices<T>(slices);
  if (!delta) return literal;
  if (!previous) throw new Error('an analysis or digest came as a delta against one this thread does not hold');
  const { from, moved: movedFlags, shift } = delta;
  const out: T[] = new Array(from.length);
  let next = 0;
  // A slice at a time: moving an item copies it.
  for (let at = 0; at < from.length; at += size) {
    if (at > 0) await yieldToLoop();
    const to = Math.min(from.length, at + size);
    for (let i = at; i < to; i++) {
      const j = from[i]!;
      out[i] = j < 0 ? literal[next++]! : move(previous[j]!, movedFlags[i] ? shift : 0);
    }
    countSlice(to - at);
  }
  return out;
}

/** In the worker: what the main thread reads of the analysis (of `text`), as slices to post; with a base, the tagged findings as a delta against it. */
export function toWire(analysed: SourceAnalysis, size = SLICE_ITEMS, base?: WireBase, text?: string): WireAnalysis {
  const { analysis, skippedReason, tagged } = analysed;
  // Only a duplicated tag needs a finding's index (a map of 19,000 findings on every keystroke of 1 MB otherwise).
  const indexOf = tagged.duplicates.length ? new Map(tagged.findings.map((f, i) => [f, i])) : undefined;
  const head: Head = {
    ...(analysis ? { analysis: summaryOf(analysis) } : {}),
    ...(skippedReason !== undefined ? { skippedReason } : {}),
    tagged: {
      orphans: tagged.orphans,
      anchors: tagged.anchors,
      duplicates: tagged.duplicates.map((d) => ({ annotation: d.annotation, finding: indexOf!.get(d.finding) ?? -1 })),
      dismissals: tagged.dismissals,
      dismissalOrphans: tagged.dismissalOrphans,
      dismissed: tagged.dismissed,
      hiddenByRegion: tagged.hiddenByRegion,
    },
  };
  const against = text === undefined ? undefined : base;
  const wire: WireAnalysis = { slice: size, head: serialize(head), tagged: [] };
  if (against) {
    wire.base = against.seq;
    const d = listDelta(against, against.analysed.tagged.findings, text!, tagged.findings, size, commonEnds(against.text, text!), undefined, sameMovedFinding);
    wire.tagged = d.slices;
    wire.taggedDelta = d.delta;
  } else wire.tagged = serialiseSlices(tagged.findings, size);
  return wire;
}

async function fromSlices<T>(slices: readonly Uint8Array[]): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < slices.length; i++) {
    if (i > 0) await yieldToLoop();
    const items = deserialize(slices[i]!) as T[];
    for (const item of items) out.push(item);
    countSlice(items.length);
  }
  return out;
}

/** On the main thread: the shown analysis back from its slices, yielding to the event loop between them; `base`, the analysis its delta was made against. */
export async function fromWire(wire: WireAnalysis, base?: ShownAnalysis): Promise<ShownAnalysis> {
  const head = deserialize(wire.head) as Head;
  const findings = await listFromWire<TaggedFinding>(wire.tagged, wire.slice, wire.taggedDelta, base?.tagged.findings, movedFinding);
  const delta = wire.taggedDelta;
  if (delta && base) recordEdit(findings, { before: base.tagged.findings, from: delta.from, moved: delta.moved, prefix: delta.prefix, suffix: delta.suffix });
  const tagged: VisibleFindings = {
    findings,
    orphans: head.tagged.orphans,
    anchors: head.tagged.anchors,
    duplicates: head.tagged.duplicates.map((d) => ({ annotation: d.annotation, finding: findings[d.finding]! })),
    dismissals: head.tagged.dismissals,
    dismissalOrphans: head.tagged.dismissalOrphans,
    dismissed: head.tagged.dismissed,
    hiddenByRegion: head.tagged.hiddenByRegion,
  };
  return { ...(head.analysis ? { analysis: head.analysis } : {}), ...(head.skippedReason !== undefined ? { skippedReason: head.skippedReason } : {}), tagged };
}

/**
 * A source's cross-source digest, its lists in slices (a 1 MB source's digest has tens of thousands
 * of items). With a base (a digest of the same source the main thread holds), each list goes as a
 * delta against the base's, as an analysis does: a 1 MB source's whole digest took ~70 ms to
 * serialise in the worker and ~85 ms to deserialise on the main thread, after every pause in typing.
 */
export interface WireDigest {
  head: Uint8Array;
  lists: [key: string, slices: Uint8Array[], delta?: ListDelta][];
  /** The seq of the digest the deltas are against. */
  base?: number;
}

/** A digest sent earlier, of the text `text`, named by `seq` on both sides. */
export interface DigestBase {
  seq: number;
  text: string;
  digest: SourceDigest;
}

/** The lists of items go as deltas; the rest of a digest (its line starts among them) goes in the head. */
const ITEM_LISTS: ReadonlySet<string> = new Set(DIGEST_ITEM_LISTS);

/** In the worker: the digest (of `text`) as slices to post; with a base, its lists as deltas against the base's. */
export function digestToWire(digest: SourceDigest, size = SLICE_ITEMS, base?: DigestBase, text?: string): WireDigest {
  const head: Record<string, unknown> = { ...digest };
  const lists: WireDigest['lists'] = [];
  const against = text === undefined ? undefined : base;
  const ends = against ? commonEnds(against.text, text!) : undefined;
  for (const [key, value] of Object.entries(digest)) {
    if (!ITEM_LISTS.has(key) || !Array.isArray(value)) continue;
    const previous = (against?.digest as unknown as Record<string, unknown> | undefined)?.[key];
    if (Array.isArray(previous)) {
      const d = listDelta(against!, previous as Positioned[], text!, value as Positioned[], size, ends!);
      lists.push([key, d.slices, d.delta]);
    } else lists.push([key, serialiseSlices(value, size)]);
    head[key] = [];
  }
  return { head: serialize(head), lists, ...(against ? { base: against.seq } : {}) };
}

/** On the main thread: the digest back from its slices, yielding to the event loop between them; `base`, the digest its deltas were made against. */
export async function digestFromWire(wire: WireDigest, base?: SourceDigest): Promise<SourceDigest> {
  const digest = deserialize(wire.head) as Record<string, unknown>;
  const previous = base as unknown as Record<string, unknown[]> | undefined;
  for (const [key, slices, delta] of wire.lists) {
    await yieldToLoop();
    digest[key] = await listFromWire(slices, SLICE_ITEMS, delta, previous?.[key]);
  }
  return digest as unknown as SourceDigest;
}

/**
 * The buffers of a wire message (its slices) to transfer rather than copy: received
 * as a copy, a 1 MB source's analysis held the main thread ~45 ms in one go (the clone, before any
 * slice is read), every hover waiting. Only buffers that own their whole memory: v8.serialize's do,
 * a slice of Node's shared pool must not be detached.
 */
export function transferablesOf(wire: WireAnalysis | WireDigest | JsonParts): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  // The message's own shape: fields, lists of slices, a digest's [key, slices, delta] entries.
  const visit = (v: unknown, depth: number): void => {
    if (ArrayBuffer.isView(v)) {
      const b = v.buffer;
      if (b instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === b.byteLength) out.add(b);
    } else if (Array.isArray(v) && depth < 3) {
      for (const x of v) visit(x, depth + 1);
    }
  };
  for (const v of Object.values(wire)) visit(v, 0);
  return [...out];
}
