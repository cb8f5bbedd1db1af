// The index workers and the worker for long sources (one script, src/server/indexWorker.ts) speak
// no LSP: their bundle must not carry the LSP libraries or the protocol's schema builder, which the
// view's summaries once pulled in through diagnostics.ts (~480 KB, a quarter of each thread's start).
import * as esbuild from 'esbuild';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

describe('the index worker bundle', () => {
  it('holds no LSP library and no schema builder', async () => {
    const out = await esbuild.build({
      absWorkingDir: ROOT, entryPoints: ['src/server/indexWorker.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, logLevel: 'error',
    });
    const inputs = Object.keys(out.metafile.inputs);
    expect(inputs).toContain('src/server/sourceSummary.ts');
    expect(inputs.filter((f) => /node_modules\/(?:vscode-languageserver(?:-protocol|-types)?|vscode-jsonrpc|@sinclair\/typebox)\//.test(f))).toEqual([]);
  });
});
