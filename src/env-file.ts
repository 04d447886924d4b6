/**
 * `.env` support without a dependency: Node's own `process.loadEnvFile`. `npm start`, `npm run register` and
 * the command line call {@link loadEnvFile} before reading their configuration, so the token an admin put in
 * `.env` (as `.env.example` tells them to) is used. A variable already set in the environment wins over the
 * file, as with Node's `--env-file`.
 */
import { existsSync } from "node:fs";

/** The file read when `ENV_FILE` is not set. */
export const DEFAULT_ENV_FILE = ".env";

/**
 * Loads `ENV_FILE` (default `.env` in the working directory) into `process.env` when the file exists, and
 * returns the file read, or null. `ENV_FILE=` (empty) reads none: the tests use it so a developer's own
 * `.env` can never send them to the network.
 */
export function loadEnvFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const file = env.ENV_FILE ?? DEFAULT_ENV_FILE;
  if (file === "" || !existsSync(file)) return null;
  process.loadEnvFile(file);
  return file;
}
