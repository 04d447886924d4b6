/** The per-user token bucket: bursts, refill and pruning. */
import { describe, expect, it } from "vitest";
import { createRateLimiter } from "../../src/bot/rate-limit.ts";

describe("createRateLimiter", () => {
  it("allows a burst of perMinute, then refuses with the wait until the next token", () => {
    let now = 0;
    const limiter = createRateLimiter(3, () => now);
    expect([1, 2, 3].map(() => limiter.take("u").ok)).toEqual([true, true, true]);
    const refused = limiter.take("u");
    expect(refused).toEqual({ ok: false, retryAfterMs: 20_000 });
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

  it("never refills beyond perMinute", () => {
    let now = 0;
    const limiter = createRateLimiter(2, () => now);
    now = 10 * 60_000;
    expect([1, 2, 3].map(() => limiter.take("u").ok)).toEqual([true, true, false]);
  });
});
