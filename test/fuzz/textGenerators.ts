// Hostile source texts, each of about `n` UTF-16 code units: the shapes that made analysis grow
// faster than its input (issue 15), and seeded random mixes of prose and non-prose. Deterministic:
// the same name, size and seed give the same text, so a failure can be replayed.
import { prng } from '../../scripts/bench/generate';

/** `unit` repeated to `n` code units, not cutting a surrogate pair. */
function repeatTo(unit: string, n: number): string {
  const text = unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

/** Joins what `next` yields until `n` code units. */
function build(n: number, next: (i: number) => string): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < n; i++) {
    const part = next(i);
    parts.push(part);
    length += part.length;
  }
  const text = parts.join('').slice(0, n);
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

const FIRST = ['Lei', 'Anna', 'Tim', 'Maria', 'John', 'Wang', 'Olga', 'Pedro', 'Aisha', 'Kenji', 'Sven', 'Chloe'];
const LAST = ['Jun', 'Smith', 'Cook', 'Garcia', 'Jones', 'Xian', 'Petrova', 'Silva', 'Khan', 'Sato', 'Berg', 'Martin'];
const ORGS = ['Xiaomi', 'Apple', 'Huawei', 'IDC', 'the European Commission', 'Reuters', 'Samsung Electronics', 'Bank of China'];
const MONTHS = ['January', 'March', 'Jun', 'Sept.', 'December', 'May'];

/** A name no earlier call gave: letters from the counter, so a source can hold thousands of distinct people. */
function distinctName(i: number): string {
  const letters = (k: number) => {
    let s = '';
    do {
      s += String.fromCharCode(97 + (k % 26));
      k = Math.floor(k / 26);
    } while (k > 0);
    return s;
  };
  return `${FIRST[i % FIRST.length]}${letters(i)} ${LAST[(i * 7) % LAST.length]}${letters(i * 31 + 5)}`;
}

/** Pieces the random mixes draw from: prose and the non-prose a scraped page holds. */
const FRAGMENTS: readonly ((r: () => number, i: number) => string)[] = [
  () => 'Xiaomi said on Friday that sales rose 20% in 2018. ',
  (r) => `${ORGS[Math.floor(r() * ORGS.length)]} plans to enter the United States by end 2018, or by early 2019, according to ${FIRST[Math.floor(r() * 12)]} ${LAST[Math.floor(r() * 12)]}. `,
  (r) => `On ${MONTHS[Math.floor(r() * MONTHS.length)]} ${1 + Math.floor(r() * 28)}, ${1990 + Math.floor(r() * 40)} `,
  (r) => `${Math.floor(r() * 1000)},${Math.floor(r() * 1000)} `,
  (r) => `${(r() * 100).toFixed(1)}% `,
  () => '$5.3 billion ',
  (_r, i) => `${distinctName(i)} said `,
  () => 'http://www.example.com/a/b.c?d=e&f=g#h ',
  () => 'www.example.com/a.b.c/',
  () => '"It is probably the best phone we have made," ',
  () => '“Maybe,” she said. ',
  () => 'FC Barcelona 15 10 4 1 46 19 34 ',
  () => 'ROME 1996-12-06 ',
  () => '\n',
  () => '\n\n',
  () => '\r\n',
  () => '. ',
  () => '? ',
  () => ', ',
  () => '(',
  () => ')',
  () => '... ',
  () => 'Mr. ',
  () => 'U.S. ',
  () => 'the quick brown fox ',
  () => 'JAPAN GET LUCKY WIN ',
  () => 'Lei Jun, Xiaomi’s chief executive officer, ',
  () => 'Posted: 2018-03-10\n',
  () => '1. toukale\nPosts: 631; Member since: Jun 10, 2015\n',
  () => 'Ελλάδα και Κίνα ',
  () => '北京小米科技 ',
  () => '🙂👍🏽 ',
  () => '\u202e\u2066\u0007\u001b[31m ',
  () => '\uFEFF',
  () => '\t',
  () => 'within two years ',
  () => 'three days ago ',
  () => 'in the third quarter of ',
  () => 'has risen 4.9 per cent ',
  // Words that name Object.prototype's properties (one made a digest throw, core/text/wordTable.ts).
  () => 'the constructor said toString sales rose by a third to forty million, ',
  () => 'hasOwnProperty __proto__ valueOf isPrototypeOf constructor prototype ',
];

export interface TextGenerator {
  name: string;
  /** What the generator stands for (a failure of issue 15, or a mix). */
  about: string;
  make(n: number, seed?: number): string;
}

export const TEXT_GENERATORS: readonly TextGenerator[] = [
  { name: 'dates-one-line', about: 'one line of repeated dates', make: (n) => repeatTo('On March 3, 2018 and ', n) },
  { name: 'dates-and-claims', about: 'one long sentence of dates in a claim', make: (n) => `Xiaomi said sales rose 20% ${repeatTo('on March 3, 2018 and ', n - 40)}.` },
  { name: 'url-runs', about: 'URL-like runs with spaces', make: (n) => repeatTo('http://www.example.com/a/b.c?d=e&f=g#h ', n) },
  { name: 'url-run-unbroken', about: 'one URL-like run without spaces', make: (n) => repeatTo('www.example.com/a.b.c/', n) },
  { name: 'sentences-one-line', about: 'many sentences on one line', make: (n) => build(n, (i) => `Xiaomi said sales rose ${i % 97}% in ${1990 + (i % 30)} to $${i % 13} billion. `) },
  { name: 'comma-numbers', about: 'comma-separated numbers', make: (n) => build(n, (i) => `${i % 1000},`) },
  { name: 'space-numbers', about: 'space-separated numbers', make: (n) => build(n, (i) => `${i % 1000} `) },
  { name: 'chained-said', about: 'chained "X said Y said …"', make: (n) => build(n, (i) => `${distinctName(i % 500)} said `) },
  { name: 'no-sentence-end', about: 'a paragraph without sentence ends', make: (n) => repeatTo('the quick brown fox jumps over the lazy dog ', n) },
  { name: 'distinct-people', about: 'thousands of distinct people, each named twice', make: (n) => build(n, (i) => `${distinctName(i >> 1)} ${i % 2 ? 'met' : 'said'} ${i % 2 ? distinctName(i >> 1).split(' ')[1] : 'that'}. `) },
  { name: 'score-table', about: 'a results table in one sentence', make: (n) => build(n, (i) => `${['Lazio', 'Roma', 'Cagliari', 'Hartford'][i % 4]} ( ${i % 20} ) v ${['BOSTON', 'Reggiana'][i % 2]} ${i % 9} `) },
  { name: 'quotes', about: 'unbalanced quotes and quoted hedges', make: (n) => build(n, (i) => (i % 3 ? '"Maybe it will rise," ' : '“probably ')) },
  { name: 'lines-no-ends', about: 'hard-wrapped lines without sentence ends', make: (n) => build(n, (i) => `word ${i} and another ${i % 7 ? '' : 'Name'}\n`) },
  { name: 'capital-runs', about: 'one run of capitalised words', make: (n) => repeatTo('Apple Google Microsoft Amazon Beijing London ', n) },
  { name: 'possessive-titles', about: 'titles and possessives around names', make: (n) => build(n, (i) => `${ORGS[i % ORGS.length]}'s chief executive officer ${distinctName(i % 300)}, `) },
  { name: 'random-mix', about: 'seeded random mix of prose and non-prose', make: (n, seed = 1) => {
    const r = prng(seed);
    return build(n, (i) => FRAGMENTS[Math.floor(r() * FRAGMENTS.length)](r, i));
  } },
  { name: 'random-prose', about: 'seeded random mix weighted to prose', make: (n, seed = 2) => {
    const r = prng(seed);
    const prose = [0, 1, 2, 4, 5, 6, 10, 16, 16, 16, 13, 26, 36, 37, 38];
    return build(n, (i) => FRAGMENTS[prose[Math.floor(r() * prose.length)]](r, i));
  } },
];
