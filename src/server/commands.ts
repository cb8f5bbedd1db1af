// workspace/executeCommand: the tag commands (tag, clear, note, re-attach, delete, tag citing
// another source), tagging every mention of an entity, and re-analysing everything.
import * as l10n from '@vscode/l10n';
import { kindWord, statusWord } from '../shared/words';
import type { ExecuteCommandParams } from 'vscode-languageserver';
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { IGNORE_FILE_NAME, updateIgnoreFile } from '../core/dismissals/ignoreFile';
import { TAG_STATUSES } from '../core/model';
import { DISMISSAL_KINDS, DISMISSED_KIND } from '../core/tags/annotation';
import { defaultAuthor, makeUrlEvidence } from '../core/tags/tagOperations';
import {
  COMMANDS,
  type AddCommentArgs, type CiteUrlArgs, type CommandArguments, type CommandName, type CommandResult, type DeleteCommentArgs, type DeleteTagArgs,
  type DismissArgs, type EditCommentArgs, type ReattachTagArgs, type RemoveUrlArgs, type RestoreDismissalArgs, type SetNoteArgs, type SetTagArgs,
  type TagCommandArgs, type TagEntityMentionsArgs, type TagWithEvidenceArgs,
} from '../shared/protocol';
import { ignoreFileChanged } from './fileEvents';
import { ignoreFileFor } from './reviewRequests';
import { notifyClient } from './clientGone';
import type { Feature, ServerContext } from './context';
import type { CrossSourceFeatures } from './crossSourceFeatures';
import type { TagChange } from './tagService';

const COMMAND_NAMES = new Set<string>(Object.values(COMMANDS));
const isCommand = (name: string): name is CommandName => COMMAND_NAMES.has(name);

export function registerCommands(ctx: ServerContext, crossSource: CrossSourceFeatures, reanalyse: () => void): Feature {
  const { connection, sources, tags } = ctx;
  const showError = (message: string) => notifyClient(() => connection.window.showErrorMessage(message));
  const fail = (message: string): CommandResult => {
    showError(l10n.t('Sourcemark: {0}', message));
    return { ok: false, error: message };
  };

  /** Applies a tag change to the finding the arguments name, in an open source, and publishes the source again. */
  async function tagCommand(args: Partial<TagCommandArgs> & { uri: string }, change: () => Promise<TagChange> | TagChange): Promise<CommandResult> {
    const state = sources.get(args.uri);
    if (!state) {
      showError(l10n.t('Sourcemark: open the source in the editor before tagging it.'));
      return { ok: false };
    }
    try {
      await tags.apply(state, args as Partial<TagCommandArgs>, await change());
      await sources.refresh(state.uri);
      return { ok: true };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      showError(l10n.t('Sourcemark: {0}', message));
      return { ok: false, error: message };
    }
  }

  /** Every mention of the entity at the arguments' place gets the status, in one sidecar write. */
  async function tagEntityMentions(args: TagEntityMentionsArgs): Promise<CommandResult> {
    const state = args?.uri ? sources.get(args.uri) : undefined;
    if (!args || !state) return fail('open the source in the editor and put the cursor on an entity first.');
    const entity = state.tagged.findings.find((f) => f.kind === 'entity' && f.start === args.start && f.end === args.end)?.entity;
    if (!entity) return fail('there is no entity at the cursor. Put the cursor on a name (a person, organisation, place, product or event).');
    const mentions = state.tagged.findings.filter((f) => f.kind === 'entity' && f.entity?.key === entity.key && f.annotation?.status !== args.status);
    if (!mentions.length) return { ok: true, tagged: 0 };
    try {
      const spans = mentions.map((m) => ({ start: m.start, end: m.end }));
      const sidecar = await tags.apply(state, { uri: state.uri, kind: 'entity' }, { op: 'setEach', status: args.status, spans });
      if (sidecar) await sources.refresh(state.uri);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e));
    }
    return { ok: true, tagged: mentions.length };
  }

  /** The tag a thread command names: by id, or the tag of the finding at its place. */
  function annotationIdOf(a: AddCommentArgs): string | undefined {
    if ('annotationId' in a && typeof a.annotationId === 'string') return a.annotationId;
    const t = a as TagCommandArgs;
    return sources.get(a.uri)?.tagged.findings.find((f) => f.kind === t.kind && f.start === t.start && f.end === t.end)?.annotation?.id;
  }

  /** A change to a tag named by id (its thread, its cited pages). */
  async function threadCommand(uri: string, change: TagChange & { annotationId: string }): Promise<CommandResult> {
    const result = await tagCommand({ uri }, () => change);
    return result.ok ? { ...result, annotationId: change.annotationId } : result;
  }

  async function citeUrlCommand(a: CiteUrlArgs): Promise<CommandResult> {
    const state = sources.get(a.uri);
    if (!state) return fail(l10n.t('open the source in the editor before citing a web page for it.'));
    const checked = makeUrlEvidence(a, new Date());
    if (!checked.ok) return fail(checked.error);
    let finding = state.tagged.findings.find((f) => f.kind === a.kind && f.start === a.start && f.end === a.end);
    if (!finding) return fail(l10n.t('that finding is no longer at this place in the text (the document changed). Retry.'));
    if (!finding.annotation) {
      if (!a.status || !TAG_STATUSES.includes(a.status)) return fail(l10n.t('tag the finding first (verified, speculative or contradicted), then cite the page.'));
      const tagged = await tagCommand(a, () => ({ op: 'set', status: a.status! }));
      if (!tagged.ok) return tagged;
      finding = sources.get(a.uri)?.tagged.findings.find((f) => f.kind === a.kind && f.start === a.start && f.end === a.end);
      if (!finding?.annotation) return fail(l10n.t('the tag was not saved; retry.'));
    }
    return threadCommand(a.uri, { op: 'cite', annotationId: finding.annotation.id, evidence: checked.evidence });
  }

  async function dismiss(a: DismissArgs): Promise<CommandResult> {
    const state = sources.get(a.uri);
    if (!state) return fail(l10n.t('open the source in the editor before dismissing a finding in it.'));
    if (!DISMISSAL_KINDS.includes(a.dismissal)) return fail(l10n.t('dismissal must be one of {0}.', DISMISSAL_KINDS.join(', ')));
    const kind = DISMISSED_KIND[a.dismissal];
    const f = state.tagged.findings.find((x) => x.kind === kind && x.start === a.start && x.end === a.end);
    if (!f) return fail(l10n.t('there is no {0} at that place (the document changed?). Put the cursor on the {0} and retry.', kindWord(kind)));
    if (f.annotation) return fail(l10n.t('this {0} is tagged {1}: clear its tag first, then dismiss it.', kindWord(kind), statusWord(f.annotation.status)));
    const name = f.entity?.canonical ?? f.text;
    if (a.scope === 'workspace') {
      if (a.dismissal !== 'ignore-name') return fail(l10n.t('only names can be ignored in the whole workspace.'));
      const file = await ignoreFileFor(ctx, a.uri);
      if (!file) return fail(l10n.t('this source is not in a workspace folder: ignore the name in this source instead.'));
      try {
        await updateIgnoreFile(file.path, { kind: 'entity', value: name }, 'add');
      } catch (e) {
        return fail(l10n.t('could not write {0}: {1}.', file.path, e instanceof Error ? e.message : String(e)));
      }
      ignoreFileChanged(ctx, crossSource);
      return { ok: true };
    }
    const result = await tagCommand({ ...a, kind }, () => ({ op: 'dismiss', dismissal: a.dismissal, ...(a.dismissal === 'ignore-name' ? { name } : {}) }));
    if (!result.ok) return result;
    const id = sources.get(a.uri)?.tagged.dismissals.find((d) => d.dismissal.kind === a.dismissal && d.anchor.start === a.start && d.anchor.end === a.end)?.dismissal.id;
    return { ok: true, ...(id ? { dismissalId: id } : {}) };
  }

  async function restoreDismissal(a: RestoreDismissalArgs): Promise<CommandResult> {
    if (a.scope === 'workspace') {
      const file = URI.parse(a.uri).fsPath;
      // Only a workspace folder's own ignore files: a URI elsewhere is never written.
      const real = (p: string) => { try { return realpathSync(p); } catch { return undefined; } };
      const dir = real(path.dirname(file));
      const inWorkspace = dir !== undefined && ctx.matcher.folderPaths.some((f) => {
        const folder = real(f);
        return folder !== undefined && (dir === folder || dir.startsWith(folder + path.sep));
      });
      if (path.basename(file) !== IGNORE_FILE_NAME || !inWorkspace || a.entry?.kind !== 'entity' || typeof a.entry.value !== 'string') {
        return fail(l10n.t('restoring from the workspace takes the {0} file\'s URI and an entry {1}.', IGNORE_FILE_NAME, "{kind: 'entity', value}"));
      }
      try {
        await updateIgnoreFile(file, { kind: 'entity', value: a.entry.value }, 'remove');
      } catch (e) {
        return fail(l10n.t('could not write {0}: {1}.', String(file), e instanceof Error ? e.message : String(e)));
      }
      ignoreFileChanged(ctx, crossSource);
      return { ok: true };
    }
    if (typeof a.id !== 'string') return fail(l10n.t('restoring a dismissal takes its id (from sourcemark/listDismissals).'));
    return tagCommand(a, () => ({ op: 'restore', id: a.id }));
  }

  const handlers: { [C in CommandName]: (args: CommandArguments[C]) => Promise<CommandResult> } = {
    [COMMANDS.tag]: (a: SetTagArgs) => tagCommand(a, () => ({ op: 'set', status: a.status })),
    [COMMANDS.clearTag]: (a: TagCommandArgs) => tagCommand(a, () => ({ op: 'clear' })),
    [COMMANDS.setNote]: (a: SetNoteArgs) => tagCommand(a, () => ({ op: 'note', note: a.note ?? '' })),
    [COMMANDS.reattachTag]: async (a: ReattachTagArgs) => {
      if (a.version !== undefined && sources.get(a.uri)?.version !== a.version) {
        showError(l10n.t('Sourcemark: the document changed since you chose the text. Select it again and retry.'));
        return { ok: false };
      }
      return tagCommand(a, () => ({ op: 'reattach', id: a.id, start: a.start, end: a.end }));
    },
    [COMMANDS.deleteTag]: (a: DeleteTagArgs) => tagCommand(a, () => ({ op: 'delete', id: a.id })),
    [COMMANDS.tagWithEvidence]: (a: TagWithEvidenceArgs) => tagCommand(a, () => crossSource.tagWithEvidence(a)),
    [COMMANDS.tagEntityMentions]: tagEntityMentions,
    [COMMANDS.reanalyse]: async () => {
      reanalyse();
      return { ok: true };
    },
    [COMMANDS.dismiss]: dismiss,
    [COMMANDS.restoreDismissal]: restoreDismissal,
    [COMMANDS.addComment]: async (a: AddCommentArgs) => {
      if (typeof a.body !== 'string' || !a.body.trim()) return fail(l10n.t('write something in the comment first.'));
      const annotationId = annotationIdOf(a);
      if (!annotationId) return fail(l10n.t('tag the finding first; a note thread belongs to a tag.'));
      const author = typeof a.author === 'string' && a.author.trim() ? a.author.trim() : defaultAuthor();
      const result = await threadCommand(a.uri, { op: 'comment', annotationId, action: 'add', body: a.body, author });
      if (!result.ok) return result;
      const state = sources.get(a.uri);
      const thread = state?.tagged.findings.find((f) => f.annotation?.id === annotationId)?.annotation?.comments ?? [];
      return { ok: true, annotationId, ...(thread.length ? { commentId: thread[thread.length - 1]!.id } : {}) };
    },
    [COMMANDS.editComment]: (a: EditCommentArgs) => {
      if (typeof a.body !== 'string' || !a.body.trim()) return Promise.resolve(fail(l10n.t('a comment cannot be empty: delete it instead.')));
      return threadCommand(a.uri, { op: 'comment', annotationId: String(a.annotationId), action: 'edit', commentId: String(a.commentId), body: a.body });
    },
    [COMMANDS.deleteComment]: (a: DeleteCommentArgs) =>
      threadCommand(a.uri, { op: 'comment', annotationId: String(a.annotationId), action: 'delete', commentId: String(a.commentId) }),
    [COMMANDS.citeUrl]: citeUrlCommand,
    [COMMANDS.removeUrl]: (a: RemoveUrlArgs) => threadCommand(a.uri, { op: 'uncite', annotationId: String(a.annotationId), url: String(a.url) }),
  };

  connection.onExecuteCommand(async (params: ExecuteCommandParams): Promise<CommandResult> => {
    if (!isCommand(params.command)) return { ok: false };
    const args = params.arguments?.[0] as { uri?: unknown } | undefined;
    const needsFinding = params.command !== COMMANDS.reanalyse && params.command !== COMMANDS.tagEntityMentions;
    if (needsFinding && typeof args?.uri !== 'string') {
      showError(l10n.t('Sourcemark: {0} needs a finding to act on.', params.command));
      return { ok: false };
    }
    return (handlers[params.command] as (a: unknown) => Promise<CommandResult>)(args);
  });

  return { initialize: () => ({ executeCommandProvider: { commands: [...COMMAND_NAMES] } }) };
}
