/**
 * The tables' abbreviations (NSCLC, ORR, mAb, ...) for explaining terms.
 */

import { nameKey } from "../drugs/catalog.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { GlossaryEntry } from "../knowledge/schema.ts";

/** Entries whose term matches exactly (ignoring case and punctuation), else those that start with it or whose meaning contains it. */
export function lookupGlossary(knowledge: Knowledge, term: string, limit = 10): GlossaryEntry[] {
  const key = nameKey(term);
  if (!key) return [];
  const exact = knowledge.glossary.filter((e) => nameKey(e.term) === key);
  if (exact.length) return exact;
  const prefix = knowledge.glossary.filter((e) => nameKey(e.term).startsWith(key));
  const inMeaning = knowledge.glossary.filter(
    (e) => !prefix.includes(e) && e.meaning.toLowerCase().includes(term.trim().toLowerCase()),
  );
  return [...prefix, ...inMeaning].slice(0, limit);
}
