// Deterministic large sources for the benchmark, built from the sample sources' paragraphs.
//
// Each generated "article" keeps the shape of a scraped news page (headline, body paragraphs, an
// optional reader-comment thread closed by page boilerplate), so the region detection sees what it
// sees in real sources. Every paragraph is varied with a seeded PRNG: organisations, people,
// months, years and other numbers are substituted independently per occurrence, so repeats are
// rare and the paragraph cache cannot trivially hit. How many paragraphs are unique is measured
// (see `describeSource`), not assumed.

import { segmentBlocks } from '../../src/core/text/blocks';
import { prng } from '../prng';

export { prng };

/** The benchmarks' edit: one word inserted at a word boundary (`editOffset`). */
export const EDIT_WORD = 'notably';

/** Where a seeded edit goes: the first space at or after a random place (past the last one, the first space). */
export function editOffset(text: string, random: () => number): number {
  const space = text.indexOf(' ', Math.floor(random() * text.length));
  return space < 0 ? text.indexOf(' ') : space;
}

const ORGS = ['Xiaomi', 'Huawei', 'Apple', 'Samsung', 'ZTE', 'Oppo', 'Vivo', 'Lenovo', 'OnePlus', 'Sony', 'HTC', 'Nokia', 'Motorola', 'Google'];
const CARRIERS = ['AT&T', 'Verizon', 'Sprint', 'T-Mobile', 'Vodafone'];
const PEOPLE = ['Lei Jun', 'Wang Xian', 'Tim Cook', 'Andy Rubin', 'Richard Yu', 'Pete Lau', 'Sundar Pichai', 'Lin Bin', 'Ren Zhengfei'];
const PLACES = ['India', 'Spain', 'Canada', 'Indonesia', 'Germany', 'France', 'Brazil', 'Mexico', 'Russia', 'Italy', 'Japan'];
const HANDLES = ['GreenMan', 'toukale', 'TheOracle1', 'aegislash', 'Poptart2828', 'Carl3000', 'kennybenny', 'Sparkxster', 'Nikolai90',
  'smajilya', 'Chuck007', 'worldpeace', 'firebird820', 'kiko007', 'makatijules', 'midan', 'fyah_king', 'meh', 'SquareMelon'];
const MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const YEARS = Array.from({ length: 16 }, (_, i) => String(2009 + i));
/** Word pairs swapped either way, each occurrence with probability 1/2. */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ['company', 'firm'], ['companies', 'firms'], ['smartphone', 'handset'], ['smartphones', 'handsets'], ['phones', 'devices'],
  ['carrier', 'operator'], ['carriers', 'operators'], ['customers', 'consumers'], ['big', 'large'], ['plans', 'intends'],
  ['huge', 'massive'], ['cheap', 'inexpensive'], ['really', 'truly'], ['very', 'quite'], ['think', 'believe'],
  ['recently', 'lately'], ['love', 'like'], ['sell', 'ship'], ['market', 'marketplace'], ['news', 'report'],
  ['country', 'nation'], ['people', 'folks'], ['buy', 'purchase'], ['many', 'numerous'], ['also', 'additionally'],
];
/** Neutral words inserted into a paragraph that would otherwise repeat one already generated. */
const FILLERS = ['indeed', 'now', 'still', 'even', 'simply', 'truly', 'just', 'quite', 'actually', 'largely', 'mostly', 'basically'];
const SYNONYM = new Map<string, string>(SYNONYMS.flatMap(([a, b]) => [[a, b], [b, a]] as [string, string][]));

const alternation = (words: readonly string[]) =>
  words.map((w) => w.replace(/[.*+?^${}()|[\]\\&-]/g, '\\$&')).sort((a, b) => b.length - a.length).join('|');

// One pass over each paragraph; each alternative is a capture group so the replacer knows which list to draw from.
const VARIABLE = new RegExp(
  [
    `(?<![\\w-])(${alternation(PEOPLE)})(?![\\w-])`,
    `(?<![\\w-])(${alternation(ORGS)})(?![\\w-])`,
    `(?<![\\w&-])(${alternation(CARRIERS)})(?![\\w&-])`,
    `(?<![\\w-])(${alternation(PLACES)})(?![\\w-])`,
    `\\b(${alternation(MONTHS_LONG)}|${alternation(MONTHS_SHORT)})\\b(?:(\\s+)(\\d\\d?)\\b)?`,
    `\\b((?:19|20)\\d\\d)\\b`,
    `(?<![\\w.])(\\d+)(?![\\w])`,
    `\\b(${alternation([...SYNONYM.keys()])})\\b`,
  ].join('|'),
  'g',
);

export interface Pools {
  titles: string[];
  body: string[];
  commentMeta: string[];
  comments: string[];
  boilerplate: string[];
}

/** Paragraphs of the sample sources, by the region the analyzer gives them. */
export function poolsFrom(samples: readonly string[]): Pools {
  const pools: Pools = { titles: [], body: [], commentMeta: [], comments: [], boilerplate: [] };
  const add = (list: string[], t: string) => {
    if (!list.includes(t)) list.push(t);
  };
  for (const text of samples) {
    for (const b of segmentBlocks(text)) {
      switch (b.region) {
        case 'title': add(pools.titles, b.text); break;
        case 'body': add(pools.body, b.text); break;
        case 'comment': add(pools.comments, b.text); break;
        case 'boilerplate': add(pools.boilerplate, b.text); break;
        case 'comment-meta':
          // Thread headers ("3. toukale") are generated; keep the "Posts: …; Member since: …" lines.
          if (/^Posts:/.test(b.text)) add(pools.commentMeta, b.text);
          break;
      }
    }
  }
  // A line of page furniture is what ends a comment thread in the samples; keep the short one first.
  pools.boilerplate.sort((a, b) => a.length - b.length);
  return pools;
}

export class SourceGenerator {
  private readonly random: () => number;
  /** Every analysed paragraph generated so far, to redraw repeats. */
  private readonly used = new Set<string>();

  constructor(private readonly pools: Pools, seed: number) {
    this.random = prng(seed);
  }

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)];
  }

  /** Same kind of token, independently drawn: names from the same list, numbers with as many digits. */
  vary(text: string): string {
    return text.replace(VARIABLE, (m, person, org, carrier, place, month, space, day, year, num, word) => {
      if (person) return this.pick(PEOPLE);
      if (org) return this.pick(ORGS);
      if (carrier) return this.pick(CARRIERS);
      if (place) return this.pick(PLACES);
      if (month) {
        const name = month.length <= 3 ? this.pick(MONTHS_SHORT) : this.pick(MONTHS_LONG);
        if (!day) return name;
        const d = 1 + this.int(28);
        return `${name}${space}${day.length === 2 && d < 10 ? '0' : ''}${d}`;
      }
      if (year) return this.pick(YEARS);
      if (num) {
        const digits = (num as string).length;
        if (digits === 1) return String(1 + this.int(9));
        const low = 10 ** (digits - 1);
        return String(low + this.int(9 * low));
      }
      if (word) return this.random() < 0.5 ? word : SYNONYM.get(word)!;
      return m;
    });
  }

  /** A word from FILLERS at a random word boundary, `count` times. */
  private withFillers(text: string, count: number): string {
    let out = text;
    for (let i = 0; i < count; i++) {
      const spaces = [...out.matchAll(/ /g)].map((m) => m.index!);
      const filler = this.pick(FILLERS);
      if (!spaces.length) out = `${out} ${filler}`;
      else {
        const at = this.pick(spaces);
        out = `${out.slice(0, at)} ${filler}${out.slice(at)}`;
      }
    }
    return out;
  }

  /**
   * A variant of a paragraph not generated before: redrawn a few times, then (where the line's shape
   * allows it) with one or more filler words inserted. Gives up after 40 draws and accepts a repeat.
   */
  private fresh(make: () => string, fillers: boolean): string {
    let text = make();
    for (let attempt = 1; this.used.has(text) && attempt <= 40; attempt++) {
      text = fillers && attempt > 3 ? this.withFillers(make(), 1 + Math.floor(attempt / 8)) : make();
    }
    this.used.add(text);
    return text;
  }

  private shuffled<T>(list: readonly T[]): T[] {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }

  /** One page: headline, 4–12 shuffled body paragraphs, and in 60% of pages a reader thread. */
  article(): string[] {
    const paragraphs = [this.fresh(() => this.vary(this.pick(this.pools.titles)), true)];
    const body = this.shuffled(this.pools.body).slice(0, 4 + this.int(9));
    for (const p of body) paragraphs.push(this.fresh(() => this.vary(p), true));
    if (this.pools.comments.length && this.random() < 0.6) {
      const count = 2 + this.int(9);
      for (let i = 1; i <= count; i++) {
        // Header and metadata lines must keep their shape (COMMENT_HEADER, COMMENT_METADATA): no fillers.
        paragraphs.push(this.fresh(() => `${i + this.int(3)}. ${this.pick(HANDLES)}${this.random() < 0.7 ? this.int(1000) : ''}`, false));
        paragraphs.push(this.fresh(() => this.vary(this.pick(this.pools.commentMeta)), false));
        const comment = this.pick(this.pools.comments);
        paragraphs.push(this.fresh(() => this.vary(comment), true));
      }
      paragraphs.push(this.pools.boilerplate[0]);
    }
    return paragraphs;
  }

  /** Articles separated by blank lines until the text reaches `bytes` (UTF-8); stops at a paragraph end. */
  source(bytes: number): string {
    const parts: string[] = [];
    let size = 0;
    for (;;) {
      for (const p of this.article()) {
        parts.push(p);
        size += Buffer.byteLength(p, 'utf8') + 2;
        if (size >= bytes) return parts.join('\n\n') + '\n';
      }
    }
  }
}

export interface SourceDescription {
  bytes: number;
  /** Blocks the analyzer analyses (boilerplate excluded). */
  paragraphs: number;
  /** Distinct analysed blocks, by their text and the context the paragraph cache keys on. */
  unique: number;
}

export function describeSource(text: string): SourceDescription {
  const blocks = segmentBlocks(text).filter((b) => b.region !== 'boilerplate');
  const keys = new Set(blocks.map((b) => `${b.region}\u0000${b.commenter ?? ''}\u0000${b.text}`));
  return { bytes: Buffer.byteLength(text, 'utf8'), paragraphs: blocks.length, unique: keys.size };
}
