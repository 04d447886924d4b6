/**
 * A per-user token bucket: each user may start `perMinute` pieces of work at once, and gets them back
 * steadily over a minute. A burst of questions is fine; a flood is refused with a plain message.
 */

/**
 * The outcome of {@link RateLimiter.take}. A refusal says whether it is the first since the user's bucket ran
 * dry (`notice`), so a user who keeps sending is told once, not once per message.
 */
export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number; notice: boolean };

/** Token buckets keyed by user. */
export interface RateLimiter {
  take(key: string): RateDecision;
}

/** Buckets kept before full ones are forgotten (a full bucket is the same as no bucket). */
const PRUNE_AT = 5000;

/** A limiter allowing `perMinute` per key per minute; `now` is injectable for tests. */
export function createRateLimiter(perMinute: number, now: () => number = Date.now): RateLimiter {
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; at: number; noticed: boolean }>();

  function refill(bucket: { tokens: number; at: number }, t: number): void {
    bucket.tokens = Math.min(perMinute, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
  }

  return {
    take(key) {
      const t = now();
      if (buckets.size > PRUNE_AT) {
        for (const [k, b] of buckets) {
          refill(b, t);
          if (b.tokens >= perMinute) buckets.delete(k);
        }
      }
      const bucket = buckets.get(key) ?? { tokens: perMinute, at: t, noticed: false };
      refill(bucket, t);
      buckets.set(key, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        bucket.noticed = false;
        return { ok: true };
      }
      const notice = !bucket.noticed;
      bucket.noticed = true;
      return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs), notice };
    },
  };
}
