import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_DATA, distPath } from '../../scripts/bundleData.mjs';

const ROOT = path.resolve(__dirname, '../..');

describe('data the bundles read from beside themselves', () => {
  it('is let into the VSIX by .vscodeignore', () => {
    const allowList = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    expect(BUNDLE_DATA.length).toBeGreaterThan(0);
    for (const f of BUNDLE_DATA) expect(allowList, f).toContain(`!${distPath(f)}`);
  });

  it.runIf(existsSync(path.join(ROOT, 'dist/server.js')))('is in dist/ as built, the same bytes as in src/', () => {
    for (const f of BUNDLE_DATA) expect(readFileSync(path.join(ROOT, distPath(f))).equals(readFileSync(path.join(ROOT, f))), f).toBe(true);
  });
});
