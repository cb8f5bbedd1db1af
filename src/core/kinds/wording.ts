// Small pieces of wording the kinds' descriptions share.
import type { TaggedFinding } from '../taggedFindings';

/** "1 mention", "4 mentions". */
export function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** " · tagged verified" after a finding's message, or nothing when it has no tag. */
export function tagSuffix(f: TaggedFinding): string {
  return f.annotation ? ` · tagged ${f.annotation.status}` : '';
}
