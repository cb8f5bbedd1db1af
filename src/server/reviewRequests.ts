import * as l10n from '@vscode/l10n';
// The review's own records beyond tags: dismissals (in the sidecar, and the workspace's
// .sourcemark-ignore) and note threads. Lists them for clients (sourcemark/listDismissals,
// sourcemark/noteThreads); the commands that change them are in commands.ts.
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { findIgnoreFile, IGNORE_FILE_NAME, readIgnoreFile } from '../core/dismissals/ignoreFile';
import { DISMISSED_KIND } from '../core/tags/annotation';
import { LineIndex } from '../core/text/lineIndex';
import { cut } from '../core/text/shorten';
import {
  ListDismissalsRequest, NoteThreadsRequest,
  type ListDismissalsParams, type ListDismissalsResponse, type NoteThread, type NoteThreadsParams, type NoteThreadsResponse,
  type SourceDismissalItem, type WorkspaceDismissalItem,
} from '../shared/protocol';
import type { Feature, ServerContext } from './context';
import type { SourceState } from './sourceState';

const MAX_TEXT = 200;

/** The ignore file of a workspace folder: the nearest one above a source inside it, else the folder's own (to be made). */
export async function ignoreFileFor(ctx: ServerContext, sourceUri: string): Promise<{ path: string; folder: string } | undefined> {
  const file = URI.parse(sourceUri).fsPath;
  const folder = ctx.matcher.folderPaths.filter((f) => file.startsWith(f + path.sep)).sort((a, b) => b.length - a.length)[0];
  const found = await findIgnoreFile(path.dirname(file), folder);
  if (found) return { path: found, folder: folder ?? path.dirname(found) };
  return folder ? { path: path.join(folder, IGNORE_FILE_NAME), folder } : undefined;
}

export function sourceDismissals(state: SourceState): SourceDismissalItem[] {
  const items: SourceDismissalItem[] = [];
  const index = new LineIndex(state.text);
  const lines = (start: number, end: number) => rangeIn(index, start, end);
  for (const { dismissal: d, anchor } of state.tagged.dismissals) {
    items.push({
      id: d.id, uri: state.uri, dismissal: d.kind, kind: DISMISSED_KIND[d.kind], exact: cut(d.name ?? d.target.exact, MAX_TEXT),
      start: anchor.start, end: anchor.end, range: lines(anchor.start, anchor.end), createdAt: d.createdAt,
    });
  }
  for (const d of state.tagged.dismissalOrphans) {
    items.push({
      id: d.id, uri: state.uri, dismissal: d.kind, kind: DISMISSED_KIND[d.kind], exact: cut(d.name ?? d.target.exact, MAX_TEXT),
      start: d.target.start, end: d.target.end, createdAt: d.createdAt, ...(d.orphanedAt ? { orphanedAt: d.orphanedAt } : {}),
    });
  }
  return items.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
}

async function workspaceDismissals(paths: Iterable<{ path: string; folder: string }>): Promise<WorkspaceDismissalItem[]> {
  const items: WorkspaceDismissalItem[] = [];
  const seen = new Set<string>();
  for (const { path: file, folder } of paths) {
    if (seen.has(file)) continue;
    seen.add(file);
    const text = (await readIgnoreFile(file)).entries;
    text.forEach((entry, line) => items.push({ uri: URI.file(file).toString(), folderUri: URI.file(folder).toString(), entry, line }));
  }
  return items;
}

export function noteThreads(state: SourceState, p: NoteThreadsParams): NoteThread[] {
  const threads: NoteThread[] = [];
  const index = new LineIndex(state.text);
  const anchored = state.tagged.findings.filter((f) => f.annotation);
  for (const f of anchored) {
    const a = f.annotation!;
    if (p.annotationId !== undefined ? a.id !== p.annotationId : p.start !== undefined ? !(f.start === p.start && f.end === p.end && (!p.kind || f.kind === p.kind)) : !a.comments?.length) continue;
    threads.push({
      annotationId: a.id, kind: a.kind, status: a.status, start: f.start, end: f.end,
      range: rangeIn(index, f.start, f.end), comments: [...(a.comments ?? [])],
    });
  }
  for (const a of state.tagged.orphans) {
    if (p.annotationId !== undefined ? a.id !== p.annotationId : p.start !== undefined || !a.comments?.length) continue;
    threads.push({ annotationId: a.id, kind: a.kind, status: a.status, start: a.target.start, end: a.target.end, comments: [...(a.comments ?? [])] });
  }
  return threads;
}

/** An LSP range of [start, end) through a line index of the text. */
function rangeIn(lines: LineIndex, start: number, end: number) {
  const [sl, sc] = lines.position(start);
  const [el, ec] = lines.position(end);
  return { start: { line: sl, character: sc }, end: { line: el, character: ec } };
}

export function registerReviewRequests(ctx: ServerContext): Feature {
  const { connection, sources } = ctx;

  connection.onRequest(ListDismissalsRequest, async (p: ListDismissalsParams | undefined): Promise<ListDismissalsResponse> => {
    if (p !== undefined && p !== null && (typeof p !== 'object' || (p.uri !== undefined && typeof p.uri !== 'string'))) {
      throw new Error(l10n.t('sourcemark/listDismissals takes {0}.', '{uri?: string}'));
    }
    const uris = p?.uri ? [p.uri] : [...sources.uris()];
    const source: SourceDismissalItem[] = [];
    const files: { path: string; folder: string }[] = [];
    for (const uri of uris) {
      const state = await sources.current(uri);
      if (state) source.push(...sourceDismissals(state));
      const file = await ignoreFileFor(ctx, uri);
      if (file) files.push(file);
    }
    if (!p?.uri) for (const folder of ctx.matcher.folderPaths) files.push({ path: path.join(folder, IGNORE_FILE_NAME), folder });
    return { source, workspace: await workspaceDismissals(files) };
  });

  connection.onRequest(NoteThreadsRequest, async (p: NoteThreadsParams): Promise<NoteThreadsResponse> => {
    if (!p || typeof p.uri !== 'string') throw new Error(l10n.t('sourcemark/noteThreads takes {0} or {1}.', '{uri, annotationId?}', '{uri, kind?, start, end}'));
    const state = await sources.current(p.uri);
    if (!state) throw new Error(l10n.t('Open {0} in the editor first: note threads are read from open sources.', p.uri));
    return { threads: noteThreads(state, p) };
  });

  return {};
}
