// Options shared by the commands, parsed with node's util.parseArgs and checked in one place.
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FINDING_KINDS, type FindingKind } from '../core/model';
import { REGION_CHOICES, REGION_PRESETS, type RegionChoice } from '../core/regions';
import type { SourceOptions } from '../core/sourceAnalysis';

/** Bad arguments: the message says what is wrong; the command prints its usage after it (exit 2). */
export class UsageError extends Error {}

/** Nothing to work on: no source among the FILE|DIR arguments (the current folder by default). */
export function noSourcesFound(args: readonly string[]): UsageError {
  return new UsageError(`no sources found in ${args.join(', ') || 'the current folder'}.`);
}

export const ANALYSIS_OPTIONS = {
  'reference-date': { type: 'string' },
  threshold: { type: 'string' },
  'max-file-size-mb': { type: 'string' },
  regions: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const BATCH_OPTIONS = {
  jobs: { type: 'string', short: 'j' },
  glob: { type: 'string' },
  timing: { type: 'boolean', default: false },
} as const satisfies ParseArgsConfig['options'];

export const CONFLICT_OPTIONS = { 'skip-conflicts': { type: 'boolean', default: false } } as const satisfies ParseArgsConfig['options'];

export const CONFLICT_HELP = `  --skip-conflicts              do not look for conflicts between sources (each claim that could conflict
                                is matched against the others: skip it for very large corpora)`;

export const CACHE_OPTIONS = { 'no-cache': { type: 'boolean', default: false } } as const satisfies ParseArgsConfig['options'];

export const CACHE_HELP = `  --no-cache                    analyse every source, neither reading nor writing the digest cache
                                (SOURCEMARK_CACHE_DIR, else ~/.cache/sourcemark/digests; off = none)`;

export const HELP_OPTION = { help: { type: 'boolean', short: 'h', default: false } } as const satisfies ParseArgsConfig['options'];

export function parse<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export type { SourceOptions };

/** `--regions article|all|title,body,comments,commentMeta,boilerplate`; default the article. */
export function parseRegions(value: string | undefined): RegionChoice[] {
  if (value === undefined) return [...REGION_PRESETS.article];
  const v = value.trim();
  if (v === 'article' || v === 'all') return [...REGION_PRESETS[v]];
  const parts = v.split(',').map((p) => p.trim()).filter(Boolean);
  const wrong = parts.filter((p) => !REGION_CHOICES.includes(p as RegionChoice));
  if (!parts.length || wrong.length) {
    throw new UsageError(`--regions takes article, all, or a list of ${REGION_CHOICES.join(', ')}${wrong.length ? `; "${wrong.join(', ')}" is not one` : ''}.`);
  }
  return REGION_CHOICES.filter((c) => parts.includes(c));
}

export function analysisOptions(values: { 'reference-date'?: string; threshold?: string; 'max-file-size-mb'?: string; kinds?: string; regions?: string }): SourceOptions {
  const referenceDate = values['reference-date'];
  if (referenceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(referenceDate)) {
    throw new UsageError(`--reference-date must be YYYY-MM-DD, got "${referenceDate}".`);
  }
  const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
    throw new UsageError(`--threshold must be a number from 0 to 1, got "${values.threshold}".`);
  }
  const maxFileSizeMB = values['max-file-size-mb'] === undefined ? undefined : Number(values['max-file-size-mb']);
  if (maxFileSizeMB !== undefined && !(maxFileSizeMB > 0)) {
    throw new UsageError(`--max-file-size-mb must be a positive number, got "${values['max-file-size-mb']}".`);
  }
  const kinds = values.kinds?.split(',').map((k) => k.trim()) as FindingKind[] | undefined;
  if (kinds?.some((k) => !FINDING_KINDS.includes(k))) throw new UsageError(`--kinds takes ${FINDING_KINDS.join(', ')}.`);
  return {
    ...(referenceDate ? { referenceDate } : {}),
    ...(threshold !== undefined ? { claimThreshold: threshold } : {}),
    ...(maxFileSizeMB !== undefined ? { maxFileSizeMB } : {}),
    ...(kinds ? { kinds } : {}),
    regions: parseRegions(values.regions),
  };
}

/** Sources per worker below which starting workers costs more than it saves. */
const SOURCES_PER_WORKER = 8;

/** `--jobs`: how many worker threads analyse sources; by default one per SOURCES_PER_WORKER sources, at most one per core. */
export function jobsFor(value: string | undefined, sources: number): number {
  if (value !== undefined) {
    const jobs = Number(value);
    if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs must be a whole number of at least 1, got "${value}".`);
    return Math.min(jobs, Math.max(1, sources));
  }
  return Math.max(1, Math.min(availableParallelism(), Math.floor(sources / SOURCES_PER_WORKER)));
}

export const ANALYSIS_HELP = `  --reference-date YYYY-MM-DD   resolve relative dates against this when a source states no publication date
  --threshold 0.5               minimum check-worthiness (0–1) of a claim
  --max-file-size-mb 8          larger sources are not analysed (their tags are still read)
  --regions article             which parts of a source to report: article (title and body, the default), all,
                                or a list of title, body, comments, commentMeta, boilerplate; tagged findings
                                are reported in any region`;

export const BATCH_HELP = `  --glob '**/*.txt'             which files in a folder are sources (default: every .txt)
  -j, --jobs N                  worker threads (default: one per 8 sources, at most one per core; 1 = in this thread)
  --timing                      print throughput and peak memory on stderr even when it is not a terminal`;
