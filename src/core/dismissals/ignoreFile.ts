// Workspace-wide dismissals: one small file at the workspace root, `.sourcemark-ignore`, like cSpell's
// words file. One entry a line (`entity: Smartphone`), sorted, so it merges cleanly in git.
import { dirname, join, parse, resolve, sep } from 'node:path';
import { readRegularFile } from '../files/regularFile';
import { writeFileAtomic } from '../files/atomicWrite';
import { decodeUtf8 } from '../text/utf8';

export const IGNORE_FILE_NAME = '.sourcemark-ignore';

/** What a line dismisses; only names for now (the file format leaves room for more kinds). */
export interface IgnoreEntry {
  kind: 'entity';
  /** The name as written; matched case-insensitively against each mention and its entity's canonical name. */
  value: string;
}

export interface IgnoreFile {
  entries: IgnoreEntry[];
  /** Lines that are not entries (misspelt, unknown kind), 1-based, kept as they are on rewrite. */
  unknown: { line: number; text: string }[];
  /** `#` lines, kept at the top on rewrite: a quick fix must not delete what a person wrote. */
  comments?: string[];
}

/** Larger files are not read: a words file of names is a few KB. */
const MAX_BYTES = 4 * 1024 * 1024;

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const keyOf = (e: IgnoreEntry) => `${e.kind}: ${e.value}`;

/** `entity: Name` (spaces around the colon allowed) → the name. No regex: a backtracking one was quadratic on a long line. */
function entryValue(line: string): string | undefined {
  const colon = line.indexOf(':');
  if (colon < 0 || line.slice(0, colon).trim() !== 'entity') return undefined;
  return line.slice(colon + 1).trim() || undefined;
}

/** A name on one line: a line break in it would write a second entry. */
const oneLineValue = (value: string) => value.replace(/\s*[\r\n]+\s*/g, ' ').trim();

export function parseIgnoreFile(text: string): IgnoreFile {
  const entries: IgnoreEntry[] = [];
  const unknown: IgnoreFile['unknown'] = [];
  const comments: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    if (line.startsWith('#')) {
      comments.push(line);
      return;
    }
    const value = entryValue(line);
    if (value) entries.push({ kind: 'entity', value });
    else unknown.push({ line: i + 1, text: raw });
  });
  return { entries, unknown, ...(comments.length ? { comments } : {}) };
}

/** Comments first, then entries sorted, one a line, unknown lines at the end, trailing newline: the same set gives the same bytes. */
export function serializeIgnoreFile(file: IgnoreFile): string {
  const values = file.entries.map((e) => ({ ...e, value: oneLineValue(e.value) })).filter((e) => e.value);
  // Matching ignores case, so "Smartphone" and "smartphone" are one entry: the first spelling stays.
  const byKey = new Map<string, string>();
  for (const e of values) if (!byKey.has(keyOf(e).toLowerCase())) byKey.set(keyOf(e).toLowerCase(), keyOf(e));
  const lines = [...byKey.values()].sort(compare);
  const rest = file.unknown.map((u) => u.text);
  return [...(file.comments ?? []), ...lines, ...rest].map((l) => `${l}\n`).join('');
}

/** The names an ignore file dismisses, lower-cased for matching. */
export function ignoredNames(file: IgnoreFile | undefined): string[] {
  return [...new Set((file?.entries ?? []).map((e) => e.value.toLowerCase()))].sort(compare);
}

/**
 * The ignore file that applies to files in `dir`: the nearest `.sourcemark-ignore` in it or a folder
 * above, up to `root` (the workspace folder; for the CLI, the folder it runs in). A `dir` outside
 * `root` looks in itself only: nothing above the workspace is read.
 */
export async function findIgnoreFile(dir: string, root?: string): Promise<string | undefined> {
  let current = resolve(dir);
  if (root !== undefined) {
    root = resolve(root);
    if (current !== root && !current.startsWith(root.endsWith(sep) ? root : root + sep)) root = current;
  }
  for (;;) {
    const candidate = join(current, IGNORE_FILE_NAME);
    if ((await readRegularFile(candidate, MAX_BYTES).catch(() => undefined)) !== undefined) return candidate;
    if (root !== undefined && current === root) return undefined;
    const up = dirname(current);
    if (up === current || current === parse(current).root) return undefined;
    current = up;
  }
}

/** The file at `path`; an empty one when it does not exist or cannot be read (it only hides findings). */
export async function readIgnoreFile(path: string): Promise<IgnoreFile> {
  const bytes = await readRegularFile(path, MAX_BYTES).catch(() => undefined);
  return parseIgnoreFile(bytes ? bytes.toString('utf8') : '');
}

/** The names dismissed for a source in `dir`: those of the nearest ignore file. */
export async function ignoredNamesFor(dir: string, root?: string): Promise<string[]> {
  const path = await findIgnoreFile(dir, root);
  return path ? ignoredNames(await readIgnoreFile(path)) : [];
}

/** Adds or removes one entry and rewrites the file atomically (sorted); returns whether it changed. */
export async function updateIgnoreFile(path: string, entry: IgnoreEntry, op: 'add' | 'remove'): Promise<boolean> {
  // Read strictly: a file that is there but cannot be read (too large, not a file, not UTF-8) must
  // not be replaced by one holding only this entry.
  const bytes = await readRegularFile(path, MAX_BYTES);
  const decoded = bytes ? decodeUtf8(bytes) : { text: '' };
  if (decoded.invalidAt !== undefined) {
    throw new Error(`${path} holds bytes that are not UTF-8 (the first at byte ${decoded.invalidAt}); save it as UTF-8 first`);
  }
  const file = parseIgnoreFile(decoded.text);
  const key = keyOf(entry).toLowerCase();
  const has = file.entries.some((e) => keyOf(e).toLowerCase() === key);
  if (op === 'add' && has) return false;
  if (op === 'remove' && !has) return false;
  const entries = op === 'add' ? [...file.entries, entry] : file.entries.filter((e) => keyOf(e).toLowerCase() !== key);
  await writeFileAtomic(path, serializeIgnoreFile({ ...file, entries }));
  return true;
}
