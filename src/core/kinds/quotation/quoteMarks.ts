// Direct quotes in a paragraph: text between quotation marks. Curly double quotes pair without
// doubt; straight double quotes pair when one opens a word and the next closes one; single curly
// quotes count only where they cannot be an apostrophe ("don’t", "the ’90s"). Straight single quotes
// are apostrophes far more often than quotes, so they are left alone. A quote inside a quote is part
// of the outer one.

export interface QuoteMarks {
  /** Offset of the opening mark. */
  start: number;
  /** Offset just after the closing mark. */
  end: number;
}

const OPENING_BEFORE = /[\s([{\u2014\u2013\-/"“‘]/u;
const CLOSING_AFTER = /[\s)\]}.,;:!?\u2014\u2013\-/"”’…]/u;
const LETTER = /[\p{L}\p{N}]/u;

/** The character at `i`, or '' outside the text. */
const at = (text: string, i: number) => (i >= 0 && i < text.length ? text[i] : '');

/** A mark at `i` can open a quote: it starts a word (after a space or an opening bracket) and text follows. */
function canOpen(text: string, i: number): boolean {
  const before = at(text, i - 1);
  const after = at(text, i + 1);
  return (before === '' || OPENING_BEFORE.test(before)) && after !== '' && !/\s/.test(after);
}

/** A mark at `i` can close a quote: it ends a word (text before it) and a space, punctuation or the end follows. */
function canClose(text: string, i: number): boolean {
  const before = at(text, i - 1);
  const after = at(text, i + 1);
  return before !== '' && !/\s/.test(before) && (after === '' || CLOSING_AFTER.test(after));
}

/** Marks that never close are skipped this many times at most; text with more is not prose. */
const MAX_UNCLOSED = 20;

/** The outermost quotes of `text`, in text order. A mark that never closes opens nothing. */
export function findQuoteMarks(text: string): QuoteMarks[] {
  const out: QuoteMarks[] = [];
  let from = 0;
  for (let tries = 0; tries <= MAX_UNCLOSED && from < text.length; tries++) {
    const { quotes, unclosed } = scan(text, from);
    // What was found before the first mark that never closed stands; after it, scan again without that mark.
    for (const q of quotes) if (unclosed === undefined || q.end <= unclosed) out.push(q);
    if (unclosed === undefined) break;
    from = unclosed + 1;
  }
  return out;
}

function scan(text: string, from: number): { quotes: QuoteMarks[]; unclosed?: number } {
  const quotes: QuoteMarks[] = [];
  const open: { mark: string; at: number }[] = [];
  const closeTop = (i: number) => {
    const first = open.pop()!;
    if (!open.length) quotes.push({ start: first.at, end: i + 1 });
  };
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c !== '“' && c !== '”' && c !== '"' && c !== '‘' && c !== '’') continue;
    const top = open.at(-1)?.mark;
    if (c === '“') {
      open.push({ mark: c, at: i });
    } else if (c === '”') {
      // Single quotes left open inside were apostrophes after all.
      while (open.at(-1)?.mark === '‘') open.pop();
      if (open.at(-1)?.mark === '“') closeTop(i);
    } else if (c === '"') {
      if (top === '"' && canClose(text, i)) closeTop(i);
      else if (canOpen(text, i)) open.push({ mark: c, at: i });
    } else if (c === '‘') {
      if (canOpen(text, i)) open.push({ mark: c, at: i });
    } else if (top === '‘' && canClose(text, i) && !LETTER.test(at(text, i + 1))) {
      // ’ closes a single quote only when no letter follows: "don’t" and "Xiaomi’s" are apostrophes.
      closeTop(i);
    }
  }
  // A single quote left open was an apostrophe; a double one makes what follows it doubtful.
  const unclosed = open.find((o) => o.mark !== '‘')?.at;
  return unclosed === undefined ? { quotes } : { quotes, unclosed };
}
