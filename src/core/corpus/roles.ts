// Titles people are given in the text around their name: "Xiaomi's Chairman Lei Jun",
// "Xiaomi CEO Lei Jun", "Tim Cook, Apple's chief executive officer". Two sources that give the same
// person different titles disagree on a fact a checker will want to look at.

import { allMatches } from '../text/allMatches';

/** Surface forms, longest first, and the title each one means. */
const TITLES: [string, string][] = [
  ['chief executive officer', 'ceo'], ['chief executive', 'ceo'], ['chief operating officer', 'coo'],
  ['chief financial officer', 'cfo'], ['chief technology officer', 'cto'], ['senior vice president', 'vice president'],
  ['vice president', 'vice president'], ['vice-president', 'vice president'], ['managing director', 'managing director'],
  ['co-founder', 'founder'], ['cofounder', 'founder'], ['founder', 'founder'], ['chairwoman', 'chairman'],
  ['chairperson', 'chairman'], ['chairman', 'chairman'], ['chair', 'chairman'], ['ceo', 'ceo'], ['cfo', 'cfo'],
  ['cto', 'cto'], ['coo', 'coo'], ['president', 'president'], ['spokesperson', 'spokesperson'],
  ['spokesman', 'spokesperson'], ['spokeswoman', 'spokesperson'], ['director', 'director'], ['executive', 'executive'],
  ['boss', 'executive'], ['head', 'executive'], ['official', 'executive'],
];
const TITLE_OF = new Map(TITLES);
const TITLE_ALT = TITLES.map(([t]) => t.replace(/ /g, '\\s+')).join('|');

/**
 * Titles that name one office a person holds; two different ones from two sources are a conflict.
 * A founder can be anything besides, and "executive" says too little to contradict anything.
 */
export const EXCLUSIVE_TITLES = new Set(['ceo', 'chairman', 'president', 'cfo', 'cto', 'coo', 'vice president', 'managing director']);

/**
 * Offices one person commonly holds at once ("chairman and CEO", "president and COO", "senior vice
 * president and CFO"): sources naming one and the other do not disagree. Any other two offices of
 * EXCLUSIVE_TITLES do ("CEO" and "CFO", "president" and "vice president").
 */
const HELD_TOGETHER: readonly [string, string][] = [
  ['ceo', 'chairman'], ['ceo', 'president'], ['ceo', 'managing director'],
  ['chairman', 'president'], ['chairman', 'managing director'], ['coo', 'president'],
  ['cfo', 'vice president'], ['coo', 'vice president'], ['cto', 'vice president'],
];
const HELD_TOGETHER_KEYS = new Set(HELD_TOGETHER.flatMap(([a, b]) => [`${a}\u0000${b}`, `${b}\u0000${a}`]));

/** Whether one person can hold offices `a` and `b` at once. */
export const heldTogether = (a: string, b: string): boolean => a === b || HELD_TOGETHER_KEYS.has(`${a}\u0000${b}`);

/**
 * Whether sources giving a person `these` offices and `those` disagree: one names an office the
 * other does not that cannot go with one the other names and it does not ("chairman" against
 * "CFO"; not "chairman" against "CEO", nor "chairman and CEO" against "CEO").
 */
export function officesDisagree(these: readonly string[], those: readonly string[]): boolean {
  for (const a of these) {
    if (those.includes(a)) continue;
    for (const b of those) if (!these.includes(b) && !heldTogether(a, b)) return true;
  }
  return false;
}

// Within one line: a title or an organisation never runs on from the line before ("Memo" over
// "Xiaomi CFO Lei Jun" is no organisation), nor past the end of a paragraph.
const TITLES_AT_END = new RegExp(`(?:^|[^\\p{L}])((?:${TITLE_ALT})(?:[^\\S\\r\\n]*(?:,|and|&)[^\\S\\r\\n]*(?:${TITLE_ALT}))*)[^\\S\\r\\n]+$`, 'iu');
const TITLES_AT_START = new RegExp(`^[^\\S\\r\\n]*,[^\\S\\r\\n]+(?:(the|a|an)[^\\S\\r\\n]+)?((?:${TITLE_ALT})(?:[^\\S\\r\\n]*(?:,|and|&)[^\\S\\r\\n]*(?:${TITLE_ALT}))*)(?![\\p{L}])`, 'iu');
// An organisation before a title is a run of capitalised words, possessive or not.
const ORG_BEFORE = /([A-Z][\p{L}\d&.-]*(?:[^\S\r\n]+[A-Z][\p{L}\d&.-]*){0,3})(['’]s)?[^\S\r\n]+$/u;
const ORG_POSSESSIVE_AFTER = /^[^\S\r\n]*,[^\S\r\n]+([A-Z][\p{L}\d&.-]*(?:[^\S\r\n]+[A-Z][\p{L}\d&.-]*){0,3})['’]s[^\S\r\n]+/u;
const ORG_OF_AFTER = /^[^\S\r\n]+(?:of|at)[^\S\r\n]+([A-Z][\p{L}\d&.-]*(?:[^\S\r\n]+[A-Z][\p{L}\d&.-]*){0,3})/u;

export interface FoundRole {
  titles: string[];
  org?: { text: string; start: number; end: number };
  start: number;
  end: number;
}

const TITLE = new RegExp(TITLE_ALT, 'giu');

function titlesIn(phrase: string): string[] {
  const found = new Set<string>();
  for (const m of allMatches(TITLE, phrase)) found.add(TITLE_OF.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? m[0].toLowerCase());
  return [...found].sort();
}

/**
 * The role given to the person named at [start, end) of `text`, read from the words just before
 * the name ("Xiaomi's Chairman …") or from an apposition after it ("…, Apple's chief executive").
 */
export function findRole(text: string, start: number, end: number): FoundRole | undefined {
  const beforeFrom = Math.max(0, start - 80);
  const before = text.slice(beforeFrom, start);
  const t = TITLES_AT_END.exec(before);
  if (t) {
    const titlesFrom = beforeFrom + before.lastIndexOf(t[1]);
    const o = ORG_BEFORE.exec(text.slice(Math.max(0, titlesFrom - 60), titlesFrom));
    const role: FoundRole = { titles: titlesIn(t[1]), start: titlesFrom, end };
    if (o) {
      const orgStart = titlesFrom - o[0].length;
      role.org = { text: o[1], start: orgStart, end: orgStart + o[1].length };
      role.start = orgStart;
    }
    return role;
  }
  const after = text.slice(end, end + 100);
  const possessive = ORG_POSSESSIVE_AFTER.exec(after);
  const rest = possessive ? `, ${after.slice(possessive[0].length)}` : after;
  const a = TITLES_AT_START.exec(rest);
  if (!a) return undefined;
  const consumed = possessive ? possessive[0].length + a[0].length - 2 : a[0].length;
  const role: FoundRole = { titles: titlesIn(a[2]), start, end: end + consumed };
  if (possessive) {
    const orgStart = end + possessive[0].indexOf(possessive[1]);
    role.org = { text: possessive[1], start: orgStart, end: orgStart + possessive[1].length };
  } else {
    const of = ORG_OF_AFTER.exec(text.slice(role.end, role.end + 80));
    if (of) {
      const orgStart = role.end + of[0].length - of[1].length;
      role.org = { text: of[1], start: orgStart, end: orgStart + of[1].length };
      role.end = orgStart + of[1].length;
    }
  }
  return role;
}
