/**
 * Tests for the Sourcemark TextMate injection grammar
 * (syntaxes/sourcemark.injection.tmLanguage.json).
 *
 * The grammar is loaded exactly the way VS Code loads an injection: a base
 * grammar with scope `text.plain` (here a tiny inline one with no patterns) and
 * `getInjections('text.plain') -> ['text.sourcemark.injection']`; the injection's
 * own `injectionSelector` (`L:text.plain`) decides where it applies.
 *
 * Golden file: test-fixtures/grammar/tokens.golden.json holds, for every sample
 * source in test-fixtures/sources, the set of (1-based line number, scope) pairs
 * for every `*.sourcemark` scope. Regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run test/syntaxes
 * and review the diff by hand.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'sourcemark.injection.tmLanguage.json');
const WASM_PATH = join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
const SOURCES_DIR = join(ROOT, 'test-fixtures', 'sources');
const GOLDEN_PATH = join(ROOT, 'test-fixtures', 'grammar', 'tokens.golden.json');

const BASE_SCOPE = 'text.plain';
const INJECTION_SCOPE = 'text.sourcemark.injection';

// Scope names used below.
const S = {
  string: 'string.quoted.double.sourcemark',
  stringBegin: 'punctuation.definition.string.begin.sourcemark',
  stringEnd: 'punctuation.definition.string.end.sourcemark',
  link: 'markup.underline.link.sourcemark',
  metadata: 'meta.comment-metadata.sourcemark',
  keyword: 'keyword.other.sourcemark',
  number: 'constant.numeric.sourcemark',
  date: 'constant.other.date.sourcemark',
  header: 'meta.comment-header.sourcemark',
  handle: 'entity.name.tag.sourcemark',
  unregistered: 'storage.modifier.unregistered.sourcemark',
  boilerplate: 'comment.line.boilerplate.sourcemark',
} as const;

interface Tok {
  text: string;
  start: number;
  end: number;
  /** Scopes below the root `text.plain`, outermost first. */
  scopes: string[];
}

interface LineResult {
  tokens: Tok[];
  ruleStack: vsctm.StateStack;
  stoppedEarly: boolean;
}

let grammar: vsctm.IGrammar;

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(WASM_PATH));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) => {
      if (scopeName === BASE_SCOPE) {
        return vsctm.parseRawGrammar(JSON.stringify({ scopeName: BASE_SCOPE, patterns: [] }), 'plain.json');
      }
      if (scopeName === INJECTION_SCOPE) {
        return vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
      }
      return null;
    },
    getInjections: (scopeName: string) => (scopeName === BASE_SCOPE ? [INJECTION_SCOPE] : undefined),
  });
  const loaded = await registry.loadGrammar(BASE_SCOPE);
  if (!loaded) throw new Error('could not load text.plain');
  grammar = loaded;
});

function tokenizeLine(line: string, state: vsctm.StateStack = vsctm.INITIAL): LineResult {
  const r = grammar.tokenizeLine(line, state);
  const tokens = r.tokens.map((t) => {
    // Injected into, never replacing, plain text: every token keeps the base scope.
    if (t.scopes[0] !== BASE_SCOPE) throw new Error(`token at ${t.startIndex} lost its ${BASE_SCOPE} root: ${t.scopes.join(' ')}`);
    // vscode-textmate tokenizes `line + "\n"`; the last token may include that newline.
    const end = Math.min(t.endIndex, line.length);
    return { text: line.slice(t.startIndex, end), start: t.startIndex, end, scopes: t.scopes.slice(1) };
  });
  return { tokens, ruleStack: r.ruleStack, stoppedEarly: r.stoppedEarly };
}

const tokens = (line: string): Tok[] => tokenizeLine(line).tokens;

/** Texts of the maximal runs of consecutive tokens that carry `scope`. */
function spans(line: string, scope: string): string[] {
  const out: string[] = [];
  let cur: { start: number; end: number } | null = null;
  for (const t of tokens(line)) {
    if (t.scopes.includes(scope)) {
      if (cur && cur.end === t.start) cur.end = t.end;
      else {
        if (cur) out.push(line.slice(cur.start, cur.end));
        cur = { start: t.start, end: t.end };
      }
    } else if (cur) {
      out.push(line.slice(cur.start, cur.end));
      cur = null;
    }
  }
  if (cur) out.push(line.slice(cur.start, cur.end));
  return out;
}

/** Texts of the tokens whose innermost scope is `scope`. */
const innermost = (line: string, scope: string): string[] =>
  tokens(line)
    .filter((t) => t.scopes[t.scopes.length - 1] === scope)
    .map((t) => t.text);

const allScopes = (line: string): Set<string> => new Set(tokens(line).flatMap((t) => t.scopes));

const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

const sourceFiles = (): string[] => readdirSync(SOURCES_DIR).filter((f) => f.endsWith('.txt')).sort();

/** Line `lineNo` (1-based) of the sample source whose file name starts with `prefix`, e.g. '000'. */
function sourceLine(prefix: string, lineNo: number): string {
  const name = sourceFiles().find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no sample source starting with ${prefix}`);
  const line = splitLines(readFileSync(join(SOURCES_DIR, name), 'utf8'))[lineNo - 1];
  if (line === undefined) throw new Error(`${name} has no line ${lineNo}`);
  return line;
}

describe('grammar file', () => {
  const raw = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as Record<string, unknown>;

  it('is an injection into text.plain, not a language grammar', () => {
    expect(raw.scopeName).toBe(INJECTION_SCOPE);
    expect(raw.injectionSelector).toBe('L:text.plain');
  });

  it('uses only single-line match rules and only *.sourcemark scope names', () => {
    const names: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          expect(['begin', 'end', 'while', 'contentName']).not.toContain(k);
          if (k === 'name' && typeof v === 'string') names.push(v);
          walk(v);
        }
      }
    };
    walk(raw.repository);
    walk(raw.patterns);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(n).toMatch(/^[a-z-]+(\.[a-z-]+)*\.sourcemark$/);
  });

  it('leaves ordinary prose as plain text', () => {
    const line = sourceLine('004', 24);
    expect(tokens(line)).toEqual([{ text: line, start: 0, end: line.length, scopes: [] }]);
  });
});

describe('shipped plain-text base grammar (syntaxes/plaintext.tmLanguage.json)', () => {
  it('is the same empty text.plain grammar these tests use, and the injection applies to it', async () => {
    const basePath = join(ROOT, 'syntaxes', 'plaintext.tmLanguage.json');
    const base = JSON.parse(readFileSync(basePath, 'utf8')) as { scopeName?: unknown; patterns?: unknown };
    expect(base.scopeName).toBe(BASE_SCOPE);
    expect(base.patterns).toEqual([]);
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName === BASE_SCOPE) return vsctm.parseRawGrammar(readFileSync(basePath, 'utf8'), basePath);
        if (scopeName === INJECTION_SCOPE) return vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH);
        return null;
      },
      getInjections: (scopeName: string) => (scopeName === BASE_SCOPE ? [INJECTION_SCOPE] : undefined),
    });
    const shipped = await registry.loadGrammar(BASE_SCOPE);
    if (!shipped) throw new Error('could not load the shipped text.plain grammar');
    const r = shipped.tokenizeLine('1. GreenMan', vsctm.INITIAL);
    expect(r.tokens.map((t) => t.scopes)).toContainEqual([BASE_SCOPE, S.header, S.handle]);
  });
});

describe('quoted speech', () => {
  it('marks straight-quoted speech (002:47, three quotes on one line)', () => {
    const line = sourceLine('002', 47);
    expect(spans(line, S.string)).toEqual([
      '"It\'s time for some fresh blood here,"',
      '"meh..."',
      '"I hope that they\'re not just blowing smoke like they have for the past two years."',
    ]);
    expect(innermost(line, S.stringBegin)).toEqual(['"', '"', '"']);
    expect(innermost(line, S.stringEnd)).toEqual(['"', '"', '"']);
  });

  it('marks a quote at the start of a line (003:23, 002:51) and a long quote (003:35)', () => {
    expect(spans(sourceLine('003', 23), S.string)).toEqual([
      '"going through specifications with each US carrier is time-consuming"',
    ]);
    expect(spans(sourceLine('002', 51), S.string)).toEqual([
      '"If Huawei couldn\'t crack the US market, I doubt Xiaomi will fare much better,"',
    ]);
    const song = spans(sourceLine('003', 35), S.string);
    expect(song).toHaveLength(1);
    expect(song[0]).toMatch(/^"Every breath you take .* I'll be watching you"$/);
  });

  it('marks curly-quoted speech spanning a clause (000:6)', () => {
    const line = sourceLine('000', 6);
    expect(spans(line, S.string)).toEqual(['\u201Cto start entering the market by end 2018, or by early 2019.\u201D']);
    const quoteTokens = tokens(line).filter((t) => t.scopes.includes(S.string));
    expect(quoteTokens.map((t) => [t.text, t.scopes])).toEqual([
      ['\u201C', [S.string, S.stringBegin]],
      ['to start entering the market by end 2018, or by early 2019.', [S.string]],
      ['\u201D', [S.string, S.stringEnd]],
    ]);
  });

  it('keeps straight quotes nested inside curly quotes as part of the one curly string', () => {
    const line = '\u201CHe called it "the best phone" ever,\u201D Lei said.';
    expect(spans(line, S.string)).toEqual(['\u201CHe called it "the best phone" ever,\u201D']);
    expect(innermost(line, S.stringBegin)).toEqual(['\u201C']);
    expect(innermost(line, S.stringEnd)).toEqual(['\u201D']);
    // flat, not a string inside a string
    for (const t of tokens(line)) expect(t.scopes.filter((s) => s === S.string).length).toBeLessThanOrEqual(1);
  });

  it('keeps curly quotes inside straight quotes as part of the one straight string', () => {
    const line = 'He wrote "the so-called \u201Cflagship killer\u201D is back" on Twitter.';
    expect(spans(line, S.string)).toEqual(['"the so-called \u201Cflagship killer\u201D is back"']);
  });

  it('does not treat apostrophes or an inch mark as quotes', () => {
    expect(allScopes(sourceLine('000', 70)).has(S.string)).toBe(false); // They\u2019ve
    expect(allScopes("I'm sure G'Day! they're here").has(S.string)).toBe(false);
    expect(spans('a 5.5" screen, and he said "wow" loudly', S.string)).toEqual(['"wow"']);
  });

  /*
   * Defined behaviour for an unbalanced quote: a quote is only coloured when its
   * closing quote is on the same line (for curly quotes: before the next opening
   * curly quote). An opening quote without a partner colours nothing at all -
   * not the rest of the line, and (because every rule is a single-line match)
   * never the following lines. Balanced quotes elsewhere on the line are still
   * coloured.
   */
  describe('unbalanced quotes', () => {
    it('a lone straight opening quote colours nothing', () => {
      const line = 'He said "hello and then walked out of the room without another word.';
      expect(allScopes(line).size).toBe(0);
    });

    it('a lone curly opening quote colours nothing', () => {
      const line = 'He said \u201Chello and then walked out of the room without another word.';
      expect(allScopes(line).size).toBe(0);
    });

    it('a lone closing quote colours nothing', () => {
      expect(allScopes('and that was that.\u201D Then silence.').size).toBe(0);
      expect(allScopes('and that was that." Then silence.').size).toBe(0);
    });

    it('with an odd number of straight quotes only the balanced pair is coloured', () => {
      const line = '"Yes" he said, and then "no more questions, please';
      expect(spans(line, S.string)).toEqual(['"Yes"']);
      const afterPair = tokens(line).filter((t) => t.start >= 5);
      for (const t of afterPair) expect(t.scopes).toEqual([]);
    });

    it('an unclosed curly quote does not swallow a later balanced one', () => {
      const line = '\u201Cunclosed, then \u201Cclosed one\u201D and more';
      expect(spans(line, S.string)).toEqual(['\u201Cclosed one\u201D']);
    });

    it('does not carry state into the next line', () => {
      const lone = tokenizeLine('He said "hello and \u201Cgoodbye');
      const empty = tokenizeLine('');
      expect(lone.ruleStack.equals(empty.ruleStack)).toBe(true);
      const next = tokenizeLine('The next line is ordinary prose." It ends here.', lone.ruleStack);
      expect(next.tokens.flatMap((t) => t.scopes)).toEqual([]);
    });

    it('an opening straight quote must be followed by a non-space character', () => {
      expect(allScopes('a " b " c').has(S.string)).toBe(false);
    });
  });
});

describe('URLs', () => {
  it('marks the URLs in the reprint notice (000:126)', () => {
    const line = sourceLine('000', 126);
    expect(spans(line, S.link)).toEqual(['https://www.parsintl.com/phonearena', 'https://www.parsintl.com/']);
    for (const t of tokens(line).filter((x) => x.scopes.includes(S.link))) {
      expect(t.scopes).toEqual([S.boilerplate, S.link]);
    }
  });

  it('handles www., trailing punctuation and balanced parentheses', () => {
    const line = 'See www.example.org. Or (https://en.wikipedia.org/wiki/Xiaomi_(company)), or http://a.io/x?y=1&z=2!';
    expect(spans(line, S.link)).toEqual([
      'www.example.org',
      'https://en.wikipedia.org/wiki/Xiaomi_(company)',
      'http://a.io/x?y=1&z=2',
    ]);
  });

  it('ignores scheme-less words and bare schemes', () => {
    expect(allScopes('the http protocol and the www of it').size).toBe(0);
    expect(allScopes('type https:// and then nothing').size).toBe(0);
    expect(allScopes('mail me at someone@www.example.com').has(S.link)).toBe(false);
  });
});

describe('comment metadata', () => {
  it('marks `Posts: 2697; Member since: Nov 09, 2015` (000:20)', () => {
    const line = sourceLine('000', 20);
    expect(line).toBe('Posts: 2697; Member since: Nov 09, 2015');
    expect(spans(line, S.metadata)).toEqual([line]);
    expect(innermost(line, S.keyword)).toEqual(['Posts', 'Member since']);
    expect(innermost(line, S.number)).toEqual(['2697']);
    expect(innermost(line, S.date)).toEqual(['Nov 09, 2015']);
  });

  it('marks every metadata line in 003 with its own count and date', () => {
    const line = sourceLine('003', 39);
    expect(innermost(line, S.number)).toEqual(['7520']);
    expect(innermost(line, S.date)).toEqual(['Feb 17, 2016']);
  });

  it('tolerates thousands separators and other month spellings', () => {
    const line = 'Posts: 12,697; Member since: Sept. 3, 2019';
    expect(innermost(line, S.number)).toEqual(['12,697']);
    expect(innermost(line, S.date)).toEqual(['Sept. 3, 2019']);
  });

  it('does not mark prose that mentions posts', () => {
    expect(allScopes('Posts: none of them were deleted; Member since: who knows').has(S.metadata)).toBe(false);
    expect(allScopes('He wrote: Posts: 2697; Member since: Nov 09, 2015').has(S.metadata)).toBe(false);
    expect(allScopes('Posts: 2697; Member since: Nov 09, 2015 and more').has(S.metadata)).toBe(false);
  });
});

describe('comment header', () => {
  it('marks `1. GreenMan` (000:18)', () => {
    const line = sourceLine('000', 18);
    expect(line).toBe('1. GreenMan');
    expect(spans(line, S.header)).toEqual([line]);
    expect(innermost(line, S.number)).toEqual(['1']);
    expect(innermost(line, S.handle)).toEqual(['GreenMan']);
    expect(allScopes(line).has(S.unregistered)).toBe(false);
  });

  it('marks `10. fyah_king unregistered` (000:78)', () => {
    const line = sourceLine('000', 78);
    expect(line).toBe('10. fyah_king unregistered');
    expect(spans(line, S.header)).toEqual([line]);
    expect(innermost(line, S.number)).toEqual(['10']);
    expect(innermost(line, S.handle)).toEqual(['fyah_king']);
    expect(innermost(line, S.unregistered)).toEqual(['unregistered']);
  });

  it('accepts handles with digits, underscores, dots and dashes', () => {
    expect(innermost('12. TheOracle1', S.handle)).toEqual(['TheOracle1']);
    expect(innermost('7. john.doe-99', S.handle)).toEqual(['john.doe-99']);
  });

  it('does not mark numbered prose with more than one token after the number', () => {
    for (const line of [
      '2. The second point is that carriers control the market.',
      '2. The second point',
      '1. GreenMan said this',
      '3. toukale unregistered user',
      '4. Yes.',
      '2018. A year to remember',
      '1.GreenMan',
    ]) {
      expect(allScopes(line).has(S.header), line).toBe(false);
    }
  });

  it('(documented limitation) a single-word numbered item is indistinguishable from a header', () => {
    // A line grammar cannot see that no `Posts:` line follows.
    expect(spans('3. Introduction', S.header)).toEqual(['3. Introduction']);
  });
});

describe('boilerplate', () => {
  it('marks whole `Latest Stories` and `Related news` lines (000:124, 003:55, 001:28)', () => {
    for (const [f, n] of [['000', 124], ['003', 55], ['001', 28]] as const) {
      const line = sourceLine(f, n);
      expect(spans(line, S.boilerplate)).toEqual([line]);
    }
  });

  it('marks the whole reprint notice line (003:57)', () => {
    const line = sourceLine('003', 57);
    expect(line.startsWith('This copy is for your personal, non-commercial use only.')).toBe(true);
    expect(spans(line, S.boilerplate)).toEqual([line]);
  });

  it('does not mark the phrases inside other lines', () => {
    expect(allScopes('Related news today: Xiaomi enters the US').has(S.boilerplate)).toBe(false);
    expect(allScopes('Read the Latest Stories here').has(S.boilerplate)).toBe(false);
    expect(allScopes('He said This copy is for your personal, non-commercial use only.').has(S.boilerplate)).toBe(false);
  });
});

describe('performance on pathological lines', () => {
  // 20k characters is VS Code's default editor.maxTokenizationLineLength.
  const cases: Record<string, string> = {
    'many straight pairs': '"ab" '.repeat(4000),
    'many curly pairs': '\u201Cab\u201D '.repeat(4000),
    'many lone curly openers': '\u201Cx '.repeat(6000),
    'lone straight opener then prose': '"' + 'word '.repeat(4000),
    'url of dots': 'http://' + '.'.repeat(20000),
    'url of open parens': 'http://' + '(a'.repeat(10000),
    'header-like': '1. ' + 'a.'.repeat(10000) + ' b',
    'metadata-like': 'Posts: ' + '1,'.repeat(10000) + '; x',
  };
  for (const [name, line] of Object.entries(cases)) {
    it(`tokenizes "${name}" (${line.length} chars) in linear time`, () => {
      tokenizeLine(line); // warm-up (JIT, scanner compilation)
      const t0 = performance.now();
      const r = tokenizeLine(line);
      const ms = performance.now() - t0;
      expect(r.stoppedEarly).toBe(false);
      // Generous bound for slow CI: these take ~5-50 ms here; a quadratic rule
      // (e.g. re-tokenizing every quote's captured content) took 4-6 s.
      expect(ms).toBeLessThan(2000);
    });
  }
});

describe('golden tokens of all sample sources', () => {
  interface Golden {
    description: string;
    lineBase: 1;
    files: Record<string, Record<string, string[]>>;
  }

  function computeGolden(): Golden {
    const files: Golden['files'] = {};
    for (const name of sourceFiles()) {
      const perLine: Record<string, string[]> = {};
      let state: vsctm.StateStack = vsctm.INITIAL;
      splitLines(readFileSync(join(SOURCES_DIR, name), 'utf8')).forEach((line, i) => {
        const r = tokenizeLine(line, state);
        state = r.ruleStack;
        const scopes = [...new Set(r.tokens.flatMap((t) => t.scopes).filter((s) => s.endsWith('.sourcemark')))].sort();
        if (scopes.length > 0) perLine[String(i + 1)] = scopes;
      });
      files[name] = perLine;
    }
    return {
      description:
        'For each sample source: 1-based line number -> sorted set of *.sourcemark scopes on that line, from syntaxes/sourcemark.injection.tmLanguage.json. Regenerate with UPDATE_GOLDEN=1 npx vitest run test/syntaxes and review by hand.',
      lineBase: 1,
      files,
    };
  }

  it('matches test-fixtures/grammar/tokens.golden.json', () => {
    const actual = computeGolden();
    expect(Object.keys(actual.files).length).toBeGreaterThan(0);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(GOLDEN_PATH), { recursive: true });
      writeFileSync(GOLDEN_PATH, JSON.stringify(actual, null, 2) + '\n');
      return;
    }
    if (!existsSync(GOLDEN_PATH)) {
      throw new Error(`${GOLDEN_PATH} is missing; run UPDATE_GOLDEN=1 npx vitest run test/syntaxes`);
    }
    const golden = JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden;
    expect(actual).toEqual(golden);
  });
});
