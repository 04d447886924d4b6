/**
 * The bot's health, for the line `/config show` prints: how long it has been up, when it last hit an error
 * of its own (a handler's bug, an error that escaped to the process), and how many questions wait.
 */

/** What the health line is made of. */
export interface Health {
  /** When the process started serving (ms since the epoch). */
  readonly startedAt: number;
  /** When the last internal error happened, or null. */
  readonly lastErrorAt: number | null;
  /** Records an internal error now. */
  noteError(): void;
  /** Questions and commands waiting for a worker. */
  queueDepth(): number;
  /** Where {@link queueDepth} reads from: the router's queue, once it exists. */
  watchQueue(depth: () => number): void;
}

/** A fresh health record; `now` is injectable for tests. */
export function createHealth(now: () => number = Date.now): Health {
  let lastErrorAt: number | null = null;
  let depth = () => 0;
  return {
    startedAt: now(),
    get lastErrorAt() {
      return lastErrorAt;
    },
    noteError: () => void (lastErrorAt = now()),
    queueDepth: () => depth(),
    watchQueue: (read) => void (depth = read),
  };
}

/** "3 h 12 min", "45 s": a duration in its two largest units. */
function duration(ms: number): string {
  const units: Array<[string, number]> = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["min", 60_000],
    ["s", 1000],
  ];
  const parts: string[] = [];
  let rest = Math.max(0, ms);
  for (const [name, size] of units) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length === 0 && name === "s")) parts.push(`${count} ${name}`);
    if (parts.length === 2) break;
  }
  return parts.join(" ");
}

/** "Up 3 h 12 min · last error 5 min ago · 0 questions waiting". */
export function describeHealth(health: Health, now: number = Date.now()): string {
  const lastError = health.lastErrorAt === null ? "no errors" : `last error ${duration(now - health.lastErrorAt)} ago`;
  const depth = health.queueDepth();
  return `Up ${duration(now - health.startedAt)} · ${lastError} · ${depth} ${depth === 1 ? "question" : "questions"} waiting`;
}
