// `sourcemark report`: one page for a review meeting or a published check: the status of every
// source as a chart, the claims with their tags, notes and evidence, and the dates on one time line.
import { buildTimeline, CorpusIndex, type SourceDigest } from '../../core/corpus';
import { renderHtml } from '../../core/report/html';
import { renderMarkdown } from '../../core/report/markdown';
import { buildReport, type ReportSource } from '../../core/report/reportData';
import { checkCacheFromEnv } from '../batch/checkCache';
import { runBatch } from '../batch/runBatch';
import { reportConflict, reportTimeline } from '../corpusView';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, CACHE_HELP, CACHE_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, CONFLICT_HELP, CONFLICT_OPTIONS, HELP_OPTION, jobsFor, noSourcesFound, parse, UsageError } from '../options';
import { searchConflicts } from '../conflictSearch';
import { namedSources } from '../sourceFiles';
import { writeOutput } from '../writeOutput';
import type { Command } from './command';
import { warn } from '../terminal';

export const reportCommand: Command = {
  name: 'report',
  summary: 'self-contained HTML (or Markdown) report with a status chart, claims and a timeline',
  usage: `sourcemark report [--out report.html] [--format html|md] [--title TEXT] [--claims all|tagged] [options] [FILE|DIR...]

One self-contained page: a bar chart of claim status per source, the claims table with quotes,
tags, notes and evidence, and the timeline of dates across sources. The HTML has no script and
loads nothing from the network; it prints well. Default: the current folder, written to stdout.

  --out FILE                    write here (atomically) instead of stdout
  --format html|md              default: md when --out ends in .md, else html
  --title TEXT                  heading of the report
  --claims all|tagged           list every detected claim (default) or only tagged ones
${CONFLICT_HELP}
${CACHE_HELP}
${ANALYSIS_HELP}
${BATCH_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...CONFLICT_OPTIONS, ...CACHE_OPTIONS, ...HELP_OPTION,
      out: { type: 'string', short: 'o' }, format: { type: 'string' }, title: { type: 'string' }, claims: { type: 'string', default: 'all' },
    });
    const format = values.format ?? (values.out?.toLowerCase().endsWith('.md') ? 'md' : 'html');
    if (format !== 'html' && format !== 'md') throw new UsageError(`--format takes html or md, got "${format}".`);
    if (values.claims !== 'all' && values.claims !== 'tagged') throw new UsageError(`--claims takes all or tagged, got "${values.claims}".`);
    const options = analysisOptions(values);
    const { files, missing } = await namedSources(positionals, values.glob);
    if (!files.length) throw noSourcesFound(positionals);
    const sources: ReportSource[] = [];
    const corpus = new CorpusIndex();
    const digests = new Map<string, SourceDigest>();
    let unreadable = 0;
    // Each source's part of the report and its digest, from the digest cache when they are there (see check).
    const cached = { kind: 'reportSource' as const, cache: !values['no-cache'] && checkCacheFromEnv() !== undefined };
    await runBatch(files, options, { jobs: jobsFor(values.jobs, files.length), label: 'report', timing: values.timing, digest: true, cached }, (r) => {
      if ('report' in r || 'check' in r || 'stats' in r) throw new Error('report got a result it did not ask for');
      if ('error' in r) {
        unreadable++;
        return warn(`sourcemark: cannot read ${r.file}: ${r.error}\n`);
      }
      sources.push(r.source);
      digests.set(r.source.path, r.digest!);
      if (!values['skip-conflicts']) corpus.upsert(r.source.path, r.digest!);
    });
    // Searched once and shared: the timeline marks the dates the conflicts are about.
    const conflicts = values['skip-conflicts'] ? undefined : searchConflicts(corpus, 'report', values.timing);
    const data = buildReport(sources, {
      claims: values.claims, ...(values.title ? { title: values.title } : {}),
      timeline: reportTimeline(buildTimeline(digests, conflicts ?? [])), conflicts: conflicts?.map((c) => reportConflict(c, corpus)),
    });
    await writeOutput(values.out, format === 'md' ? renderMarkdown(data) : renderHtml(data));
    if (values.out) warn(`sourcemark: wrote ${values.out} (${sources.length} sources, ${data.claims.length} claims, ${data.timeline.length} dates on the timeline).\n`);
    return missing + unreadable ? 1 : 0;
  },
};
