// latinExpressions.ts copies the regular expressions parse-latin and parse-english test nodes
// with (their packages export only their parsers): each is the installed package's own, so an
// upgrade that changes one fails here before the trees differ somewhere rare.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as copied from '../../../src/core/pipeline/latinExpressions';

const require = createRequire(__filename);
const lib = (pkg: string, file: string) => path.join(path.dirname(require.resolve(pkg)), 'lib', file);
const load = async (file: string) => (await import(pathToFileURL(file).href)) as Record<string, unknown>;

/** The expression a module builds in `const name = …` and does not export, evaluated from its source. */
function unexported(file: string, name: string): RegExp {
  const source = readFileSync(file, 'utf8');
  const match = new RegExp(`const ${name} = ([^]*?)\\n(?:\\)|$)`, 'm').exec(source);
  if (!match) throw new Error(`${name} not found in ${file}`);
  const expression = match[1]!.replace(/^\s*\/\/.*$/gm, '') + (match[0].endsWith(')') ? ')' : '');
  return new Function(`return ${expression}`)() as RegExp;
}

const same = (ours: RegExp, theirs: unknown) => {
  expect(theirs).toBeInstanceOf(RegExp);
  expect({ source: ours.source, flags: ours.flags }).toEqual({ source: (theirs as RegExp).source, flags: (theirs as RegExp).flags });
};

describe('latinExpressions', () => {
  it("are parse-latin's lib/expressions.js, every one", async () => {
    const theirs = await load(lib('parse-latin', 'expressions.js'));
    expect(Object.keys(theirs).length).toBeGreaterThan(10);
    for (const [name, expression] of Object.entries(theirs)) same((copied as Record<string, RegExp>)[name]!, expression);
  });

  it("are parse-english's lib/regex.js, every one", async () => {
    const theirs = await load(lib('parse-english', 'regex.js'));
    expect(Object.keys(theirs).length).toBe(4);
    for (const [name, expression] of Object.entries(theirs)) same((copied as Record<string, RegExp>)[name]!, expression);
  });

  it("are the plugins' own: mergePrefixExceptions' abbreviations, parse-english's apostrophe", () => {
    same(copied.abbreviationPrefix, unexported(lib('parse-latin', 'plugin/merge-prefix-exceptions.js'), 'abbreviationPrefix'));
    same(copied.apostrophe, unexported(lib('parse-english', 'index.js'), 'apostrophe'));
  });
});
