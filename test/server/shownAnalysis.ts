// What the main thread holds of a long open source's analysis (ShownAnalysis): all of it but the
// analysis's own lists, defined here apart from analysisWire.ts so the tests hold the wire to it.
import { deserialize, serialize } from 'node:v8';
import type { ShownAnalysis, SourceAnalysis } from '../../src/core/sourceAnalysis';

/** `a` without its analysis's findings, repeats and region spans, as one structured clone. */
export function shown(a: SourceAnalysis): ShownAnalysis {
  if (!a.analysis) return deserialize(serialize(a)) as ShownAnalysis;
  const { findings: _findings, repeats: _repeats, regions: _regions, ...summary } = a.analysis;
  return deserialize(serialize({ ...a, analysis: summary })) as ShownAnalysis;
}
