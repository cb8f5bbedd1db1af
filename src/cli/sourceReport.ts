import { readFile } from 'node:fs/promises';
import { Analyzer } from '../core/analyzer';
import type { AnalysisOptions, AnalysisResult } from '../core/model';
import { attachTags, type TaggedFindings } from '../core/taggedFindings';
import { FileSidecarStore, sidecarPathFor, type SidecarRead } from '../core/tags/sidecarStore';
import { checkAnalysable, decodeSource } from '../core/text/sourceText';

/** One source as the CLI sees it: its analysis with the tags from its sidecar attached. */
export interface SourceReport {
  file: string;
  text: string;
  analysis?: AnalysisResult;
  skipped?: string;
  sidecarPath: string;
  sidecar: SidecarRead;
  tagged: TaggedFindings;
}

export async function reportSource(
  file: string,
  analyzer: Analyzer,
  options: Partial<AnalysisOptions> & { maxFileSizeMB?: number },
): Promise<SourceReport> {
  const text = decodeSource(await readFile(file));
  const sidecarPath = sidecarPathFor(file);
  const sidecar = await new FileSidecarStore().read(sidecarPath);
  const check = checkAnalysable(text, options.maxFileSizeMB);
  const analysis = check.ok ? analyzer.analyze(text, options) : undefined;
  const tagged = attachTags(text, analysis?.findings ?? [], sidecar.state === 'ok' ? sidecar.sidecar : undefined);
  return { file, text, analysis, ...(check.ok ? {} : { skipped: check.reason }), sidecarPath, sidecar, tagged };
}
