import { formatTimelineMarkdown, type CorpusIndex } from '../core/corpus';
import type { TimelineResponse } from '../shared/protocol';
import { sourceLabel } from './crossSource';

/** Answer to `sourcemark/timeline`: the data for a view, the names of its sources, and ready Markdown. */
export function timelineResponse(corpus: CorpusIndex, folders: readonly string[], indexing: boolean, includeComments = false): TimelineResponse {
  const timeline = corpus.timeline({ includeComments });
  const labels: Record<string, string> = {};
  const label = (id: string) => (labels[id] ??= sourceLabel(id, folders));
  for (const e of timeline.entries) for (const m of e.mentions) label(m.sourceId);
  for (const c of timeline.disagreements) for (const s of c.sides) label(s.sourceId);
  return { timeline, labels, markdown: formatTimelineMarkdown(timeline, { label }), indexed: corpus.size, indexing };
}
