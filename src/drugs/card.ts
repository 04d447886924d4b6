/**
 * The drug card: everything the review says about one drug — its Table 1 row, its Table 2 row, every trial of
 * Table 3 that gives it (alone or in a combination), and the sentences that name it.
 */
import { UserError } from "../errors.ts";
import type { Table3Row } from "../knowledge/schema.ts";
import type { SearchDoc } from "../search/documents.ts";
import type { SearchEngine } from "../search/engine.ts";
import type { Hit } from "../search/hit.ts";
import type { DrugCatalog, DrugEntry } from "./catalog.ts";

/** The `drug` result of the command-line contract. */
export interface DrugCard {
  query: string;
  /** The canonical name the review uses; null when nothing matches. */
  name: string | null;
  aliases: string[];
  table1: Hit | null;
  table2: Hit | null;
  trials: Hit[];
  mentions: Hit[];
  /** Close names when nothing matched. */
  suggestions: string[];
}

/** Longest name query accepted. */
const MAX_QUERY = 100;

function asHit(doc: SearchDoc): Hit {
  return { ...doc.hit, score: 1 };
}

/**
 * Whether a Table 3 trial is a trial of the drug: it gives the drug, alone or in its combination. A cancer
 * type that merely names it ("previously treated with trastuzumab") does not count.
 */
export function isTrialOf(row: Table3Row, entry: DrugEntry): boolean {
  const pattern = namePattern(entry);
  return pattern.test(row.drug) || pattern.test(row.combination ?? "");
}

/** A pattern that finds any of an entry's names as a whole word, whatever the case. */
function namePattern(entry: DrugEntry): RegExp {
  const escaped = [entry.name, ...entry.aliases]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[-\s]+/g, "[-\\s]?"));
  return new RegExp(`(?<![\\w-])(?:${escaped.join("|")})(?![\\w-])`, "i");
}

/** Builds drug cards from the catalog and the engine's documents. */
export function createDrugCards(catalog: DrugCatalog, engine: SearchEngine) {
  return {
    /** The card for what someone typed. Throws a {@link UserError} for an empty or over-long query. */
    card(query: string): DrugCard {
      const trimmed = query.trim();
      if (!trimmed) throw new UserError("Please give a drug name or code, e.g. gefitinib or AMG-479.");
      if (trimmed.length > MAX_QUERY) throw new UserError(`A drug name is at most ${MAX_QUERY} characters.`);
      const { entry, suggestions } = catalog.resolve(trimmed);
      if (!entry) {
        return {
          query: trimmed,
          name: null,
          aliases: [],
          table1: null,
          table2: null,
          trials: [],
          mentions: [],
          suggestions,
        };
      }
      const pattern = namePattern(entry);
      const isRowOf = (doc: SearchDoc, table: "1" | "2" | "3") =>
        doc.hit.kind === "table-row" &&
        doc.hit.table === table &&
        doc.hit.drug?.toLowerCase() === entry.name.toLowerCase();
      const table1 = engine.docs.find((d) => isRowOf(d, "1"));
      const table2 = engine.docs.find((d) => isRowOf(d, "2"));
      const trials = engine.docs.filter((d) => d.row?.table === "3" && isTrialOf(d.row.cells, entry));
      const mentions = engine.docs.filter(
        (d) => (d.hit.kind === "passage" || d.hit.kind === "figure") && pattern.test(d.hit.text),
      );
      return {
        query: trimmed,
        name: entry.name,
        aliases: entry.aliases,
        table1: table1 ? asHit(table1) : null,
        table2: table2 ? asHit(table2) : null,
        trials: trials.map(asHit),
        mentions: mentions.map(asHit),
        suggestions: [],
      };
    },
  };
}

/** The drug cards of one review. */
export type DrugCards = ReturnType<typeof createDrugCards>;
