/**
 * The lane acknowledgements (deferrals and "busy" replies) go out through. A burst of thousands of
 * interactions would otherwise start thousands of requests at once: each waits behind all the others for a
 * connection and the CPU, and arrives after Discord's 3-second window. Here a bounded number are in flight,
 * in arrival order, and one that could no longer arrive in time (less than a margin left before its
 * deadline) is never sent: its token is dead or about to be, and sending it would only delay the ones that
 * can still make it.
 */

/** What became of an acknowledgement handed to the lane. */
export type AcknowledgementOutcome = "sent" | "expired";

/** A bounded, deadline-aware lane for first responses. */
export interface AcknowledgementLane {
  /** Acknowledgements waiting for a turn. */
  readonly waiting: number;
  /**
   * Runs `send` once fewer than the lane's limit are in flight, unless by then it could not finish before
   * `deadline` (ms since the epoch, by the lane's clock): "expired", and `send` is never called. Rejects when
   * `send` rejects.
   */
  send(deadline: number, send: () => Promise<void>): Promise<AcknowledgementOutcome>;
}

/** Sizes and clock of an {@link AcknowledgementLane}. */
export interface LaneOptions {
  /** Acknowledgements in flight at once. */
  concurrency: number;
  /** The time left before the deadline under which an acknowledgement is no longer started (ms). */
  margin: number;
  now?: () => number;
}

interface Pending {
  deadline: number;
  send: () => Promise<void>;
  settle: (outcome: Promise<AcknowledgementOutcome>) => void;
}

/** A lane with at most `concurrency` acknowledgements in flight. */
export function createAcknowledgementLane({ concurrency, margin, now = Date.now }: LaneOptions): AcknowledgementLane {
  let queue: Pending[] = [];
  let head = 0;
  let inFlight = 0;

  function pump(): void {
    while (inFlight < concurrency && head < queue.length) {
      const next = queue[head++]!;
      if (now() + margin >= next.deadline) {
        next.settle(Promise.resolve("expired"));
        continue;
      }
      inFlight += 1;
      const sent = next.send().then(() => "sent" as const);
      next.settle(sent);
      void sent
        .catch(() => undefined)
        .finally(() => {
          inFlight -= 1;
          pump();
        });
    }
    // Drop the consumed prefix now and then, so a long burst does not keep every entry alive.
    if (head > 1024 && head * 2 > queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
  }

  return {
    get waiting() {
      return queue.length - head;
    },
    send(deadline, send) {
      return new Promise<AcknowledgementOutcome>((resolve) => {
        queue.push({ deadline, send, settle: resolve });
        pump();
      });
    },
  };
}
