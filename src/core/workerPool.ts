// A pool of worker threads that run tasks and answer each with one reply: the workspace index's
// analysis workers and the CLI's batch workers are both this. (A pool library such as piscina
// loads its own worker script from node_modules, which a single-file esbuild bundle does not have.)
import type { Worker } from 'node:worker_threads';

interface Pending<Reply> {
  id: number;
  task: object;
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
  signal?: AbortSignal;
}

interface Slot<Reply> {
  worker: Worker;
  running: Map<number, Pending<Reply>>;
  /** The id of a task of this worker's that its owner cancelled (see `cancelledTask`). */
  cancelled: Int32Array;
}

/** What a task's promise rejects with once its signal aborted it. */
export class TaskCancelledError extends Error {
  constructor() {
    super('the task was cancelled');
    this.name = 'TaskCancelledError';
  }
}

/**
 * In a pool's worker: whether its owner cancelled task `id`. `cell` is the one the pool gave the
 * worker's `start`; shared memory, so a synchronous analysis sees a cancellation while it runs (a
 * message would wait for it to end). Cheap enough to ask once per paragraph.
 */
export function cancelledTask(cell: Int32Array | undefined, id: number): () => boolean {
  return cell ? () => Atomics.load(cell, 0) === id : () => false;
}

export interface WorkerPoolOptions {
  /** Tasks given to one worker at a time: 2 keeps a worker busy across the round trip of a reply. */
  perWorker?: number;
  /** Told of a worker that failed (its tasks are rejected with the error, and it is replaced). */
  onWorkerError?: (error: Error) => void;
  /** Let the process exit while workers are idle. */
  unref?: boolean;
  /** Told of a message that answers no task (a worker's follow-up to a reply it already gave). */
  onOther?: (message: object) => void;
  /**
   * Stops the workers once no task has waited or run for this long; the next task starts them
   * again. An idle worker still holds its heap (V8 grows it to a few times what is live), its
   * caches and its compiled code (~150 MB per index worker right after indexing 2,000 sources).
   */
  idleMs?: number;
  /** Whether the owner lets idle workers stop now (they hold state it still needs, say); default yes. Asked again when the wait ends. */
  mayStop?: () => boolean;
  /** Told when idle workers were stopped. */
  onIdleStop?: () => void;
}

/**
 * Runs tasks on `size` workers made by `start`. A task is posted as `{ id, ...task }`; the worker
 * answers `{ id, ...reply }`. Tasks wait in order (or ahead of the others with `first`) for a free
 * worker. A worker that fails or stops rejects what it was running and is replaced. A task whose
 * `signal` aborts rejects with TaskCancelledError: one still waiting never runs, a running one is
 * told through the `cancelled` cell `start` got (a worker that reads it stops early; its reply is
 * dropped either way).
 */
export class WorkerPool<Task extends object, Reply extends object> {
  private readonly slots: Slot<Reply>[] = [];
  private readonly queue: Pending<Reply>[] = [];
  private readonly perWorker: number;
  private nextId = 1;
  private closed = false;
  private idleTimer?: NodeJS.Timeout;

  constructor(private readonly start: (cancelled: Int32Array) => Worker, private readonly workers: number, private readonly options: WorkerPoolOptions = {}) {
    this.perWorker = Math.max(1, options.perWorker ?? 1);
    this.startWorkers();
  }

  /** Workers the pool runs (stopped while idle, see `idleMs`, they count: the next task starts them). */
  get size(): number {
    return this.workers;
  }

  /** Tasks that can run at once. */
  get capacity(): number {
    return this.workers * this.perWorker;
  }

  /** Whether the workers are running (not stopped while idle). */
  get running(): boolean {
    return this.slots.length > 0;
  }

  run(task: Task, options: { first?: boolean; signal?: AbortSignal } = {}): Promise<Reply> {
    if (this.closed) return Promise.reject(new Error('the worker pool was shut down'));
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new TaskCancelledError());
    clearTimeout(this.idleTimer);
    if (!this.slots.length) this.startWorkers();
    return new Promise<Reply>((resolve, reject) => {
      const pending: Pending<Reply> = { id: this.nextId++, task, resolve, reject };
      if (signal) {
        const onAbort = () => this.cancel(pending);
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = () => signal.removeEventListener('abort', onAbort);
        Object.assign(pending, {
          signal,
          resolve: (reply: Reply) => (settle(), resolve(reply)),
          reject: (error: Error) => (settle(), reject(error)),
        });
      }
      if (options.first) this.queue.unshift(pending);
      else this.queue.push(pending);
      this.dispatch();
    });
  }

  private cancel(pending: Pending<Reply>): void {
    const waiting = this.queue.indexOf(pending);
    if (waiting >= 0) {
      this.queue.splice(waiting, 1);
      pending.reject(new TaskCancelledError());
      this.stopWhenIdle();
      return;
    }
    const slot = this.slots.find((s) => s.running.get(pending.id) === pending);
    if (slot) Atomics.store(slot.cancelled, 0, pending.id);
  }

  /** Stops every worker; what waits or runs is rejected with `reason`. */
  async terminate(reason = 'the worker pool was shut down'): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const error = new Error(reason);
    for (const p of this.queue.splice(0)) p.reject(error);
    const slots = this.slots.splice(0);
    for (const slot of slots) this.fail(slot, error);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private startWorkers(): void {
    for (let i = 0; i < this.workers; i++) this.slots.push(this.startSlot());
  }

  /**
   * With nothing waiting or running, and the owner letting them (`mayStop`), stops the workers after
   * `idleMs` unless a task comes first. Armed after each reply; an owner whose `mayStop` turned true
   * since calls it.
   */
  stopWhenIdle(): void {
    const { idleMs } = this.options;
    const idle = () => !this.closed && this.slots.length > 0 && !this.queue.length && !this.slots.some((s) => s.running.size) && (this.options.mayStop?.() ?? true);
    if (idleMs === undefined || !idle()) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!idle()) return;
      const slots = this.slots.splice(0);
      void Promise.all(slots.map((s) => s.worker.terminate())).then(() => this.options.onIdleStop?.());
    }, idleMs);
    this.idleTimer.unref();
  }

  private startSlot(): Slot<Reply> {
    const cancelled = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
    const slot: Slot<Reply> = { worker: this.start(cancelled), running: new Map(), cancelled };
    slot.worker.on('message', (reply: Reply & { id: number }) => {
      const pending = slot.running.get(reply.id);
      if (!pending) return void this.options.onOther?.(reply);
      slot.running.delete(reply.id);
      if (pending.signal?.aborted) pending.reject(new TaskCancelledError());
      else pending.resolve(reply);
      this.dispatch();
      this.stopWhenIdle();
    });
    slot.worker.on('error', (e) => this.replace(slot, e));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.replace(slot, new Error(`it stopped (exit code ${code})`));
    });
    if (this.options.unref) slot.worker.unref();
    return slot;
  }

  /** A worker failed: reject what it ran, and start another in its place. */
  private replace(slot: Slot<Reply>, error: Error): void {
    this.options.onWorkerError?.(error);
    this.fail(slot, error);
    const at = this.slots.indexOf(slot);
    if (at < 0 || this.closed) return;
    void slot.worker.terminate();
    this.slots[at] = this.startSlot();
    this.dispatch();
  }

  private fail(slot: Slot<Reply>, error: Error): void {
    const running = [...slot.running.values()];
    slot.running.clear();
    for (const p of running) p.reject(error);
    this.stopWhenIdle();
  }

  /** Gives waiting tasks to the least busy workers. */
  private dispatch(): void {
    while (this.queue.length) {
      let slot: Slot<Reply> | undefined;
      for (const s of this.slots) if (s.running.size < this.perWorker && (!slot || s.running.size < slot.running.size)) slot = s;
      if (!slot) return;
      const pending = this.queue.shift()!;
      slot.running.set(pending.id, pending);
      slot.worker.postMessage({ ...pending.task, id: pending.id });
    }
  }
}
