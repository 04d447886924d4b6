/** The bot's version, from package.json: what /about shows. */
import { readFileSync } from "node:fs";

/** Reads `version` from the project's package.json. */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return pkg.version ?? "unknown";
}
