// Tag figures on their own (the full `npm run bench` prints them too, as section 5):
//   node --expose-gc --import tsx scripts/bench-tags.ts
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MB } from './bench/format';
import { poolsFrom, SourceGenerator } from './bench/generate';
import { benchTags } from './bench/tags';
import { printTagBench } from './bench/tagsReport';

const SAMPLES_DIR = path.resolve(__dirname, '../test-fixtures/sources');
const samples = readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(SAMPLES_DIR, f), 'utf8'));
const oneMb = new SourceGenerator(poolsFrom(samples), 0x5eed).source(1 * MB);

benchTags(oneMb, 0x5eed).then(
  (results) => {
    for (const line of printTagBench(results, oneMb.length)) process.stdout.write(`${line}\n`);
  },
  (e: unknown) => {
    process.stderr.write(`bench crashed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    process.exit(1);
  },
);
