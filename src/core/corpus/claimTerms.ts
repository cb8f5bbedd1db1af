import { stemmer } from 'stemmer';
import { eng } from 'stopword';

/**
 * Words that say the same thing about a plan or a market in news copy, folded into one term so
 * "enter the US market", "sell smartphones in the US" and "introduce phones in the United States"
 * share it. Keys are Porter stems.
 */
const PREDICATE_CLASSES: Record<string, string[]> = {
  '~entry': ['enter', 'entri', 'introduc', 'launch', 'sell', 'sale', 'bring', 'come', 'arriv', 'debut', 'expans', 'expand', 'start', 'begin', 'rollout', 'releas'],
  '~negotiate': ['negoti', 'talk', 'deal', 'agreement', 'partnership', 'partner', 'team'],
  '~phone': ['smartphon', 'phone', 'handset', 'devic', 'flagship'],
  '~plan': ['plan', 'aim', 'intend', 'ambit', 'target'],
  '~carrier': ['carrier', 'oper', 'telco'],
  '~rise': ['rose', 'rise', 'grew', 'grow', 'increas', 'doubl', 'gain'],
  '~fall': ['fell', 'fall', 'drop', 'declin', 'decreas', 'slump', 'shrank', 'shrink'],
};

const CLASS_OF = new Map<string, string>();
for (const [cls, stems] of Object.entries(PREDICATE_CLASSES)) for (const s of stems) CLASS_OF.set(s, cls);

/** Function words plus reporting words that say who spoke, not what was said. */
const STOP = new Set([
  ...eng,
  'according', 'says', 'say', 'told', 'tell', 'claims', 'claimed', 'claim', 'report', 'reports', 'reported', 'reportedly',
  'cites', 'cite', 'cited', 'admits', 'admitted', 'added', 'stated', 'announced', 'confirmed', 'noted', 'explained',
  'apparently', 'also', 'just', 'even', 'yet', 'not', "n't", 'no', 'will', 'would', 'may', 'company', "company's", 'its',
  'it’s', "it's", 'which', 'one', 'new', 'latest', 'now', 'right', 'all', 'part', 'within', 'by', 'end', 'early', 'late',
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
  for (const m of text.toLowerCase().matchAll(WORD)) {
    const word = m[0].replace(/['’]s$/, '');
    if (word.length < 2 || STOP.has(word) || /^\d/.test(word)) continue;
    for (const part of word.split('-')) {
      if (part.length < 2 || STOP.has(part)) continue;
      const stem = stemOf(part);
      out.add(CLASS_OF.get(stem) ?? stem);
    }
  }
  return [...out];
}
