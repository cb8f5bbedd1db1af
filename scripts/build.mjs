// Bundles the extension client, the language server and the CLI into dist/ (CommonJS, Node 20).
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { copyBundleData } from './bundleData.mjs';
import { precompiledValidators } from './precompiledValidators.mjs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

/**
 * The analyser's version for the on-disk index cache (src/core/corpus/digestCache.ts): a hash of
 * what decides a cached entry (src/core/, the CLI's check and report entries in src/cli/, the
 * index job and the locked dependencies), so a change to any of them makes every entry stale.
 */
function analyserVersion() {
  const hash = createHash('sha256');
  const files = ['src/core', 'src/cli'].flatMap((dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}`)).sort();
  for (const f of [...files, 'src/server/indexJob.ts', 'package-lock.json']) hash.update(f).update('\0').update(readFileSync(f)).update('\0');
  return hash.digest('hex').slice(0, 16);
}

/** Every bundle's options; also what the benchmarks bundle the analyser with (scripts/bench/shippedAnalyzer.ts). */
export const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // esbuild's table lacks Node's \p{…} in regex literals and would rewrite each as `new RegExp(…)`,
  // built again at every call inside a function.
  supported: { 'regexp-unicode-property-escapes': true },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // unified's packages are ESM-only; esbuild folds them into CommonJS. `import.meta.url` is unused at run time.
  define: { 'import.meta.url': 'undefined', __SOURCEMARK_ANALYSER__: JSON.stringify(analyserVersion()) },
  // Schemas compiled now, not on the server's main thread when a message or sidecar first needs them.
  plugins: [precompiledValidators()],
};

/**
 * dist/NAME.js runs dist/NAME.bundle.js with a V8 code cache (src/shared/codeCache.ts), so each start
 * after the first skips compiling it; the extension is loaded by VS Code, which has its own.
 */
const runnerOf = (name, shebang) => ({
  ...common,
  sourcemap: false,
  stdin: {
    contents: `import { runBundle } from './src/shared/codeCache';\nrunBundle(require('node:path').join(__dirname, ${JSON.stringify(`${name}.bundle.js`)}));\n`,
    resolveDir: '.',
    loader: 'ts',
    sourcefile: `${name}.js`,
  },
  outfile: `dist/${name}.js`,
  ...(shebang ? { banner: { js: '#!/usr/bin/env node' } } : {}),
});

const builds = [
  { ...common, entryPoints: ['src/client/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['src/server/main.ts'], outfile: 'dist/server.bundle.js' },
  { ...common, entryPoints: ['src/server/indexWorker.ts'], outfile: 'dist/indexWorker.bundle.js' },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.bundle.js' },
  runnerOf('server', true),
  runnerOf('indexWorker', false),
  runnerOf('cli', true),
];

// Run, not imported for its options.
if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  // Shipped once beside the bundles rather than inlined into each of them.
  copyBundleData();
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
  } else {
    await Promise.all(builds.map((b) => esbuild.build(b)));
    // The package's bins (`sourcemark`, `sourcemark-lsp`), run by their shebang.
    for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(f, 0o755);
  }
}
