// A long open source's analysis crosses from the worker to the main thread in slices. Posted as one
// structured-cloned object, the 50,000 findings of a 1 MB source took the main thread ~260 ms (plus
// the garbage collection it set off) to receive in one go, and every hover waited for it. The worker
// serialises the long arrays (v8.serialize, the same algorithm as postMessage) in slices; the main
// thread deserialises one slice per turn of the event loop. A finding the analysis and the tagged
// list share is sent once: analysis.findings refers to the tagged copy by index.
import { deserialize, serialize } from 'node:v8';
import { DIGEST_ITEM_LISTS, type SourceDigest } from '../core/corpus';
import { compareFindings, type Finding, type RegionSpan } from '../core/model';
import type { SourceAnalysis } from '../core/sourceAnalysis';
import type { TaggedFinding, TaggedFindings } from '../core/taggedFindings';
import type { VisibleFindings } from '../core/visibility';
import { commonEnds, findingsDelta, moved, movedFinding, sameMovedFinding, type FindingsDelta, type Positioned } from './findingsDelta';
import type { JsonParts } from './indexMessages';
import { countSlice, inSlices, SLICE_ITEMS, yieldToLoop } from './slices';

export interface WireAnalysis {
  /** Items per slice: the main thread rebuilds analysis.findings in slices of this size too. */
  slice: number;
  /** Everything but the long arrays. */
  head: Uint8Array;
  /** tagged.findings, a slice per buffer; with `taggedDelta`, only those not among the base's. */
  tagged: Uint8Array[];
  /** The base analysis the deltas are against (its seq); with it, tagged.findings, analysis.repeats and analysis.regions go as deltas. */
  base?: number;
  /** tagged.findings as the base analysis's, as they were or moved by the edit (findingsDelta.ts). */
  taggedDelta?: ListDelta;
  /** analysis.repeats as a delta against the base's (`repeats` then holds only those not among them). */
  repeatsDelta?: ListDelta;
  /** analysis.regions, sent apart from the head in slices: with a base, those not among the base's, and the delta. */
  regions?: Uint8Array[];
  regionsDelta?: ListDelta;
  /** analysis.findings: the index of the tagged finding each is (that finding without its tag), or -1 for the next of `literal`. */
  findingsFrom?: Int32Array;
  /** analysis.findings not found as such among the tagged ones, in slices; with `literalDelta`, only those not among the base analysis's findings either. */
  literal: Uint8Array[];
  /**
   * Those findings as a delta against the base analysis's findings. With regions hidden they are
   * many (a hidden comment's findings, entities whose visible mentions were recounted): 3.1 MB of
   * a 1 MB source's 18,700 findings crossed whole on every keystroke.
   */
  literalDelta?: ListDelta;
  /** analysis.repeats, in slices (absent: the analysis has none). */
  repeats?: Uint8Array[];
}

interface Head {
  analysis?: Omit<NonNullable<SourceAnalysis['analysis']>, 'findings' | 'repeats'>;
  /** The analysis's keys in their order, so that the object comes back as it was. */
  analysisKeys?: string[];
  skippedReason?: string;
  tagged: Omit<VisibleFindings, 'findings' | 'duplicates'> & { duplicates: { annotation: TaggedFindings['duplicates'][number]['annotation']; finding: number }[] };
}

const TAG_KEYS = new Set(['annotation', 'anchor']);

/** Whether `tagged` is `f`, or `f` copied with at most a tag and its anchor added (attachTags makes such copies). */
function copyOf(f: Finding, tagged: TaggedFinding | undefined): boolean {
  if (!tagged || 'annotation' in f || 'anchor' in f) return false;
  if (tagged === f) return true; // untagged: attachTags shares it
  let keys = 0;
  for (const k in f) {
    if ((f as unknown as Record<string, unknown>)[k] !== (tagged as unknown as Record<string, unknown>)[k]) return false;
    keys++;
  }
  for (const k in tagged) if (!TAG_KEYS.has(k)) keys--;
  return keys === 0;
}

/**
 * Each of the analysis's findings as the tagged list's index of it (or of its copy with tags), −1 and
 * listed in `literal` when it is not there as it is. Both lists are in compareFindings order, so one
 * walk finds them: a map of 19,000 ids cost ~12 ms of a keystroke on 1 MB. A list out of that order
 * only sends more findings as they are.
 */
function taggedIndexes(findings: readonly Finding[], tagged: readonly TaggedFinding[]): { from: Int32Array; literal: Finding[] } {
  const from = new Int32Array(findings.length);
  const literal: Finding[] = [];
  let j = 0;
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    while (j < tagged.length && compareFindings(tagged[j]!, f) < 0) j++;
    let at = -1;
    // Findings at one place of one kind sit side by side: the one with this id among them.
    for (let k = j; k < tagged.length && compareFindings(tagged[k]!, f) === 0; k++) {
      if (tagged[k]!.id === f.id) {
        at = k;
        break;
      }
    }
    if (at >= 0 && copyOf(f, tagged[at])) from[i] = at;
    else {
      from[i] = -1;
      literal.push(f);
    }
  }
  return { from, literal };
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
  analysed: SourceAnalysis;
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

/** In the worker: the analysis (of `text`) as slices to post; with a base, the tagged findings as a delta against it. */
export function toWire(analysed: SourceAnalysis, size = SLICE_ITEMS, base?: WireBase, text?: string): WireAnalysis {
  const { analysis, skippedReason, tagged } = analysed;
  // Only a duplicated tag needs a finding's index (a map of 19,000 findings on every keystroke of 1 MB otherwise).
  const indexOf = tagged.duplicates.length ? new Map(tagged.findings.map((f, i) => [f, i])) : undefined;
  const head: Head = {
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
  const wire: WireAnalysis = { slice: size, head: new Uint8Array(0), tagged: [], literal: [] };
  const ends = against ? commonEnds(against.text, text!) : { prefix: 0, suffix: 0 };
  if (against) {
    wire.base = against.seq;
    const d = listDelta(against, against.analysed.tagged.findings, text!, tagged.findings, size, ends, undefined, sameMovedFinding);
    wire.tagged = d.slices;
    wire.taggedDelta = d.delta;
  } else wire.tagged = serialiseSlices(tagged.findings, size);
  if (analysis) {
    const { findings, repeats, ...rest } = analysis;
    head.analysis = rest;
    const previous = against?.analysed.analysis;
    // A 1 MB source has some 9,000 region spans (570 KB): in the head they were read in one go (16 ms
    // of the main thread, a hover's wait); apart, in slices, and after an edit moved like the findings.
    const { regions, ...others } = rest;
    head.analysis = others as typeof rest;
    if (previous) {
      const d = listDelta(against!, previous.regions, text!, regions, size, ends);
      wire.regions = d.slices;
      wire.regionsDelta = d.delta;
    } else wire.regions = serialiseSlices(regions, size);
    head.analysisKeys = Object.keys(analysis);
    const { from, literal } = taggedIndexes(findings, tagged.findings);
    wire.findingsFrom = from;
    if (previous) {
      const d = listDelta(against!, previous.findings, text!, literal, size, ends, undefined, sameMovedFinding);
      wire.literal = d.slices;
      wire.literalDelta = d.delta;
    } else wire.literal = serialiseSlices(literal, size);
    if (repeats && previous?.repeats) {
      const d = listDelta(against!, previous.repeats, text!, repeats, size, ends, undefined, sameMovedFinding);
      wire.repeats = d.slices;
      wire.repeatsDelta = d.delta;
    } else if (repeats) wire.repeats = serialiseSlices(repeats, size);
  }
  wire.head = serialize(head);
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

/** On the main thread: the analysis back from its slices, yielding to the event loop between them; `base`, the analysis its deltas were made against. */
export async function fromWire(wire: WireAnalysis, base?: SourceAnalysis): Promise<SourceAnalysis> {
  const head = deserialize(wire.head) as Head;
  const findings = await listFromWire<TaggedFinding>(wire.tagged, wire.slice, wire.taggedDelta, base?.tagged.findings, movedFinding);
  await yieldToLoop();
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
  let analysis: SourceAnalysis['analysis'];
  if (head.analysis && wire.findingsFrom) {
    const literal = await listFromWire<Finding>(wire.literal, wire.slice, wire.literalDelta, base?.analysis?.findings, movedFinding);
    let next = 0;
    const analysisFindings: Finding[] = new Array(wire.findingsFrom.length);
    await inSlices(Array.from(wire.findingsFrom), (from, i) => {
      if (from < 0) analysisFindings[i] = literal[next++]!;
      else {
        const tagged = findings[from]!;
        // Untagged, it is the very finding (copyOf): shared, not copied, as nothing changes a finding once analysed.
        if (!('annotation' in tagged) && !('anchor' in tagged)) analysisFindings[i] = tagged;
        else {
          const { annotation: _annotation, anchor: _anchor, ...finding } = tagged;
          analysisFindings[i] = finding;
        }
      }
    }, wire.slice);
    const parts: Record<string, unknown> = {
      ...head.analysis, findings: analysisFindings,
      ...(wire.repeats ? { repeats: await listFromWire<Finding>(wire.repeats, wire.slice, wire.repeatsDelta, base?.analysis?.repeats, movedFinding) } : {}),
      ...(wire.regions ? { regions: await listFromWire<RegionSpan>(wire.regions, wire.slice, wire.regionsDelta, base?.analysis?.regions) } : {}),
    };
    analysis = Object.fromEntries(head.analysisKeys!.map((k) => [k, parts[k]])) as unknown as SourceAnalysis['analysis'];
  }
  return { ...(analysis ? { analysis } : {}), ...(head.skippedReason !== undefined ? { skippedReason: head.skippedReason } : {}), tagged };
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
 * The buffers of a wire message (its slices, `findingsFrom`) to transfer rather than copy: received
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
