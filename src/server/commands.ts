// workspace/executeCommand: the tag commands (tag, clear, note, re-attach, delete, tag citing
// another source), tagging every mention of an entity, and re-analysing everything.
import type { ExecuteCommandParams } from 'vscode-languageserver';
import {
  COMMANDS,
  type CommandArguments, type CommandName, type CommandResult, type DeleteTagArgs, type ReattachTagArgs, type SetNoteArgs, type SetTagArgs,
  type TagCommandArgs, type TagEntityMentionsArgs, type TagWithEvidenceArgs,
} from '../shared/protocol';
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
    showError(`Sourcemark: ${message}`);
    return { ok: false, error: message };
  };

  /** Applies a tag change to the finding the arguments name, in an open source, and publishes the source again. */
  async function tagCommand(args: TagCommandArgs | ReattachTagArgs | DeleteTagArgs, change: () => Promise<TagChange> | TagChange): Promise<CommandResult> {
    const state = sources.get(args.uri);
    if (!state) {
      showError('Sourcemark: open the source in the editor before tagging it.');
      return { ok: false };
    }
    try {
      await tags.apply(state, args as Partial<TagCommandArgs>, await change());
      await sources.refresh(state.uri);
      return { ok: true };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      showError(`Sourcemark: ${message}`);
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

  const handlers: { [C in CommandName]: (args: CommandArguments[C]) => Promise<CommandResult> } = {
    [COMMANDS.tag]: (a: SetTagArgs) => tagCommand(a, () => ({ op: 'set', status: a.status })),
    [COMMANDS.clearTag]: (a: TagCommandArgs) => tagCommand(a, () => ({ op: 'clear' })),
    [COMMANDS.setNote]: (a: SetNoteArgs) => tagCommand(a, () => ({ op: 'note', note: a.note ?? '' })),
    [COMMANDS.reattachTag]: async (a: ReattachTagArgs) => {
      if (a.version !== undefined && sources.get(a.uri)?.version !== a.version) {
        showError('Sourcemark: the document changed since you chose the text. Select it again and retry.');
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
    // Contract first (issue 12): these land with their implementation in the next commits.
    [COMMANDS.dismiss]: async () => fail('dismissing findings is not available yet.'),
    [COMMANDS.restoreDismissal]: async () => fail('restoring dismissals is not available yet.'),
    [COMMANDS.addComment]: async () => fail('note threads are not available yet.'),
    [COMMANDS.editComment]: async () => fail('note threads are not available yet.'),
    [COMMANDS.deleteComment]: async () => fail('note threads are not available yet.'),
    [COMMANDS.citeUrl]: async () => fail('citing web pages is not available yet.'),
    [COMMANDS.removeUrl]: async () => fail('citing web pages is not available yet.'),
  };

  connection.onExecuteCommand(async (params: ExecuteCommandParams): Promise<CommandResult> => {
    if (!isCommand(params.command)) return { ok: false };
    const args = params.arguments?.[0] as { uri?: unknown } | undefined;
    const needsFinding = params.command !== COMMANDS.reanalyse && params.command !== COMMANDS.tagEntityMentions;
    if (needsFinding && typeof args?.uri !== 'string') {
      showError(`Sourcemark: ${params.command} needs a finding to act on.`);
      return { ok: false };
    }
    return (handlers[params.command] as (a: unknown) => Promise<CommandResult>)(args);
  });

  return { initialize: () => ({ executeCommandProvider: { commands: [...COMMAND_NAMES] } }) };
}
