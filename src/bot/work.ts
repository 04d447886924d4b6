/**
 * Work in flight, so shutdown can stop taking new work and still finish the replies already started.
 */

/** Tracks in-flight work. */
export interface WorkTracker {
  /** False once {@link close} was called. */
  readonly accepting: boolean;
  /** Runs `fn`, counting it as in flight until it settles. */
  run<T>(fn: () => Promise<T>): Promise<T>;
  /** Stops accepting work and waits for what is running, at most `timeoutMs`; true if everything finished. */
  close(timeoutMs: number): Promise<boolean>;
}

/** A new tracker that accepts work. */
export function createWorkTracker(): WorkTracker {
  const running = new Set<Promise<unknown>>();
  let accepting = true;
  return {
    get accepting() {
      return accepting;
    },
    run(fn) {
      const promise = fn();
      running.add(promise);
      const forget = () => running.delete(promise);
      promise.then(forget, forget);
      return promise;
    },
    async close(timeoutMs) {
      accepting = false;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      const done = Promise.allSettled([...running]).then(() => true as const);
      try {
        return await Promise.race([done, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
