// The `sourcemark.sources` glob (and the CLI's --glob): compiled once per value, and refused when
// brace expansion would make it a thousand patterns (twenty {a,b} groups are a million, and the
// editor recompiled them for every hover).
import { Minimatch } from 'minimatch';
import { formatCount } from '../text/count';

/** Patterns a glob may expand to ({a,b} groups multiply). */
export const MAX_GLOB_PATTERNS = 256;
/** Characters a glob may have. */
export const MAX_GLOB_LENGTH = 1_000;

export class GlobTooComplexError extends Error {
  constructor(readonly glob: string, why: string) {
    super(`The sources glob "${glob.length > 80 ? `${glob.slice(0, 79)}…` : glob}" is too complex: ${why}. Simplify it.`);
    this.name = 'GlobTooComplexError';
  }
}

/** How many patterns brace expansion makes of `glob`, counted without expanding (stops counting past the limit). */
export function braceExpansions(glob: string): number {
  let total = 1;
  const groups: { alternatives: number; from: number }[] = [];
  for (let i = 0; i < glob.length && total <= MAX_GLOB_PATTERNS; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') groups.push({ alternatives: 1, from: i + 1 });
    else if (c === ',' && groups.length) groups[groups.length - 1]!.alternatives++;
    else if (c === '}' && groups.length) {
      const g = groups.pop()!;
      // {1..500}, {a..z}: a range is as many alternatives as it has values.
      const range = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])$/.exec(glob.slice(g.from, i));
      const size = range ? Math.abs(code(range[2]!) - code(range[1]!)) + 1 : g.alternatives;
      total *= size;
    }
  }
  return total;
}

const code = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : s.charCodeAt(0));

export interface SourceGlob {
  readonly glob: string;
  /** `relative`: `/`-separated, relative to the folder the glob is for. */
  matches(relative: string): boolean;
}

const compiled = new Map<string, SourceGlob>();

/**
 * The matcher for a sources glob, as the editor reads it: dot files and folders included, a glob
 * without a slash matched against the file name anywhere ("*.txt"). Compiled once per glob; throws
 * GlobTooComplexError for a glob past the limits.
 */
export function compileSourceGlob(glob: string): SourceGlob {
  let matcher = compiled.get(glob);
  if (matcher) return matcher;
  if (glob.length > MAX_GLOB_LENGTH) throw new GlobTooComplexError(glob, `it has ${formatCount(glob.length)} characters, more than ${formatCount(MAX_GLOB_LENGTH)}`);
  const patterns = braceExpansions(glob);
  if (patterns > MAX_GLOB_PATTERNS) throw new GlobTooComplexError(glob, `its {…} groups expand to more than ${MAX_GLOB_PATTERNS} patterns`);
  const mm = new Minimatch(glob, { dot: true, matchBase: !glob.includes('/') });
  matcher = { glob, matches: (relative) => mm.match(relative) };
  // Settings change rarely; a bounded cache still cannot grow with a client sending new globs.
  if (compiled.size >= 64) compiled.clear();
  compiled.set(glob, matcher);
  return matcher;
}
