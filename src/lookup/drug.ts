/**
 * A drug card resolved for display: its Table 1 and Table 2 rows, its trials in Table 3, and the review's
 * own sentences that name it (found again in the passages the card's mentions point at).
 */
import type { Core } from "../core.ts";
import type { DrugCard } from "../drugs/card.ts";
import type { Sentence, Table1Row, Table2Row, Table3Row } from "../knowledge/schema.ts";

/** A drug card with its table rows resolved and the sentences that name it. */
export interface DrugView {
  card: DrugCard;
  table1: Table1Row | null;
  table2: Table2Row | null;
  trials: Table3Row[];
  /** Sentences naming the drug, with the section each stands in. */
  sentences: Array<{ sentence: Sentence; section: string }>;
}

function namePattern(card: DrugCard): RegExp {
  const names = [card.name ?? "", ...card.aliases]
    .filter(Boolean)
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/[-\s]+/g, "[-\\s]?"));
  return new RegExp(`(?<![\\w-])(?:${names.join("|")})(?![\\w-])`, "i");
}

/** Resolves a card's hits to the rows and sentences the embed shows. */
export function drugView(core: Pick<Core, "knowledge" | "engine">, card: DrugCard): DrugView {
  const { knowledge } = core;
  const trialIds = new Set(card.trials.map((t) => t.id));
  const view: DrugView = {
    card,
    table1: knowledge.table1.find((r) => r.id === card.table1?.id) ?? null,
    table2: knowledge.table2.find((r) => r.id === card.table2?.id) ?? null,
    trials: knowledge.table3.filter((r) => trialIds.has(r.id)),
    sentences: [],
  };
  if (!card.name) return view;
  const pattern = namePattern(card);
  for (const hit of card.mentions) {
    for (const sentence of core.engine.get(hit.id)?.sentences ?? []) {
      if (pattern.test(sentence.text)) view.sentences.push({ sentence, section: hit.section ?? "" });
    }
  }
  return view;
}
