import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BUNDLES = ['dist/server.bundle.js', 'dist/indexWorker.bundle.js', 'dist/cli.bundle.js'];

// A literal rewritten as `new RegExp("…\\p{…}", "u")` is built again every time the line runs.
describe('regular expressions with \\p{…} in the built bundles', () => {
  it.runIf(existsSync(path.join(ROOT, BUNDLES[0]!)))('stay literals, compiled once', () => {
    for (const b of BUNDLES) {
      const code = readFileSync(path.join(ROOT, b), 'utf8');
      expect(code.match(/new RegExp\("[^"]*\\\\p\{/g) ?? [], b).toEqual([]);
      expect(code, b).toMatch(/\/\^\\p\{Lu\}/);
    }
  });
});
