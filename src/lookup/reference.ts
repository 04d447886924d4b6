/**
 * Reference look-up: the entry of the review's reference list, where the review cites it, and a PubMed search
 * built from its title.
 */
import { UserError } from "../errors.ts";
import type { Knowledge } from "../knowledge/load.ts";

/** The `ref` result of the command-line contract, plus a search link. */
export interface ReferenceCard {
  n: number;
  text: string;
  authors: string;
  title: string;
  journal: string;
  year: number | null;
  /** Ids of the passages and rows that cite it. */
  citedIn: string[];
  /** A PubMed search for the title: the review gives no DOIs or PMIDs, so a search is the honest link. */
  pubmedUrl: string;
}

/** Parses what someone typed as a reference number of this review, or throws a {@link UserError}. */
export function parseReferenceNumber(input: string | number, count: number): number {
  const text = String(input)
    .trim()
    .replace(/^\[(.*)\]$/, "$1");
  if (!/^\d{1,6}$/.test(text))
    throw new UserError(`"${text.slice(0, 40)}" is not a reference number: give a number from 1 to ${count}.`);
  const n = Number(text);
  if (n < 1 || n > count) throw new UserError(`The review has references 1 to ${count}; there is no [${n}].`);
  return n;
}

/** The card of reference `n` (a number or typed text). */
export function referenceCard(knowledge: Knowledge, input: string | number): ReferenceCard {
  const n = parseReferenceNumber(input, knowledge.references.length);
  const ref = knowledge.references.find((r) => r.n === n)!;
  return {
    n,
    text: ref.raw,
    authors: ref.authors,
    title: ref.title,
    journal: ref.journal,
    year: ref.year,
    citedIn: ref.citedIn,
    pubmedUrl: `https://pubmed.ncbi.nlm.nih.gov/?term=${encodeURIComponent(ref.title)}`,
  };
}
