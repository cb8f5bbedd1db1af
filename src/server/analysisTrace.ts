// How long each step of an open source's analysis took, from the edit to its diagnostics written,
// sent to the client's trace log ($/logTrace) when it asks for one (VS Code: the Sourcemark output
// channel at log level Trace; `sourcemark.trace.server` verbose adds the marks as JSON), so that a
// slow keystroke is told apart step by step in any editor, and the benches read the same figures. Times are of the machine's monotonic clock
// (process.hrtime): one clock in every thread and process, so the worker's steps and a client's own
// marks line up with the main thread's.

/** The machine's monotonic clock, in ms. */
export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * The steps, in the order they happen, each named by the span that ends with it. A long source's
 * analysis runs in the worker (posted → began … encoded → received → decoded); a short one's on the
 * main thread (read → analysed).
 */
export const TRACE_STEPS = {
  changed: 'the edit',
  started: 'waited',
  read: 'settings and tags read',
  posted: 'job made',
  began: 'to the worker',
  analysed: 'analysis',
  encoded: 'delta to send',
  received: 'back',
  decoded: 'taken in',
  built: 'diagnostics',
  sent: 'written',
} as const;

export type TraceStep = keyof typeof TRACE_STEPS;

/** The worker's steps of one analysis, as its reply carries them. */
export type WorkerSteps = Pick<Record<TraceStep, number>, 'began' | 'analysed' | 'encoded'>;

const ORDER = Object.keys(TRACE_STEPS) as TraceStep[];

/** What the trace log shows of an analysis: a line for people, and its marks as JSON (`verbose`) for tools. */
export interface TraceEntry {
  message: string;
  verbose: string;
}

/** The marks of one analysis of an open source. */
export class AnalysisTrace {
  readonly marks: Partial<Record<TraceStep, number>> = {};

  constructor(readonly uri: string) {}

  mark(step: TraceStep, at = monotonicMs()): void {
    this.marks[step] = at;
  }

  /** The worker's own marks, from its reply. */
  worker(steps: WorkerSteps): void {
    this.marks.began = steps.began;
    this.marks.analysed = steps.analysed;
    this.marks.encoded = steps.encoded;
  }

  /** Each span between two marks in step order ("analysis 12.1 ms"), of document `version`, which ended in `diagnostics` sent; and the marks. */
  entry(version: number, diagnostics: number): TraceEntry {
    const spans: string[] = [];
    let last: number | undefined;
    for (const step of ORDER) {
      const at = this.marks[step];
      if (at === undefined) continue;
      if (last !== undefined) spans.push(`${TRACE_STEPS[step]} ${(at - last).toFixed(1)} ms`);
      last = at;
    }
    const first = ORDER.map((s) => this.marks[s]).find((t) => t !== undefined);
    const total = first !== undefined && last !== undefined ? ` (${(last - first).toFixed(1)} ms in all)` : '';
    return {
      message: `Analysed ${this.uri} (version ${version}), ${diagnostics} diagnostics${total}: ${spans.join(', ')}.`,
      verbose: JSON.stringify({ uri: this.uri, version, diagnostics, marks: this.marks }),
    };
  }
}
