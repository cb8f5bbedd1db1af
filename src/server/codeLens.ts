import * as l10n from '@vscode/l10n';
import type { CodeLens, Location } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { TAG_STATUSES } from '../core/model';
import { bestPerSource, rangeThere } from './crossSource';
import { SHOW_LINKED_COMMAND } from '../shared/protocol';
import type { SourceState } from './sourceState';
import type { Conflict } from '../core/corpus';
import { statusWord } from '../shared/words';

/**
 * A lens above each claim that other sources also state: "3 sources · 2 verified · 1 contradicted",
 * counting this source and the best matching claim of each other source, and their tags.
 */
export function codeLenses(doc: TextDocument, state: SourceState): CodeLens[] {
  const view = state.crossSource;
  if (!view || !state.settings.codeLens.enabled) return [];
  const out: CodeLens[] = [];
  // Each of this source's findings with the conflicts one of its sides is: filtered per claim, the
  // conflicts were read once per claim (claims × conflicts).
  const conflictsOf = new Map<string, Conflict[]>();
  for (const c of view.conflicts) {
    for (const id of new Set(c.sides.filter((s) => s.sourceId === state.uri).map((s) => s.findingId))) {
      const list = conflictsOf.get(id);
      if (list) list.push(c);
      else conflictsOf.set(id, [c]);
    }
  }
  for (const f of state.tagged.findings) {
    if (f.kind !== 'claim') continue;
    const links = bestPerSource(view.links.get(f.id) ?? []);
    if (!links.length) continue;
    const counts = new Map<string, number>();
    const statuses = [f.annotation?.status, ...links.map((l) => l.claim.tag?.status)];
    for (const s of statuses) if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
    // Open conflicts only: one whose two sides are tagged is settled (conflictPlaces.ts).
    const conflicts = (conflictsOf.get(f.id) ?? [])
      .filter((c) => !(f.annotation && c.sides.every((s) => (s.sourceId === state.uri && s.findingId === f.id) || s.tag))).length;
    const parts = [
      l10n.t('{0} sources', links.length + 1),
      ...TAG_STATUSES.filter((s) => counts.has(s)).map((s) => `${counts.get(s)} ${statusWord(s)}`),
    ];
    if (conflicts) parts.push(conflicts === 1 ? l10n.t('{0} conflict', conflicts) : l10n.t('{0} conflicts', conflicts));
    const position = doc.positionAt(f.start);
    out.push({
      range: { start: position, end: doc.positionAt(f.end) },
      command: {
        title: parts.join(' · '),
        command: SHOW_LINKED_COMMAND,
        arguments: [state.uri, position, links.map((l): Location => ({ uri: l.sourceId, range: rangeThere(view, l.sourceId, l.claim) }))],
      },
    });
  }
  return out;
}
