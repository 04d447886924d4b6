/**
 * The last line of defence: an error nothing else caught. discord.js turns a malformed gateway packet into a
 * rejected promise inside its own dispatch, outside any handler of ours, and Node ends the process on an
 * unhandled rejection by default. Here such errors are logged and noted in the health line, and the bot keeps
 * serving. A storm of uncaught exceptions is different: the process may be in a state nobody planned, so
 * past a threshold it shuts down cleanly with a non-zero code and the supervisor starts a fresh one.
 */
import type { Logger } from "../log.ts";
import type { Health } from "./health.ts";

/** Uncaught exceptions tolerated within {@link STORM_WINDOW_MS} before the process gives up. */
const STORM_LIMIT = 20;
const STORM_WINDOW_MS = 60_000;

/** What the guard needs. */
export interface ProcessGuardOptions {
  logger: Logger;
  health: Health;
  /** Called once when uncaught exceptions come too fast: stop cleanly and exit non-zero. */
  giveUp(): void;
  now?: () => number;
}

/** Installs the process-wide handlers; returns their removal. */
export function guardProcess({ logger, health, giveUp, now = Date.now }: ProcessGuardOptions): () => void {
  const recent: number[] = [];
  let gaveUp = false;
  const onRejection = (reason: unknown) => {
    health.noteError();
    logger.error({ err: reason }, "a promise failed outside every handler (a malformed packet?); still serving");
  };
  const onException = (error: Error) => {
    health.noteError();
    const t = now();
    recent.push(t);
    while (recent.length > 0 && t - recent[0]! > STORM_WINDOW_MS) recent.shift();
    if (recent.length < STORM_LIMIT) {
      logger.error({ err: error }, "an error escaped every handler; still serving");
      return;
    }
    logger.fatal(
      { err: error, within: `${STORM_WINDOW_MS / 1000} s`, count: recent.length },
      "too many uncaught errors; restarting",
    );
    if (!gaveUp) {
      gaveUp = true;
      giveUp();
    }
  };
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
