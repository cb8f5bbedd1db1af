// Findings for the describe() tests of each kind.
import type { Finding, FindingKind, TagStatus } from '../../../src/core/model';
import type { TaggedFinding } from '../../../src/core/taggedFindings';
import { ann } from '../tags/fixtures';

export function finding(kind: FindingKind, text: string, over: Partial<Finding> = {}): TaggedFinding {
  return { id: `${kind}:0:${text.length}`, kind, start: 0, end: text.length, text, region: 'body', score: 0.86, cues: [], ...over };
}

export const tag = (f: TaggedFinding, status: TagStatus = 'verified'): TaggedFinding =>
  ({ ...f, annotation: ann('a_1', f.start, f.end, { kind: f.kind, status }) });
