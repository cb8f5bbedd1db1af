// Line context that retypes names: a dateline's head is a place, a name in a results or standings
// line is a team. Runs after the per-name typing in EntityDetector, on one sentence.
import { CLUB_PREFIXES, CLUB_SUFFIXES, FIXTURE_WORDS, MEASURE_UNITS } from './entityWords';
import type { Sentence, Token } from '../../text/sentences';
import { mention, type EntityMention } from './entityMention';
import type { Gazetteer } from './gazetteer';
import { spanOverlap } from '../../text/spanOverlap';
import { lastStartingBefore, partitionPoint } from '../../text/sortedSearch';

interface Span {
  start: number;
  end: number;
}

export const TEAM_REASON = 'team in a results line';

/** "FC Cologne", "Real Sociedad", "Manchester United": a club's name by its first or last word. */
export function isClubName(words: readonly string[]): boolean {
  return words.length > 1 && (CLUB_PREFIXES.has(words[0].toLowerCase()) || CLUB_SUFFIXES.has(words[words.length - 1].toLowerCase()));
}

const PLACE_PREPOSITIONS = new Set(['in', 'at', 'near', 'outside']);
const BARE_NUMBER = /^\d+$/;
const IN_CAPITALS = /^\p{Lu}[\p{Lu}.'’-]*\p{Lu}\.?$/u; // ROME, AL-AIN, N.J.

/** Token index ranges of the sentence's lines: a line ends where the next token has a line break before it. */
function lineIds(tokens: readonly Token[]): number[] {
  const ids: number[] = [];
  let line = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && tokens[i].lineBreakBefore) line++;
    ids.push(line);
  }
  return ids;
}


/**
 * Parentheses on each line, in one pass: `open[i]`, the innermost "(" before token i on its line
 * still open there (−1 if none); `close[i]`, the first ")" at or after i on its line (the line's end
 * if none); `opening[i]`, the last "(" at or before i on its line (one before the line's start if none).
 */
function parentheses(tokens: readonly Token[], line: readonly number[]): { open: Int32Array; close: Int32Array; opening: Int32Array } {
  const n = tokens.length;
  const open = new Int32Array(n);
  const close = new Int32Array(n);
  const opening = new Int32Array(n);
  const stack: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && line[i] !== line[i - 1]) stack.length = 0;
    open[i] = stack.length ? stack[stack.length - 1]! : -1;
    const text = tokens[i]!.text;
    if (text === '(') stack.push(i);
    else if (text === ')') stack.pop();
    opening[i] = text === '(' ? i : i > 0 && line[i] === line[i - 1] ? opening[i - 1]! : i - 1;
  }
  for (let i = n - 1; i >= 0; i--) close[i] = tokens[i]!.text === ')' ? i : i < n - 1 && line[i] === line[i + 1] ? close[i + 1]! : i + 1;
  return { open, close, opening };
}

export class LineContext {
  constructor(private readonly gazetteer: Gazetteer) {}

  apply(mentions: EntityMention[], sentence: Sentence, exclude: readonly Span[]): EntityMention[] {
    const tokens = sentence.tokens;
    if (tokens.length < 2) return mentions;
    // The lines only where a pass reads them: most sentences take neither.
    let line: number[] | undefined;
    let out = this.venues(mentions, tokens);
    if (exclude.length) out = this.datelines(out, sentence, exclude, (line ??= lineIds(tokens)));
    // Results and standings need two bare numbers, a fixture word or a parenthesis: cheap to rule out.
    let numbers = 0;
    let cue = false;
    for (const t of tokens) {
      if (t.kind !== 'word') cue ||= t.text === '(';
      else if (t.text.charCodeAt(0) <= 57 && BARE_NUMBER.test(t.text)) numbers++;
      else cue ||= FIXTURE_WORDS.has(t.text);
    }
    if (numbers >= 2 || cue) out = this.teams(out, sentence, (line ??= lineIds(tokens)));
    return out;
  }

  /**
   * "in Galanta", "near Umkomaas", "at Twickenham": a name after a preposition of place is where something is.
   * A known place keeps its type there even when the source also names a team after it; an unknown name becomes a place.
   */
  private venues(mentions: EntityMention[], tokens: readonly Token[]): EntityMention[] {
    // Copied only when a mention is changed: most sentences have no name after such a preposition.
    let out: EntityMention[] | undefined;
    let k = 0;
    for (let i = 0; i < mentions.length; i++) {
      const m = mentions[i]!;
      while (k < tokens.length && tokens[k].start < m.start) k++;
      const prev = tokens[k - 1];
      if (!prev || prev.kind !== 'word' || !PLACE_PREPOSITIONS.has(prev.lower)) continue;
      let changed: EntityMention;
      if (m.type === 'place') changed = mention(m, { venue: true });
      else if (m.type === 'other' && !m.canonical) changed = mention(m, { type: 'place', confidence: 0.5, venue: true, reason: `after "${prev.text}"` });
      else continue;
      out ??= mentions.slice();
      out[i] = changed;
    }
    return out ?? mentions;
  }

  /**
   * "ROME 1996-12-06", "AL-AIN , United Arab Emirates 1996-12-06", "TALLAHASSEE , Fla. 1996-12-06": a line that
   * opens with a name in capitals and holds a date is a dateline; the name, and what follows it before the date, are places.
   */
  private datelines(mentions: EntityMention[], sentence: Sentence, exclude: readonly Span[], line: readonly number[]): EntityMention[] {
    const tokens = sentence.tokens;
    const inDate = spanOverlap(exclude, sentence.start, sentence.end);
    const isDate = (t: Token) => inDate(t.start, t.end);
    // Each dateline lies on a line of its own, so they are applied together at the end.
    const found: { head: Span; dateStart: number; place: EntityMention }[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (i > 0 && !tokens[i].lineBreakBefore) continue;
      let j = i;
      while (j < tokens.length && line[j] === line[i] && j - i < 4 && tokens[j].kind === 'word' && IN_CAPITALS.test(tokens[j].text) && (j === i || tokens[j].spaceBefore)) j++;
      if (j === i || j >= tokens.length || line[j] !== line[i]) continue;
      const next = tokens[j];
      if (!isDate(next) && next.text !== ',') continue;
      let d = j;
      while (d < tokens.length && line[d] === line[i] && !isDate(tokens[d])) d++;
      if (d >= tokens.length || line[d] !== line[i]) continue;
      const head = { start: tokens[i].start, end: tokens[j - 1].end };
      if (isDate(tokens[j - 1])) continue;
      const text = sentence.text.slice(head.start - sentence.start, head.end - sentence.start);
      const known = this.gazetteer.lookupInCapitals(text);
      if (known && known.type !== 'place') continue;
      const dateStart = tokens[d].start;
      const place = mention({
        ...head, text, type: 'place', confidence: known ? 1 : 0.8, sentenceInitial: false, reason: 'dateline',
        canonical: known?.canonical,
      });
      found.push({ head, dateStart, place });
    }
    if (!found.length) return mentions;
    // A mention belongs to the dateline of its line: the last one whose head starts at or before it.
    const out: EntityMention[] = [];
    for (const m of mentions) {
      const lo = partitionPoint(found, (f) => f.head.start <= m.start);
      const d = found[lo - 1];
      const next = found[lo];
      // The mention overlaps the head of its dateline or, ending past it, of the next one.
      if ((d && m.start < d.head.end && m.end > d.head.start) || (next && m.end > next.head.start && m.start < next.head.end)) continue;
      const retype = d !== undefined && m.start >= d.head.end && m.end <= d.dateStart && m.type === 'other' && !m.canonical;
      out.push(retype ? mention(m, { type: 'place', confidence: 0.7, reason: 'dateline' }) : m);
    }
    for (const d of found) out.push(d.place);
    return out.sort((a, b) => a.start - b.start);
  }

  /** "Hartford 4 BOSTON 2", "Barcelona 15 10 4 1 46 19 34", "Lazio ( 12 ) v AS Roma ( 7 )", "Vitor Baia ( Barcelona , Spain )". */
  private teams(mentions: EntityMention[], sentence: Sentence, line: readonly number[]): EntityMention[] {
    const tokens = sentence.tokens;
    const numbersOnLine = new Map<number, number>();
    for (let i = 0; i < tokens.length; i++) if (BARE_NUMBER.test(tokens[i].text)) numbersOnLine.set(line[i], (numbersOnLine.get(line[i]) ?? 0) + 1);
    // Worked out once per sentence, not once per name: a results table can be one long sentence.
    const { open: openBefore, close: closeFrom, opening: openTo } = parentheses(tokens, line);
    const personEnds = new Set(mentions.filter((p) => p.type === 'person').map((p) => p.end));
    const startIndex = new Map(tokens.map((t, i) => [t.start, i]));
    const team = (m: EntityMention): EntityMention => {
      if (m.type === 'organisation' || m.reason === 'dateline' || m.venue) return m;
      const a = startIndex.get(m.start) ?? -1;
      const b = lastStartingBefore(tokens, m.end);
      if (a < 0 || b < 0) return m;
      const sameLine = (k: number) => k >= 0 && k < tokens.length && line[k] === line[a];
      // Inside parentheses: "( Barcelona , Spain )" after a player names the club.
      const open = openBefore[a]!;
      let after = b + 1;
      if (tokens[after]?.text === '(' && sameLine(after)) after = closeFrom[after]! + 1;
      let before = a - 1;
      if (tokens[before]?.text === ')' && sameLine(before)) before = openTo[before]! - 1;
      const capitalised = (k: number) => sameLine(k) && /^\p{Lu}/u.test(tokens[k].text);
      // A score stands alone: "33,000" and "121.3" are other figures, "70 miles" a measure.
      const score = (k: number) => sameLine(k) && BARE_NUMBER.test(tokens[k].text) && (!tokens[k + 1] || (tokens[k + 1].spaceBefore ? !(sameLine(k + 1) && MEASURE_UNITS.has(tokens[k + 1].text)) : !/^[.,]$/.test(tokens[k + 1].text)));
      const scored = open < 0 && score(after) && (numbersOnLine.get(line[a]) ?? 0) >= 2;
      // "X v Y" names two teams; in "X AT Y" the second is where they play.
      const fixture =
        (sameLine(after) && FIXTURE_WORDS.has(tokens[after].text) && capitalised(after + 1)) ||
        (sameLine(before) && FIXTURE_WORDS.has(tokens[before].text) && tokens[before].text !== 'AT' && sameLine(before - 1));
      const playersClub = open >= 0 && open === a - 1 && tokens[open - 1] !== undefined && personEnds.has(tokens[open - 1]!.end);
      if (!scored && !fixture && !playersClub) return m;
      return this.isTeamName(m, playersClub) ? mention(m, { type: 'organisation', confidence: 0.85, canonical: undefined, generatedName: undefined, reason: TEAM_REASON }) : m;
    };
    // Pushed, not mapped: `map` makes a holey array, and the passes after this one, compiled on the
    // packed lists of other sentences, were deoptimised by the first results line (`scripts/bench/recompiles.ts`).
    const out: EntityMention[] = [];
    for (const m of mentions) out.push(team(m));
    return out;
  }

  /** A city or an unknown name in a results line is a team; a country is its national side, kept a place (CoNLL and common usage). */
  private isTeamName(m: EntityMention, afterPlayer: boolean): boolean {
    const words = m.text.split(/\s+/);
    switch (m.type) {
      case 'place': {
        const scope = this.gazetteer.placeScope(m.canonical ?? m.text);
        return afterPlayer ? scope === 'city' : scope !== 'country';
      }
      case 'other':
      case 'product':
        return !m.canonical;
      case 'person':
        // A full name stays a person unless it is typed only by its shape and ends in a club word or a town ("Werder Bremen").
        return (m.reason === 'shape of a full name' || m.reason === 'speaker') && (isClubName(words) || this.isLocalPlace(words[words.length - 1]));
      default:
        return false;
    }
  }

  private isLocalPlace(word: string): boolean {
    const scope = this.gazetteer.placeScope(word);
    return scope === 'city' || scope === 'province';
  }
}
