// The digest cache entries of the reopen bench's generated 5 KB sources (reopen.ts's seed), as
// indexJob.ts writes them (`{"digest":…,"summary":…}`), made in this process and kept in
// .scratch/index-upsert/ (analysing the sources takes a while; delete it after changing the analyser).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../src/core/analyzer';
import { digestSource } from '../../src/core/corpus';
import { analyzeSource } from '../../src/core/sourceAnalysis';
import { asciiJson } from '../../src/core/text/asciiJson';
import { poolsFrom, SourceGenerator } from './generate';

const ROOT = path.resolve(__dirname, '../..');
const SEED = 0x1dea; // reopen.ts's sources

/** Where the entries of `sources` generated sources are kept (a JSON list of the entries' JSON texts). */
export const entriesFile = (sources: number): string => path.join(ROOT, `.scratch/index-upsert/${sources}.json`);

/** Each source's cache entry JSON, made once and then read from entriesFile. */
export function generatedEntries(sources: number): string[] {
  const file = entriesFile(sources);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as string[];
  const dir = path.join(ROOT, 'test-fixtures/sources');
  const pools = poolsFrom(readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8')));
  const analyzer = new Analyzer(256);
  const out: string[] = [];
  for (let i = 0; i < sources; i++) {
    const text = new SourceGenerator(pools, SEED + i).source(5 * 1024);
    out.push(`{"digest":${asciiJson(digestSource(text, analyzeSource(analyzer, text, undefined, { referenceDate: '2018-03-10' })))},"summary":{}}`);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(out));
  return out;
}
