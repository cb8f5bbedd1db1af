// What `sourcemark check` reports of one source, and the part of it the digest cache keeps
// (batch/checkCache.ts): everything but the paths, which depend on the working folder.
import { LineIndex } from '../core/text/lineIndex';
import { sidecarPathFor } from '../core/tags/sidecarStore';
import { displayPath } from './sourceFiles';
import type { SourceReport } from './sourceReport';

export interface CheckFile {
  file: string;
  sidecar: { path: string; state: 'missing' | 'ok' | 'invalid'; problem?: string };
  skipped?: string;
  /** Why the source could not be read at all. */
  unreadable?: string;
  untagged: { line: number; column: number; start: number; end: number; text: string; score: number }[];
  orphans: { id: string; kind: string; status: string; exact: string; line: number; column: number }[];
}

export function checkFile(r: SourceReport): CheckFile {
  const lines = new LineIndex(r.text);
  return {
    file: displayPath(r.file),
    sidecar: { path: displayPath(r.sidecarPath), state: r.sidecar.state, ...(r.sidecar.state === 'invalid' ? { problem: r.sidecar.problem.message } : {}) },
    ...(r.skippedReason ? { skipped: r.skippedReason } : {}),
    untagged: r.tagged.findings
      .filter((f) => f.kind === 'claim' && !f.annotation)
      .map((f) => ({ ...lines.at(f.start), start: f.start, end: f.end, text: f.text, score: f.score })),
    // The text is gone, so an orphan is placed where the editor shows it: the first line.
    orphans: r.tagged.orphans.map((o) => ({ id: o.id, kind: o.kind, status: o.status, exact: o.target.exact, line: 1, column: 1 })),
  };
}

/** A check result as cached: only sources without a problem are kept, so no problem, skip or unreadable field. */
export interface CachedCheck {
  sidecarState: 'missing' | 'ok';
  untagged: CheckFile['untagged'];
  orphans: CheckFile['orphans'];
}

/** The cacheable part of a result, or undefined when it has a problem (those are checked every time). */
export function cachedCheckOf(f: CheckFile): CachedCheck | undefined {
  if (f.skipped || f.unreadable || f.sidecar.state === 'invalid') return undefined;
  return { sidecarState: f.sidecar.state, untagged: f.untagged, orphans: f.orphans };
}

/** The result again, with paths as seen from this working folder; the same fields in the same order as checkFile makes. */
export function checkFileFromCache(file: string, c: CachedCheck): CheckFile {
  return { file: displayPath(file), sidecar: { path: displayPath(sidecarPathFor(file)), state: c.sidecarState }, untagged: c.untagged, orphans: c.orphans };
}
