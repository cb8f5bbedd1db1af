// The claim rules alone on the bench's generated 1 MB: every sentence scored (scoreClaim) with its
// names and dates, as the claim plugin does, in this checkout and in `--compare DIR` alternately in
// one process (the whole analysis varies too much on a busy machine to show a part's change). The
// two checkouts' scores and cues are compared too: they must be identical.
//
//   node --expose-gc --import tsx scripts/bench/claimCore.ts --compare /tmp/main-copy [--runs 7]

import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createParagraphProcessor } from '../../src/core/pipeline/processor';
import { perSentence, sentencesOfFile } from '../../src/core/pipeline/plugins';
import type { ClaimContext } from '../../src/core/kinds/claim/claimDetector';
import { claimDates } from '../../src/core/kinds/claim';
import type { Sentence } from '../../src/core/text/sentences';
import { segmentBlocks } from '../../src/core/text/blocks';
import { MB } from './format';
import { poolsFrom, SourceGenerator } from './generate';
import { collectGarbage } from './memory';

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const roots = [path.join(__dirname, '../..'), path.resolve(opt('--compare') ?? path.join(__dirname, '../..'))];
const runs = Number(opt('--runs') ?? 7);

async function main(): Promise<void> {
  type Score = typeof import('../../src/core/kinds/claim/claimDetector').scoreClaim;
  const scorers: Score[] = [];
  for (const r of roots) scorers.push(((await import(pathToFileURL(path.join(r, 'src/core/kinds/claim/claimDetector.ts')).href)) as typeof import('../../src/core/kinds/claim/claimDetector')).scoreClaim);
  const dir = path.join(__dirname, '../../test-fixtures/sources');
  const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const text = new SourceGenerator(poolsFrom(samples), 0x5eed).source(MB);
  // The sentences and their names and dates, as the claim plugin sees them.
  const analyse = createParagraphProcessor();
  const work: Array<[Sentence, ClaimContext]> = [];
  for (const block of segmentBlocks(text)) {
    if (block.region === 'comment-meta') continue;
    const data = analyse(block.text, { region: block.region, commenter: block.commenter });
    const file = { data } as Parameters<typeof sentencesOfFile>[0];
    const sentences = sentencesOfFile(file).filter((s) => s.text.length <= 2000);
    const entities = perSentence(sentences, data.entities ?? []);
    const dates = perSentence(sentences, claimDates(data.dates ?? []));
    sentences.forEach((s, i) => work.push([s, { region: block.region, commenter: block.commenter, entities: entities[i], dates: dates[i] }]));
  }
  const results = scorers.map((score) => JSON.stringify(work.map(([s, ctx]) => score(s, ctx))));
  process.stdout.write(`${work.length} sentences; results ${results.every((r) => r === results[0]) ? 'identical' : 'DIFFER'} across checkouts\n`);
  const cpu: number[][] = roots.map(() => []);
  for (let i = 0; i < runs; i++) {
    scorers.forEach((score, a) => {
      collectGarbage();
      const c = process.cpuUsage();
      for (const [s, ctx] of work) score(s, ctx);
      const u = process.cpuUsage(c);
      cpu[a].push((u.user + u.system) / 1000);
    });
  }
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const load = loadavg().map((l) => l.toFixed(2)).join(' / ');
  roots.forEach((r, a) => process.stdout.write(`${r}\tscoreClaim over all sentences: median cpu ${median(cpu[a]).toFixed(0)} ms, min ${Math.min(...cpu[a]).toFixed(0)} ms over ${runs} runs (${cpu[a].map((x) => x.toFixed(0)).join(', ')})\tload ${load}\n`));
}

void main();
