// Property-based tests of re-anchoring after outside edits: random documents, random tags, random
// edit sequences. After every edit, each tag is judged against the truth the provenance text knows.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_ERROR_RATE, QuoteAnchorer } from '../../../src/core/tags/anchoring';
import type { TextQuoteTarget } from '../../../src/core/tags/annotation';
import { makeQuoteTarget } from '../../../src/core/tags/quoteSelector';
import { judge, ProvenanceText, truthFor, type TagOutcomeClass, type Verdict } from './provenanceText';

const SYLLABLES = 'ba be bi bo bu da de di do ka ke ki ko ku la le li lo lu ma me mi mo na ne ni no ra re ri ro sa se si so ta te ti to va ve vi vo za ze zi zo'.split(' ');
const COMMON = ['the', 'said', 'in', 'of', 'and', 'a', 'to', 'that', 'it', 'was', 'on', 'for', 'by', '2017', '20%', 'according'];
const FUNCTION_WORDS = new Set(['the', 'said', 'in', 'of', 'and', 'a', 'to', 'that', 'it', 'was', 'on', 'for', 'by', 'according']);
const EXOTIC = ['東京', 'Zoë', '😀', 'naïve', 'Ωmega', '𝒳'];

/** Word `n`: mostly made-up words (so quotes are rarely repeated by chance), some common ones, some non-Latin. */
function word(n: number): string {
  if (n % 11 === 0) return COMMON[(n >> 4) % COMMON.length]!;
  if (n % 97 === 1) return EXOTIC[(n >> 7) % EXOTIC.length]!;
  let w = '';
  let k = n;
  const syllables = 2 + (n % 3);
  for (let i = 0; i < syllables; i++) {
    w += SYLLABLES[k % SYLLABLES.length];
    k = Math.floor(k / SYLLABLES.length) + 7 * i + 3;
  }
  return w;
}

const wordsArb = (min: number, max: number) => fc.array(fc.nat({ max: 200_000 }), { minLength: min, maxLength: max });
const sentenceArb = wordsArb(4, 14);
const paragraphArb = fc.record({ sentences: fc.array(sentenceArb, { minLength: 1, maxLength: 4 }), wrap: fc.boolean() });

function renderDocument(paragraphs: { sentences: number[][]; wrap: boolean }[]): { text: string; sentences: [number, number][] } {
  let text = '';
  const sentences: [number, number][] = [];
  paragraphs.forEach((p, pi) => {
    if (pi > 0) text += '\n\n';
    p.sentences.forEach((s, si) => {
      if (si > 0) text += p.wrap && si % 2 === 0 ? '\n' : ' ';
      const words = s.map(word);
      words[0] = words[0]![0]!.toUpperCase() + words[0]!.slice(1);
      const start = text.length;
      text += words.join(' ') + '.';
      sentences.push([start, text.length]);
    });
  });
  return { text, sentences };
}

/** A tag on a whole sentence (a claim) or on one to three words of it (an entity or a date). */
const tagArb = fc.record({ sentence: fc.nat(), whole: fc.boolean(), word: fc.nat(), words: fc.integer({ min: 1, max: 3 }) });

function tagTarget(text: string, [s, e]: [number, number], t: { sentence: number; whole: boolean; word: number; words: number }): TextQuoteTarget {
  if (t.whole) return makeQuoteTarget(text, s, e);
  const body = text.slice(s, e - 1);
  const starts = [0, ...[...body.matchAll(/\s/g)].map((m) => m.index! + 1)];
  const first = t.word % starts.length;
  let last = Math.min(starts.length - 1, first + t.words - 1);
  // Nobody tags "was" or "of the": a span of function words only takes in the next word.
  const wordsOf = (a: number, b: number) => body.slice(starts[a]!, b + 1 < starts.length ? starts[b + 1]! - 1 : body.length).toLowerCase().split(' ');
  while (last + 1 < starts.length && wordsOf(first, last).every((w) => FUNCTION_WORDS.has(w))) last++;
  const end = last + 1 < starts.length ? starts[last + 1]! - 1 : body.length;
  return makeQuoteTarget(text, s + starts[first]!, s + end);
}

type Edit =
  | { op: 'insert-near'; tag: number; at: number; words: number[]; newline: boolean }
  | { op: 'delete-near'; tag: number; at: number; length: number }
  | { op: 'replace-near'; tag: number; at: number; length: number; words: number[] }
  | { op: 'typo-inside'; tag: number; at: number; letter: number }
  | { op: 'delete-tagged-text'; tag: number; before: number; after: number }
  | { op: 'insert-anywhere'; at: number; words: number[] }
  | { op: 'move-paragraph'; from: number; to: number }
  | { op: 'line-endings'; crlf: boolean }
  | { op: 'reflow'; at: number };

const near = fc.integer({ min: -40, max: 40 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('insert-near' as const), tag: fc.nat(), at: near, words: wordsArb(1, 8), newline: fc.boolean() }),
  fc.record({ op: fc.constant('delete-near' as const), tag: fc.nat(), at: near, length: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('replace-near' as const), tag: fc.nat(), at: near, length: fc.integer({ min: 1, max: 12 }), words: wordsArb(1, 3) }),
  fc.record({ op: fc.constant('typo-inside' as const), tag: fc.nat(), at: fc.nat(), letter: fc.integer({ min: 97, max: 122 }) }),
  fc.record({ op: fc.constant('delete-tagged-text' as const), tag: fc.nat(), before: fc.nat({ max: 10 }), after: fc.nat({ max: 10 }) }),
  fc.record({ op: fc.constant('insert-anywhere' as const), at: fc.nat(), words: wordsArb(1, 60) }),
  fc.record({ op: fc.constant('move-paragraph' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ op: fc.constant('line-endings' as const), crlf: fc.boolean() }),
  fc.record({ op: fc.constant('reflow' as const), at: fc.nat() }),
);

/** Where tag `i` is now (by its surviving characters), or a random place when it is gone. */
function tagSpan(doc: ProvenanceText, targets: TextQuoteTarget[], i: number): [number, number] {
  const t = targets[i % targets.length]!;
  const alive = doc.positionsOf(t.start, t.end).filter((p): p is number => p !== undefined);
  if (!alive.length) return [Math.floor(doc.length / 2), Math.floor(doc.length / 2)];
  return [Math.min(...alive), Math.max(...alive) + 1];
}

function applyEdit(doc: ProvenanceText, targets: TextQuoteTarget[], e: Edit): void {
  const text = doc.text;
  switch (e.op) {
    case 'insert-near': {
      const [s, end] = tagSpan(doc, targets, e.tag);
      const at = e.at < 0 ? s + e.at : end + e.at - 20;
      doc.replace(at, at, (e.newline ? '\n\n' : ' ') + e.words.map(word).join(' ') + ' ');
      break;
    }
    case 'delete-near': {
      const [s] = tagSpan(doc, targets, e.tag);
      doc.replace(s + e.at, s + e.at + e.length, '');
      break;
    }
    case 'replace-near': {
      const [s] = tagSpan(doc, targets, e.tag);
      doc.replace(s + e.at, s + e.at + e.length, e.words.map(word).join(' '));
      break;
    }
    case 'typo-inside': {
      const [s, end] = tagSpan(doc, targets, e.tag);
      if (end > s) {
        const at = s + (e.at % (end - s));
        doc.replace(at, at + 1, String.fromCharCode(e.letter));
      }
      break;
    }
    case 'delete-tagged-text': {
      const [s, end] = tagSpan(doc, targets, e.tag);
      doc.replace(s - e.before, end + e.after, '');
      break;
    }
    case 'insert-anywhere': {
      const at = e.at % (doc.length + 1);
      doc.replace(at, at, e.words.map(word).join(' ') + '.\n\n');
      break;
    }
    case 'move-paragraph': {
      const breaks = [0, ...[...text.matchAll(/(?:\r?\n){2}/g)].map((m) => m.index! + m[0].length), text.length];
      if (breaks.length < 3) break;
      const p = e.from % (breaks.length - 1);
      const to = breaks[e.to % breaks.length]!;
      doc.move(breaks[p]!, breaks[p + 1]!, to);
      break;
    }
    case 'line-endings':
      doc.setLineEndings(e.crlf);
      break;
    case 'reflow': {
      // Turn one space into a line break or a line break into a space, as an editor's re-wrap does.
      const spaces = [...text.matchAll(/ |(?<![\r\n])\r?\n(?![\r\n])/g)];
      if (!spaces.length) break;
      const m = spaces[e.at % spaces.length]!;
      doc.replace(m.index!, m.index! + m[0].length, m[0] === ' ' ? '\n' : ' ');
      break;
    }
  }
}

const CLASSES: TagOutcomeClass[] = ['unchanged', 'unchanged, context lost', 'changed slightly', 'changed heavily', 'deleted'];
const stats = new Map<TagOutcomeClass, Map<Verdict, number>>(CLASSES.map((c) => [c, new Map()]));
const methods = new Map<string, number>();
let cases = 0;
/** REANCHOR_SOFT=1 collects wrong anchors instead of failing at the first: for tuning, never in CI. */
const SOFT = process.env.REANCHOR_SOFT === '1';
let checks = 0;
/**
 * A fixed seed, so CI sees the same 400 cases every run. Random seeds (REANCHOR_SEED=random) explore
 * further, and can hit a case no text-only anchorer can tell: a deletion that fuses a neighbour's
 * letters into a near copy of the quote ("deni" + "ata" for "denata", seed 1374582960), which the
 * oracle, knowing each character's origin, calls wrong.
 */
const REANCHOR_SEED = process.env.REANCHOR_SEED === 'random' ? undefined : Number(process.env.REANCHOR_SEED ?? 20261202);
const failures: string[] = [];

afterAll(() => {
  const lines = [`Re-anchoring property test: ${cases} generated cases (document + tags + edit sequence), ${checks} tag checks (after every edit)`];
  lines.push('class                     | checks | exact | anchored to changed text | orphan | WRONG | re-anchor rate');
  for (const [cls, verdicts] of stats) {
    const n = [...verdicts.values()].reduce((a, b) => a + b, 0);
    const get = (v: Verdict) => verdicts.get(v) ?? 0;
    const anchored = get('exact') + get('anchored to the changed text');
    lines.push(
      `${cls.padEnd(25)} | ${String(n).padStart(6)} | ${String(get('exact')).padStart(5)} | ${String(get('anchored to the changed text')).padStart(24)} | ` +
        `${String(get('orphan')).padStart(6)} | ${String(get('WRONG')).padStart(5)} | ${n ? ((100 * anchored) / n).toFixed(1) : '-'}%`,
    );
  }
  lines.push(`anchor methods used: ${[...methods].map(([m, n]) => `${m} ${n}`).join(', ')}`);
  if (SOFT) lines.push(...failures);
  console.log(lines.join('\n'));
});

describe('re-anchoring after outside edits (property-based)', () => {
  it('never loses a tag and never anchors one to the wrong text', { timeout: 600_000 }, () => {
    fc.assert(
      fc.property(
        fc.array(paragraphArb, { minLength: 2, maxLength: 6 }),
        fc.array(tagArb, { minLength: 1, maxLength: 6 }),
        fc.array(editArb, { minLength: 1, maxLength: 6 }),
        (paragraphs, tagSpecs, edits) => {
          cases++;
          const { text, sentences } = renderDocument(paragraphs);
          const targets = tagSpecs.map((t) => tagTarget(text, sentences[t.sentence % sentences.length]!, t));
          const doc = new ProvenanceText(text);
          for (const edit of edits) {
            applyEdit(doc, targets, edit);
            const now = doc.text;
            const anchors = new QuoteAnchorer(now).anchorAll(targets);
            targets.forEach((t, i) => {
              checks++;
              const truth = truthFor(doc, t, MAX_ERROR_RATE);
              const anchor = anchors[i];
              const verdict = judge(truth, anchor, t.exact.length);
              const byClass = stats.get(truth.cls)!;
              byClass.set(verdict, (byClass.get(verdict) ?? 0) + 1);
              if (anchor) methods.set(anchor.method, (methods.get(anchor.method) ?? 0) + 1);
              if (verdict === 'WRONG' && failures.length < (SOFT ? 40 : 5)) {
                failures.push(
                  `${truth.cls}: quote ${JSON.stringify(t.exact)} → ${anchor ? `${anchor.method} ${JSON.stringify(now.slice(anchor.start, anchor.end))}` : 'orphan'}` +
                    ` (expected ${JSON.stringify(truth.exactly ? now.slice(truth.exactly.start, truth.exactly.end) : truth.region ? now.slice(truth.region.start, truth.region.end) : null)}) after ${JSON.stringify(edit)}`,
                );
              }
              if (!SOFT) expect(verdict, failures.at(-1)).not.toBe('WRONG');
            });
          }
        },
      ),
      { numRuns: Number(process.env.REANCHOR_RUNS ?? 400), seed: REANCHOR_SEED },
    );
    // The generator must actually produce every class, or the property says little.
    for (const cls of ['unchanged', 'changed slightly', 'changed heavily', 'deleted'] as const) {
      expect([...stats.get(cls)!.values()].reduce((a, b) => a + b, 0), cls).toBeGreaterThan(20);
    }
    const unchanged = stats.get('unchanged')!;
    expect(unchanged.get('exact')).toBeGreaterThan(0);
  });
});
