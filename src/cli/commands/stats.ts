// `sourcemark stats`: how far the review has got, per source and in total.
import { FINDING_KINDS, KIND_WORDS, TAG_STATUSES, type FindingKind } from '../../core/model';
import { countFindings } from '../../core/sourceCounts';
import { analyzeEach } from '../batch/analyzeEach';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, HELP_OPTION, noSourcesFound, parse } from '../options';
import { displayPath, namedSources } from '../sourceFiles';
import type { SourceReport } from '../sourceReport';
import type { Command } from './command';
import { say, sayJson } from '../terminal';

export const STATS_JSON_VERSION = 1;

/** The kinds counted after the claims, in columns named by their plural ("entities", "dates"). */
const OTHER_KINDS = FINDING_KINDS.filter((k): k is Exclude<FindingKind, 'claim'> => k !== 'claim');
type OtherKindColumn = (typeof KIND_WORDS)[Exclude<FindingKind, 'claim'>]['plural'];

type Counts = {
  claims: number;
  verified: number;
  speculative: number;
  contradicted: number;
  untagged: number;
  /** Tags on findings of other kinds (claims are counted by status above). */
  otherTags: number;
  orphans: number;
} & Record<OtherKindColumn, number>;

export interface StatsFile extends Counts {
  file: string;
  sidecar: 'missing' | 'ok' | 'invalid';
  skipped?: boolean;
}

const COLUMNS: (keyof Counts)[] = ['claims', 'verified', 'speculative', 'contradicted', 'untagged', 'otherTags', 'orphans', ...OTHER_KINDS.map((k) => KIND_WORDS[k].plural)];
const HEADINGS: Record<string, string> = { otherTags: 'other tags' };

export function statsFile(r: SourceReport): StatsFile {
  const c = countFindings(r.tagged);
  return {
    file: displayPath(r.file), sidecar: r.sidecar.state, ...(r.skippedReason ? { skipped: true } : {}),
    claims: c.byKind.claim, verified: c.verified, speculative: c.speculative, contradicted: c.contradicted, untagged: c.untagged,
    otherTags: r.tagged.findings.filter((f) => f.kind !== 'claim' && f.annotation).length,
    orphans: c.orphans,
    ...(Object.fromEntries(OTHER_KINDS.map((k) => [KIND_WORDS[k].plural, c.byKind[k]])) as Record<OtherKindColumn, number>),
  };
}

function totalOf(files: readonly StatsFile[]): Counts {
  const t = Object.fromEntries(COLUMNS.map((k) => [k, 0])) as unknown as Counts;
  for (const f of files) for (const k of COLUMNS) t[k] += f[k];
  return t;
}

function table(files: readonly StatsFile[], total: Counts): string {
  const int = (n: number) => n.toLocaleString('en-US');
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
${BATCH_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...HELP_OPTION, json: { type: 'boolean', default: false } });
    const options = analysisOptions(values);
    const { files, missing } = await namedSources(positionals, values.glob);
    if (!files.length && !missing) throw noSourcesFound(positionals);
    const results: StatsFile[] = [];
    const unreadable = await analyzeEach(files, options, { label: 'stats', jobs: values.jobs, timing: values.timing }, (report) => {
      results.push(statsFile(report));
    });
    const total = totalOf(results);
    if (values.json) sayJson({ version: STATS_JSON_VERSION, files: results, total: { sources: results.length, ...total } });
    else say(`${table(results, total)}\n`);
    return missing + unreadable ? 1 : 0;
  },
};
