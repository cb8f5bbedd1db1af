import type { Finding } from '../src/core/model';

/** The reviewable projection of a finding kept in test-fixtures/golden (one line per finding). */
export function goldenLine(f: Finding): string {
  const parts: (string | number)[] = [f.kind, `${f.start}-${f.end}`, f.region, f.score.toFixed(2)];
  if (f.entity) parts.push(`${f.entity.type} "${f.entity.canonical}" x${f.entity.mentions}`);
  if (f.date) parts.push(`${f.date.value ?? 'unresolved'}${f.date.mod ? ` ${f.date.mod}` : ''} ${f.date.timexType}`);
  if (f.claim) {
    if (f.claim.attribution) parts.push(`by ${f.claim.attribution.speaker ?? '?'} (${f.claim.attribution.cue})`);
    if (f.claim.hedges.length) parts.push(`hedges: ${f.claim.hedges.join(', ')}`);
  }
  if (f.quotation) {
    const s = f.quotation.speaker;
    const who = s ? `by ${s.entity ? `${s.entity.canonical} (${s.entity.type})` : `"${s.text}" (unnamed)`}${s.via ? ` via ${s.via}` : ''}` : 'no speaker';
    parts.push(`${f.quotation.form} ${who}${f.quotation.cue ? ` (${f.quotation.cue})` : ''}`);
  }
  parts.push(JSON.stringify(f.text.length > 100 ? `${f.text.slice(0, 99)}…` : f.text));
  return parts.join(' | ');
}

export const GOLDEN_REFERENCE_DATE = '2018-03-10';
