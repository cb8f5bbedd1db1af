import type { ExecuteCommandParams } from 'vscode-languageserver';
import type { Sidecar } from '../core/tags/annotation';
import { EXTRA_COMMANDS, type TagEntityMentionsArgs } from './protocol';
import type { SourceState } from './sourceState';
import type { TagService } from './tagService';

export interface ExtraCommandContext {
  states: ReadonlyMap<string, SourceState>;
  tags: TagService;
  /** Called after a tag write: re-publishes the source. */
  written(state: SourceState): Promise<void>;
  /** Drops cached settings and sidecars and analyses every open source again. */
  reanalyse(): void;
  showError(message: string): void;
}

export type CommandResult = { ok: true; tagged?: number } | { ok: false; error?: string };

export const isExtraCommand = (command: string): boolean => (Object.values(EXTRA_COMMANDS) as string[]).includes(command);

/** Commands beyond single-finding tagging: tag every mention of an entity, and re-analyse. */
export async function executeExtraCommand(params: ExecuteCommandParams, ctx: ExtraCommandContext): Promise<CommandResult> {
  if (params.command === EXTRA_COMMANDS.reanalyse) {
    ctx.reanalyse();
    return { ok: true };
  }
  const args = params.arguments?.[0] as TagEntityMentionsArgs | undefined;
  const fail = (message: string): CommandResult => {
    ctx.showError(`Sourcemark: ${message}`);
    return { ok: false, error: message };
  };
  const state = args?.uri ? ctx.states.get(args.uri) : undefined;
  if (!args || !state) return fail('open the source in the editor and put the cursor on an entity first.');
  const entity = state.tagged.findings.find((f) => f.kind === 'entity' && f.start === args.start && f.end === args.end)?.entity;
  if (!entity) return fail('there is no entity at the cursor. Put the cursor on a name (a person, organisation, place, product or event).');
  const mentions = state.tagged.findings.filter((f) => f.kind === 'entity' && f.entity?.key === entity.key && f.annotation?.status !== args.status);
  if (!mentions.length) return { ok: true, tagged: 0 };
  try {
    const spans = mentions.map((m) => ({ start: m.start, end: m.end }));
    const sidecar = await ctx.tags.apply(state, { uri: state.uri, kind: 'entity' }, { op: 'setEach', status: args.status, spans });
    if (sidecar) await ctx.written(state);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  return { ok: true, tagged: mentions.length };
}
