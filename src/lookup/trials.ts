/**
 * Trial look-up over Table 3: by ClinicalTrials.gov id, by drug (any of its names, alone or in a combination),
 * or by cancer type.
 */
import { isTrialOf } from "../drugs/card.ts";
import type { DrugCatalog } from "../drugs/catalog.ts";
import { UserError } from "../errors.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Table3Row } from "../knowledge/schema.ts";
import { normalizeText } from "../search/tokenizer.ts";

/** The Table 3 rows that match `query`, in the table's order. */
export function findTrials(knowledge: Knowledge, catalog: DrugCatalog, query: string): Table3Row[] {
  const text = query.trim();
  if (!text) throw new UserError("Give a drug, a cancer type or an NCT id, e.g. ganitumab, sarcoma or NCT00673049.");
  if (text.length > 200) throw new UserError("That search is too long: at most 200 characters.");
  const nct = text.toUpperCase().match(/NCT\d{8}/);
  if (nct) return knowledge.table3.filter((r) => r.trialIds.includes(nct[0]));
  const drug = catalog.resolve(text).entry;
  if (drug) return knowledge.table3.filter((r) => isTrialOf(r, drug));
  const words = normalizeText(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 2);
  return knowledge.table3.filter((r) => {
    const cancer = normalizeText(r.cancerType);
    return words.every((w) => cancer.includes(w.replace(/s$/, "")));
  });
}
