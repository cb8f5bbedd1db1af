// `sourcemark export`: findings and tags in formats other tools read.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { bratAnnotationConf, toBrat } from '../../core/export/brat';
import { toClaimReviews } from '../../core/export/claimReview';
import { toCsv } from '../../core/export/csv';
import type { ExportScope, ExportSource } from '../../core/export/exportSource';
import { toW3c } from '../../core/export/w3c';
import { analyzeEach } from '../batch/analyzeEach';
import { toReportSource } from '../exportSource';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, HELP_OPTION, noSourcesFound, parse, UsageError } from '../options';
import { namedSources } from '../sourceFiles';
import { writeOutput } from '../writeOutput';
import type { Command } from './command';
import { escapeJsonText } from '../../core/text/escape';
import { warn } from '../terminal';

export const EXPORT_FORMATS = ['w3c', 'brat', 'csv', 'claimreview'] as const;

export const exportCommand: Command = {
  name: 'export',
  summary: 'W3C Web Annotation, brat standoff, CSV or schema.org ClaimReview',
  usage: `sourcemark export --format w3c|brat|csv|claimreview [options] [FILE|DIR...]

  w3c           W3C Web Annotation JSON-LD: one AnnotationCollection, each annotation targeting its source
                with a TextQuoteSelector and a TextPositionSelector (Unicode code points)
  brat          brat standoff: an .ann beside each .txt (or in --out-dir with a copy of the .txt), every
                finding a T line, a tag's status an A line (Status attribute), its note a # AnnotatorNotes line;
                an annotation.conf is written to each folder that has none
  csv           one row per finding or tag (RFC 4180, UTF-8, CRLF)
  claimreview   schema.org ClaimReview JSON-LD for every claim tagged verified (True) or contradicted (False)

  --out FILE                    w3c, csv, claimreview: write here (atomically) instead of stdout
  --out-dir DIR                 brat: write the .ann files (and copies of the .txt) under DIR
  --scope all|tagged            every finding (default) or only tagged ones (w3c, brat, csv)
  --base-iri IRI                w3c, claimreview: prefix of source IRIs (default: relative paths)
  --author NAME                 claimreview: the organisation publishing the fact checks
  --url-base URL                claimreview: each review's url is URL + source path + #tag-id
  --keep-formulas               csv: do not guard cells starting with = + - @ against spreadsheet formulas
${ANALYSIS_HELP}
${BATCH_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, {
      ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...HELP_OPTION,
      format: { type: 'string' }, out: { type: 'string', short: 'o' }, 'out-dir': { type: 'string' }, scope: { type: 'string', default: 'all' },
      'base-iri': { type: 'string' }, author: { type: 'string' }, 'url-base': { type: 'string' }, 'keep-formulas': { type: 'boolean', default: false },
    });
    const format = values.format as (typeof EXPORT_FORMATS)[number];
    if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format takes ${EXPORT_FORMATS.join(', ')}${values.format ? `, got "${values.format}"` : ''}.`);
    if (values.scope !== 'all' && values.scope !== 'tagged') throw new UsageError(`--scope takes all or tagged, got "${values.scope}".`);
    if (format === 'brat' && values.out) throw new UsageError('brat writes one .ann per source: use --out-dir DIR, or nothing to write them beside the sources.');
    if (format !== 'brat' && values['out-dir']) throw new UsageError(`--out-dir is for brat; use --out FILE for ${format}.`);
    const scope = values.scope as ExportScope;
    const options = analysisOptions(values);
    const { files, missing } = await namedSources(positionals, values.glob);
    if (!files.length) throw noSourcesFound(positionals);

    const sources: ExportSource[] = [];
    const bratDirs = new Set<string>();
    let orphansLeftOut = 0;
    let invalid = 0;
    let written = 0;
    const unreadable = await analyzeEach(files, options, { label: 'export', jobs: values.jobs, timing: values.timing }, async (report) => {
      if (report.sidecar.state === 'invalid') {
        invalid++;
        warn(`sourcemark: ${report.sidecarPath}: tags not exported: ${report.sidecar.problem.message}\n`);
      }
      const source = toReportSource(report, values['base-iri']);
      if (format !== 'brat') {
        sources.push(source);
        return;
      }
      // brat counts code points in the .txt it reads, so a BOM beside the source shifts them by one.
      const outDir = values['out-dir'];
      const { ann, orphansLeftOut: left } = toBrat(source, { scope, offsetShift: report.bom && !outDir ? 1 : 0 });
      orphansLeftOut += left;
      const base = outDir ? path.join(outDir, source.path.replace(/^(\.\.\/)+/, '')) : report.file;
      const annPath = `${base.replace(/\.txt$/i, '')}.ann`;
      await mkdir(path.dirname(annPath), { recursive: true });
      const txt = annPath.replace(/\.ann$/, '.txt');
      if (outDir && path.resolve(txt) !== path.resolve(report.file)) {
        // The copy is written without a BOM, so the offsets in the .ann hold for it.
        if (report.bom) await writeFile(txt, report.text, 'utf8');
        else await copyFile(report.file, txt);
      }
      await writeOutput(annPath, ann);
      written++;
      bratDirs.add(path.dirname(annPath));
    });

    if (format === 'brat') {
      for (const dir of bratDirs) await writeFile(path.join(dir, 'annotation.conf'), bratAnnotationConf(), { flag: 'wx' }).catch(() => undefined);
      if (orphansLeftOut) warn(`sourcemark: ${orphansLeftOut} orphaned tag(s) not exported: brat needs offsets, and their text is no longer in the source.\n`);
      warn(`sourcemark: wrote ${written} .ann file(s).\n`);
    } else {
      const content =
        format === 'w3c' ? `${escapeJsonText(JSON.stringify(toW3c(sources, { scope }), null, 2))}\n`
        : format === 'csv' ? toCsv(sources, { scope, guardFormulas: !values['keep-formulas'] })
        : `${escapeJsonText(JSON.stringify(toClaimReviews(sources, { ...(values.author ? { author: values.author } : {}), ...(values['url-base'] ? { urlBase: values['url-base'] } : {}) }), null, 2))}\n`;
      await writeOutput(values.out, content);
    }
    return missing + unreadable + invalid ? 1 : 0;
  },
};
