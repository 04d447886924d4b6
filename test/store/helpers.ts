/** Shared test helpers for the store and the quiz: temporary folders and a logger that keeps its lines. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pino } from "pino";
import type { Logger } from "../../src/log.ts";

/** A fresh temporary folder. */
export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "igf-bot-store-"));
}

/** A logger whose JSON lines are kept in `lines`, parsed. */
export function capturingLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { logger, lines };
}
