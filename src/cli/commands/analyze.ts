import { FINDING_KINDS } from '../../core/model';
import { SIDECAR_SUFFIX } from '../../core/tags/sidecarName';
import { ANALYZE_JSON_VERSION, reportJson } from '../findingJson';
import { ANALYSIS_HELP, ANALYSIS_OPTIONS, analysisOptions, BATCH_HELP, BATCH_OPTIONS, HELP_OPTION, parse, UsageError } from '../options';
import { analyzeEach } from '../batch/analyzeEach';
import { namedSources } from '../sourceFiles';
import type { SourceReport } from '../sourceReport';
import { formatSummary } from '../summary';
import type { Command } from './command';
import { say, sayJson } from '../terminal';

export const analyzeCommand: Command = {
  name: 'analyze',
  summary: 'claims, entities, dates and quotations of each source, with their tags',
  usage: `sourcemark analyze [--json] [--kinds LIST] [options] FILE|DIR...

Prints the claims, named entities, dates and quotations of each source, with the tags from its
<file>${SIDECAR_SUFFIX} sidecar. Offsets are UTF-16 code units; --json output is documented in the README.
Exit code 0, 1 when a file could not be read (the others are still reported), 2 for bad arguments.

  --json                        the documented JSON (version ${ANALYZE_JSON_VERSION})
  --kinds LIST                  which kinds of findings (default: all of ${FINDING_KINDS.join(',')})
${ANALYSIS_HELP}
${BATCH_HELP}`,
  async run(argv) {
    const { values, positionals } = parse(argv, { ...ANALYSIS_OPTIONS, ...BATCH_OPTIONS, ...HELP_OPTION, json: { type: 'boolean', default: false }, kinds: { type: 'string' } });
    if (!positionals.length) throw new UsageError('give at least one source file or folder.');
    const options = analysisOptions(values);
    const { files, missing } = await namedSources(positionals, values.glob);
    const reports: SourceReport[] = [];
    const unreadable = await analyzeEach(files, options, { label: 'analyze', jobs: values.jobs, timing: values.timing }, (report) => {
      reports.push(report);
    });
    if (values.json) sayJson({ version: ANALYZE_JSON_VERSION, files: reports.map(reportJson) });
    else say(`${reports.map(formatSummary).join('\n\n')}\n`);
    return missing + unreadable ? 1 : 0;
  },
};
