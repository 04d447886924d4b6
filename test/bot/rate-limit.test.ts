/** The per-user token bucket (bursts, refill, pruning, one notice per wait) and the once-a-window log of throttled REST calls. */
import { describe, expect, it } from "vitest";
import { oncePerWindow } from "../../src/bot/once-per-window.ts";
import { createRateLimiter } from "../../src/bot/rate-limit.ts";

describe("createRateLimiter", () => {
  it("allows a burst of perMinute, then refuses with the wait until the next token", () => {
    let now = 0;
    const limiter = createRateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take("u").ok)).toEqual([true, true, true]);
    const refused = limiter.take("u");
    expect(refused).toEqual({ ok: false, retryAfterMs: 20_000, notice: true });
    now = 19_999;
    expect(limiter.take("u").ok).toBe(false);
    now = 20_000;
    expect(limiter.take("u").ok).toBe(true);
  });

  it("keeps one bucket per user", () => {
    const limiter = createRateLimiter(1, () => 0);
    expect(limiter.take("a").ok).toBe(true);
    expect(limiter.take("a").ok).toBe(false);
    expect(limiter.take("b").ok).toBe(true);
  });

  it("gives one notice per wait: the first refusal says so, the next ones are silent until a token came back", () => {
    let now = 0;
    const limiter = createRateLimiter(1, () => now);
    limiter.take("u");
    expect(limiter.take("u")).toMatchObject({ ok: false, notice: true });
    expect(limiter.take("u")).toMatchObject({ ok: false, notice: false });
    now = 60_000;
    expect(limiter.take("u").ok).toBe(true);
    expect(limiter.take("u")).toMatchObject({ ok: false, notice: true });
  });

  it("prunes only full buckets: a user still waiting for tokens keeps waiting", () => {
    let now = 0;
    const limiter = createRateLimiter(60, () => now);
    for (let i = 0; i < 60; i++) limiter.take("busy");
    // Enough other users to make the limiter prune; each has used one token.
    for (let i = 0; i < 5001; i++) limiter.take(`user-${i}`);
    // Two seconds on, the others are full again (prunable); "busy" has earned two tokens only.
    now = 2000;
    limiter.take("someone-new");
    expect([1, 2, 3].map(() => limiter.take("busy").ok)).toEqual([true, true, false]);
  });

  it("never refills beyond perMinute", () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    now = 10 * 60_000;
    expect([1, 2, 3].map(() => limiter.take("u").ok)).toEqual([true, true, false]);
  });
});

describe("oncePerWindow (the throttled-REST log)", () => {
  it("logs the first event of a window and counts the rest into the next line", () => {
    let now = 0;
    const lines: Array<[number, number]> = [];
    const log = oncePerWindow<number>(
      60_000,
      (event, more) => void lines.push([event, more]),
      () => now,
    );
    for (let i = 1; i <= 1000; i++) log(i);
    expect(lines).toEqual([[1, 0]]);
    now = 60_000;
    log(1001);
    expect(lines).toEqual([
      [1, 0],
      [1001, 999],
    ]);
  });
});
