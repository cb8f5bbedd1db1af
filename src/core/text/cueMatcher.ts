import type { Cue, CueKind } from '../model';

/** One phrase lexicon: its cue kind, its phrases, and whether letters must match their case. */
export interface CueLexicon {
  kind: CueKind;
  phrases: readonly string[];
  /** Keeps verbs from matching names ("says" but not "United States"). */
  caseSensitive?: boolean;
}

// The trie's alphabet: the characters cue phrases are written in (lower-case ASCII letters, space,
// apostrophe, hyphen). A space in a phrase stands for any run of white space, an apostrophe for ' or ’.
const SPACE = 26;
const APOSTROPHE = 27;
const HYPHEN = 28;
const ALPHABET = 29;
/** Lexicons per scanner: each is a bit of an Int32. */
const MAX_LEXICONS = 31;

function phraseSymbol(c: string): number {
  if (c >= 'a' && c <= 'z') return c.charCodeAt(0) - 97;
  if (c === ' ') return SPACE;
  if (c === "'") return APOSTROPHE;
  if (c === '-') return HYPHEN;
  return -1;
}

/** `\s` of a regular expression. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `\w` of a regular expression without the `u` flag: what `\b` sees. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * Matches several phrase lexicons against a text in one pass: the phrases are compiled once into a
 * trie, and each word start walks it once for every lexicon. Each lexicon's cues are exactly what
 * `\b(?:longest|…|short)\b` (flags `g`, plus `i` unless case-sensitive) would find: at each word
 * start the longest phrase ending on a word boundary, never overlapping the lexicon's previous cue.
 */
export class CueScanner {
  /** Transitions: `next[node * ALPHABET + symbol]` is the child node, 0 for none (node 0 is the root). */
  private next = new Int32Array(ALPHABET * 64);
  /**
   * Per node, the lexicons that have a phrase ending there, as bits (lexicon l is bit l): one typed
   * read per step of the walk tells whether a phrase ends there.
   */
  private acceptBits = new Int32Array(64);
  private nodes = 1;
  /** The case-sensitive lexicons as bits: a capital in the phrase rules them out. */
  private readonly caseSensitiveBits: number;
  /** Where each lexicon may match next, and the longest end found at a start: kept between scans, not made per sentence. */
  private readonly allowed: Int32Array;
  private readonly ends: Int32Array;

  constructor(readonly lexicons: readonly CueLexicon[]) {
    // A lexicon is a bit of an Int32: the claim detector's scanner has 14.
    if (lexicons.length > MAX_LEXICONS) throw new Error(`a cue scanner takes at most ${MAX_LEXICONS} lexicons, not ${lexicons.length}`);
    lexicons.forEach((lexicon, index) => {
      for (const phrase of lexicon.phrases) this.insert(phrase, index);
    });
    this.allowed = new Int32Array(lexicons.length);
    this.ends = new Int32Array(lexicons.length);
    this.caseSensitiveBits = lexicons.reduce((bits, l, i) => (l.caseSensitive ? bits | (1 << i) : bits), 0);
  }

  private insert(phrase: string, lexicon: number): void {
    if (!/^[a-z](?:[a-z' -]*[a-z])?$/.test(phrase) || phrase.includes('  ')) {
      throw new Error(`cue phrase outside the trie's alphabet: ${JSON.stringify(phrase)}`);
    }
    let node = 0;
    for (const c of phrase) {
      const at = node * ALPHABET + phraseSymbol(c);
      if (!this.next[at]) {
        const child = this.nodes++;
        if ((child + 1) * ALPHABET > this.next.length) {
          const grown = new Int32Array(this.next.length * 2);
          grown.set(this.next);
          this.next = grown;
        }
        if (child >= this.acceptBits.length) {
          const grown = new Int32Array(this.acceptBits.length * 2);
          grown.set(this.acceptBits);
          this.acceptBits = grown;
        }
        this.next[at] = child;
      }
      node = this.next[at];
    }
    this.acceptBits[node] |= 1 << lexicon;
  }

  /** Each lexicon's cues in `text` (in lexicon order), with offsets shifted by `base`. */
  scan(text: string, base = 0): Cue[][] {
    const acceptBits = this.acceptBits;
    const count = this.lexicons.length;
    const out: Cue[][] = [];
    for (let l = 0; l < count; l++) out.push([]);
    const allowed = this.allowed;
    const ends = this.ends;
    allowed.fill(0);
    ends.fill(-1);
    const caseSensitiveBits = this.caseSensitiveBits;
    const next = this.next;
    const n = text.length;
    let previousWord = false;
    for (let i = 0; i < n; i++) {
      const c0 = text.charCodeAt(i);
      const word = isWordChar(c0);
      const start = word && !previousWord;
      previousWord = word;
      if (!start) continue;
      // Phrases start with a letter: fold it and look for the root's edge.
      const first = c0 >= 65 && c0 <= 90 ? c0 - 65 : c0 >= 97 && c0 <= 122 ? c0 - 97 : -1;
      if (first < 0 || !next[first]) continue;
      let node = 0;
      let j = i;
      let upper = false;
      let found = false;
      while (j < n) {
        const c = text.charCodeAt(j);
        let symbol: number;
        if (c >= 97 && c <= 122) symbol = c - 97;
        else if (c >= 65 && c <= 90) {
          symbol = c - 65;
          upper = true;
        } else if (c === 39 || c === 0x2019) symbol = APOSTROPHE;
        else if (c === 45) symbol = HYPHEN;
        else if (isSpace(c)) symbol = SPACE;
        else break;
        const child = next[node * ALPHABET + symbol];
        if (!child) break;
        node = child;
        j++;
        // `\s+` is greedy and the phrase goes on with a letter: the whole run of white space is one step.
        if (symbol === SPACE) while (j < n && isSpace(text.charCodeAt(j))) j++;
        let bits = acceptBits[node]!;
        if (bits && upper) bits &= ~caseSensitiveBits;
        if (bits && (j >= n || !isWordChar(text.charCodeAt(j)))) {
          for (let l = 0; bits; l++, bits >>>= 1) {
            if (bits & 1 && allowed[l]! <= i) {
              ends[l] = j;
              found = true;
            }
          }
        }
      }
      if (!found) continue;
      for (let l = 0; l < count; l++) {
        const end = ends[l]!;
        if (end < 0) continue;
        ends[l] = -1;
        allowed[l] = end;
        out[l]!.push({ kind: this.lexicons[l]!.kind, text: text.slice(i, end), start: base + i, end: base + end });
      }
    }
    return out;
  }
}

/** Matches one phrase lexicon against text on word boundaries, returning every occurrence. */
export class CueMatcher {
  private readonly scanner: CueScanner;

  /** `caseSensitive` keeps verbs from matching names ("says" but not "United States"). */
  constructor(readonly kind: CueKind, phrases: readonly string[], caseSensitive = false) {
    this.scanner = new CueScanner([{ kind, phrases, caseSensitive }]);
  }

  /** Cues in `text`, with offsets shifted by `base`. */
  match(text: string, base = 0): Cue[] {
    return this.scanner.scan(text, base)[0];
  }
}
