// Claims in different sources that state the same thing. Each claim is a bag of features: its
// stemmed content terms (synonymous predicates folded, see claimTerms.ts), the workspace-wide
// entities it names, and "frames" pairing a predicate with an organisation, place or product
// ("~entry" with Xiaomi, "~entry" with the United States), which tell who does what to whom. Two
// claims match when the cosine of their IDF-weighted feature sets reaches a threshold measured on
// hand-labelled pairs (test-fixtures/claim-pairs.json, scripts/claimPairs.ts).
import type { EntityType } from '../model';
import type { ClaimDigest } from './types';

export const DEFAULT_MATCH_THRESHOLD = 0.35;
/** A feature in more claims than this share is too common to find candidates with. */
const MAX_POSTING_SHARE = 0.05;
const MIN_POSTING_CAP = 60;
/** Predicates whose frames are facts; "~plan" or "~phone" alone say too little. */
const FRAME_PREDICATES = new Set(['~entry', '~negotiate', '~rise', '~fall']);
const FRAME_TYPES = new Set<EntityType>(['organisation', 'place', 'product']);
/** People in a claim are mostly who said it, not what was said. */
const TYPE_WEIGHT: Partial<Record<EntityType, number>> = { person: 0.5, event: 0.5, other: 0.5 };
const FRAME_WEIGHT = 1.2;
const YEAR_WEIGHT = 0.8;

export interface ClaimRef {
  sourceId: string;
  claim: ClaimDigest;
}

export interface ClaimMatch {
  ref: ClaimRef;
  score: number;
  /** The features both claims have, most telling first (for explanations and tests). */
  shared: string[];
}

/** Resolves a source-local entity key to its workspace group: id, type and every key of the group. */
export type GroupLookup = (key: string) => { id: string; type: EntityType; keys: readonly string[] };

/** Features keyed on source-local entity keys: they do not change when groups merge, so postings stay valid. */
function rawFeatures(claim: ClaimDigest): string[] {
  const out = new Set<string>([...claim.terms, ...yearFeatures(claim)]);
  const predicates = claim.terms.filter((t) => FRAME_PREDICATES.has(t));
  for (const k of claim.entities) {
    out.add(`@${k}`);
    for (const p of predicates) out.add(`${p}@${k}`);
  }
  return [...out];
}

/** The years a claim's dates fall in (`#2018`): the same time frame is evidence of the same fact. */
function yearFeatures(claim: ClaimDigest): string[] {
  const years = new Set<string>();
  for (const d of claim.dates) if (d.timexType === 'DATE' && /^\d{4}/.test(d.value)) years.add(`#${d.value.slice(0, 4)}`);
  return [...years];
}

/** Keeps postings per feature so a claim's candidates are found without comparing every pair. */
export class ClaimRegistry {
  private nextId = 1;
  private readonly refs = new Map<number, ClaimRef>();
  private readonly idOf = new Map<ClaimDigest, number>();
  private readonly postings = new Map<string, Set<number>>();

  get size(): number {
    return this.refs.size;
  }

  add(sourceId: string, claims: readonly ClaimDigest[]): void {
    for (const claim of claims) {
      const id = this.nextId++;
      this.refs.set(id, { sourceId, claim });
      this.idOf.set(claim, id);
      for (const t of rawFeatures(claim)) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = new Set()));
        p.add(id);
      }
    }
  }

  remove(claims: readonly ClaimDigest[]): void {
    for (const claim of claims) {
      const id = this.idOf.get(claim);
      if (id === undefined) continue;
      this.idOf.delete(claim);
      this.refs.delete(id);
      for (const t of rawFeatures(claim)) {
        const p = this.postings.get(t);
        p?.delete(id);
        if (p?.size === 0) this.postings.delete(t);
      }
    }
  }

  private df(rawFeature: string): number {
    return this.postings.get(rawFeature)?.size ?? 0;
  }

  /** IDF-weighted features of a claim, entity keys replaced by their workspace group. */
  private weights(claim: ClaimDigest, group: GroupLookup): Map<string, number> {
    const n = Math.max(1, this.refs.size);
    const idf = (df: number) => Math.log(1 + n / Math.max(1, df));
    const w = new Map<string, number>();
    for (const t of claim.terms) w.set(t, idf(this.df(t)));
    for (const y of yearFeatures(claim)) w.set(y, YEAR_WEIGHT * idf(this.df(y)));
    const predicates = claim.terms.filter((t) => FRAME_PREDICATES.has(t));
    for (const k of claim.entities) {
      const g = group(k);
      const f = `@${g.id}`;
      if (!w.has(f)) w.set(f, (TYPE_WEIGHT[g.type] ?? 1) * idf(g.keys.reduce((s, key) => s + this.df(`@${key}`), 0)));
      if (!FRAME_TYPES.has(g.type)) continue;
      for (const p of predicates) {
        const frame = `${p}${f}`;
        if (!w.has(frame)) w.set(frame, FRAME_WEIGHT * idf(g.keys.reduce((s, key) => s + this.df(`${p}@${key}`), 0)));
      }
    }
    return w;
  }

  /** Claims of other sources that state the same thing as `claim`, best first. */
  matches(sourceId: string, claim: ClaimDigest, group: GroupLookup, threshold = DEFAULT_MATCH_THRESHOLD): ClaimMatch[] {
    const cap = Math.max(MIN_POSTING_CAP, MAX_POSTING_SHARE * this.refs.size);
    const candidates = new Set<number>();
    const raw = new Set<string>([...claim.terms, ...yearFeatures(claim)]);
    const predicates = claim.terms.filter((t) => FRAME_PREDICATES.has(t));
    for (const k of claim.entities) {
      for (const key of group(k).keys) {
        raw.add(`@${key}`);
        for (const p of predicates) raw.add(`${p}@${key}`);
      }
    }
    for (const t of raw) {
      const p = this.postings.get(t);
      if (!p || p.size > cap) continue;
      for (const id of p) candidates.add(id);
    }
    const mine = this.weights(claim, group);
    const myNorm = Math.sqrt([...mine.values()].reduce((s, x) => s + x * x, 0));
    const out: ClaimMatch[] = [];
    for (const id of candidates) {
      const ref = this.refs.get(id)!;
      if (ref.sourceId === sourceId) continue;
      const theirs = this.weights(ref.claim, group);
      let dot = 0;
      let norm = 0;
      const shared: [string, number][] = [];
      for (const [f, x] of theirs) {
        norm += x * x;
        const y = mine.get(f);
        if (y !== undefined) {
          dot += x * y;
          shared.push([f, x]);
        }
      }
      if (shared.length < 2) continue;
      const score = dot / (myNorm * Math.sqrt(norm) || 1);
      if (score < threshold) continue;
      out.push({ ref, score, shared: shared.sort((a, b) => b[1] - a[1]).map(([f]) => f) });
    }
    return out.sort((a, b) => b.score - a.score || (a.ref.sourceId < b.ref.sourceId ? -1 : a.ref.sourceId > b.ref.sourceId ? 1 : a.ref.claim.span.start - b.ref.claim.span.start));
  }

  /** Cosine of two claims with the same weights as `matches` (for measurement and tests). */
  similarity(a: ClaimDigest, b: ClaimDigest, group: GroupLookup): number {
    const wa = this.weights(a, group);
    const wb = this.weights(b, group);
    let dot = 0;
    for (const [f, x] of wa) dot += x * (wb.get(f) ?? 0);
    const na = Math.sqrt([...wa.values()].reduce((s, x) => s + x * x, 0));
    const nb = Math.sqrt([...wb.values()].reduce((s, x) => s + x * x, 0));
    return dot / (na * nb || 1);
  }
}
