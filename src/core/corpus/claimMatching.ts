// Claims in different sources that state the same thing. Each claim is a bag of features: its
// stemmed content terms (synonymous predicates folded, see claimTerms.ts), its figures ("=65000",
// "=12%"), the years of its dates, the workspace-wide entities it names or its anaphors stand for
// ("the company", "its": anaphora.ts), and "frames" pairing a predicate with an organisation,
// place or product ("~entry" with Xiaomi, "~entry" with the United States), which tell who does
// what to whom. Two claims match when the cosine of their IDF-weighted features reaches a
// threshold chosen on the tuning sets of hand-labelled pairs (test-fixtures/claim-pairs.json,
// scripts/claimPairs.ts; the held-back sets give the reported figure).
import type { EntityType } from '../model';
import { isCompanyName } from './anaphora';
import { figureTerm } from './claimTerms';
import { civilOfDay, durationEnd } from './timeFrame';
import type { ClaimDigest } from './types';
import { firstAtLeast } from '../text/sortedSearch';

export const DEFAULT_MATCH_THRESHOLD = 0.4;
/** A feature in more claims than this share is too common to find candidates with. */
const MAX_POSTING_SHARE = 0.05;
const MIN_POSTING_CAP = 60;
/**
 * Nor one in more claims than this, however large the workspace: a query reads at most this many
 * ids per feature, so the conflict search grows with the claims, not with their square. Workspaces
 * under 10,000 claims (where 5% is less) are not affected.
 */
const MAX_POSTING_CAP = 500;
/** Candidates scored per claim, and links kept per claim. */
const MAX_CANDIDATES = 400;
const MAX_MATCHES = 50;
/** Predicates whose frames are facts; "~plan" or "~phone" alone say too little. */
const FRAME_PREDICATES = new Set(['~entry', '~negotiate', '~rise', '~fall']);
const FRAME_TYPES = new Set<EntityType>(['organisation', 'place', 'product']);
/** People in a claim are mostly who said it, not what was said. */
const TYPE_WEIGHT: Partial<Record<EntityType, number>> = { person: 0.5, event: 0.5, other: 0.5 };
const FRAME_WEIGHT = 1.2;
const YEAR_WEIGHT = 0.8;
/**
 * Weights of the kinds of features, chosen on the tuning sets of test-fixtures/claim-pairs.json
 * (never on the held-back ones): a shared figure or predicate class says more than a shared word;
 * a shared entity less (the claims of one story all name it).
 */
export const MATCH_WEIGHTS = Object.freeze({
  word: 1,
  predicateClass: 2,
  figure: 3,
  entity: 0.7,
  /** Factor on the score of two claims about different companies (otherActors). */
  otherActor: 0.7,
  /** Weight in the norm of a figure the other claim gives differently (score). */
  disputedFigure: 0,
});

/**
 * Cosine of two weighted claims. A shared figure is evidence of the same fact; two figures of the
 * same unit, one in each claim ("300 million users", "200 million users"), are what sources disagree
 * on about one fact (a conflict to show), so those take nothing away: they are left out of the norms.
 * Also returns how many features the claims share.
 */
function score(a: Weighted, b: Weighted, weights: readonly number[], marks: IdMarks): { score: number; shared: number } {
  const small = a.ids.length <= b.ids.length ? a : b;
  const large = small === a ? b : a;
  let dot = 0;
  let shared = 0;
  // The larger claim's features marked by id, the smaller's read in their order: the sum adds the
  // same products in the same order as looking each up in the larger's map did (a feature's weight
  // is the same in every claim of a generation).
  // A query's own claim is marked once for all its candidates it is the larger of.
  if (marks.holding !== large) {
    marks.clear();
    for (const id of large.ids) marks.add(id);
    marks.holding = large;
  }
  const ids = small.ids;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (!marks.has(id)) continue;
    dot += weights[id]! * weights[id]!;
    shared++;
  }
  const na = Math.sqrt(a.normSq - (1 - MATCH_WEIGHTS.disputedFigure) * disputedSq(a, b, weights));
  const nb = Math.sqrt(b.normSq - (1 - MATCH_WEIGHTS.disputedFigure) * disputedSq(b, a, weights));
  const cosine = na * nb ? dot / (na * nb) : 0;
  return { score: cosine * (otherActors(a, b) ? MATCH_WEIGHTS.otherActor : 1), shared };
}

/** Squared weight of the figures of `a` that `b` lacks while it has another figure of the same unit. */
function disputedSq(a: Weighted, b: Weighted, weights: readonly number[]): number {
  let sq = 0;
  for (const [f, unit] of a.figureUnits) {
    if (b.ids.includes(f)) continue;
    for (const [g, other] of b.figureUnits) {
      if (other === unit && !a.ids.includes(g)) {
        sq += weights[f]! ** 2;
        break;
      }
    }
  }
  return sq;
}

export interface ClaimRef {
  sourceId: string;
  claim: ClaimDigest;
}

export interface ClaimMatch {
  ref: ClaimRef;
  score: number;
  /** The features both claims have, most telling first (for explanations and tests; made on first read). */
  readonly shared: string[];
}

/**
 * A match whose shared features are sorted on first read. A class, not an object literal with a
 * getter: V8 makes such a literal ~7× slower, and the conflict search of 2,001 sources makes 45,000.
 */
class LazyMatch implements ClaimMatch {
  readonly #mine: Weighted;
  readonly #theirs: Weighted;
  readonly #table: FeatureTable;
  #shared?: string[];
  constructor(readonly ref: ClaimRef, readonly score: number, mine: Weighted, theirs: Weighted, table: FeatureTable) {
    this.#mine = mine;
    this.#theirs = theirs;
    this.#table = table;
  }

  get shared(): string[] {
    const mine = this.#mine;
    const { weights, features } = this.#table;
    return (this.#shared ??= [...this.#theirs.ids].filter((f) => mine.ids.includes(f)).sort((a, b) => weights[b]! - weights[a]!).map((f) => features[f]!));
  }
}

/** Resolves a source-local entity key to its workspace group: id, type and every key of the group. */
export type GroupLookup = (key: string) => { id: string; type: EntityType; keys: readonly string[] };

/**
 * The years a claim's dates fall in (`#2018`), "within three years" counted from the source's date
 * included: the same time frame is evidence of the same fact.
 */
function years(claim: ClaimDigest): number[] {
  const out = new Set<number>();
  for (const d of claim.dates) {
    const y = yearOf(d);
    if (y !== undefined) out.add(y);
  }
  return [...out];
}

/** The year a date of a claim falls in, or a forward duration ends in. */
function yearOf(d: ClaimDigest['dates'][number]): number | undefined {
  if (d.timexType === 'DATE' && /^\d{4}/.test(d.value)) return Number(d.value.slice(0, 4));
  if (d.timexType === 'DURATION' && d.forward && d.referenceDate) {
    const end = durationEnd(d.value, d.referenceDate);
    if (end) return civilOfDay(end.to).year;
  }
  return undefined;
}

const yearFeature = (year: number) => `#${year}`;

function yearFeatures(claim: ClaimDigest): string[] {
  return years(claim).map(yearFeature);
}

/** A figure ("=65000", "=12%"): the same figure is evidence of the same fact, whatever words count it. */
const figureFeature = (f: ClaimDigest['figures'][number]) => figureTerm(f.value, f.unit === 'percent');

function figureFeatures(claim: ClaimDigest): string[] {
  return claim.figures.map(figureFeature);
}

/** The entities a claim names, and those its anaphors ("the company", "its") stand for. */
const entitiesOf = (claim: ClaimDigest): readonly string[] => (claim.refers?.length ? [...claim.entities, ...claim.refers] : claim.entities);

/** A claim about the future that names a date: the kind whose time frames can disagree. */
export const isDated = (c: ClaimDigest) => c.future && c.dates.length > 0;

/**
 * A claim's features for the postings, into `out` (emptied first; a feature may come more than once):
 * its words (terms, years, figures), then `@key` for each entity it names or refers to, under the keys
 * `keysOf` gives (its own key without one), then `predicate@key` for each of those. A list, not a
 * set: adding a claim posts its id once per posting without one (`post`).
 */
function featureList(claim: ClaimDigest, out: string[], keysOf?: (key: string) => readonly string[]): string[] {
  out.length = 0;
  for (const t of claim.terms) out.push(t);
  for (const d of claim.dates) {
    const y = yearOf(d);
    if (y !== undefined) out.push(yearFeature(y));
  }
  for (const f of claim.figures) out.push(figureFeature(f));
  const words = out.length;
  const entity = (k: string) => {
    if (!keysOf) out.push(featureNames.entity(k));
    else for (const key of keysOf(k)) out.push(featureNames.entity(key));
  };
  for (const k of claim.entities) entity(k);
  if (claim.refers) for (const k of claim.refers) entity(k);
  const keys = out.length;
  for (const p of claim.terms) {
    if (!FRAME_PREDICATES.has(p)) continue;
    for (let k = words; k < keys; k++) out.push(featureNames.framed(p, out[k]!));
  }
  return out;
}

/** Past this many names a memo starts again: keys of sources edited away would stay in it for good. */
const MAX_FEATURE_NAMES = 200_000;

/**
 * Entity features (`@xiaomi`) and framed ones (`~entry@xiaomi`), each string made once. Built anew for
 * every claim, each was a new string the postings' map hashed again: with the entity keys shared by
 * the index (sharedStrings.ts), whose hashes V8 keeps, a lookup here hashes nothing.
 */
class FeatureNames {
  private readonly ofEntity = new Map<string, string>();
  private readonly ofFrame = new Map<string, Map<string, string>>();

  entity(key: string): string {
    let name = this.ofEntity.get(key);
    if (name === undefined) {
      if (this.ofEntity.size >= MAX_FEATURE_NAMES) this.ofEntity.clear();
      this.ofEntity.set(key, (name = `@${key}`));
    }
    return name;
  }

  framed(predicate: string, entityFeature: string): string {
    let names = this.ofFrame.get(predicate);
    if (names === undefined) this.ofFrame.set(predicate, (names = new Map()));
    let name = names.get(entityFeature);
    if (name === undefined) {
      if (names.size >= MAX_FEATURE_NAMES) names.clear();
      names.set(entityFeature, (name = `${predicate}${entityFeature}`));
    }
    return name;
  }
}

const featureNames = new FeatureNames();

/** The same, each feature once: a query's, and a claim's as it is taken out. */
const featureSet = (claim: ClaimDigest, keysOf?: (key: string) => readonly string[]): Set<string> => new Set(featureList(claim, [], keysOf));

/** Features keyed on source-local entity keys: they do not change when groups merge, so postings stay valid. */
const rawFeatures = (claim: ClaimDigest): Set<string> => featureSet(claim);

/** Reused by ClaimRegistry.add for each claim's features. */
const featureScratch: string[] = [];

interface Weighted {
  /** The serial of the feature table its ids are of: its own features, not the table, so an old table is not kept. */
  table: number;
  /** Its features, each once, as ids in that table, in the order they were weighted. */
  ids: Int32Array;
  normSq: number;
  /** Figure features and their units (`=300000000` → `user`). */
  figureUnits: Map<number, string>;
  /** First words of the companies the claim is about ("skyline" of Skyline Airways): who acts. */
  actors: Set<string>;
}

/** Features of one generation of the index, numbered as first weighted, with their weights. */
interface FeatureTable {
  serial: number;
  generation: number;
  group: GroupLookup;
  idOf: Map<string, number>;
  features: string[];
  weights: number[];
}

/** A set of feature ids, emptied in one step (a stamp per id): a claim's features looked up by id. */
class IdMarks {
  private stamps = new Uint32Array(256);
  private stamp = 1;
  /** The claim whose features the set holds, if one's (score), until the next clear. */
  holding?: Weighted;

  clear(): void {
    this.holding = undefined;
    if (++this.stamp === 0xffffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  add(id: number): void {
    if (id >= this.stamps.length) {
      const grown = new Uint32Array(Math.max(id + 1, 2 * this.stamps.length));
      grown.set(this.stamps);
      this.stamps = grown;
    }
    this.stamps[id] = this.stamp;
  }

  has(id: number): boolean {
    return this.stamps[id] === this.stamp;
  }
}

/** Both claims name companies, and none in common: another company doing the same ("Eastgate ordered 20 planes"). */
function otherActors(a: Weighted, b: Weighted): boolean {
  if (!a.actors.size || !b.actors.size) return false;
  for (const x of a.actors) if (b.actors.has(x)) return false;
  return true;
}

/**
 * The claims that have a feature, in the order they were added: ids in an array (adding them to a
 * Set took 0.75 s of a warm check of 2,001 sources, pushing them 0.22 s). A removed claim's id
 * stays until the dead outnumber the live (its source is then unset, and it is skipped).
 */
interface Posting {
  ids: number[];
  live: number;
}

/** Feature `t` for claim `id`. */
function post(map: Map<string, Posting>, t: string, id: number): void {
  const p = map.get(t);
  if (!p) map.set(t, { ids: [id], live: 1 });
  else if (p.ids[p.ids.length - 1] !== id) {
    // Ids only grow and a claim's features are posted together: its id last means it is posted already.
    p.ids.push(id);
    p.live++;
  }
}

/** Claim ids added in one go for a source, from `from` up to `to`; `live` of them not removed yet. */
interface IdRange {
  from: number;
  to: number;
  live: number;
}

/**
 * The `keep` ids sharing the most features (`hits`), the lower id first on a tie: what sorting them
 * all by that order and keeping the first `keep` gives, as a set. Counts are small (a claim's
 * features), so the ids are counted by hits and only the tie at the cut is sorted.
 */
export function mostShared(ids: readonly number[], hits: ArrayLike<number>, keep: number): number[] {
  let top = 0;
  for (const id of ids) if (hits[id]! > top) top = hits[id]!;
  const withHits = new Uint32Array(top + 1);
  for (const id of ids) withHits[hits[id]!]++;
  // The cut: the highest count such that at least `keep` ids have it or more.
  let cut = top;
  let above = 0; // ids with more than `cut`
  while (above + withHits[cut]! < keep) above += withHits[cut--]!;
  const out: number[] = [];
  const tied: number[] = [];
  for (const id of ids) {
    const h = hits[id]!;
    if (h > cut) out.push(id);
    else if (h === cut) tied.push(id);
  }
  tied.sort((a, b) => a - b);
  for (let i = 0; out.length < keep; i++) out.push(tied[i]!);
  return out;
}

/** Keeps postings per feature so a claim's candidates are found without comparing every pair. */
export class ClaimRegistry {
  private nextId = 1;
  /**
   * Each claim by id, and its weights once made: ids are dense, and a query's candidate loop looked
   * each up in a map and a weak map (a third of the loop's time in a check of 2,001 sources).
   */
  private readonly refs: (ClaimRef | undefined)[] = [];
  private readonly weightedById: (Weighted | undefined)[] = [];
  private count = 0;
  /** Source of each claim id, for the candidate loop (an array index is cheaper than a map lookup). */
  private sourceOf: (string | undefined)[] = [];
  /** Shared features per candidate, by claim id; zeroed again after each query. */
  private hitCounts = new Uint32Array(1024);
  private readonly idOf = new Map<ClaimDigest, number>();
  /**
   * Each source's ids, as ranges (ascending): a query skips its own source's run of a posting at
   * once. In a long open source most of a posting is its own claims (1 MB: 92 % of the ids a view's
   * queries went through), which are never its candidates.
   */
  private readonly rangesOf = new Map<string, IdRange[]>();
  private readonly postings = new Map<string, Posting>();
  /** The same for claims about the future that name a date: the only ones a time frame can conflict between. */
  private readonly datedPostings = new Map<string, Posting>();
  private datedCount = 0;
  /** Bumped on every change: weights depend on the whole index, so cached ones are dropped then. */
  private generation = 0;
  /** Weights of claims not in the registry (a query's own, of an open source not yet taken in). */
  private readonly cache = new WeakMap<ClaimDigest, Weighted>();
  /** Feature → id and weight under the current generation and group lookup (a view's 2,000 queries after an edit computed them once per query). */
  private table?: FeatureTable;
  private tables = 0;
  private readonly marks = new IdMarks();

  get size(): number {
    return this.count;
  }

  add(sourceId: string, claims: readonly ClaimDigest[]): void {
    this.generation++;
    if (claims.length) {
      const ranges = this.rangesOf.get(sourceId) ?? [];
      const last = ranges[ranges.length - 1];
      if (last && last.to === this.nextId) {
        last.to += claims.length;
        last.live += claims.length;
      } else ranges.push({ from: this.nextId, to: this.nextId + claims.length, live: claims.length });
      this.rangesOf.set(sourceId, ranges);
    }
    for (const claim of claims) {
      const id = this.nextId++;
      this.refs[id] = { sourceId, claim };
      this.count++;
      this.sourceOf[id] = sourceId;
      this.idOf.set(claim, id);
      const dated = isDated(claim);
      if (dated) this.datedCount++;
      for (const t of featureList(claim, featureScratch)) {
        post(this.postings, t, id);
        if (dated) post(this.datedPostings, t, id);
      }
    }
    featureScratch.length = 0;
  }

  remove(claims: readonly ClaimDigest[]): void {
    this.generation++;
    for (const claim of claims) {
      const id = this.idOf.get(claim);
      if (id === undefined) continue;
      this.idOf.delete(claim);
      this.refs[id] = undefined;
      this.weightedById[id] = undefined;
      this.count--;
      this.dropFromRange(this.sourceOf[id]!, id);
      this.sourceOf[id] = undefined;
      const dated = isDated(claim);
      if (dated) this.datedCount--;
      for (const t of rawFeatures(claim)) {
        this.unpost(this.postings, t);
        if (dated) this.unpost(this.datedPostings, t);
      }
    }
  }

  /**
   * Puts each pair's second claim where its first was: the same content at another place (a moved
   * copy, text/movedCopies.ts), so its features, postings and every weight stay as they are.
   */
  replace(pairs: readonly (readonly [before: ClaimDigest, now: ClaimDigest])[]): void {
    // All ids first: a claim can be one pair's second and another's first (two copies of one claim trading places).
    const ids = pairs.map(([before]) => this.idOf.get(before));
    for (const [before] of pairs) this.idOf.delete(before);
    pairs.forEach(([, now], i) => {
      const id = ids[i];
      if (id === undefined) return;
      this.idOf.set(now, id);
      this.refs[id] = { sourceId: this.sourceOf[id]!, claim: now };
      this.weightedById[id] = undefined;
    });
  }

  private featureTable(group: GroupLookup): FeatureTable {
    const t = this.table;
    if (t && t.generation === this.generation && t.group === group) return t;
    return (this.table = { serial: ++this.tables, generation: this.generation, group, idOf: new Map(), features: [], weights: [] });
  }

  /** One id of `sourceId`'s fewer: a range with none left goes. */
  private dropFromRange(sourceId: string, id: number): void {
    const ranges = this.rangesOf.get(sourceId)!;
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (ranges[mid]!.from <= id) lo = mid;
      else hi = mid - 1;
    }
    if (--ranges[lo]!.live > 0) return;
    ranges.splice(lo, 1);
    if (!ranges.length) this.rangesOf.delete(sourceId);
  }

  private df(rawFeature: string): number {
    return this.postings.get(rawFeature)?.live ?? 0;
  }

  /** One claim fewer has feature `t` (its id is already unset in sourceOf). */
  private unpost(map: Map<string, Posting>, t: string): void {
    const p = map.get(t);
    if (!p) return;
    if (--p.live === 0) map.delete(t);
    else if (p.ids.length > 2 * p.live + 16) p.ids = p.ids.filter((id) => this.sourceOf[id] !== undefined);
  }

  /**
   * IDF-weighted features of a claim, entity keys replaced by their workspace group; cached until the
   * index changes. Feature ids and weights are shared by every claim until then (`featureTable`).
   */
  private weighted(claim: ClaimDigest, group: GroupLookup): Weighted {
    const table = this.featureTable(group);
    const id = this.idOf.get(claim);
    const cached = id === undefined ? this.cache.get(claim) : this.weightedById[id];
    if (cached && cached.table === table.serial) return cached;
    const n = Math.max(1, this.count);
    const ids: number[] = [];
    const seen = this.marks;
    seen.clear();
    // The document frequency of an entity feature sums those of its group's keys (`prefix` + key), looked up only on a miss.
    const put = (feature: string, factor: number, keys?: readonly string[], prefix = '') => {
      let id = table.idOf.get(feature);
      if (id === undefined) {
        let df = 0;
        if (!keys) df = this.df(feature);
        else for (const k of keys) df += this.df(prefix + k);
        id = table.weights.length;
        table.weights.push(factor * Math.log(1 + n / Math.max(1, df)));
        table.features.push(feature);
        table.idOf.set(feature, id);
      } else if (seen.has(id)) return;
      seen.add(id);
      ids.push(id);
    };
    // Terms may be figures too ("forty", "180 mm"): weighted as figures, whichever claim names one first.
    const kind = (t: string) => (t.startsWith('~') ? MATCH_WEIGHTS.predicateClass : t.startsWith('=') ? MATCH_WEIGHTS.figure : MATCH_WEIGHTS.word);
    for (const t of claim.terms) put(t, kind(t));
    for (const y of yearFeatures(claim)) put(y, YEAR_WEIGHT);
    for (const f of figureFeatures(claim)) put(f, MATCH_WEIGHTS.figure);
    const predicates = claim.terms.filter((t) => FRAME_PREDICATES.has(t));
    const actors = new Set<string>();
    for (const k of entitiesOf(claim)) {
      const g = group(k);
      const f = `@${g.id}`;
      if (g.type === 'organisation' || isCompanyName(k)) for (const key of g.keys) actors.add(key.split(' ')[0]!);
      put(f, MATCH_WEIGHTS.entity * (TYPE_WEIGHT[g.type] ?? 1), g.keys, '@');
      if (!FRAME_TYPES.has(g.type)) continue;
      for (const p of predicates) put(`${p}${f}`, FRAME_WEIGHT, g.keys, `${p}@`);
    }
    let normSq = 0;
    for (const id of ids) normSq += table.weights[id]! * table.weights[id]!;
    const figureUnits = new Map<number, string>();
    // Every figure was weighted above, so has an id.
    for (const f of claim.figures) figureUnits.set(table.idOf.get(figureTerm(f.value, f.unit === 'percent'))!, f.unit);
    const result = { table: table.serial, ids: Int32Array.from(ids), normSq, figureUnits, actors };
    if (id === undefined) this.cache.set(claim, result);
    else this.weightedById[id] = result;
    return result;
  }

  /**
   * Claims of other sources that state the same thing as `claim`, best first: at most `limit`, from
   * the candidates sharing the most features with it.
   */
  matches(
    sourceId: string, claim: ClaimDigest, group: GroupLookup, threshold = DEFAULT_MATCH_THRESHOLD, limit = MAX_MATCHES,
    datedOnly = false, maxCandidates = MAX_CANDIDATES,
  ): ClaimMatch[] {
    const postings = datedOnly ? this.datedPostings : this.postings;
    const cap = Math.min(MAX_POSTING_CAP, Math.max(MIN_POSTING_CAP, MAX_POSTING_SHARE * (datedOnly ? this.datedCount : this.count)));
    // Every key of each entity's workspace group: the postings hold source-local keys.
    const raw = featureSet(claim, (k) => group(k).keys);
    // Counted in a typed array (ids are small integers): this loop is most of the cost of a query.
    if (this.hitCounts.length < this.nextId) {
      const grown = new Uint32Array(Math.max(this.nextId, 2 * this.hitCounts.length));
      grown.set(this.hitCounts);
      this.hitCounts = grown;
    }
    const hits = this.hitCounts;
    const touched: number[] = [];
    const own = this.rangesOf.get(sourceId) ?? [];
    for (const t of raw) {
      const p = postings.get(t);
      if (!p || p.live > cap) continue;
      const ids = p.ids;
      let r = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i]!;
        while (r < own.length && own[r]!.to <= id) r++;
        if (r < own.length && own[r]!.from <= id) {
          // This source's own claims are never its candidates: past them in one jump.
          i = firstAtLeast(ids, own[r]!.to, i) - 1;
          continue;
        }
        if (this.sourceOf[id] !== undefined && hits[id]++ === 0) touched.push(id);
      }
    }
    // In a workspace of near-copies a claim can have thousands of candidates: score the likeliest.
    let candidates: number[] = [];
    for (const id of touched) if (hits[id] >= 2 && this.sourceOf[id] !== sourceId) candidates.push(id);
    if (candidates.length > maxCandidates) candidates = mostShared(candidates, hits, maxCandidates);
    for (const id of touched) hits[id] = 0;
    // Most claims of a long source have no candidate: their weights (made anew after every change of
    // the index, so after every pause in typing) are then not needed.
    if (!candidates.length) return [];
    const mine = this.weighted(claim, group);
    const table = this.table!;
    const scored: { ref: ClaimRef; score: number; theirs: Weighted }[] = [];
    for (const id of candidates) {
      const ref = this.refs[id]!;
      let theirs = this.weightedById[id];
      if (!theirs || theirs.table !== table.serial) theirs = this.weighted(ref.claim, group);
      const s = score(mine, theirs, table.weights, this.marks);
      if (s.shared >= 2 && s.score >= threshold) scored.push({ ref, score: s.score, theirs });
    }
    scored.sort((a, b) => b.score - a.score || (a.ref.sourceId < b.ref.sourceId ? -1 : a.ref.sourceId > b.ref.sourceId ? 1 : a.ref.claim.start - b.ref.claim.start));
    // Explaining a match (sorting its shared features) costs more than scoring it, and only a
    // reader of the explanation needs it (a warm check of 2,001 sources: 0.4 s for none): on first read.
    return scored.slice(0, limit).map(({ ref, score, theirs }) => new LazyMatch(ref, score, mine, theirs, table));
  }

  /** Cosine of two claims with the same weights as `matches` (for measurement and tests). */
  similarity(a: ClaimDigest, b: ClaimDigest, group: GroupLookup): number {
    const wa = this.weighted(a, group);
    const wb = this.weighted(b, group);
    return score(wa, wb, this.table!.weights, this.marks).score;
  }
}
