import { timelineMarkdownSteps, type CorpusIndex } from '../core/corpus';
import { STEP_ITEMS } from '../core/corpus/steps';
import type { TimelineResponse } from '../shared/protocol';
import { sourceLabel } from './crossSource';
import { inSteps } from './slices';

/**
 * Answer to `sourcemark/timeline`: the data for a view, the names of its sources, and ready Markdown;
 * made a step per turn of the event loop (a workspace of 2,000 sources held the server 0.4–1.4 s).
 */
export async function timelineResponse(corpus: CorpusIndex, folders: readonly string[], indexing: boolean, includeComments = false): Promise<TimelineResponse> {
  const timeline = await inSteps(corpus.timelineInSteps({ includeComments }, STEP_ITEMS), STEP_ITEMS);
  const labels: Record<string, string> = {};
  const label = (id: string) => (labels[id] ??= sourceLabel(id, folders));
  for (const e of timeline.entries) for (const m of e.mentions) label(m.sourceId);
  for (const c of timeline.disagreements) for (const s of c.sides) label(s.sourceId);
  const markdown = await inSteps(timelineMarkdownSteps(timeline, { label }, STEP_ITEMS), STEP_ITEMS);
  return { timeline, labels, markdown, indexed: corpus.size, indexing };
}
