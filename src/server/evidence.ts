import * as l10n from '@vscode/l10n';
import type { Analyzer } from '../core/analyzer';
import type { Evidence, Sidecar } from '../core/tags/annotation';
import type { SidecarStore } from '../core/tags/sidecarStore';
import { relativeSourcePath, sourceLabel } from './crossSource';
import type { TagWithEvidenceArgs } from '../shared/protocol';
import type { SourcemarkSettings } from './settings';
import { checkClosedSource, folderPathsOf } from './sourcePaths';
import { loadState, type SourceState } from './sourceState';
import { TagError, type TagService } from './tagService';

export interface EvidenceContext {
  analyzer: Analyzer;
  store: SidecarStore;
  tags: TagService;
  folders: () => readonly string[];
  openState: (uri: string) => SourceState | undefined;
  settingsFor: (uri: string) => Promise<SourcemarkSettings>;
}

/** A source that is not open, analysed as if it were, so a tag can be put on it. */
async function closedState(ctx: EvidenceContext, uri: string): Promise<SourceState> {
  const settings = await ctx.settingsFor(uri);
  const check = await checkClosedSource(uri, folderPathsOf(ctx.folders()), settings.sources);
  if (!check.ok) throw new TagError(l10n.t('Only sources of the workspace can be cited, and {0} is not one: {1}.', sourceLabel(uri, ctx.folders()), check.reason));
  return loadState(ctx.analyzer, { uri, version: 0, settings }, ctx.store);
}

/**
 * The evidence for a tag that cites another source's finding: that finding's tag, which is created
 * (verified) when it has none, so the evidence always points at a tag. Returns the evidence and the
 * other source's sidecar when it was written.
 */
export async function citeFinding(ctx: EvidenceContext, args: TagWithEvidenceArgs): Promise<{ evidence: Evidence; written?: { state: SourceState; sidecar: Sidecar } }> {
  const { cite } = args;
  const state = ctx.openState(cite.uri) ?? (await closedState(ctx, cite.uri));
  const finding = state.tagged.findings.find((f) => f.kind === cite.kind && f.start === cite.start && f.end === cite.end);
  const label = sourceLabel(cite.uri, ctx.folders());
  if (!finding) {
    throw new TagError(l10n.t('The cited text is no longer at that place in {0} (it changed since it was indexed). Ask for the quick fixes again in a moment and retry.', label));
  }
  let annotation = finding.annotation;
  let written: { state: SourceState; sidecar: Sidecar } | undefined;
  if (!annotation) {
    const sidecar = await ctx.tags.apply(state, { uri: cite.uri, kind: cite.kind, start: cite.start, end: cite.end }, { op: 'set', status: 'verified' });
    annotation = sidecar?.annotations.find((a) => a.kind === cite.kind && a.target.start === cite.start && a.target.end === cite.end);
    if (!sidecar || !annotation) throw new TagError(l10n.t('Could not tag the cited text in {0}.', label));
    written = { state, sidecar };
  }
  return {
    evidence: { kind: 'annotation', source: relativeSourcePath(args.uri, cite.uri), annotationId: annotation.id, quote: annotation.target.exact },
    ...(written ? { written } : {}),
  };
}
