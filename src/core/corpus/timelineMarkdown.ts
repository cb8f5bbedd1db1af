import { escapeMarkdown } from '../text/escape';
import { runSteps, STEP_ITEMS, StepCounter, type Steps } from './steps';
import type { Timeline } from './timeline';

/** Source text is untrusted: no link, image, HTML or emphasis from it survives. */
const escape = (text: string) => escapeMarkdown(text.trim());

export interface TimelineMarkdownOptions {
  /** How a source is named (e.g. its path relative to the workspace). Default: the source id. */
  label?: (sourceId: string) => string;
}

/**
 * The timeline as a Markdown page: the disagreements first, then every date in time order with its
 * sources and sentences. Deterministic, so a report diffs well.
 */
export function formatTimelineMarkdown(timeline: Timeline, options: TimelineMarkdownOptions = {}): string {
  return runSteps(timelineMarkdownSteps(timeline, options, Infinity));
}

/** formatTimelineMarkdown in steps of about `size` lines of mentions (steps.ts). */
export function* timelineMarkdownSteps(timeline: Timeline, options: TimelineMarkdownOptions = {}, size = STEP_ITEMS): Steps<string> {
  const step = new StepCounter(size);
  const label = (id: string) => escape(options.label?.(id) ?? id);
  const lines: string[] = ['# Timeline', ''];
  const mentions = timeline.entries.reduce((n, e) => n + e.mentions.length, 0);
  lines.push(`${timeline.entries.length} dates, ${mentions} mentions. Left out: ${timeline.omitted.comments} in reader comments, ${timeline.omitted.unresolved} unresolved, ${timeline.omitted.durations} durations.`, '');
  if (timeline.disagreements.length) {
    lines.push('## Where the sources disagree', '');
    if (timeline.disagreementCount > timeline.disagreements.length) lines.push(`The first ${timeline.disagreements.length} of ${timeline.disagreementCount}.`, '');
    for (const c of timeline.disagreements) {
      if (step.tick()) yield;
      const [a, b] = c.sides;
      lines.push(`- **${label(a.sourceId)}** “${escape(a.focusText)}” (${escape(a.value)}) vs **${label(b.sourceId)}** “${escape(b.focusText)}” (${escape(b.value)})`);
      lines.push(`  - ${label(a.sourceId)}: ${escape(a.quote)}`);
      lines.push(`  - ${label(b.sourceId)}: ${escape(b.quote)}`);
    }
    lines.push('');
  }
  lines.push('## Dates', '');
  for (const e of timeline.entries) {
    const span = e.from === e.to ? e.from : `${e.from} … ${e.to}`;
    lines.push(`### ${escape(e.value)}${e.conflicts.length ? ' ⚠ sources disagree' : ''}`, '', `${span}`, '');
    for (const m of e.mentions) {
      if (step.tick()) yield;
      const derived = m.derivedFrom ? ` (${escape(m.derivedFrom)})` : '';
      const tag = m.tag ? ` · tagged ${m.tag.status}` : '';
      lines.push(`- **${label(m.sourceId)}** line ${m.at.line + 1}: “${escape(m.text)}”${derived}${tag}: ${escape(m.sentence)}`);
    }
    lines.push('');
  }
  return lines.join('\n').replace(/\n+$/, '\n');
}
