/**
 * `npm run ingest`: reads the review's source text and corrections.json, writes the knowledge files (validated by
 * {@link ingest}) as 2-space-indented JSON with a trailing newline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Corrections } from "../schema.ts";
import { ingest } from "./ingest.ts";

/** Where the source, the corrections and the outputs live, relative to the project root. */
export const KNOWLEDGE_DIR = "knowledge/igf-tki-review";

/** Serialises one knowledge file exactly as committed. */
export function toJson(content: unknown): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** Ingests `dir`/source.txt with `dir`/corrections.json and writes every knowledge file into `dir`. */
export function run(dir = KNOWLEDGE_DIR): string[] {
  const source = readFileSync(join(dir, "source.txt"), "utf8");
  const { corrections } = Corrections.parse(JSON.parse(readFileSync(join(dir, "corrections.json"), "utf8")));
  const files = Object.entries(ingest(source, corrections));
  for (const [name, content] of files) writeFileSync(join(dir, name), toJson(content));
  return files.map(([name]) => join(dir, name));
}

// Write only when run as a script, not when a test imports toJson.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const written of run()) console.log(`wrote ${written}`);
}
