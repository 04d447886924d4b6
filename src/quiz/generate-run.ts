/**
 * `npm run quiz:generate`: rebuilds the generated items of the quiz bank from the review's tables and writes the
 * bank back (hand-written items first, unchanged) as 2-space-indented JSON with a trailing newline.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { toJson } from "../knowledge/ingest/run.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { parseQuizBank } from "../knowledge/quiz-bank.ts";
import { isGeneratedItem, mergeGenerated } from "./generate.ts";

/** The committed bank and the knowledge it is generated from, relative to the project root. */
export const BANK_FILE = "knowledge/quiz-bank.json";
const KNOWLEDGE_DIR = "knowledge/igf-tki-review";

/** The bank file's text as the generator writes it, from the bank now in `file`. */
export function generatedBankText(file = BANK_FILE, knowledgeDir = KNOWLEDGE_DIR): string {
  const bank = parseQuizBank(JSON.parse(readFileSync(file, "utf8")), file);
  return toJson(parseQuizBank(mergeGenerated(bank, loadKnowledge(knowledgeDir)), file));
}

// Write only when run as a script, not when a test imports generatedBankText.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const text = generatedBankText();
  writeFileSync(BANK_FILE, text);
  const items = parseQuizBank(JSON.parse(text), BANK_FILE).items;
  const generated = items.filter(isGeneratedItem).length;
  console.log(`wrote ${BANK_FILE}: ${items.length - generated} hand-written + ${generated} generated items`);
}
