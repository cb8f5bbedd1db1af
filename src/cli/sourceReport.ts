import { readFile } from 'node:fs/promises';
import type { Analyzer } from '../core/analyzer';
import type { AnalysisOptions } from '../core/model';
import { analyzeSource, type SourceAnalysis } from '../core/sourceAnalysis';
import { FileSidecarStore, sidecarPathFor, type SidecarRead } from '../core/tags/sidecarStore';
import { decodeSource } from '../core/text/sourceText';

/** One source as the CLI sees it: its analysis with the tags from its sidecar attached. */
export interface SourceReport extends SourceAnalysis {
  file: string;
  text: string;
  sidecarPath: string;
  sidecar: SidecarRead;
}

export async function reportSource(
  file: string,
  analyzer: Analyzer,
  options: Partial<AnalysisOptions> & { maxFileSizeMB?: number },
): Promise<SourceReport> {
  const text = decodeSource(await readFile(file));
  const sidecarPath = sidecarPathFor(file);
  const sidecar = await new FileSidecarStore().read(sidecarPath);
  return { file, text, sidecarPath, sidecar, ...analyzeSource(analyzer, text, sidecar.state === 'ok' ? sidecar.sidecar : undefined, options) };
}
