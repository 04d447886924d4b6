/** The acknowledgement lane: bounded, in arrival order, and never sending what could no longer arrive in time. */
import { describe, expect, it } from "vitest";
import { createAcknowledgementLane } from "../../src/bot/acknowledgements.ts";

/** A send that records when it started and finishes when told to. */
function controlledSend(log: string[], name: string) {
  let finish!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  return {
    send: () => {
      log.push(name);
      return done;
    },
    finish: () => finish(),
    fail: (error: Error) => fail(error),
  };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("acknowledgement lane", () => {
  it("keeps at most its limit in flight and starts the waiting ones in arrival order", async () => {
    const started: string[] = [];
    const lane = createAcknowledgementLane({ concurrency: 2, margin: 1000, now: () => 0 });
    const sends = ["a", "b", "c", "d"].map((name) => controlledSend(started, name));
    const outcomes = sends.map((s) => lane.send(10_000, s.send));
    expect(started).toEqual(["a", "b"]);
    expect(lane.waiting).toBe(2);
    sends[1]!.finish();
    await settled();
    expect(started).toEqual(["a", "b", "c"]);
    for (const s of sends) s.finish();
    expect(await Promise.all(outcomes)).toEqual(["sent", "sent", "sent", "sent"]);
    expect(lane.waiting).toBe(0);
  });

  it("never sends one whose turn comes with less than the margin left, and sends the fresher one behind it", async () => {
    let clock = 0;
    const started: string[] = [];
    const lane = createAcknowledgementLane({ concurrency: 1, margin: 1000, now: () => clock });
    const first = controlledSend(started, "first");
    const stale = controlledSend(started, "stale");
    const fresh = controlledSend(started, "fresh");
    const outcomes = [lane.send(3000, first.send), lane.send(3000, stale.send), lane.send(5000, fresh.send)];
    // The first takes 2.5 s: the second's deadline is then 0.5 s away, inside the margin.
    clock = 2500;
    first.finish();
    await settled();
    stale.finish();
    fresh.finish();
    expect(await Promise.all(outcomes)).toEqual(["sent", "expired", "sent"]);
    expect(started).toEqual(["first", "fresh"]);
  });

  it("passes a failed send's error on and frees its place", async () => {
    const started: string[] = [];
    const lane = createAcknowledgementLane({ concurrency: 1, margin: 0, now: () => 0 });
    const failing = controlledSend(started, "failing");
    const next = controlledSend(started, "next");
    const outcomes = [lane.send(1, failing.send), lane.send(1, next.send)];
    failing.fail(new Error("Unknown interaction"));
    await expect(outcomes[0]).rejects.toThrow("Unknown interaction");
    await settled();
    next.finish();
    expect(await outcomes[1]).toBe("sent");
  });
});
