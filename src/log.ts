/**
 * Structured logging with pino: JSON lines on stderr, so stdout stays free for the CLI's JSON and the console.
 * Secrets never reach a line: tokens and keys are redacted wherever they sit, and the addresses of failed
 * Discord calls (`err.url`) keep their route but lose the interaction or webhook token inside them.
 */
import { type DestinationStream, type Logger as PinoLogger, pino } from "pino";

/** The logger every module takes as a dependency. */
export type Logger = PinoLogger;

/** Log levels accepted by the config. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where secrets may sit in a log line: the value is replaced outright. */
const SECRET_PATHS = [
  "token",
  "*.token",
  "apiKey",
  "*.apiKey",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "*.headers.authorization",
  "config.discord.token",
  "config.openai.apiKey",
  "err.requestBody",
  "*.requestBody",
];

/** Where addresses may sit: they stay readable, less the tokens in their path. */
const URL_PATHS = ["url", "err.url", "*.url", "err.cause.url"];

/**
 * An address without the secrets Discord puts in paths: `/interactions/<id>/<token>/callback` and
 * `/webhooks/<application>/<token>/…` keep their ids and lose the token.
 */
export function redactUrl(url: string): string {
  return url
    .replace(/(\/interactions\/\d+\/)[^/?#]+/g, "$1[token]")
    .replace(/(\/webhooks\/\d+\/)[^/?#]+/g, "$1[token]");
}

function censor(value: unknown, path: string[]): unknown {
  if (URL_PATHS.some((p) => p.split(".").at(-1) === path.at(-1)) && typeof value === "string") return redactUrl(value);
  return "[redacted]";
}

/** A logger writing JSON lines to stderr (or `destination`) at `level`, with secrets redacted. */
export function createLogger(level: LogLevel = "info", destination?: DestinationStream): Logger {
  return pino(
    { level, base: undefined, redact: { paths: [...SECRET_PATHS, ...URL_PATHS], censor } },
    destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything: for tests and for callers that have none. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
