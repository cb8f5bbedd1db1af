// Data files the bundles read at run time from beside themselves (path.join(__dirname, name)):
// scripts/build.mjs copies each into dist/, and .vscodeignore must let each into the VSIX.
import { copyFileSync, mkdirSync } from 'node:fs';
import * as path from 'node:path';

export const BUNDLE_DATA = ['src/core/kinds/entity/tagger/entityTagger.bin'];

/** dist/<name> of a data file. */
export const distPath = (file) => `dist/${path.basename(file)}`;

export function copyBundleData() {
  mkdirSync('dist', { recursive: true });
  for (const f of BUNDLE_DATA) copyFileSync(f, distPath(f));
}
