import * as path from 'node:path';
import type { TagStatus } from '../core/model';
import { rebaseSidecar } from '../core/taggedFindings';
import type { Evidence, Sidecar } from '../core/tags/annotation';
import { emptySidecar } from '../core/tags/sidecarFormat';
import type { SidecarStore } from '../core/tags/sidecarStore';
import { sha256Hex } from '../core/tags/quoteSelector';
import { clearTag, setNote, setTag } from '../core/tags/tagOperations';
import type { TagCommandArgs } from './protocol';
import type { SourceState } from './sourceState';

/** A request the user can fix: the message says what happened and what to do. */
export class TagError extends Error {}

export type TagChange =
  | { op: 'set'; status: TagStatus; evidence?: readonly Evidence[] }
  | { op: 'clear' }
  | { op: 'note'; note: string };

/**
 * Applies tag commands to a source's sidecar: read what is there, bring its offsets in step with
 * the text, apply the change, write atomically. Writes to one sidecar are serialised.
 */
export class TagService {
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly store: SidecarStore, private readonly now: () => Date = () => new Date()) {}

  apply(state: SourceState, args: TagCommandArgs, change: TagChange): Promise<Sidecar> {
    const previous = this.queues.get(state.sidecarPath) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.applyNow(state, args, change));
    this.queues.set(state.sidecarPath, next);
    return next;
  }

  private async applyNow(state: SourceState, args: TagCommandArgs, change: TagChange): Promise<Sidecar> {
    const finding = state.tagged.findings.find((f) => f.kind === args.kind && f.start === args.start && f.end === args.end);
    if (!finding) {
      throw new TagError('That finding is no longer at this place in the text (the document changed). Open the lightbulb again and retry.');
    }
    // Re-read: another window or the CLI may have written since we loaded it.
    const current = await this.store.read(state.sidecarPath);
    if (current.state === 'invalid') {
      throw new TagError(`Cannot save the tag: ${state.sidecarPath} is not a valid sidecar. ${current.problem.message}`);
    }
    const base = current.state === 'ok'
      ? rebaseSidecar(current.sidecar, state.text, state.tagged)
      : emptySidecar(path.basename(state.sidecarPath).replace(/\.annotations\.json$/, ''), sha256Hex(state.text));
    const key = { kind: finding.kind, start: finding.start, end: finding.end };
    let updated: Sidecar;
    switch (change.op) {
      case 'set':
        updated = setTag(base, { ...key, status: change.status, sourceText: state.text, now: this.now(), ...(change.evidence ? { evidence: change.evidence } : {}) });
        break;
      case 'clear':
        updated = clearTag(base, key);
        break;
      case 'note':
        if (!finding.annotation) throw new TagError('Tag the finding first; a note belongs to a tag.');
        updated = setNote(base, { ...key, note: change.note, now: this.now() });
        break;
    }
    await this.store.write(state.sidecarPath, updated);
    return updated;
  }
}
