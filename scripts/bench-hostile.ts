// Analysis time on hostile text (issue 15): CPU seconds to analyse a source made by each of the
// fuzz suite's generators and make its cross-source digest, at 32, 64 and 128 KB
// and 1 MB, and the growth per doubling. Each measurement runs in a child process of its own with a
// time limit, so a super-linear case reads "> limit" instead of running for hours.
//
//   npm run bench:hostile [-- --limit-s 120] [-- generator ...]
import { execFileSync } from 'node:child_process';
import { Analyzer } from '../src/core/analyzer';
import { digestSource } from '../src/core/corpus';
import { analyzeSource } from '../src/core/sourceAnalysis';
import { TEXT_GENERATORS } from '../test/fuzz/textGenerators';

const SIZES_KB = [32, 64, 128, 1024];

function measureOne(name: string, kb: number): void {
  const text = TEXT_GENERATORS.find((g) => g.name === name)!.make(kb * 1024);
  const analyzer = new Analyzer(0);
  analyzer.warmUp();
  const before = process.cpuUsage();
  const analysed = analyzeSource(analyzer, text, undefined, { referenceDate: '2018-03-10' });
  digestSource(text, analysed);
  const used = process.cpuUsage(before);
  process.stdout.write(`${(used.user + used.system) / 1e6}\n`);
}

function main(argv: string[]): void {
  if (argv[0] === '--one') return measureOne(argv[1]!, Number(argv[2]));
  const limitAt = argv.indexOf('--limit-s');
  const limitS = limitAt >= 0 ? Number(argv[limitAt + 1]) : 120;
  const wanted = argv.filter((a, i) => !a.startsWith('--') && (limitAt < 0 || i !== limitAt + 1));
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`CPU seconds to analyse one source and digest it (limit ${limitS} s per run)`);
  out(`${'generator'.padEnd(20)}${SIZES_KB.map((kb) => `${kb >= 1024 ? `${kb / 1024} MB` : `${kb} KB`}`.padStart(10)).join('')}   growth per doubling`);
  for (const g of TEXT_GENERATORS) {
    if (wanted.length && !wanted.includes(g.name)) continue;
    // Infinity: over the time limit; NaN: the run failed (a stack overflow, say).
    const times = SIZES_KB.map((kb) => {
      try {
        const stdout = execFileSync(process.execPath, ['--import', 'tsx', __filename, '--one', g.name, String(kb)], { timeout: limitS * 1000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
        return Number(stdout.trim());
      } catch (e) {
        return (e as { signal?: string }).signal === 'SIGTERM' ? Infinity : NaN;
      }
    });
    const cell = (t: number) => (Number.isNaN(t) ? 'crash' : Number.isFinite(t) ? t.toFixed(2) : `> ${limitS}`).padStart(10);
    const growth = [1, 2].map((i) => (Number.isFinite(times[i]!) ? `×${(times[i]! / times[i - 1]!).toFixed(1)}` : '?'));
    const toMb = Number.isFinite(times[3]!) ? `×${((times[3]! / times[2]!) ** (1 / 3)).toFixed(1)}` : '?';
    out(`${g.name.padEnd(20)}${times.map(cell).join('')}   ${growth.join(' ')} ${toMb} (128 KB→1 MB, per doubling)`);
  }
}

main(process.argv.slice(2));
