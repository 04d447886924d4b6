/**
 * `npm run ingest`: reads the review's source text, corrections.json and outcomes.json, writes the knowledge files (validated by
 * {@link ingest}) as 2-space-indented JSON with a trailing newline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Corrections, TrialOutcomes } from "../schema.ts";
import { ingest } from "./ingest.ts";

/** Where the source, the corrections and the outputs live, relative to the project root. */
export const KNOWLEDGE_DIR = "knowledge/igf-tki-review";

/** Serialises one knowledge file exactly as committed. */
export function toJson(content: unknown): string {
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** The curated inputs of the ingest besides the source text: corrections.json and outcomes.json of `dir`. */
export function readCurated(dir = KNOWLEDGE_DIR) {
  const read = (name: string): unknown => JSON.parse(readFileSync(join(dir, name), "utf8"));
  return {
    corrections: Corrections.parse(read("corrections.json")).corrections,
    outcomes: TrialOutcomes.parse(read("outcomes.json")).outcomes,
  };
}

/** Ingests `dir`/source.txt with the curated files of `dir` and writes every knowledge file into `dir`. */
export function run(dir = KNOWLEDGE_DIR): string[] {
  const source = readFileSync(join(dir, "source.txt"), "utf8");
  const { corrections, outcomes } = readCurated(dir);
  const files = Object.entries(ingest(source, corrections, outcomes));
  for (const [name, content] of files) writeFileSync(join(dir, name), toJson(content));
  return files.map(([name]) => join(dir, name));
}

// Write only when run as a script, not when a test imports toJson.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const written of run()) console.log(`wrote ${written}`);
}
