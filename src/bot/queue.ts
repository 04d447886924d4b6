/**
 * The bounded queue answer work waits in: questions and slash commands run a few at a time, in arrival order,
 * and once the queue is full new work is turned away at once ("busy") rather than answered minutes late.
 * Between jobs the queue yields to the event loop, so a burst cannot starve the acknowledgements of the
 * interactions still arriving.
 */

/** One piece of queued work. */
export interface QueuedJob {
  /** Does the work; called at most once, and never after {@link QueuedJob.cancel}. */
  run(): Promise<void>;
  /** Tells the asker the work will not be done (the bot is restarting); called instead of `run`. */
  cancel(): Promise<void>;
}

/** Where a job went when it was offered. */
export type Admission = "started" | "queued" | "full";

/** A bounded queue with a fixed number of workers. */
export interface AnswerQueue {
  /** Jobs waiting to start. */
  readonly depth: number;
  /** Jobs running now. */
  readonly running: number;
  /** Starts `job` now if a worker is free, queues it if there is room, or refuses it. */
  offer(job: QueuedJob): Admission;
  /**
   * Refuses new jobs, cancels the waiting ones, and waits at most `timeoutMs` for the running ones; true if
   * all of them finished.
   */
  close(timeoutMs: number): Promise<boolean>;
}

/** Sizes of an {@link AnswerQueue}. */
export interface QueueOptions {
  /** Jobs that run at once (a model answer waits on the network, so more than one is useful). */
  concurrency: number;
  /** Jobs that may wait; one more is refused. */
  capacity: number;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A new, open queue. */
export function createAnswerQueue({ concurrency, capacity }: QueueOptions): AnswerQueue {
  const waiting: QueuedJob[] = [];
  const active = new Set<Promise<void>>();
  let open = true;

  function start(job: QueuedJob): void {
    const done = job.run().catch(() => undefined);
    active.add(done);
    void done.then(async () => {
      active.delete(done);
      // Let gateway packets and acknowledgements in before the next job takes the thread.
      await nextTurn();
      const next = waiting.shift();
      if (next && open) start(next);
    });
  }

  return {
    get depth() {
      return waiting.length;
    },
    get running() {
      return active.size;
    },
    offer(job) {
      if (!open) return "full";
      if (active.size < concurrency && waiting.length === 0) {
        start(job);
        return "started";
      }
      if (waiting.length >= capacity) return "full";
      waiting.push(job);
      return "queued";
    },
    async close(timeoutMs) {
      open = false;
      const cancelled = waiting.splice(0).map((job) => job.cancel().catch(() => undefined));
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const finished = Promise.all([...cancelled, ...active]).then(() => true as const);
      try {
        return await Promise.race([finished, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
