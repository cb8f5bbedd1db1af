// `sourcemark check`: what still needs a reviewer's attention, as file:line:col lines that
// terminals and editors link, and an exit code a CI job can act on.
import { CorpusIndex } from '../../core/corpus';
import { FileSidecarStore, readOrInvalid, sidecarPathFor } from '../../core/tags/sidecarStore';
import { checkCacheFromEnv } from '../batch/checkCache';
import { runBatch } from '../batch/runBatch';
import { conflictSubject, conflictView, shortValue, type ConflictView } from '../corpusView';
import { searchConflicts } from '../conflictSearch';
import { oneLine } from '../../core/text/shorten';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, CACHE_HELP, CACHE_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, CONFLICT_HELP, CONFLICT_OPTIONS, HELP_OPTION, jobsFor, noSourcesFound, parse, UsageError } from '../options';
import { displayPath, findSources } from '../sourceFiles';
import { type CheckFile } from '../checkFile';
import type { Command } from './command';
import { say, sayJson } from '../terminal';
import { plural } from '../../core/text/count';

export { checkFile, type CheckFile } from '../checkFile';

export const CHECK_JSON_VERSION = 1;
export const CHECK_PROBLEMS = ['untagged', 'orphan', 'conflict', 'invalid', 'unreadable'] as const;
export type CheckProblem = (typeof CHECK_PROBLEMS)[number];
const DEFAULT_FAIL_ON: CheckProblem[] = ['invalid', 'orphan', 'unreadable'];

/** A source that could not be read, with its sidecar as it is (not assumed missing). */
async function unreadableFile(file: string, error: string): Promise<CheckFile> {
  const sidecarPath = sidecarPathFor(file);
  const read = await readOrInvalid(new FileSidecarStore(), sidecarPath);
  const sidecar: CheckFile['sidecar'] = { path: displayPath(sidecarPath), state: read.state, ...(read.state === 'invalid' ? { problem: read.problem.message } : {}) };
  return { file: displayPath(file), sidecar, unreadable: error, untagged: [], orphans: [] };
}

/** Conflicts count against the policy until a reviewer has tagged both sides. */
export function countProblems(files: readonly CheckFile[], conflicts: readonly ConflictView[]): Record<CheckProblem, number> {
  const n = { untagged: 0, orphan: 0, conflict: conflicts.filter((c) => !c.resolved).length, invalid: 0, unreadable: 0 };
  for (const f of files) {
    n.untagged += f.untagged.length;
    n.orphan += f.orphans.length;
    if (f.sidecar.state === 'invalid') n.invalid++;
    if (f.unreadable) n.unreadable++;
  }
  return n;
}

function textLines(f: CheckFile): string[] {
  const out: string[] = [];
  if (f.unreadable) out.push(`${f.file}:1:1: unreadable source: ${f.unreadable}`);
  if (f.sidecar.state === 'invalid') out.push(`${f.sidecar.path}:1:1: invalid sidecar: ${f.sidecar.problem}`);
  if (f.skipped) out.push(`${f.file}:1:1: not analysed: ${f.skipped}`);
  for (const o of f.orphans) out.push(`${f.file}:${o.line}:${o.column}: orphaned tag [${o.status}] on a ${o.kind}: "${oneLine(o.exact, 80)}" is no longer in the source; restore the text or clear the tag`);
  for (const u of f.untagged) out.push(`${f.file}:${u.line}:${u.column}: untagged claim: ${oneLine(u.text, 100)}`);
  return out;
}

function conflictLine(c: ConflictView): string {
  const [a, b] = c.sides;
  const subject = conflictSubject(c);
  const side = (s: ConflictView['sides'][number]) => `"${oneLine(s.text, 60)}" (${shortValue(s.value)})${s.tag ? ` [${s.tag}]` : ''}`;
  return `${a.file}:${a.line}:${a.column}: ${c.resolved ? 'conflict, both sides tagged' : 'conflict'} (${c.kind})${subject ? ` ${oneLine(subject, 60)}` : ''}: ${side(a)} here, ${side(b)} at ${b.file}:${b.line}:${b.column}`;
}

const NAMES: Record<CheckProblem, [string, string]> = {
  untagged: ['untagged claim', 'untagged claims'],
  orphan: ['orphaned tag', 'orphaned tags'],
  conflict: ['unresolved conflict', 'unresolved conflicts'],
  invalid: ['invalid sidecar', 'invalid sidecars'],
  unreadable: ['unreadable source', 'unreadable sources'],
};

export function parseFailOn(value: string | undefined): CheckProblem[] {
  if (value === undefined) return DEFAULT_FAIL_ON;
  if (value === 'none' || value === '') return [];
  const items = value.split(',').map((s) => s.trim());
  const unknown = items.filter((i) => !(CHECK_PROBLEMS as readonly string[]).includes(i));
  if (unknown.length) throw new UsageError(`--fail-on takes a comma-separated list of ${CHECK_PROBLEMS.join(', ')} (or none); "${unknown.join(', ')}" is not one.`);
  return [...new Set(items as CheckProblem[])];
}

export const checkCommand: Command = {
  name: 'check',
  summary: 'untagged claims, orphaned tags, invalid sidecars; exit code for CI',
  usage: `sourcemark check [--fail-on LIST] [--json] [options] [FILE|DIR...]

Lists, per source, what needs attention as file:line:col lines: untagged claims, orphaned tags
(tags whose text is gone), invalid sidecars, sources that could not be read; then the conflicts
between sources (a time frame, a title, a figure or who said the same words). A conflict stops counting
once both of its sides are tagged. Default: the current folder.

  --fail-on LIST                exit 1 when any of these are found: ${CHECK_PROBLEMS.join(',')} or none
                                (default: ${DEFAULT_FAIL_ON.join(',')})
  --json                        machine-readable result (version ${CHECK_JSON_VERSION})
${CACHE_HELP}
${CONFLICT_HELP}
${ANALYSIS_HELP}
${BATCH_HELP}

Exit code: 0 the policy passed, 1 it failed, 2 bad arguments.`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...CONFLICT_OPTIONS, ...CACHE_OPTIONS, ...HELP_OPTION, json: { type: 'boolean', default: false }, 'fail-on': { type: 'string' } });
    const failOn = parseFailOn(values['fail-on']);
    const conflictsWanted = !values['skip-conflicts'];
    if (!conflictsWanted && failOn.includes('conflict')) throw new UsageError('--fail-on conflict needs the conflict search; drop --skip-conflicts.');
    const options = analysisOptions(values);
    const { files, missing } = await findSources(positionals, values.glob);
    if (!files.length && !missing.length) throw noSourcesFound(positionals);
    const results: CheckFile[] = await Promise.all(missing.map((m) => unreadableFile(m.arg, m.reason)));
    const corpus = new CorpusIndex();
    if (!values.json) for (const f of results) say(`${textLines(f).join('\n')}\n`);
    // The workers open the same cache (from SOURCEMARK_CACHE_DIR); asked here too so --timing counts only when there is one.
    const cached = { kind: 'check' as const, cache: !values['no-cache'] && checkCacheFromEnv() !== undefined };
    await runBatch(files, options, { jobs: jobsFor(values.jobs, files.length), label: 'check', timing: values.timing, digest: conflictsWanted, cached }, async (r) => {
      if ('report' in r || 'source' in r || 'stats' in r) throw new Error('check got a result it did not ask for');
      const f = 'error' in r ? await unreadableFile(r.file, r.error) : r.check;
      results.push(f);
      if (!('error' in r) && r.digest) corpus.upsert(f.file, r.digest);
      if (!values.json) {
        const lines = textLines(f);
        if (lines.length) say(`${lines.join('\n')}\n`);
      }
    });
    // Conflicts need every source, so they come after the per-source lines.
    const conflicts = conflictsWanted ? searchConflicts(corpus, 'check', values.timing).map((c) => conflictView(c, corpus)) : [];
    if (!values.json) {
      const lines = conflicts.map(conflictLine);
      if (lines.length) say(`${lines.join('\n')}\n`);
    }
    const counts = countProblems(results, conflicts);
    const failing = failOn.filter((p) => counts[p] > 0);
    const passed = failing.length === 0;
    if (values.json) {
      sayJson({ version: CHECK_JSON_VERSION, failOn, passed, counts, sources: results.length, conflictsSearched: conflictsWanted, files: results, conflicts });
    } else {
      const found = CHECK_PROBLEMS.map((p) => (p === 'conflict' && !conflictsWanted ? 'conflicts not searched' : plural(counts[p], ...NAMES[p])));
      const policy = failOn.length ? `--fail-on ${failOn.join(',')}` : '--fail-on none';
      say(`\n${plural(results.length, 'source')} checked: ${found.join(', ')}.\n`);
      say(passed ? `Policy ${policy}: passed.\n` : `Policy ${policy}: failed on ${failing.map((p) => plural(counts[p], ...NAMES[p])).join(', ')}.\n`);
    }
    return passed ? 0 : 1;
  },
};
