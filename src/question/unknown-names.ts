/**
 * Names the review never mentions. A question centred on a drug or gene the review does not know ("does
 * metformin reverse TKI resistance?") is declined by name, instead of being answered with a generic sentence
 * about TKIs. A name is a word shaped like a drug (an international nonproprietary stem: -tinib, -mab, -rasib,
 * -formin …) or like a gene or mutation code (letters and digits: G12C, BRCA2, H1975), which the review's
 * index does not hold and which is no typo of a name it does.
 */
import type { DrugCatalog } from "../drugs/catalog.ts";
import type { SearchEngine } from "../search/engine.ts";
import { termOf } from "../search/tokenizer.ts";

/** Drug-name stems: kinase inhibitors, antibodies, and the other classes people ask about next to them. */
const DRUG_STEM =
  /^[a-z]{3,}(?:tinib|ciclib|rafenib|lisib|rasib|sib|parib|mab|limus|platin|taxel|tecan|rubicin|citabine|trexed|formin|glutide|gliptin|zomib|degib|fenib|xifen|zole|mide|stat|prazole|sartan|olol|pril|vir|cycline|mycin|floxacin)$/;
/** A gene, variant or cell-line code: letters and digits together (G12C, BRCA2, PD-L1, H1975). */
const CODE = /^(?=[a-z0-9-]*[a-z])(?=[a-z0-9-]*\d)[a-z0-9-]{3,}$/;

/** Finds the names in a question that the review never mentions, as typed. */
export function createUnknownNameFinder(engine: SearchEngine, catalog: DrugCatalog): (question: string) => string[] {
  const known = (word: string): boolean => {
    const joined = word.replace(/-/g, "");
    if (engine.index.documentFrequency(termOf(joined)) > 0) return true;
    if (catalog.resolve(word).entry) return true;
    // A typo of a known word ("osimertnib") is a known name misspelt, and a compound with a known part
    // ("EGFR-TKIs") is a known name written another way.
    return engine.index.analyse(word).terms.size > 0;
  };
  return (question) => {
    const names: string[] = [];
    for (const [raw] of question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}-]*/gu)) {
      const word = raw.toLowerCase().replace(/-+$/, "");
      if (!(DRUG_STEM.test(word) || (CODE.test(word) && !/^nct\d+$/.test(word) && !/^\d/.test(word)))) continue;
      if (/^(?:19|20)\d\d$/.test(word) || known(word)) continue;
      if (!names.includes(raw)) names.push(raw);
    }
    return names;
  };
}
