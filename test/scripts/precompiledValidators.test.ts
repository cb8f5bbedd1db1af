import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { ValidateFunction } from 'ajv';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generatedModule, VALIDATOR_MODULES } from '../../scripts/precompiledValidators.mjs';
import { serializeSidecar } from '../../src/core/tags/sidecarFormat';
import { validatorFor as sidecarValidator, VALIDATION as SIDECAR } from '../../src/core/tags/sidecarValidators';
import { validatorFor as messageValidator, VALIDATION as MESSAGES } from '../../src/server/messageValidators';
import { ann, rawSidecar, sidecar } from '../core/tags/fixtures';

const ROOT = path.resolve(__dirname, '../..');
const require = createRequire(__filename);

/** The module the build puts in place of `file`, bundled and loaded here. */
async function generated(file: string): Promise<(key: string | number) => ValidateFunction | undefined> {
  const code = await generatedModule(path.join(ROOT, file));
  const { outputFiles } = await esbuild.build({
    stdin: { contents: code, resolveDir: path.dirname(path.join(ROOT, file)), loader: 'js' }, bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning',
  });
  const module = { exports: {} as { validatorFor: (key: string | number) => ValidateFunction | undefined } };
  new Function('module', 'exports', 'require', outputFiles[0]!.text)(module, module.exports, require);
  return module.exports.validatorFor;
}

/** What a validator says of a value: valid, or its errors. */
function verdict(validate: ValidateFunction, value: unknown) {
  return validate(value) ? 'valid' : JSON.stringify(validate.errors);
}

/** Any JSON value, and `base` with one of its values, at any depth, replaced by any JSON value or removed. */
function mutated(base: unknown): fc.Arbitrary<unknown> {
  const paths: (string | number)[][] = [];
  const walk = (v: unknown, at: (string | number)[]) => {
    paths.push(at);
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, Array.isArray(v) ? Number(k) : k]);
  };
  walk(base, []);
  if (paths.length < 2) return fc.jsonValue();
  return fc.oneof(
    fc.jsonValue(),
    fc.tuple(fc.constantFrom(...paths.filter((p) => p.length)), fc.option(fc.jsonValue(), { nil: undefined })).map(([at, value]) => {
      const copy = structuredClone(base) as Record<string | number, unknown>;
      let parent = copy;
      for (const k of at.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
      const last = at[at.length - 1]!;
      if (value === undefined) delete parent[last];
      else parent[last] = value;
      return copy;
    }),
  );
}

describe('validators generated at build time (scripts/precompiledValidators.mjs)', () => {
  it('replace each module the build lists', () => {
    expect(VALIDATOR_MODULES.sort()).toEqual(['src/core/tags/sidecarValidators.ts', 'src/server/messageValidators.ts']);
  });

  it('judge sidecars as the validators compiled at run time do', async () => {
    const built = await generated('src/core/tags/sidecarValidators.ts');
    const v3 = JSON.parse(serializeSidecar(sidecar([ann('a_1', 0, 5, { status: 'speculative' }), ann('a_2', 10, 20, { status: 'contradicted' })])));
    for (const version of Object.keys(SIDECAR.schemas).map(Number) as (1 | 2 | 3)[]) {
      expect(verdict(built(version)!, v3)).toBe(verdict(sidecarValidator(version), v3));
      fc.assert(fc.property(fc.oneof(mutated(v3), mutated(rawSidecar())), (value) => {
        expect(verdict(built(version)!, value)).toBe(verdict(sidecarValidator(version), value));
      }), { numRuns: 300 });
    }
    expect(verdict(built(3)!, v3)).toBe('valid');
  });

  it('judge every method\'s params and command\'s argument as the validators compiled at run time do', async () => {
    const built = await generated('src/server/messageValidators.ts');
    const uri = 'file:///w/a.txt';
    const samples: unknown[] = [
      {}, { textDocument: { uri }, position: { line: 0, character: 3 } }, { textDocument: { uri: 'not a uri' }, position: { line: -1, character: 0 } },
      { textDocument: { uri, languageId: 'plaintext', version: 1, text: 'x' } }, { uri, status: 'verified' }, { processId: null, capabilities: {} },
    ];
    for (const key of Object.keys(MESSAGES.schemas)) {
      expect(built(key), key).toBeDefined();
      for (const value of samples) expect(verdict(built(key)!, value), key).toBe(verdict(messageValidator(key)!, value));
      fc.assert(fc.property(fc.oneof(...samples.map(mutated)), (value) => {
        expect(verdict(built(key)!, value), key).toBe(verdict(messageValidator(key)!, value));
      }), { numRuns: 40 });
    }
    expect(built('no/such-method')).toBeUndefined();
    expect(built('constructor')).toBeUndefined();
    expect(messageValidator('constructor')).toBeUndefined();
  });
});
