// Claim matching takes the English stop words from the stopword package's ES module source
// (src/core/corpus/stopwordEnglish.d.ts): the same list as its documented export, and the bundles
// carry no other language's.
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { eng } from 'stopword/src/stopwords_eng.js';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../../..');

describe('English stop words', () => {
  it('are the package\'s own English list', () => {
    const all = createRequire(__filename)('stopword') as { eng: string[]; deu: string[] };
    expect(eng).toEqual(all.eng);
    expect(eng.length).toBeGreaterThan(100);
  });

  it('come into a bundle without the other languages\' lists', async () => {
    const out = await esbuild.build({
      absWorkingDir: ROOT, entryPoints: ['src/core/corpus/claimTerms.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'error',
    });
    const code = out.outputFiles[0]!.text;
    expect(code).toContain('stopwords_eng.js');
    expect(code).not.toContain('stopword.cjs');
    // "sondern" is on the German list, not the English one.
    expect(code).not.toMatch(/"sondern"/);
  });
});
