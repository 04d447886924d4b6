/**
 * Drugs the review lists in Table 1 and never discusses. A question that ties one of them to a gene or another
 * drug its row does not name ("does IGF-1R drive resistance to alectinib?") asks what the review does not say:
 * the row matches the drug and the IGF passages match the rest, and neither speaks to the two together.
 */
import type { Knowledge } from "../knowledge/load.ts";
import { segmentsOf } from "../search/documents.ts";
import type { SearchEngine } from "../search/engine.ts";
import { entityTerm } from "../search/tokenizer.ts";

/** A Table 1 drug asked about with something its row does not name. */
export interface UnrelatedAsk {
  drug: string;
  /** How the row describes the drug: "an FDA-approved ALK inhibitor (2015)". */
  listedAs: string;
  /** The genes and drugs the question ties it to, as the review names them. */
  others: string[];
}

/**
 * Finds questions about a Table-1-only drug and something else, from the terms the question was searched with
 * (its analysed query); see {@link UnrelatedAsk}.
 */
export type TableOnlyCheck = (queryTerms: Iterable<string>) => UnrelatedAsk | null;

/** Builds the check over the review's index and alias groups. */
export function createTableOnlyCheck(engine: SearchEngine, groups: Knowledge["aliases"]["groups"]): TableOnlyCheck {
  // Genes and drugs by entity term: the things a question can tie a drug to (not glossary terms or classes).
  const namesOf = new Map<string, string>();
  for (const g of groups) if (g.kind === "gene" || g.kind === "drug") namesOf.set(entityTerm(g.canonical), g.canonical);

  // Each Table 1 row's entity terms, and how many rows hold each one.
  const rows = new Map<string, { terms: Set<string>; drug: string; listedAs: string }>();
  const rowsHolding = new Map<string, number>();
  for (const doc of engine.docs) {
    if (doc.row?.table !== "1") continue;
    const cells = doc.row.cells;
    const terms = new Set(engine.tokenizer(segmentsOf(doc).join(" ")).filter((t) => t.startsWith("@")));
    for (const t of terms) rowsHolding.set(t, (rowsHolding.get(t) ?? 0) + 1);
    rows.set(entityTerm(cells.drug), {
      terms,
      drug: cells.drug,
      listedAs: `an FDA-approved ${cells.primaryTargets} inhibitor (${cells.yearApproved})`,
    });
  }
  // A drug is listed only when every document holding its name is a Table 1 row.
  const listedOnly = new Set(
    [...rows.keys()].filter((t) => rowsHolding.has(t) && engine.index.documentFrequency(t) === rowsHolding.get(t)),
  );

  return (queryTerms) => {
    const named = [...queryTerms].filter((t) => namesOf.has(t));
    for (const term of named) {
      if (!listedOnly.has(term)) continue;
      const row = rows.get(term)!;
      const others = named.filter((t) => t !== term && !row.terms.has(t)).map((t) => namesOf.get(t)!);
      if (others.length) return { drug: row.drug, listedAs: row.listedAs, others };
    }
    return null;
  };
}
