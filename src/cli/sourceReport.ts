import type { Analyzer } from '../core/analyzer';
import { loadSource, type LoadedSource } from '../core/loadSource';
import type { SourceOptions } from './options';

export { readSourceFile as readSource } from '../core/loadSource';

/** One source as the CLI sees it: its analysis with the tags from its sidecar attached. */
export interface SourceReport extends LoadedSource {
  file: string;
}

export async function reportSource(file: string, analyzer: Analyzer, options: SourceOptions): Promise<SourceReport> {
  return { file, ...(await loadSource(analyzer, { path: file, ignoreRoot: process.cwd() }, options)) };
}
