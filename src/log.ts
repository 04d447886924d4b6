/**
 * Structured logging with pino: JSON lines on stderr, so stdout stays free for the CLI's JSON and the console.
 */
import { type Logger as PinoLogger, pino } from "pino";

/** The logger every module takes as a dependency. */
export type Logger = PinoLogger;

/** Log levels accepted by the config. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger writing JSON lines to stderr at `level`. */
export function createLogger(level: LogLevel = "info"): Logger {
  return pino({ level, base: undefined }, pino.destination({ fd: 2, sync: true }));
}

/** A logger that drops everything: for tests and for callers that have none. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
