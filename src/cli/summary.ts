import * as path from 'node:path';
import { describe } from '../core/kinds';
import { countOf, FINDING_KINDS, type FindingKind } from '../core/model';
import { countFindings } from '../core/sourceCounts';
import type { TaggedFinding } from '../core/taggedFindings';
import { LineIndex } from '../core/text/lineIndex';
import { toPlain } from '../core/text/richText';
import { oneLine } from '../core/text/shorten';
import type { SourceReport } from './sourceReport';

/** A readable summary of one source: counts, the entities by mentions, then each other finding on a line. */
export function formatSummary(r: SourceReport): string {
  const out: string[] = [];
  const name = path.relative(process.cwd(), r.file) || r.file;
  out.push(`${name}`);
  if (r.skippedReason) out.push(`  not analysed: ${r.skippedReason}`);
  if (r.sidecar.state === 'invalid') out.push(`  tags not loaded: ${r.sidecar.problem.message}`);
  const lines = new LineIndex(r.text);
  for (const n of r.analysis?.notes ?? []) out.push(`  note   L${String(lines.at(n.start).line).padEnd(4)} ${n.message}`);
  const c = countFindings(r.tagged);
  const others = FINDING_KINDS.filter((k) => k !== 'claim').map((k) => ` · ${countOf(k, c.byKind[k])}`).join('');
  out.push(`  ${countOf('claim', c.byKind.claim)} (${c.verified} verified, ${c.speculative} speculative, ${c.contradicted} contradicted, ${c.untagged} untagged)${others}`);
  const ref = r.analysis?.reference;
  out.push(`  dates resolved against: ${ref?.date ? `${ref.date} (${ref.from === 'document' ? 'stated by the source' : 'reference date'})` : 'nothing (no publication date stated; use --reference-date)'}`);

  const of = (kind: FindingKind) => r.tagged.findings.filter((f) => f.kind === kind);
  // Entities are summarised, most mentioned first; every other finding gets a line.
  const entities = new Map<string, { name: string; type: string; mentions: number }>();
  for (const e of of('entity')) if (e.entity) entities.set(e.entity.key, { name: e.entity.canonical, type: e.entity.type, mentions: e.entity.mentions });
  const top = [...entities.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)).slice(0, 12);
  if (top.length) out.push(`  entities: ${top.map((e) => `${e.name} (${e.type}, ${e.mentions})`).join(', ')}`);

  for (const kind of FINDING_KINDS) {
    if (kind === 'entity') continue;
    for (const f of of(kind)) out.push(`  ${kind.padEnd(6)} L${String(lines.at(f.start).line).padEnd(4)} ${findingLine(f, r)}`);
  }
  for (const o of r.tagged.orphans) out.push(`  orphaned tag [${o.status}] "${oneLine(o.target.exact, 80)}" (its text is no longer in the source)`);
  return out.join('\n');
}

/** What follows a finding's kind and line: a claim's score, tag and text; a date's value; otherwise its description. */
function findingLine(f: TaggedFinding, r: SourceReport): string {
  const d = describe(f, r.analysis);
  switch (f.kind) {
    case 'claim': {
      const tag = f.annotation ? `[${f.annotation.status}]` : '[untagged]';
      return `${f.score.toFixed(2)} ${tag.padEnd(14)} ${oneLine(f.text, 90)}${d.notes.length ? `  (${d.notes.join('; ')})` : ''}`;
    }
    case 'date':
      return `${oneLine(f.text, 30).padEnd(22)} → ${d.value ?? 'unresolved'}${f.date?.mod ? ` (${f.date.mod})` : ''}`;
    default:
      return oneLine(toPlain(d.message), 120);
  }
}
