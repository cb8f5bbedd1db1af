import type { ShownAnalysis } from '../sourceAnalysis';
import { rangeIn, type LinePosition } from '../text/lineIndex';
import { contentChangesInSteps } from '../text/movedCopies';
import { ClaimRegistry, DEFAULT_MATCH_THRESHOLD, isDated, type ClaimMatch, type GroupLookup } from './claimMatching';
import { claimConflicts, compareConflicts, mayConflict, titleConflicts, type Conflict, type RoleHolder } from './conflicts';
import { digestSource } from './digest';
import { EntityRegistry, type EntityGroup } from './entityIdentity';
import { indexQuotationsInSteps, type QuotationIndex, type QuotationsOfSpeaker } from './quotations';
import { SharedStrings } from './sharedStrings';
import { runSteps, STEP_ITEMS, StepCounter, type Steps } from './steps';
import { buildTimeline, timelineSteps, type Timeline, type TimelineOptions } from './timeline';
import { spanOf, type ClaimDigest, type CorpusLocation, type EntityMentionDigest, type SourceDigest, type Span } from './types';

export interface CorpusOptions {
  /** Cosine similarity from which two claims count as stating the same thing. */
  matchThreshold?: number;
}

/** Another source's claim that states the same thing, and whether the two agree. */
export interface ClaimLink {
  sourceId: string;
  claim: ClaimDigest;
  score: number;
  /** Shared features, most telling first (`~entry`, `@place:united states`, …). */
  shared: string[];
  relation: 'corroborates' | 'conflicts';
  /** The conflicts between the two claims, when `relation` is `conflicts`. */
  conflicts: Conflict[];
}

/** A link of a match: its shared features are read from the match, which sorts them on first read. */
class MatchLink implements ClaimLink {
  readonly sourceId: string;
  readonly claim: ClaimDigest;
  readonly score: number;
  readonly relation: ClaimLink['relation'];
  readonly #match: ClaimMatch;
  constructor(match: ClaimMatch, readonly conflicts: Conflict[]) {
    this.sourceId = match.ref.sourceId;
    this.claim = match.ref.claim;
    this.score = match.score;
    this.relation = conflicts.length ? 'conflicts' : 'corroborates';
    this.#match = match;
  }

  get shared(): string[] {
    return this.#match.shared;
  }
}

/**
 * The cross-source index of a workspace: every source's digest, the entities they share, the claims
 * that state the same thing, and where they disagree. Fed source by source (`upsert`), queried at
 * any time; groupings are recomputed lazily after a change, matching is on demand per claim.
 */
/** Claims looked up per step of conflictsInSteps: their links are a match search each. */
export const CONFLICT_STEP_CLAIMS = 25;

export class CorpusIndex {
  private readonly digests = new Map<string, SourceDigest>();
  private readonly entities = new EntityRegistry();
  private readonly claims = new ClaimRegistry();
  private readonly strings = new SharedStrings();
  private readonly threshold: number;

  constructor(options: CorpusOptions = {}) {
    this.threshold = options.matchThreshold ?? DEFAULT_MATCH_THRESHOLD;
  }

  get size(): number {
    this.settle();
    return this.digests.size;
  }

  sourceIds(): string[] {
    this.settle();
    return [...this.digests.keys()].sort();
  }

  digest(sourceId: string): SourceDigest | undefined {
    this.settle();
    return this.digests.get(sourceId);
  }

  /** Lines and characters of `span` in a source of the index, from its digest's line starts. */
  rangeOf(sourceId: string, span: Span): { start: LinePosition; end: LinePosition } {
    return rangeIn(this.digest(sourceId)?.lines ?? [0], span.start, span.end);
  }

  /** Adds or replaces a source. */
  upsert(sourceId: string, digest: SourceDigest): void {
    this.settle();
    runSteps(this.upsertSteps(sourceId, digest, Infinity));
  }

  // ---- Work in steps (steps.ts) ----------------------------------------------------------------
  // For the language server, which drives it one step per turn of its event loop so that a hover
  // is answered between steps (issue 15). Any other call on the index finishes the work under way
  // first, at once: every answer and every change sees the index as if the work had been done in
  // one go. Generator bodies use private members only (a public one would re-enter the work).

  /** Stepped work under way; see settle. */
  private pending?: Steps;

  /** Whether stepped work is under way (the next other call on the index would finish it at once). */
  get stepping(): boolean {
    return this.pending !== undefined;
  }

  private settle(): void {
    const work = this.pending;
    if (!work) return;
    this.pending = undefined;
    runSteps(work);
  }

  /** Makes `work` the work under way (after finishing what was); each `next()` of the result does one step. */
  private stepped(work: Steps): Iterator<void, void> {
    this.settle();
    this.pending = work;
    return {
      next: () => {
        if (this.pending !== work) return { done: true, value: undefined };
        const r = work.next();
        if (r.done) this.pending = undefined;
        return r;
      },
    };
  }

  /** `upsert` in steps of about `size` mentions or claims. */
  upsertInSteps(sourceId: string, digest: SourceDigest, size = STEP_ITEMS): Iterator<void, void> {
    return this.stepped(this.upsertSteps(sourceId, digest, size));
  }

  /**
   * What the cross-source view of a source asks for first, built in steps after a change: the
   * workspace's entity groups, finding-id maps of every source, title holders and the quotation
   * index. Without it each is built in one go by the first question that needs it.
   */
  prepareInSteps(size = STEP_ITEMS): Iterator<void, void> {
    return this.stepped(this.prepareSteps(size));
  }

  private *upsertSteps(sourceId: string, digest: SourceDigest, size: number): Steps {
    const old = this.digests.get(sourceId);
    this.invalidate();
    this.digests.delete(sourceId);
    // Slices of the lists: the registries take them in any order and in any number of calls.
    const each = function* <T>(items: readonly T[], take: (slice: readonly T[]) => void): Steps {
      for (let from = 0; from < items.length; from += size) {
        if (from > 0) yield;
        take(size >= items.length ? items : items.slice(from, from + size));
      }
    };
    // After an edit the new digest's items are nearly all the old ones, as they were or moved
    // (text/movedCopies.ts): only the others are taken out and put in (all of them cost ~45 ms of
    // the main thread per pause on 1 MB), and an edit that changes no name keeps the entity grouping.
    // Each of these in steps as well: for a long source analysed afresh (no item a copy) each took
    // 10–40 ms in one turn (scripts/bench-corpus-steps.ts).
    const entities = yield* contentChangesInSteps(old?.entities ?? [], digest.entities, size);
    const claims = yield* contentChangesInSteps(old?.claims ?? [], digest.claims, size);
    yield* each(entities.removed, (slice) => this.entities.remove(sourceId, slice));
    yield* each(claims.removed, (slice) => this.claims.remove(slice));
    this.digests.set(sourceId, digest);
    yield* each(digest.dates, (slice) => this.strings.dates(slice));
    yield* each(digest.quotations, (slice) => this.strings.quotations(slice));
    this.claims.replace(claims.moved);
    yield* each(entities.added, (slice) => {
      this.strings.mentions(slice);
      this.entities.add(sourceId, slice);
    });
    yield* each(claims.added, (slice) => {
      this.strings.claims(slice);
      this.claims.add(sourceId, slice);
    });
  }

  private *prepareSteps(size: number): Steps {
    yield* this.entities.groupsInSteps(size);
    const step = new StepCounter(size);
    for (const digest of this.digests.values()) {
      // A short source's maps take no time when first asked for: only long ones are made here.
      if (digest.entities.length + digest.claims.length <= size) continue;
      if (!this.mentionsById.has(digest)) this.mentionsById.set(digest, yield* firstById(digest.entities, step));
      if (!this.claimsById.has(digest)) this.claimsById.set(digest, yield* firstById(digest.claims, step));
    }
    this.rolesCache ??= yield* this.roleHolderSteps(size);
    // Title conflicts of every person given a title, as a view asks for them (titleConflictsOf).
    for (const [groupId, holders] of this.rolesCache) {
      const g = this.entities.groupOf(holders[0]!.mention.key);
      this.titleConflictsOfGroup(groupId, g?.canonical ?? holders[0]!.mention.canonical);
      if (step.tick(holders.length)) yield;
    }
    this.quotationCache ??= yield* this.quotationSteps(size);
  }

  /** Digests the result of analyzeSource and adds it; returns the digest. */
  upsertAnalysis(sourceId: string, text: string, analysed: ShownAnalysis): SourceDigest {
    const digest = digestSource(text, analysed);
    this.upsert(sourceId, digest);
    return digest;
  }

  remove(sourceId: string): boolean {
    this.settle();
    const old = this.digests.get(sourceId);
    if (!old) return false;
    this.invalidate();
    this.digests.delete(sourceId);
    this.entities.remove(sourceId, old.entities);
    this.claims.remove(old.claims);
    return true;
  }

  private invalidate(): void {
    this.generation++;
    this.rolesCache = undefined;
    this.titleCache.clear();
    this.frameCache = undefined;
    this.firstCache = undefined;
    this.orderCache = undefined;
    this.quotationCache = undefined;
  }

  // ---- Entities ------------------------------------------------------------------------------

  /** Every entity of the workspace, most widely mentioned first. */
  entityGroups(): EntityGroup[] {
    this.settle();
    return this.entities.all();
  }

  /** The workspace entity of an entity finding (by id) of a source. */
  entityGroupOf(sourceId: string, findingId: string): EntityGroup | undefined {
    this.settle();
    const digest = this.digests.get(sourceId);
    if (!digest) return undefined;
    // By id, not by a scan of the source's mentions: a view asks for each of them (50,000 in 1 MB).
    let byId = this.mentionsById.get(digest);
    if (!byId) this.mentionsById.set(digest, (byId = runSteps(firstById(digest.entities))));
    const m = byId.get(findingId);
    return m && this.entities.groupOf(m.key);
  }

  private readonly mentionsById = new WeakMap<SourceDigest, Map<string, EntityMentionDigest>>();

  /** A source's claim by finding id: by a map, not a scan (each role and each link of 7,000 claims in 1 MB asks). */
  private claimById(digest: SourceDigest, findingId: string): ClaimDigest | undefined {
    let byId = this.claimsById.get(digest);
    if (!byId) this.claimsById.set(digest, (byId = runSteps(firstById(digest.claims))));
    return byId.get(findingId);
  }

  private readonly claimsById = new WeakMap<SourceDigest, Map<string, ClaimDigest>>();

  /** Every mention of an entity, in source order (publication date, then id) and text order. */
  mentionsOf(groupId: string): CorpusLocation[] {
    this.settle();
    const out: CorpusLocation[] = [];
    for (const sourceId of this.order()) {
      for (const m of this.digests.get(sourceId)!.entities) {
        if (this.entities.groupOf(m.key)?.id === groupId) out.push(location(sourceId, m));
      }
    }
    return out;
  }

  /** Where the workspace first mentions an entity: in the earliest-published source (undated ones last). */
  firstMention(groupId: string): CorpusLocation | undefined {
    this.settle();
    if (!this.firstCache) {
      this.firstCache = new Map();
      for (const sourceId of this.order()) {
        for (const m of this.digests.get(sourceId)!.entities) {
          const id = this.entities.groupOf(m.key)?.id;
          if (id && !this.firstCache.has(id)) this.firstCache.set(id, location(sourceId, m));
        }
      }
    }
    return this.firstCache.get(groupId);
  }

  private firstCache?: Map<string, CorpusLocation>;
  private orderCache?: string[];

  /** Sources ordered by publication date (undated last), then id. */
  sourcesInOrder(): string[] {
    this.settle();
    return this.order();
  }

  private order(): string[] {
    this.orderCache ??= [...this.digests.entries()]
      .sort(([a, da], [b, db]) => {
        const pa = da.publicationDate ?? '9999';
        const pb = db.publicationDate ?? '9999';
        return pa < pb ? -1 : pa > pb ? 1 : a < b ? -1 : a > b ? 1 : 0;
      })
      .map(([id]) => id);
    return this.orderCache;
  }

  // ---- Claims --------------------------------------------------------------------------------

  private readonly group: GroupLookup = (key) => this.entities.groupOf(key) ?? { id: key, type: 'other', keys: [key] };

  /** Claims of other sources stating the same as the claim `findingId` of `sourceId`, best first. */
  linksFor(sourceId: string, findingId: string, narrow?: { datedOnly: boolean; limit: number; candidates: number }): ClaimLink[] {
    this.settle();
    const digest = this.digests.get(sourceId);
    const claim = digest && this.claimById(digest, findingId);
    return digest && claim ? this.links(sourceId, digest, claim, narrow) : [];
  }

  private links(sourceId: string, digest: SourceDigest, claim: ClaimDigest, narrow?: { datedOnly: boolean; limit: number; candidates: number }): ClaimLink[] {
    return this.claims.matches(sourceId, claim, this.group, this.threshold, narrow?.limit, narrow?.datedOnly, narrow?.candidates).map((m) => this.link(sourceId, digest, claim, m));
  }

  /** Cosine similarity of two claims under the index's current weights (for measurement). */
  similarity(a: { sourceId: string; findingId: string }, b: { sourceId: string; findingId: string }): number | undefined {
    this.settle();
    const da = this.digests.get(a.sourceId);
    const db = this.digests.get(b.sourceId);
    const ca = da && this.claimById(da, a.findingId);
    const cb = db && this.claimById(db, b.findingId);
    return ca && cb ? this.claims.similarity(ca, cb, this.group) : undefined;
  }

  private link(sourceId: string, digest: SourceDigest, claim: ClaimDigest, m: ClaimMatch): ClaimLink {
    const other = this.digests.get(m.ref.sourceId)!;
    const conflicts = claimConflicts(
      { sourceId, claim, referenceDate: digest.referenceDate },
      { sourceId: m.ref.sourceId, claim: m.ref.claim, referenceDate: other.referenceDate },
    );
    return new MatchLink(m, conflicts);
  }

  // ---- Conflicts -----------------------------------------------------------------------------

  /** Conflicts one side of which is in `sourceId`, or every conflict of the workspace; in compareConflicts order. */
  conflicts(sourceId?: string): Conflict[] {
    this.settle();
    if (sourceId !== undefined) {
      const digest = this.digests.get(sourceId);
      return digest ? this.conflictsFrom(sourceId, this.conflictLinks(sourceId, digest)) : [];
    }
    const found = new Map<string, Conflict>();
    for (const id of this.sourceIds()) {
      const digest = this.digests.get(id)!;
      for (const links of this.conflictLinks(id, digest)) for (const link of links) for (const c of link.conflicts) found.set(c.id, c);
      for (const c of this.titleConflictsOf(id, digest)) found.set(c.id, c);
    }
    for (const c of this.quotations().conflicts) found.set(c.id, c);
    return [...found.values()].sort(compareConflicts);
  }

  /**
   * conflicts(sourceId) in steps of about `size` claims looked up (their links are what costs: a 1 MB
   * closed source's took 23–34 ms in one go). Each step first finishes whatever else is under way,
   * as any question of the index does; a step that finds the source put in again starts over.
   */
  *conflictsInSteps(sourceId: string, size = CONFLICT_STEP_CLAIMS): Steps<Conflict[]> {
    for (;;) {
      this.settle();
      const digest = this.digests.get(sourceId);
      if (!digest) return [];
      const step = new StepCounter(size);
      const links: ClaimLink[][] = [];
      let again = false;
      for (const l of this.conflictLinks(sourceId, digest)) {
        links.push(l);
        if (!step.tick()) continue;
        yield;
        this.settle();
        if (this.digests.get(sourceId) !== digest) {
          again = true;
          break;
        }
      }
      if (!again) return this.conflictsFrom(sourceId, links);
    }
  }

  /**
   * The conflicts of a source: those of its claims' links (`links`, as the caller looked them up), of
   * its people's titles and of its quotations' speakers; in compareConflicts order. The one gathering
   * for an open source's view, a closed source's and `conflicts`.
   */
  conflictsFrom(sourceId: string, links: Iterable<readonly ClaimLink[]>): Conflict[] {
    const found = new Map<string, Conflict>();
    for (const l of links) for (const link of l) for (const c of link.conflicts) found.set(c.id, c);
    for (const c of this.titleConflicts(sourceId)) found.set(c.id, c);
    for (const c of this.speakerConflicts(sourceId)) found.set(c.id, c);
    return [...found.values()].sort(compareConflicts);
  }

  /** The links of a source's claims that may conflict: most claims can conflict with nothing, and looking up their links would find none. */
  private *conflictLinks(sourceId: string, digest: SourceDigest): Generator<ClaimLink[]> {
    for (const claim of digest.claims) if (mayConflict(claim)) yield this.links(sourceId, digest, claim);
  }

  /** People given a title anywhere, by workspace entity, in source order; rebuilt after a change. */
  private rolesCache?: Map<string, RoleHolder[]>;

  private roleHolders(): Map<string, RoleHolder[]> {
    this.rolesCache ??= runSteps(this.roleHolderSteps(Infinity));
    return this.rolesCache;
  }

  private *roleHolderSteps(size: number): Steps<Map<string, RoleHolder[]>> {
    const step = new StepCounter(size);
    const byGroup = new Map<string, RoleHolder[]>();
    for (const sid of this.order()) {
      const d = this.digests.get(sid)!;
      for (const m of d.entities) {
        if (step.tick()) yield;
        if (!m.role) continue;
        const groupId = this.entities.groupOf(m.key)?.id ?? m.key;
        let list = byGroup.get(groupId);
        if (!list) byGroup.set(groupId, (list = []));
        list.push({
          sourceId: sid, mention: m,
          ...(m.claimId ? { claim: this.claimById(d, m.claimId) } : {}),
          ...(m.role.org ? { org: this.entities.groupOf(m.role.org)?.id ?? m.role.org } : {}),
        });
      }
    }
    return byGroup;
  }

  /** People in `sourceId` that another source gives a different title. */
  titleConflicts(sourceId: string): Conflict[] {
    this.settle();
    const digest = this.digests.get(sourceId);
    return digest ? this.titleConflictsOf(sourceId, digest) : [];
  }

  private titleConflictsOf(sourceId: string, digest: SourceDigest): Conflict[] {
    const out: Conflict[] = [];
    const people = new Map<string, string>();
    for (const m of digest.entities) {
      if (!m.role) continue;
      const g = this.entities.groupOf(m.key);
      people.set(g?.id ?? m.key, g?.canonical ?? m.canonical);
    }
    for (const [groupId, person] of people) {
      for (const c of this.titleConflictsOfGroup(groupId, person).get(sourceId) ?? []) out.push(c);
    }
    return out;
  }

  /** Title conflicts of one person, by group and name, each listed under every source it has a side in; rebuilt after a change. */
  private readonly titleCache = new Map<string, Map<string, Conflict[]>>();

  /**
   * Every source naming a person asks for the same pairs of holders: computed once per person, not
   * once per source (which made the workspace's conflicts cubic in the sources naming someone), and
   * kept by source, since scanning a person's conflicts for each source naming them was quadratic
   * (1.6 s of a warm `check` on 2,001 near-copy sources).
   */
  private titleConflictsOfGroup(groupId: string, person: string): Map<string, Conflict[]> {
    const key = `${groupId}\u0000${person}`;
    let bySource = this.titleCache.get(key);
    if (!bySource) {
      bySource = new Map();
      for (const c of titleConflicts(person, this.roleHolders().get(groupId) ?? [])) {
        for (const sourceId of new Set(c.sides.map((side) => side.sourceId))) {
          const list = bySource.get(sourceId);
          if (list) list.push(c);
          else bySource.set(sourceId, [c]);
        }
      }
      this.titleCache.set(key, bySource);
    }
    return bySource;
  }

  // ---- Quotations ----------------------------------------------------------------------------

  private quotationCache?: QuotationIndex;

  /** Quotations by speaker and speaker conflicts of the whole workspace; rebuilt after a change. */
  private quotations(): QuotationIndex {
    this.quotationCache ??= runSteps(this.quotationSteps(Infinity));
    return this.quotationCache;
  }

  private quotationSteps(size: number): Steps<QuotationIndex> {
    return indexQuotationsInSteps(this.order().map((id) => [id, this.digests.get(id)!]), (key) => this.entities.groupOf(key)?.id, size);
  }

  /** Every quotation in the workspace of the speaker of quotation `findingId` of `sourceId`, when its speaker is a named entity. */
  quotationsOfSpeaker(sourceId: string, findingId: string): QuotationsOfSpeaker | undefined {
    this.settle();
    const q = this.quotations();
    const speaker = q.speakerOf.get(`${sourceId}#${findingId}`);
    return speaker === undefined ? undefined : q.bySpeaker.get(speaker);
  }

  /** The same words another source attributes to someone else, for the quotations of `sourceId`. */
  speakerConflicts(sourceId: string): Conflict[] {
    this.settle();
    return this.quotations().conflicts.filter((c) => c.sides.some((s) => s.sourceId === sourceId));
  }

  // ---- Timeline ------------------------------------------------------------------------------

  /**
   * Time-frame conflicts of the whole workspace, for the timeline: only claims about the future that
   * name a date can have one. Bounded, so a workspace of near-copies cannot make it quadratic: each
   * claim is compared with its 10 closest dated claims and keeps at most 3 conflicts.
   */
  timeFrameConflicts(): Conflict[] {
    this.settle();
    // At once it never yields, so the index cannot change under it.
    this.frameCache ??= runSteps(this.timeFrameSteps(Infinity))!;
    return this.frameCache;
  }

  /** The time-frame conflicts' search, a step per `size` dated claims; undefined when the index changed between steps. */
  private *timeFrameSteps(size: number): Steps<Conflict[] | undefined> {
    const step = new StepCounter(size);
    const generation = this.generation;
    const found = new Map<string, Conflict>();
    for (const id of this.sourceIds()) {
      const digest = this.digests.get(id)!;
      for (const claim of digest.claims) {
        if (!isDated(claim)) continue;
        if (step.tick()) {
          yield;
          this.settle();
          if (this.generation !== generation) return undefined;
        }
        let kept = 0;
        for (const link of this.links(id, digest, claim, { datedOnly: true, limit: 10, candidates: 60 })) {
          for (const c of link.conflicts) if (c.kind === 'time-frame' && kept < 3 && !found.has(c.id)) {
            found.set(c.id, c);
            kept++;
          }
        }
      }
    }
    return [...found.values()].sort(compareConflicts);
  }

  private frameCache?: Conflict[];

  /** Counts the changes of the index (invalidate): stepped work that spans one starts over. */
  private generation = 0;

  timeline(options: TimelineOptions = {}): Timeline {
    this.settle();
    return buildTimeline(this.digests, this.timeFrameConflicts(), options);
  }

  /**
   * timeline() in steps of about `size` dates or CONFLICT_STEP_CLAIMS claims (a workspace of 2,000 sources held the
   * server 0.4–1.4 s in one go). Each step first finishes whatever else is under way; a change of
   * the index between steps starts it over, and after a few the rest is done at once.
   */
  *timelineInSteps(options: TimelineOptions = {}, size = STEP_ITEMS): Steps<Timeline> {
    for (let tries = 1; tries < TIMELINE_TRIES; tries++) {
      this.settle();
      const generation = this.generation;
      // A claim's links are a match search: fewer of them a step than dates.
      this.frameCache ??= yield* this.timeFrameSteps(Math.min(size, CONFLICT_STEP_CLAIMS));
      if (!this.frameCache) continue;
      const timeline = yield* timelineSteps(this.digests, this.frameCache, options, size);
      this.settle();
      if (this.generation === generation) return timeline;
    }
    return this.timeline(options);
  }
}

/** Tries at the timeline in steps while the index keeps changing; then it is made at once. */
const TIMELINE_TRIES = 3;

function location(sourceId: string, m: EntityMentionDigest): CorpusLocation {
  return { sourceId, findingId: m.findingId, kind: 'entity', span: spanOf(m), text: m.text };
}

/** A source's findings by id (the first where an id repeats), in steps when given a counter. */
function* firstById<T extends { findingId: string }>(items: readonly T[], step?: StepCounter): Steps<Map<string, T>> {
  const byId = new Map<string, T>();
  for (const item of items) {
    if (!byId.has(item.findingId)) byId.set(item.findingId, item);
    if (step?.tick()) yield;
  }
  return byId;
}
