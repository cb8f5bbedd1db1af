import type { Analyzer } from '../core/analyzer';
import { analyzeSource, type SourceAnalysis } from '../core/sourceAnalysis';
import { FileSidecarStore, fitToSource, sidecarPathFor, type SidecarRead } from '../core/tags/sidecarStore';
import { readRegularFile } from '../core/files/regularFile';
import { decodeSource } from '../core/text/sourceText';
import type { SourceOptions } from './options';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Larger files are not read at all (a source over the analysis limit is still read, for its tags). */
const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

/** A source file's text as editors see it, and whether the file starts with a BOM (brat offsets count it). Only a regular file is read. */
export async function readSource(file: string): Promise<{ text: string; bom: boolean }> {
  const bytes = await readRegularFile(file, MAX_SOURCE_BYTES);
  if (bytes === undefined) throw new Error(`${file} does not exist`);
  return { text: decodeSource(bytes), bom: bytes.subarray(0, 3).equals(UTF8_BOM) };
}

/** One source as the CLI sees it: its analysis with the tags from its sidecar attached. */
export interface SourceReport extends SourceAnalysis {
  file: string;
  text: string;
  /** The file starts with a UTF-8 BOM (not part of `text`). */
  bom: boolean;
  sidecarPath: string;
  sidecar: SidecarRead;
}

export async function reportSource(file: string, analyzer: Analyzer, options: SourceOptions): Promise<SourceReport> {
  const { text, bom } = await readSource(file);
  const sidecarPath = sidecarPathFor(file);
  const sidecar = fitToSource(await new FileSidecarStore().read(sidecarPath), text);
  return { file, text, bom, sidecarPath, sidecar, ...analyzeSource(analyzer, text, sidecar.state === 'ok' ? sidecar.sidecar : undefined, options) };
}
