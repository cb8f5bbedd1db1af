import { stemmer } from 'stemmer';
import { eng } from 'stopword/src/stopwords_eng.js';
import { allMatches } from '../text/allMatches';
import { wordTable } from '../text/wordTable';
import { withoutPossessive } from '../text/wordTests';

/**
 * Words that say the same thing in news copy, folded into one term so "enter the US market", "sell
 * smartphones in the US" and "introduce phones in the United States" share it, as do "cut 1,500
 * jobs" and "eliminate 1,500 positions". Keys are Porter stems. A class joins words that report one
 * fact in different words, not words of one topic: "revenue" and "profit" stay apart, as do "rise"
 * and "fall".
 */
const PREDICATE_CLASSES = wordTable<string[]>({
  '~entry': ['enter', 'entri', 'introduc', 'launch', 'sell', 'bring', 'come', 'arriv', 'debut', 'expans', 'expand', 'start', 'begin', 'rollout', 'releas'],
  '~negotiate': ['negoti', 'talk', 'deal', 'agreement', 'partnership', 'partner', 'team'],
  '~phone': ['smartphon', 'phone', 'handset', 'devic', 'flagship'],
  '~plan': ['plan', 'aim', 'intend', 'ambit', 'target'],
  '~carrier': ['carrier', 'oper', 'telco'],
  '~rise': ['rose', 'rise', 'risen', 'grew', 'grow', 'growth', 'increas', 'doubl', 'gain', 'jump', 'surg', 'soar', 'climb', 'higher'],
  '~fall': ['fell', 'fall', 'drop', 'declin', 'decreas', 'slump', 'shrank', 'shrink', 'plung', 'tumbl', 'lower'],
  // Commerce and company news.
  '~buy': ['bui', 'bought', 'purchas', 'acquir', 'acquisit', 'takeov', 'order'],
  '~revenue': ['revenu', 'sale', 'turnov'],
  '~profit': ['profit', 'earn', 'incom'],
  '~forecast': ['forecast', 'outlook', 'guidanc', 'predict', 'expect', 'project'],
  '~share': ['share', 'stock'],
  '~cut': ['cut', 'elimin', 'layoff', 'lai', 'shed', 'ax', 'trim', 'reduc'],
  '~job': ['job', 'posit', 'worker', 'staff', 'workforc', 'employe'],
  '~save': ['save', 'synergi'],
  '~plant': ['factori', 'plant', 'facil'],
  '~chip': ['chip', 'processor', 'semiconductor'],
  '~plane': ['jet', 'aircraft', 'plane', 'airlin'],
  '~route': ['rout', 'destin'],
  '~passenger': ['passeng', 'travel', 'travell'],
  '~cost': ['cost', 'spend', 'bill', 'expens'],
  '~customer': ['custom', 'subscrib', 'client'],
  '~compensate': ['credit', 'compens', 'refund', 'reimburs'],
  '~outage': ['outag', 'failur', 'blackout', 'disrupt'],
  '~cause': ['caus', 'blame'],
  '~investigate': ['investig', 'inquiri', 'probe', 'review', 'examin', 'scrutini', 'scrutinis', 'audit', 'inspect'],
  '~restore': ['restor', 'resum', 'reopen'],
  '~update': ['updat', 'patch', 'fix'],
  '~hire': ['hire', 'recruit'],
  // Disasters and accidents.
  '~die': ['di', 'dead', 'death', 'kill', 'fatal'],
  '~injure': ['injur', 'injuri', 'hurt', 'wound'],
  '~crash': ['crash', 'collis', 'accid'],
  '~evacuate': ['evacu', 'leav', 'flee', 'fled', 'displac'],
  '~rain': ['rain', 'rainfal', 'downpour', 'precipit'],
  '~school': ['school', 'class', 'classroom'],
  '~vehicle': ['car', 'vehicl', 'automobil'],
  '~people': ['peopl', 'resid', 'inhabit', 'citizen'],
  '~home': ['home', 'hous', 'dwell'],
  '~authority': ['govern', 'author', 'administr'],
});

/** Number words, read as the figures they are ("forty aircraft" = "40 jets"). */
const NUMBER_WORDS = wordTable<number>({
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
});

const FRACTIONS = wordTable<number>({ quarter: 0.25, half: 0.5, third: 1 / 3, fifth: 0.2, tenth: 0.1 });
const SHARE_OF = /\bby\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:a|one)\s+(quarter|half|third|fifth|tenth)\b(?!\s+of\s+an?\b)/g;
const FROM_HOMES = /\b(?:forc|driv)\w*\s+(?:[\w,]+\s+)?(?:out\s+)?(?:of|from)\s+(?:their\s+)?homes?\b/;
const MULTIPLIERS = wordTable<number>({ thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, bn: 1e9, mn: 1e6 });
const NUMBER = /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s*(thousand|million|billion|trillion|bn|mn)\b)?(\s*(?:%|per\s?cent\b|percent\b))?/gu;
const FRACTION = /\b(?:a|one)?\s*(quarter|half|third|fifth|tenth)\s+(?:of\s+)?an?\s+(million|billion)\b/g;
/** A word every FRACTION and SHARE_OF match holds. */
const FRACTION_WORD = /quarter|half|third|fifth|tenth/;
/** What every NUMBER match holds. */
const HAS_DIGIT = /\d/;

/** The feature of a figure: its value to two significant digits ("about 65,000" = "65,000"), percentages apart. */
export function figureTerm(value: number, percent: boolean): string {
  const rounded = value === 0 ? 0 : Number(value.toPrecision(2));
  return `=${rounded}${percent ? '%' : ''}`;
}

const CLASS_OF = new Map<string, string>();
for (const [cls, stems] of Object.entries(PREDICATE_CLASSES)) for (const s of stems) CLASS_OF.set(s, cls);

/** Function words plus reporting words that say who spoke, not what was said. */
const STOP = new Set([
  ...eng,
  'according', 'says', 'say', 'told', 'tell', 'claims', 'claimed', 'claim', 'report', 'reports', 'reported', 'reportedly',
  'cites', 'cite', 'cited', 'admits', 'admitted', 'added', 'stated', 'announced', 'confirmed', 'noted', 'explained',
  'apparently', 'also', 'just', 'even', 'yet', 'not', "n't", 'no', 'will', 'would', 'may', 'company', "company's", 'its',
  'it’s', "it's", 'which', 'one', 'new', 'latest', 'now', 'right', 'all', 'part', 'within', 'by', 'end', 'early', 'late',
  // How near a figure is, and what it is counted in: figures are compared as such (figureTerm).
  'around', 'nearly', 'roughly', 'approximately', 'almost', 'some', 'about', 'mostly', 'per', 'cent', 'percent', 'percentage',
  'dollar', 'dollars', 'euro', 'euros', 'pound', 'pounds', 'yen', 'yuan', 'thousand', 'million', 'billion', 'trillion', 'bn', 'mn',
  // Time words: dates are compared as such.
  'year', 'years', 'month', 'months', 'week', 'weeks', 'day', 'days', 'earlier', 'ago',
  'across', 'whose', 'until', 'off', 'down',
  // Who said it: reporters, officials, statements.
  'police', 'officials', 'official', 'reporters', 'spokesman', 'spokeswoman', 'spokesperson', 'statement', 'announcement', 'sources',
]);

// Stemming is the costly step and news vocabulary repeats: remember stems (bounded).
const stems = new Map<string, string>();
function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size > 50_000) stems.clear();
    s = stemmer(word);
    stems.set(word, s);
  }
  return s;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/**
 * The content terms of a stretch of claim text: lower-cased, stop words dropped, Porter-stemmed,
 * predicate synonyms folded into one class term. Order and duplicates are not kept.
 */
export function contentTerms(text: string): string[] {
  // An edit of a long open source digests it again: every claim but the edited one was seen before.
  let terms = termsOf.get(text);
  if (terms === undefined) {
    if (termsOf.size >= TERMS_KEPT) termsOf.clear();
    terms = computeTerms(text);
    termsOf.set(text, terms);
  }
  return [...terms];
}

/** Texts whose terms are remembered: a 1 MB source has about 10,000 claims and quotations. */
const TERMS_KEPT = 40_000;
const termsOf = new Map<string, readonly string[]>();

function computeTerms(text: string): string[] {
  const out = new Set<string>();
  // Each pattern below runs only on a text that has the words or digits every match of it holds:
  // each text was scanned ten times over, and two sentences in three have no digit (4,729 of the
  // 13,408 of the bench's 1 MB have one).
  let lower = text.toLowerCase();
  // "in order to" orders nothing.
  if (lower.includes('in order to')) lower = lower.replace(/\bin order to\b/g, ' ');
  // "up 12 percent", "down 3%": a rise or a fall ("up" and "down" are stop words otherwise).
  if (lower.includes('up') || lower.includes('down')) lower = lower.replace(/\b(up|down)(?=\s+(?:by\s+)?(?:about\s+|nearly\s+|some\s+)?[\d$€£])/g, (w) => (w === 'up' ? 'rise' : 'fall'));
  const fractions = FRACTION_WORD.test(lower);
  const digits = HAS_DIGIT.test(lower);
  if (fractions) {
    // "a quarter of a billion", "half a million": figures in words.
    for (const m of allMatches(FRACTION, lower)) out.add(figureTerm(FRACTIONS[m[1]]! * MULTIPLIERS[m[2]]!, false));
    // "cut costs by a fifth" = by 20 percent.
    for (const m of allMatches(SHARE_OF, lower)) out.add(figureTerm(100 * FRACTIONS[m[1]]!, true));
  }
  // "forced from their homes" = evacuated.
  if (FROM_HOMES.test(lower)) out.add('~evacuate');
  // A number the figures left (no unit recognised: "180 mm", "2 million NetSpan subscribers"): still a figure.
  if (digits) {
    for (const m of allMatches(NUMBER, lower)) {
      const value = Number(m[1]!.replace(/,/g, '')) * (m[2] ? MULTIPLIERS[m[2]]! : 1);
      if (Number.isFinite(value) && value > 1) out.add(figureTerm(value, !!m[3]));
    }
  }
  let rest = lower;
  if (fractions) rest = rest.replace(FRACTION, ' ').replace(SHARE_OF, ' ');
  if (digits) rest = rest.replace(NUMBER, ' ');
  for (const m of allMatches(WORD, rest)) {
    const word = withoutPossessive(m[0]);
    if (word.length < 2 || STOP.has(word) || isDigit(word.charCodeAt(0))) continue;
    const n = NUMBER_WORDS[word];
    if (n !== undefined) {
      out.add(figureTerm(n, false));
      continue;
    }
    // Most words have no hyphen: no array of one part made for them.
    if (!word.includes('-')) addStem(out, word);
    else for (const part of word.split('-')) addStem(out, part);
  }
  return [...out];
}

const isDigit = (c: number) => c >= 48 && c <= 57;

function addStem(out: Set<string>, part: string): void {
  if (part.length < 2 || STOP.has(part)) return;
  const stem = stemOf(part);
  out.add(CLASS_OF.get(stem) ?? stem);
}
