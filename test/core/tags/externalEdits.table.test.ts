// A fixed table of realistic edits made outside the editor (a colleague's fix pulled from git, a
// script, another editor) to a sample source, with the expected outcome for every tag.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QuoteAnchorer } from '../../../src/core/tags/anchoring';
import { makeQuoteTarget } from '../../../src/core/tags/quoteSelector';
import { ProvenanceText } from './provenanceText';

const SOURCE = readFileSync(resolve(__dirname, '../../../test-fixtures/sources/000_10788ba24ea37e24.txt'), 'utf8');

/** Tags a fact-checker put on the source: [name, text, which occurrence (0-based)]. */
const TAGS: [string, string, number][] = [
  ['title date (2nd title line)', 'early 2019', 1],
  ['claim: fourth largest', 'Xiaomi is the fourth largest handset maker in China and has already successfully launched its smartphones in India and other countries in Southeast Asia.', 0],
  ['person: Lei Jun', 'Lei Jun', 0],
  ['claim: WSJ report', 'A new report from Wall Street Journal cites Xiaomi\'s Chairman Lei Jun, who said his company plans “to start entering the market by end 2018, or by early 2019.”', 0],
  ['comment date: GreenMan member since', 'Nov 09, 2015', 0],
  ['comment date: toukale (1st comment)', 'Jun 10, 2015', 0],
  ['comment claim: last vendor', 'Apple is the last vendor that will be effected by Xiaomi entering the US.', 0],
  ['organisation: Huawei (carrier paragraph)', 'Huawei', 1],
  ['claim: Poptart comment', 'Apple or the US government will surely block their entry if this news is true.', 0],
];

function at(text: string, needle: string, occurrence = 0): number {
  let i = -1;
  for (let k = 0; k <= occurrence; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`"${needle}" #${occurrence} is not in the text`);
  }
  return i;
}

type Edit = (doc: ProvenanceText) => void;

const replaceFirst = (find: string, by: string): Edit => (doc) => {
  const i = at(doc.text, find);
  doc.replace(i, i + find.length, by);
};

const EDITS: Record<string, Edit> = {
  'typo fixed inside a quoted claim ("effected" → "affected")': replaceFirst('will be effected by Xiaomi', 'will be affected by Xiaomi'),
  'paragraph inserted above everything': (doc) => doc.replace(0, 0, 'Editor’s note: this story was updated on March 12 with a comment from Xiaomi.\n\n'),
  'comment thread deleted (GreenMan and toukale’s first comment)': (doc) => {
    const from = at(doc.text, '1. GreenMan');
    const to = at(doc.text, '2. TheOracle1');
    doc.replace(from, to, '');
  },
  'whitespace reflow (paragraphs wrapped at 72 columns)': (doc) => {
    // Re-wrap every long line as an editor's "rewrap" does: a space becomes a line break.
    const text = doc.text;
    let col = 0;
    const breaks: number[] = [];
    for (let i = 0; i < text.length; i++) {
      if (text[i] === '\n') col = 0;
      else if (text[i] === ' ' && col >= 72) {
        breaks.push(i);
        col = 0;
      } else col++;
    }
    for (const i of breaks.reverse()) doc.replace(i, i + 1, '\n');
  },
  'file re-saved with CRLF line endings': (doc) => doc.setLineEndings(true),
  'claim rewritten by the author': replaceFirst(
    'Xiaomi is the fourth largest handset maker in China and has already successfully launched its smartphones in India and other countries in Southeast Asia.',
    'Xiaomi sells phones in Asia and, more recently, Europe.',
  ),
  'git pull bringing a typo fix, a new paragraph and CRLF at once': (doc) => {
    EDITS['typo fixed inside a quoted claim ("effected" → "affected")']!(doc);
    EDITS['paragraph inserted above everything']!(doc);
    doc.setLineEndings(true);
  },
};

type Outcome = 'same text' | 'orphan' | { changedTo: string };

/** Expected outcome per edit and tag; any tag not listed must keep exactly its text. */
const EXPECTED: Record<string, Record<string, Outcome>> = {
  'typo fixed inside a quoted claim ("effected" → "affected")': {
    'comment claim: last vendor': { changedTo: 'Apple is the last vendor that will be affected by Xiaomi entering the US.' },
  },
  'paragraph inserted above everything': {},
  'comment thread deleted (GreenMan and toukale’s first comment)': {
    'comment date: GreenMan member since': 'orphan',
    // The same author's later comment has the same "Member since" line: that is not this tag.
    'comment date: toukale (1st comment)': 'orphan',
    'comment claim: last vendor': 'orphan',
  },
  'whitespace reflow (paragraphs wrapped at 72 columns)': {
    'claim: fourth largest': { changedTo: 'reflowed' },
    'claim: WSJ report': { changedTo: 'reflowed' },
    'comment claim: last vendor': { changedTo: 'reflowed' },
    'claim: Poptart comment': { changedTo: 'reflowed' },
  },
  'file re-saved with CRLF line endings': {},
  'claim rewritten by the author': { 'claim: fourth largest': 'orphan' },
  'git pull bringing a typo fix, a new paragraph and CRLF at once': {
    'comment claim: last vendor': { changedTo: 'Apple is the last vendor that will be affected by Xiaomi entering the US.' },
  },
};

const rows: string[] = [];

describe('re-anchoring after realistic outside edits of a sample source', () => {
  const targets = TAGS.map(([, text, n]) => {
    const start = at(SOURCE, text, n);
    return makeQuoteTarget(SOURCE, start, start + text.length);
  });

  for (const [name, edit] of Object.entries(EDITS)) {
    it(name, () => {
      const doc = new ProvenanceText(SOURCE);
      edit(doc);
      const text = doc.text;
      const anchors = new QuoteAnchorer(text).anchorAll(targets);
      TAGS.forEach(([tag, quote], i) => {
        const expected = EXPECTED[name]![tag] ?? 'same text';
        const anchor = anchors[i];
        const got = anchor ? text.slice(anchor.start, anchor.end) : undefined;
        rows.push(`${name.slice(0, 44).padEnd(44)} | ${tag.slice(0, 40).padEnd(40)} | ${anchor ? anchor.method : 'orphan'}`);
        if (expected === 'orphan') {
          expect(anchor, `${tag} should be an orphan, got "${got}"`).toBeUndefined();
          return;
        }
        expect(anchor, `${tag} should be anchored`).toBeDefined();
        // Where the tagged characters are now, as the edit itself moved them.
        const positions = doc.positionsOf(targets[i]!.start, targets[i]!.end).filter((p): p is number => p !== undefined);
        if (expected === 'same text') {
          expect(got).toBe(quote);
          expect(anchor!.start).toBe(positions[0]);
        } else if (expected.changedTo === 'reflowed') {
          expect(got!.replace(/\s+/g, ' ')).toBe(quote);
          expect(anchor!.start).toBe(positions[0]);
          expect(anchor!.method).toBe('whitespace');
        } else {
          expect(got).toBe(expected.changedTo);
          expect(anchor!.method).toBe('fuzzy');
        }
      });
    });
  }

  it('prints the table', () => {
    console.log(['edit                                         | tag                                      | outcome', ...rows].join('\n'));
  });
});
