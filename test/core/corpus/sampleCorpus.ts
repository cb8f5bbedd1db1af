import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../../src/core/analyzer';
import { CorpusIndex } from '../../../src/core/corpus';
import { analyzeSource } from '../../../src/core/sourceAnalysis';

export const SAMPLES_DIR = path.resolve(__dirname, '../../../test-fixtures/sources');
/** The reference date the golden findings use: the samples state no publication date. */
export const REFERENCE_DATE = '2018-03-10';

export interface SampleCorpus {
  index: CorpusIndex;
  texts: Map<string, string>;
}

/** The five sample sources, analysed and indexed; source ids are their file names. */
export function sampleCorpus(analyzer = new Analyzer()): SampleCorpus {
  const index = new CorpusIndex();
  const texts = new Map<string, string>();
  for (const name of readdirSync(SAMPLES_DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
    texts.set(name, text);
    index.upsertAnalysis(name, text, analyzeSource(analyzer, text, undefined, { referenceDate: REFERENCE_DATE }));
  }
  return { index, texts };
}
