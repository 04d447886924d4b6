/**
 * The reference list: "- [n] Authors. Title. Journal. YEAR; VOLUME: PAGES."
 */
import type { Reference } from "../schema.ts";
import { cleanText } from "./text.ts";

/** The fields of one entry, before `citedIn` is known. */
export type ParsedReference = Omit<Reference, "citedIn">;

/** Where the author list ends: "et al.", the last author's initials ("Jiang Y."), or "Jr." after them. */
const AUTHORS = /^(.*?(?:\bet al\.|\b[A-Z]{1,4}\.|\bJr\.))\s(.*)$/;
/** The tail of an entry, anchored on the year: ". 2021; 71: 209–249." (volume and pages optional). */
const SOURCE = /^(.*)\. ((?:19|20)\d{2})(?:; ([^:]+?))?(?:: (.+?))?\.?$/;

/** True for a Title-Cased phrase, as journal names are ("Nature Reviews", "Biochimica et Biophysica Acta"). */
function isTitleCase(phrase: string): boolean {
  return phrase.split(" ").every((word) => /^[A-Z(&]/.test(word) || /^(of|and|et|the|in|for|on|de)$/.test(word));
}

/**
 * Splits "Title. Journal" where both may hold periods. The journal is the last ". "-piece, extended leftwards
 * over Title-Cased pieces ("Nature Reviews. Cancer", "Acta Crystallographica. Section D, …") while a title remains.
 */
function splitTitleJournal(text: string): { title: string; journal: string } {
  const pieces = text.split(". ");
  let start = pieces.length - 1;
  while (start > 1 && isTitleCase(pieces[start - 1] ?? "")) start--;
  return { title: pieces.slice(0, start).join(". "), journal: pieces.slice(start).join(". ") };
}

/** Parses one entry's text (after its "[n]"). Parts that cannot be found are left empty or null; `raw` is exact. */
export function parseReference(n: number, raw: string): ParsedReference {
  const authors = AUTHORS.exec(raw);
  const afterAuthors = authors?.[2] ?? raw;
  const source = SOURCE.exec(afterAuthors);
  const { title, journal } = splitTitleJournal(source?.[1] ?? afterAuthors.replace(/\.$/, ""));
  return {
    n,
    authors: authors?.[1] ?? "",
    title,
    journal,
    year: source?.[2] ? Number(source[2]) : null,
    volume: source?.[3] ?? null,
    pages: source?.[4] ?? null,
    raw,
  };
}

/**
 * Parses the references region (corrections applied): one entry per "- [n] " line, with lines that do not start
 * an entry (an entry cut by a page break) appended to the entry above. Numbers must run 1, 2, 3, … without gaps.
 */
export function parseReferences(region: string): ParsedReference[] {
  const entries: string[] = [];
  for (const line of region.split("\n")) {
    if (line.trim() === "") continue;
    if (line.startsWith("- ")) entries.push(line.slice(2));
    else if (entries.length > 0) entries[entries.length - 1] += ` ${line}`;
    else throw new Error(`Text before the first reference: ${line.slice(0, 60)}`);
  }
  return entries.map((entry, i) => {
    const match = /^\[(\d+)\]\s+(.*)$/s.exec(entry);
    if (!match || Number(match[1]) !== i + 1)
      throw new Error(`Reference ${i + 1} is missing or out of order: ${entry.slice(0, 60)}`);
    return parseReference(i + 1, cleanText(match[2] ?? ""));
  });
}
