// Which finding a command acts on. Pure: offsets in, items out.
import type { FindingItem, FindingKind } from '../shared/protocol';

export interface PickOptions {
  /** Only findings of this kind. */
  kind?: FindingKind;
  /** Prefer a finding that already has a tag (a note belongs to a tag). */
  preferTagged?: boolean;
}

/**
 * The finding a command at the selection means. A selection picks the finding it matches exactly,
 * else the narrowest one containing it. A bare cursor picks the claim around it (claims are what
 * gets tagged most), else the narrowest finding under it; select a name to act on the name.
 */
export function pickFinding<T extends FindingItem>(findings: readonly T[], selStart: number, selEnd: number, options: PickOptions = {}): T | undefined {
  const pool = options.kind ? findings.filter((f) => f.kind === options.kind) : findings;
  const narrowest = (list: T[]) => [...list].sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start);
  const tagged = (list: T[]) => (options.preferTagged && list.some((f) => f.status) ? list.filter((f) => f.status) : list);
  if (selStart !== selEnd) {
    const exact = tagged(pool.filter((f) => f.start === selStart && f.end === selEnd));
    if (exact.length) return narrowest(exact)[0];
    return narrowest(tagged(pool.filter((f) => f.start <= selStart && selEnd <= f.end)))[0];
  }
  const under = tagged(pool.filter((f) => f.start <= selStart && selStart <= f.end && f.end > f.start));
  const claims = under.filter((f) => f.kind === 'claim');
  return narrowest(claims.length ? claims : under)[0];
}

