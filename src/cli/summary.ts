import * as path from 'node:path';
import type { TaggedFinding } from '../core/taggedFindings';
import { LineIndex } from '../core/text/lineIndex';
import { oneLine } from './oneLine';
import type { SourceReport } from './sourceReport';

/** A readable summary of one source: counts, the entities by mentions, claims and dates. */
export function formatSummary(r: SourceReport): string {
  const out: string[] = [];
  const name = path.relative(process.cwd(), r.file) || r.file;
  out.push(`${name}`);
  if (r.skippedReason) out.push(`  not analysed: ${r.skippedReason}`);
  if (r.sidecar.state === 'invalid') out.push(`  tags not loaded: ${r.sidecar.problem.message}`);
  const lines = new LineIndex(r.text);
  for (const n of r.analysis?.notes ?? []) out.push(`  note   L${String(lines.at(n.start).line).padEnd(4)} ${n.message}`);
  const all = r.tagged.findings;
  const of = (kind: TaggedFinding['kind']) => all.filter((f) => f.kind === kind);
  const claims = of('claim');
  const tagged = claims.filter((c) => c.annotation);
  const count = (s: string) => tagged.filter((c) => c.annotation!.status === s).length;
  out.push(
    `  ${claims.length} claims (${count('verified')} verified, ${count('speculative')} speculative, ${count('contradicted')} contradicted, ${claims.length - tagged.length} untagged) · ${of('entity').length} entity mentions · ${of('date').length} dates`,
  );
  const ref = r.analysis?.reference;
  out.push(`  dates resolved against: ${ref?.date ? `${ref.date} (${ref.from === 'document' ? 'stated by the source' : 'reference date'})` : 'nothing (no publication date stated; use --reference-date)'}`);

  const entities = new Map<string, { name: string; type: string; mentions: number }>();
  for (const e of of('entity')) if (e.entity) entities.set(e.entity.key, { name: e.entity.canonical, type: e.entity.type, mentions: e.entity.mentions });
  const top = [...entities.values()].sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name)).slice(0, 12);
  if (top.length) out.push(`  entities: ${top.map((e) => `${e.name} (${e.type}, ${e.mentions})`).join(', ')}`);

  for (const c of claims) {
    const { line } = lines.at(c.start);
    const tag = c.annotation ? `[${c.annotation.status}]` : '[untagged]';
    const extra = [
      c.claim?.attribution?.speaker ? `by ${c.claim.attribution.speaker}` : '',
      c.claim?.hedges.length ? `hedged: ${c.claim.hedges.join(', ')}` : '',
    ].filter(Boolean).join('; ');
    out.push(`  claim  L${String(line).padEnd(4)} ${c.score.toFixed(2)} ${tag.padEnd(14)} ${oneLine(c.text, 90)}${extra ? `  (${extra})` : ''}`);
  }
  for (const d of of('date')) {
    const { line } = lines.at(d.start);
    out.push(`  date   L${String(line).padEnd(4)} ${oneLine(d.text, 30).padEnd(22)} → ${d.date?.value ?? 'unresolved'}${d.date?.mod ? ` (${d.date.mod})` : ''}`);
  }
  for (const o of r.tagged.orphans) out.push(`  orphaned tag [${o.status}] "${oneLine(o.target.exact, 80)}" (its text is no longer in the source)`);
  return out.join('\n');
}
