import { readFile, stat } from 'node:fs/promises';
import type { Analyzer } from '../core/analyzer';
import { digestSource, type SourceDigest } from '../core/corpus';
import type { FindingKind } from '../core/model';
import { analyzeSource } from '../core/sourceAnalysis';
import { sidecarPathFor, type SidecarStore } from '../core/tags/sidecarStore';
import { decodeSource } from '../core/text/sourceText';

/** One source file to index: plain data, so it can be posted to a worker thread. */
export interface IndexJob {
  uri: string;
  path: string;
  referenceDate?: string;
  claimThreshold: number;
  kinds: FindingKind[];
  maxFileSizeMB: number;
  /** The editor's text of an open source (large ones are digested off the main thread too); else read from disk. */
  text?: string;
  /** For open sources: which analysis of the document this is, so an older result never replaces a newer one. */
  openSeq?: number;
}

/**
 * Reads a source that is not open in the editor, with its tags, analyses it like an open one and
 * returns its digest for the cross-source index. A file over the size limit is not even read.
 */
export async function indexSourceFile(analyzer: Analyzer, store: SidecarStore, job: IndexJob): Promise<SourceDigest> {
  if (job.text === undefined) {
    const info = await stat(job.path);
    if (info.size > job.maxFileSizeMB * 1024 * 1024) {
      return { version: 1, claims: [], entities: [], dates: [], skipped: `larger than ${job.maxFileSizeMB} MB` };
    }
  }
  const text = job.text ?? decodeSource(await readFile(job.path));
  const sidecar = await store.read(sidecarPathFor(job.path)).catch(() => undefined);
  const analysed = analyzeSource(analyzer, text, sidecar?.state === 'ok' ? sidecar.sidecar : undefined, {
    ...(job.referenceDate ? { referenceDate: job.referenceDate } : {}),
    claimThreshold: job.claimThreshold,
    kinds: job.kinds,
    maxFileSizeMB: job.maxFileSizeMB,
  });
  return digestSource(text, analysed);
}
