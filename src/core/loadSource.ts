// One source read and analysed with its tags: what the editor, the workspace index, the Sourcemark
// view and the CLI all start from.
import { isUtf8 } from 'node:buffer';
import { dirname } from 'node:path';
import { sha256InSlices } from './corpus/digestCache';
import type { Analyzer } from './analyzer';
import { ignoredNamesFor } from './dismissals/ignoreFile';
import { readRegularFile } from './files/regularFile';
import { analyzeSource, type ShownAnalysis, type SourceOptions } from './sourceAnalysis';
import type { Span } from './taggedFindings';
import { FileSidecarStore, fitToSource, readOrInvalid, sidecarPathFor, type SidecarRead, type SidecarStore } from './tags/sidecarStore';
import { decodeSource } from './text/sourceText';

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Larger files are not read at all (a source over the analysis limit is still read, for its tags). */
const MAX_SOURCE_BYTES = 512 * 1024 * 1024;

/** A source file's text as editors see it, and whether the file starts with a BOM (brat offsets count it). Only a regular file is read. */
export async function readSourceFile(path: string): Promise<{ text: string; bom: boolean }> {
  const bytes = await readRegularFile(path, MAX_SOURCE_BYTES);
  if (bytes === undefined) throw Object.assign(new Error(`${path} does not exist`), { code: 'ENOENT' });
  return { text: decodeSource(bytes), bom: bytes.subarray(0, 3).equals(UTF8_BOM) };
}

/**
 * sha256 of the file's text as readSourceFile gives it (its UTF-8, as sha256(text) hashes it), a
 * slice per turn of the event loop. Valid UTF-8 is that text's UTF-8 already (its BOM aside): it is
 * hashed as it is, not decoded (13 ms of a 6 MB source) and encoded again.
 */
export async function sourceTextSha256(path: string): Promise<string> {
  const bytes = await readRegularFile(path, MAX_SOURCE_BYTES);
  if (bytes === undefined) throw Object.assign(new Error(`${path} does not exist`), { code: 'ENOENT' });
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  // A second BOM goes too (decodeSource): decoded, as anything not UTF-8.
  const asItIs = isUtf8(body) && !body.subarray(0, 3).equals(UTF8_BOM);
  return sha256InSlices(asItIs ? body : decodeSource(bytes));
}

export interface SourceToLoad {
  /** The source file; its sidecar is `<path>.annotations.json` beside it. */
  path: string;
  /** The text as an editor holds it; read from the file when absent. */
  text?: string;
  /** The sidecar as already read (a cache); read from the store when absent. */
  sidecar?: SidecarRead;
  /** Tag ranges the editor kept in step with edits, by annotation id (open documents only). */
  tracked?: ReadonlyMap<string, Span>;
  /**
   * Where the search for `.sourcemark-ignore` stops when the options carry no ignored names: the
   * workspace folder, or the folder the CLI runs in. Absent: the source's own folder only.
   */
  ignoreRoot?: string;
}

export interface LoadedSource extends ShownAnalysis {
  text: string;
  /** The file starts with a UTF-8 BOM (not part of `text`); false for an editor's text. */
  bom: boolean;
  sidecarPath: string;
  /** The sidecar as read; one whose fingerprint names this very text but does not fit it is invalid. */
  sidecar: SidecarRead;
}

/**
 * Reads a source (unless its text is given) and its sidecar (unless given), checks the sidecar
 * against the text, analyses the text and attaches the tags. A sidecar that cannot be read at all
 * counts as invalid: its tags are not loaded and it is never overwritten.
 */
export async function loadSource(
  analyzer: Analyzer, source: SourceToLoad, options: SourceOptions, store: SidecarStore = new FileSidecarStore(),
  /** Analyses in place of analyzeSource (the server analyses long open sources off its main thread). */
  analyse?: (...args: Parameters<typeof analyzeSource>) => Promise<ShownAnalysis>,
): Promise<LoadedSource> {
  const file = source.text === undefined ? await readSourceFile(source.path) : { text: source.text, bom: false };
  const sidecarPath = sidecarPathFor(source.path);
  const sidecar = fitToSource(source.sidecar ?? (await readOrInvalid(store, sidecarPath)), file.text);
  const tags = sidecar.state === 'ok' ? sidecar.sidecar : undefined;
  const ignoredNames = options.ignoredNames ?? (await ignoredNamesFor(dirname(source.path), source.ignoreRoot ?? dirname(source.path)));
  const analysed = await (analyse ?? analyzeSource)(analyzer, file.text, tags, { ...options, ignoredNames }, source.tracked);
  return { ...file, sidecarPath, sidecar, ...analysed };
}
