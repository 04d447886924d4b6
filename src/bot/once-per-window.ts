/**
 * One log line per window for events that come in floods (throttled REST calls, interactions dropped in a
 * burst): the first is logged, the rest are counted into the next line.
 */

/**
 * `log` for the first event of each window; the events after it in the same window are only counted, and the
 * count goes out with the next line. A burst of 20,000 throttled calls is one line, not 20,000.
 */
export function oncePerWindow<T>(
  windowMs: number,
  log: (event: T, moreSinceLastLine: number) => void,
  now: () => number = Date.now,
): (event: T) => void {
  let windowStart = Number.NEGATIVE_INFINITY;
  let more = 0;
  return (event) => {
    const t = now();
    if (t - windowStart < windowMs) {
      more++;
      return;
    }
    log(event, more);
    windowStart = t;
    more = 0;
  };
}
