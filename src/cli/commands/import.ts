// `sourcemark import`: tags from W3C Web Annotations or brat standoff files merged into the
// sidecars, matched by quote. Sidecars are read and written only through the sidecar store, so
// an invalid sidecar is never overwritten and every write is atomic.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBrat } from '../../core/export/brat';
import { readRegularFile } from '../../core/files/regularFile';
import { SourceScope } from '../../core/files/sourceScope';
import { CodePointIndex } from '../../core/export/codePoints';
import { mergeImported, type ImportedTag, type MergeOutcome } from '../../core/export/mergeImported';
import { parseW3c, placeW3cEntry, type W3cEntry } from '../../core/export/w3cImport';
import { sha256Hex } from '../../core/tags/quoteSelector';
import { checkAgainstSource, emptySidecar } from '../../core/tags/sidecarFormat';
import { SidecarStoreError, updateSidecarOf } from '../../core/tags/sidecarStore';
import { oneLine } from '../../core/text/shorten';
import { HELP_OPTION, parse, UsageError } from '../options';
import { DEFAULT_SOURCE_GLOB, displayPath, namedSources } from '../sourceFiles';
import { readSource } from '../sourceReport';
import type { Command } from './command';
import { say, warn } from '../terminal';

interface Totals {
  added: number;
  updated: number;
  unchanged: number;
  kept: number;
  notFound: number;
  failedSources: number;
}

async function mergeInto(
  file: string,
  text: string,
  tags: ImportedTag[],
  opts: { overwrite: boolean; dryRun: boolean },
  totals: Totals,
): Promise<void> {
  const shown = displayPath(file);
  let result: ReturnType<typeof mergeImported> | undefined;
  try {
    // A locked read-modify-write: tags an editor saves meanwhile are merged, not overwritten.
    await updateSidecarOf(file, (current) => {
      // A sidecar whose fingerprint names this text but whose tags do not fit it is invalid: never rewritten.
      const problem = current && checkAgainstSource(current, text, sha256Hex(text));
      if (problem) throw new SidecarStoreError(problem.message, 'invalid-existing', { problem });
      result = mergeImported(current ?? emptySidecar(path.basename(file), sha256Hex(text)), text, tags, { now: new Date(), overwrite: opts.overwrite });
      return result.changed && !opts.dryRun ? result.sidecar : undefined;
    });
  } catch (e) {
    totals.failedSources++;
    const problem = e instanceof SidecarStoreError ? e.problem : undefined;
    say(problem
      ? `${shown}: not imported: its sidecar cannot be read, and Sourcemark never overwrites one it cannot read. ${problem.message}\n`
      : `${shown}: not imported: ${(e as Error).message}\n`);
    return;
  }
  const { outcomes, changed } = result!;
  const n = (r: MergeOutcome['result']) => outcomes.filter((o) => o.result === r).length;
  totals.added += n('added');
  totals.updated += n('updated');
  totals.unchanged += n('unchanged');
  totals.kept += n('kept');
  totals.notFound += n('not-found');
  say(`${shown}: ${n('added')} added, ${n('updated')} updated, ${n('unchanged')} unchanged, ${n('kept')} kept, ${n('not-found')} not found${opts.dryRun && changed ? ' (dry run: nothing written)' : ''}\n`);
  for (const o of outcomes) {
    if (o.result === 'kept') say(`  ${o.origin}: kept ${o.existing}; the import says ${o.incoming}. Use --overwrite to take the imported one.\n`);
    if (o.result === 'not-found') say(`  ${o.origin}: "${oneLine(o.exact, 80)}" is not in the source; not imported.\n`);
  }
}

/** The local file a W3C target `source` names: base IRI stripped, file: URLs and relative references resolved. */
function localPath(iri: string, baseIri: string | undefined): string {
  const rest = baseIri && iri.startsWith(baseIri) ? iri.slice(baseIri.length) : iri;
  if (/^file:/i.test(rest)) return fileURLToPath(rest);
  if (/^[a-z][a-z0-9+.-]*:/i.test(rest)) throw new Error(`it is not a local file; give --base-iri to map "${rest}" to a path`);
  return decodeURI(rest);
}

/** Annotation files larger than this are not read. */
const MAX_ANNOTATION_FILE_BYTES = 256 * 1024 * 1024;

/** A file named on the command line, as text: a regular file only (a FIFO would block the read forever). */
async function readNamedFile(file: string): Promise<string | undefined> {
  return (await readRegularFile(file, MAX_ANNOTATION_FILE_BYTES))?.toString('utf8');
}

async function importW3c(
  files: string[],
  where: { baseIri: string | undefined; roots: string[]; glob: string },
  opts: { overwrite: boolean; dryRun: boolean },
  totals: Totals,
): Promise<number> {
  let problems = 0;
  const bySource = new Map<string, W3cEntry[]>();
  for (const file of files) {
    let doc: unknown;
    try {
      const text = await readNamedFile(file);
      if (text === undefined) throw new Error('it does not exist');
      doc = JSON.parse(text);
    } catch (e) {
      throw new UsageError(`cannot read ${file} as JSON: ${(e as Error).message}`);
    }
    const parsed = parseW3c(doc);
    for (const s of parsed.skipped) {
      problems++;
      warn(`sourcemark: ${file}: ${s.origin} skipped: ${s.reason}.\n`);
    }
    for (const e of parsed.entries) {
      let local: string;
      try {
        local = localPath(e.source, where.baseIri);
      } catch (err) {
        problems++;
        warn(`sourcemark: ${file}: ${e.tag.origin} skipped: its source ${e.source}: ${(err as Error).message}.\n`);
        continue;
      }
      const list = bySource.get(local);
      if (list) list.push(e);
      else bySource.set(local, [e]);
    }
  }
  // Targets name any path; tags are written only beside sources of the folders worked in.
  const scope = await SourceScope.of({ folders: where.roots, glob: where.glob });
  for (const [target, entries] of [...bySource].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const allowed = await scope.check(target);
    if (!allowed.ok) {
      totals.failedSources++;
      say(`${displayPath(target)}: not imported: ${allowed.reason}. Import writes tags only beside the sources in ${where.roots.map((r) => (r === '.' ? 'the current folder' : displayPath(r))).join(', ')} (--root DIR adds a folder).\n`);
      continue;
    }
    const file = allowed.path;
    let text: string;
    try {
      ({ text } = await readSource(file));
    } catch (e) {
      totals.failedSources++;
      say(`${displayPath(file)}: not imported: cannot read the source (${(e as Error).message}).\n`);
      continue;
    }
    const index = new CodePointIndex(text);
    const tags = entries.map((e) => placeW3cEntry(text, index, e)).filter((t): t is ImportedTag => t !== undefined);
    totals.notFound += entries.length - tags.length;
    await mergeInto(file, text, tags, opts, totals);
  }
  return problems;
}

async function importBrat(args: string[], glob: string | undefined, opts: { overwrite: boolean; dryRun: boolean }, totals: Totals): Promise<number> {
  const { files, missing } = await namedSources(args, glob);
  let problems = missing;
  let found = 0;
  for (const file of files) {
    const annPath = `${file.replace(/\.txt$/i, '')}.ann`;
    const ann = await readNamedFile(annPath).catch(() => undefined);
    if (ann === undefined) continue;
    found++;
    const { text, bom } = await readSource(file);
    const parsed = parseBrat(ann, text, { offsetShift: bom ? 1 : 0 });
    for (const p of parsed.problems) {
      problems++;
      warn(`sourcemark: ${displayPath(annPath)}${p.line ? `:${p.line}` : ''}: ${p.reason}\n`);
    }
    await mergeInto(file, text, parsed.tags, opts, totals);
  }
  if (!found) throw new UsageError(`no .ann files found beside the sources in ${args.join(', ') || 'the current folder'}.`);
  return problems;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'merge tags from W3C Web Annotations or brat .ann files into the sidecars',
  usage: `sourcemark import --format w3c [--base-iri IRI] FILE.jsonld...
sourcemark import --format brat [FILE|DIR...]

Merges tags into each source's sidecar, matched by quote (and position, between repeats of a
quote). A tag already on the same text is updated only when it agrees or --overwrite is given.
  w3c    annotations with a "tagging" body of verified, speculative or contradicted; their target
         source is a path relative to the current folder, a file: URL, or --base-iri + path
  brat   the .ann beside each .txt: T lines with a Status attribute, AnnotatorNotes as notes

  --overwrite                   replace a differing status or note already in the sidecar
  --dry-run                     report what would change, write nothing
  --base-iri IRI                w3c: the prefix the export used (export --base-iri)
  --root DIR                    w3c: a folder whose sources may receive tags besides the current one (repeatable);
                                a target outside them, or not matching --glob there, is refused (links resolved first)
  --glob '**/*.txt'             which files are sources (brat: in a folder given; w3c: in the folders)

Exit code: 0 everything was imported, 1 something was not (reported), 2 bad arguments.`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      ...HELP_OPTION, format: { type: 'string' }, overwrite: { type: 'boolean', default: false }, 'dry-run': { type: 'boolean', default: false },
      'base-iri': { type: 'string' }, glob: { type: 'string' }, root: { type: 'string', multiple: true },
    });
    const opts = { overwrite: values.overwrite, dryRun: values['dry-run'] };
    const totals: Totals = { added: 0, updated: 0, unchanged: 0, kept: 0, notFound: 0, failedSources: 0 };
    let problems: number;
    if (values.format === 'w3c') {
      if (!positionals.length) throw new UsageError('give the W3C annotation file(s) to import.');
      problems = await importW3c(positionals, { baseIri: values['base-iri'], roots: ['.', ...(values.root ?? [])], glob: values.glob ?? DEFAULT_SOURCE_GLOB }, opts, totals);
    } else if (values.format === 'brat') {
      problems = await importBrat(positionals, values.glob, opts, totals);
    } else {
      throw new UsageError(`--format takes w3c or brat${values.format ? `, got "${values.format}"` : ''}.`);
    }
    say(`\nImported: ${totals.added} added, ${totals.updated} updated, ${totals.unchanged} unchanged, ${totals.kept} kept, ${totals.notFound} not found${totals.failedSources ? `; ${totals.failedSources} source(s) not imported` : ''}.\n`);
    return problems || totals.notFound || totals.failedSources ? 1 : 0;
  },
};
