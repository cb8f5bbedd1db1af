import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { TagStatus } from '../core/model';
import { rebaseSidecar } from '../core/taggedFindings';
import type { Annotation, DismissalKind, Evidence, Sidecar, UrlEvidence } from '../core/tags/annotation';
import { addComment, deleteComment, editComment } from '../core/tags/noteThread';
import { sha256Hex } from '../core/tags/quoteSelector';
import { checkAgainstSource, emptySidecar } from '../core/tags/sidecarFormat';
import { SIDECAR_SUFFIX, SidecarStoreError, type SidecarStore } from '../core/tags/sidecarStore';
import {
  addDismissal, citeUrl, clearTag, deleteAnnotation, reattachAnnotation, removeDismissal, removeUrl, setNote, setTag, setTags, updateAnnotation,
} from '../core/tags/tagOperations';
import type { TagCommandArgs } from '../shared/protocol';
import type { SourceState } from './sourceState';

/** A request the user can fix: the message says what happened and what to do. */
export class TagError extends Error {}

function updateAnnotationOrFail(sidecar: Sidecar, id: string, change: (a: Annotation) => Annotation): Sidecar {
  if (!sidecar.annotations.some((a) => a.id === id)) throw new TagError(l10n.t('That tag is no longer in the sidecar (cleared meanwhile?). Tag the finding again.'));
  return updateAnnotation(sidecar, id, change);
}

function annotationChange(a: Annotation, change: Extract<TagChange, { annotationId: string }>, now: Date): Annotation {
  switch (change.op) {
    case 'cite':
      return citeUrl(a, change.evidence, now);
    case 'uncite':
      return removeUrl(a, change.url, now);
    case 'comment': {
      if (change.action === 'add') return addComment(a, change.body, change.author, now).annotation;
      const next = change.action === 'edit' ? editComment(a, change.commentId, change.body, now) : deleteComment(a, change.commentId, now);
      if (!next) throw new TagError(l10n.t('That comment is no longer in the thread (deleted meanwhile?).'));
      return next;
    }
  }
}

export type TagChange =
  | { op: 'set'; status: TagStatus; evidence?: readonly Evidence[] }
  /** Tag several findings of `args.kind` at once, in one write (every mention of an entity). */
  | { op: 'setEach'; status: TagStatus; spans: readonly { start: number; end: number }[] }
  | { op: 'clear' }
  | { op: 'note'; note: string }
  /** Put the tag with this id (an orphan, usually) on [start, end) of the current text. */
  | { op: 'reattach'; id: string; start: number; end: number }
  /** Delete the tag with this id on purpose. */
  | { op: 'delete'; id: string }
  /** Only bring offsets, quotes and orphan marks in step with the text (after a save or an outside edit). */
  | { op: 'rebase' }
  /** Dismiss the finding at the arguments' place. */
  | { op: 'dismiss'; dismissal: DismissalKind; name?: string }
  /** Undo the dismissal with this id. */
  | { op: 'restore'; id: string }
  /** Add to, edit or delete from the note thread of the tag `annotationId`. */
  | { op: 'comment'; annotationId: string; action: 'add'; body: string; author: string }
  | { op: 'comment'; annotationId: string; action: 'edit'; commentId: string; body: string }
  | { op: 'comment'; annotationId: string; action: 'delete'; commentId: string }
  /** Cite a web page on the tag `annotationId`, or remove one. */
  | { op: 'cite'; annotationId: string; evidence: UrlEvidence }
  | { op: 'uncite'; annotationId: string; url: string };

/**
 * Applies tag commands to a source's sidecar through the store's locked read-modify-write: the change
 * is applied to what is on disk at that moment (so tags another window or the CLI saved meanwhile are
 * kept, merged by annotation id), after bringing the offsets of the tags this window knows in step with
 * the text. Changes to one sidecar from this process are also queued, so they apply in order.
 */
export class TagService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: SidecarStore, private readonly now: () => Date = () => new Date()) {}

  apply(state: SourceState, args: Partial<TagCommandArgs>, change: TagChange): Promise<Sidecar | undefined> {
    const previous = this.queues.get(state.sidecarPath) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.applyNow(state, args, change));
    this.queues.set(state.sidecarPath, next);
    return next;
  }

  /** Settles once every change queued so far has been written (or has failed). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  private async applyNow(state: SourceState, args: Partial<TagCommandArgs>, change: TagChange): Promise<Sidecar | undefined> {
    const finding = state.tagged.findings.find((f) => f.kind === args.kind && f.start === args.start && f.end === args.end);
    if ((change.op === 'set' || change.op === 'clear' || change.op === 'note' || change.op === 'dismiss') && !finding) {
      throw new TagError(l10n.t('That finding is no longer at this place in the text (the document changed). Ask for the quick fixes again and retry.'));
    }
    if (change.op === 'note' && !finding!.annotation) throw new TagError(l10n.t('Tag the finding first; a note belongs to a tag.'));
    if (change.op === 'setEach' && !change.spans.every((s) => state.tagged.findings.some((f) => f.kind === args.kind && f.start === s.start && f.end === s.end))) {
      throw new TagError(l10n.t('Some of those findings are no longer at their place in the text (the document changed). Retry the command.'));
    }
    const now = this.now();
    const textSha = sha256Hex(state.text);
    const sourceName = path.basename(state.sidecarPath.slice(0, -SIDECAR_SUFFIX.length));

    const result = await this.store.update(state.sidecarPath, (current) => {
      if (current) {
        const problem = checkAgainstSource(current, state.text, textSha);
        if (problem) throw new TagError(l10n.t('Cannot save the tag: {0} is not a valid sidecar. {1}', state.sidecarPath, problem.message));
      }
      if (!current && change.op === 'rebase') return undefined; // nothing to keep in step
      // The file names its source: after a rename of the sidecar on its own, it follows its new owner.
      const base = rebaseSidecar({ ...(current ?? emptySidecar(sourceName, textSha)), source: sourceName }, state.text, state.tagged, now);
      const key = finding ? { kind: finding.kind, start: finding.start, end: finding.end } : undefined;
      switch (change.op) {
        case 'set':
          return setTag(base, { ...key!, status: change.status, sourceText: state.text, now, ...(change.evidence ? { evidence: change.evidence } : {}) });
        case 'setEach':
          return setTags(base, change.spans.map((span) => ({ kind: args.kind!, ...span, status: change.status, sourceText: state.text, now })));
        case 'clear':
          return clearTag(base, key!);
        case 'note':
          return setNote(base, { ...key!, note: change.note, now });
        case 'reattach':
          if (!base.annotations.some((a) => a.id === change.id)) throw new TagError(l10n.t('That tag is no longer in the sidecar (deleted meanwhile?).'));
          if (change.end <= change.start) throw new TagError(l10n.t('Select the text the tag belongs to, then choose “Re-attach” again.'));
          return reattachAnnotation(base, { id: change.id, start: change.start, end: change.end, sourceText: state.text, now });
        case 'delete':
          return deleteAnnotation(base, change.id);
        case 'rebase':
          return base;
        case 'dismiss':
          return addDismissal(base, { kind: change.dismissal, start: key!.start, end: key!.end, sourceText: state.text, now, ...(change.name ? { name: change.name } : {}) }).sidecar;
        case 'restore':
          if (!(base.dismissals ?? []).some((d) => d.id === change.id)) throw new TagError(l10n.t('That dismissal is no longer in the sidecar (restored meanwhile?).'));
          return removeDismissal(base, change.id);
        case 'comment':
        case 'cite':
        case 'uncite':
          return updateAnnotationOrFail(base, change.annotationId, (a) => annotationChange(a, change, now));
      }
    }).catch((e: unknown) => {
      if (e instanceof TagError) throw e;
      if (e instanceof SidecarStoreError && e.problem) {
        throw new TagError(l10n.t('Cannot save the tag: {0} is not a valid sidecar. {1}', state.sidecarPath, e.problem.message));
      }
      throw new TagError(e instanceof Error ? e.message : String(e));
    });
    return result.sidecar;
  }
}
