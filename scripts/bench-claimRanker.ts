// What the claim ranker step costs: the bench's generated 1 MB source analysed once, its claim rows
// captured, then the ranker step (rankInContext) timed on them, as news and as a transcript (the
// same paragraphs led by alternating speakers' labels), alternating with another build of the
// ranker when given (e.g. main's), CPU time per run beside the whole analysis. Not a test.
//
//   npx tsx scripts/bench-claimRanker.ts [rounds] [other claimRanker.ts to compare]
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as ours from '../src/core/kinds/claim/claimRanker';
import { poolsFrom, SourceGenerator } from './bench/generate';
import { withClaimRows } from '../src/eval/claimRows';

type Ranker = (rows: readonly ours.RankerRow[]) => number[] | undefined;

const MB = 1024 * 1024;
const SEED = 0x5eed; // the bench's 1 MB source
const rounds = Number(process.argv[2] ?? 5);
const otherPath = process.argv[3];
const dir = path.resolve(__dirname, '../test-fixtures/sources');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const news = new SourceGenerator(poolsFrom(samples), SEED).source(1 * MB);
const speakers = ['SMITH', 'JONES', 'MODERATOR'];
const transcript = news.split(/\n\s*\n/).map((p, i) => `${speakers[i % 3]}: ${p.trim()}`).join('\n\n');

const cpu = (f: () => void) => {
  const before = process.cpuUsage();
  f();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** The rows the claim kind hands the ranker, and the analysis's CPU time. */
function rowsOf(text: string): { rows: ours.RankerRow[]; ms: number } {
  return withClaimRows((rowsOfText) => {
    let rows: ours.RankerRow[] = [];
    const ms = cpu(() => (rows = rowsOfText(text, {})));
    return { rows, ms };
  }, { keepFindings: true });
}

async function main(): Promise<void> {
  const rankers: [string, Ranker][] = [['this branch', (rows) => ours.rankInContext(rows)]];
  if (otherPath) {
    const other = (await import(path.resolve(otherPath))) as typeof ours;
    rankers.push([path.relative(process.cwd(), otherPath), (rows) => other.rankInContext(rows)]);
  }
  process.stdout.write(`| text | sentences | analysis ms | ${rankers.map(([n]) => `ranker ms (${n})`).join(' | ')} |\n|---|---|---|${rankers.map(() => '---|').join('')}\n`);
  for (const [name, text] of [['news, 1 MB', news], ['transcript, 1 MB', transcript]] as const) {
    const { rows, ms } = rowsOf(text);
    const times = rankers.map(() => [] as number[]);
    for (const [, rank] of rankers) rank(rows); // JIT warm-up
    for (let r = 0; r < rounds; r++) rankers.forEach(([, rank], k) => times[k].push(cpu(() => rank(rows))));
    process.stdout.write(`| ${name} | ${rows.length} | ${ms.toFixed(0)} | ${times.map((t) => `${median(t).toFixed(1)} (${((100 * median(t)) / ms).toFixed(1)} %)`).join(' | ')} |\n`);
  }
}

void main();
