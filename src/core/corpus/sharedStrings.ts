import { sameContentAs } from '../text/movedCopies';
import type { ClaimDigest, DateDigest, DateValueDigest, EntityMentionDigest, QuotationDigest } from './types';

/** V8 makes strings up to this long that it parses from JSON or a structured clone one copy each. */
const SHORT = 10;
/** Past this many strings the pool starts again: strings of items edited away would stay in it for good. */
const MAX_POOL = 400_000;

/**
 * One copy of each string the index holds of its items' names, ids, terms, dates and sentences.
 * Digests arrive as JSON or structured clones, which give every item its own copy of a string over
 * 10 characters: after indexing 2,000 generated sources, 24 of the main thread's 100 MB of live
 * heap were such copies of names ("organisation" 60,500 times); with names shared, finding ids
 * (the same in every source that names the same thing: "entity:sad461:1"), date values, claim
 * sentences (a date's sentence is most often its claim's) and the like still made most of the
 * rest (95.3 → 80.5 MB once shared). The items taken in are made to point at one copy.
 */
export class SharedStrings {
  private readonly pool = new Map<string, string>();

  private one<S extends string>(s: S): S {
    // Shorter ones are one copy already: not looked up.
    if (s.length <= SHORT) return s;
    const held = this.pool.get(s);
    if (held !== undefined) return held as S;
    if (this.pool.size >= MAX_POOL) this.pool.clear();
    this.pool.set(s, s);
    return s;
  }

  private all(list: string[]): void {
    for (let i = 0; i < list.length; i++) list[i] = this.one(list[i]!);
  }

  private dateValue(d: DateValueDigest): void {
    d.value = this.one(d.value);
    d.text = this.one(d.text);
    if (d.referenceDate !== undefined) d.referenceDate = this.one(d.referenceDate);
  }

  mentions(list: readonly EntityMentionDigest[]): void {
    for (const m of list) {
      m.findingId = this.one(m.findingId);
      m.type = this.one(m.type);
      m.key = this.one(m.key);
      m.text = this.one(m.text);
      m.canonical = this.one(m.canonical);
      if (m.claimId !== undefined) m.claimId = this.one(m.claimId);
      if (m.role) {
        this.all(m.role.titles);
        m.role.phrase = this.one(m.role.phrase);
        if (m.role.org !== undefined) m.role.org = this.one(m.role.org);
      }
    }
  }

  claims(list: readonly ClaimDigest[]): void {
    for (const c of list) {
      c.findingId = this.one(c.findingId);
      c.text = this.one(c.text);
      if (c.speaker !== undefined) c.speaker = this.one(c.speaker);
      this.all(c.entities);
      this.all(c.terms);
      if (c.refers) this.all(c.refers);
      for (const d of c.dates) this.dateValue(d);
      for (const f of c.figures) f.unit = this.one(f.unit);
    }
  }

  // Dates and quotations come whole with each digest: after an edit of a long source nearly all are
  // moved copies of items taken in before (text/movedCopies.ts), whose strings are shared already.

  dates(list: readonly DateDigest[]): void {
    for (const d of list) {
      if (sameContentAs(d) !== d) continue;
      d.findingId = this.one(d.findingId);
      d.text = this.one(d.text);
      // Most often the sentence of a claim of the same source: one copy for both.
      d.sentence = this.one(d.sentence);
      if (d.value !== null) d.value = this.one(d.value);
      if (d.claimId !== undefined) d.claimId = this.one(d.claimId);
    }
  }

  quotations(list: readonly QuotationDigest[]): void {
    for (const q of list) {
      if (sameContentAs(q) !== q) continue;
      q.findingId = this.one(q.findingId);
      this.all(q.terms);
      if (q.speaker) {
        q.speaker.text = this.one(q.speaker.text);
        q.speaker.name = this.one(q.speaker.name);
        if (q.speaker.key !== undefined) q.speaker.key = this.one(q.speaker.key);
      }
    }
  }
}
