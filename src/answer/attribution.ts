/**
 * "Who showed ...?" is answered by the review's sentence and, after it, the studies that sentence cites: the
 * first author, the journal and the year from the reference list, with the same citation numbers.
 */

import { formatCitation } from "../knowledge/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { RankedDoc } from "../search/engine.ts";

/** Most studies named in one attribution: beyond this the sentence is a survey, not a finding. */
const MAX_STUDIES = 3;

/** Whether a question asks for the people or the study behind a finding. */
export function asksWho(question: string): boolean {
  return /^\s*(who|whose|which (study|studies|group|groups|authors?|paper|papers|lab))\b/i.test(question);
}

/** "Lu H et al." from "Lu H, Wang L, Gao W, et al." */
function firstAuthor(authors: string): string {
  // "Roskoski R, Jr." is one author: a suffix belongs to the name before it.
  const [first, ...rest] = authors
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a && !/^(Jr|Sr)\.?$/.test(a));
  return rest.length ? `${first} et al.` : (first ?? "");
}

/** The sentence naming the studies `doc` cites, or "" when it cites none or too many to name. */
export function attribution(doc: RankedDoc, knowledge: Knowledge): string {
  // Table 1 cites the reviews it was adapted from, not who ran or approved anything.
  if (doc.source.row?.table === "1") return "";
  const refs = doc.source.hit.refs;
  if (refs.length === 0 || refs.length > MAX_STUDIES) return "";
  const studies = refs.flatMap((n) => {
    const study = studyOf(n, knowledge);
    return study ? [study] : [];
  });
  return studies.length ? `Reported by ${studies.join("; ")}.` : "";
}

/** "Lu H et al. (Molecular Cancer Therapeutics, 2013) [60]": a reference as a sentence names it. */
export function studyOf(n: number, knowledge: Knowledge): string | null {
  const ref = knowledge.referenceByNumber.get(n);
  if (!ref) return null;
  const where = [ref.journal, ref.year].filter(Boolean).join(", ");
  return `${firstAuthor(ref.authors)}${where ? ` (${where})` : ""} ${formatCitation([n])}`;
}
