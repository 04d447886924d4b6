/**
 * Abbreviations defined in the tables' footnotes: "ALK, anaplastic lymphoma kinase; BTK, Bruton tyrosine kinase".
 */
import type { GlossaryEntry } from "../schema.ts";
import { cleanText } from "./text.ts";

/** Footnote marks that introduce abbreviation lists (⁴ is Table 1's source line, not a list). */
const ABBREVIATION_FOOTNOTE = /^[¹²³] /;

/**
 * Parses one footnote's "TERM, meaning; TERM, meaning." list. A leading remark ("Although many of these drugs …
 * given here.") is skipped. A piece without a comma continues an enumerating meaning ("CMGC, cyclin-dependent
 * kinases, MAP kinases, glycogen synthase kinases; CDC-like kinases"); otherwise it is a note, not a term
 * ("Trial ID registered number at https://ClinicalTrials.gov"), and is left out.
 */
export function parseAbbreviations(footnote: string, source: GlossaryEntry["source"]): GlossaryEntry[] {
  const list = cleanText(footnote.replace(ABBREVIATION_FOOTNOTE, "")).replace(/\.$/, "");
  const firstTerm = list.split(";")[0] ?? "";
  const remark = firstTerm.lastIndexOf(". ");
  const body = remark >= 0 ? list.slice(remark + 2) : list;
  const entries: GlossaryEntry[] = [];
  for (const piece of body.split(";").map((p) => p.trim())) {
    const comma = piece.indexOf(", ");
    const last = entries.at(-1);
    if (comma > 0) entries.push({ term: piece.slice(0, comma), meaning: piece.slice(comma + 2), source });
    else if (last?.meaning.includes(", ")) last.meaning = `${last.meaning}; ${piece}`;
  }
  return entries;
}

/** All abbreviation footnotes of a table region, in order. */
export function parseGlossary(region: string, source: GlossaryEntry["source"]): GlossaryEntry[] {
  return region
    .split("\n")
    .filter((line) => ABBREVIATION_FOOTNOTE.test(line))
    .flatMap((line) => parseAbbreviations(line, source));
}
