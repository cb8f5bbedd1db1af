// `sourcemark stats`: how far the review has got, per source and in total.
import { KIND_WORDS, TAG_STATUSES } from '../../core/model';
import { checkCacheFromEnv } from '../batch/checkCache';
import { runBatch } from '../batch/runBatch';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, CACHE_HELP, CACHE_OPTIONS, HELP_OPTION, jobsFor, noSourcesFound, parse } from '../options';
import { warn } from '../terminal';
import { namedSources } from '../sourceFiles';
import { COLUMNS, OTHER_KINDS, type Counts, type StatsFile } from '../statsFile';
import type { Command } from './command';
import { say, sayJson } from '../terminal';
import { formatCount } from '../../core/text/count';

export const STATS_JSON_VERSION = 1;

const HEADINGS: Record<string, string> = { otherTags: 'other tags' };

function totalOf(files: readonly StatsFile[]): Counts {
  const t = Object.fromEntries(COLUMNS.map((k) => [k, 0])) as unknown as Counts;
  for (const f of files) for (const k of COLUMNS) t[k] += f[k];
  return t;
}

function table(files: readonly StatsFile[], total: Counts): string {
  const int = formatCount;
  const note = (f: StatsFile) => [f.sidecar === 'invalid' ? 'sidecar invalid' : '', f.skipped ? 'not analysed' : ''].filter(Boolean).join(', ');
  const rows = [
    ['source', ...COLUMNS.map((k) => HEADINGS[k] ?? k), ''],
    ...files.map((f) => [f.file, ...COLUMNS.map((k) => int(f[k])), note(f)]),
    [`total (${int(files.length)} sources)`, ...COLUMNS.map((k) => int(total[k])), ''],
  ];
  const widths = rows[0]!.map((_, i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), 0));
  const line = (r: string[]) => r.map((cell, i) => (i === 0 || i === r.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(rows[0]!), ...rows.slice(1, -1).map(line), line(rows[0]!.map((_, i) => '-'.repeat(widths[i]!))), line(rows.at(-1)!)].join('\n');
}

export const statsCommand: Command = {
  name: 'stats',
  summary: 'counts per source and per status',
  usage: `sourcemark stats [--json] [options] [FILE|DIR...]

Counts per source: claims by tag status (${TAG_STATUSES.join(', ')}, untagged), tags on other findings,
orphaned tags, and the ${OTHER_KINDS.map((k) => KIND_WORDS[k].plural).join(', ')} found; then the totals. Default: the current folder.

  --json                        machine-readable counts (version ${STATS_JSON_VERSION})
${ANALYSIS_HELP}
${BATCH_HELP}
${CACHE_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...CACHE_OPTIONS, ...HELP_OPTION, json: { type: 'boolean', default: false } });
    const options = analysisOptions(values);
    const { files, missing } = await namedSources(positionals, values.glob);
    if (!files.length && !missing) throw noSourcesFound(positionals);
    const results: StatsFile[] = [];
    // Counts kept in the digest cache, as check and report keep theirs (the workers open it from SOURCEMARK_CACHE_DIR).
    const cached = { kind: 'stats' as const, cache: !values['no-cache'] && checkCacheFromEnv() !== undefined };
    let unreadable = 0;
    await runBatch(files, options, { jobs: jobsFor(values.jobs, files.length), label: 'stats', timing: values.timing, cached }, (r) => {
      if ('stats' in r) results.push(r.stats);
      else if ('error' in r) {
        unreadable++;
        warn(`sourcemark: cannot read ${r.file}: ${r.error}\n`);
      } else throw new Error('stats got a result it did not ask for');
    });
    const total = totalOf(results);
    if (values.json) sayJson({ version: STATS_JSON_VERSION, files: results, total: { sources: results.length, ...total } });
    else say(`${table(results, total)}\n`);
    return missing + unreadable ? 1 : 0;
  },
};
