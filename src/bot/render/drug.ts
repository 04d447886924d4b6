/**
 * DrugCard → embed: Table 1 facts, Table 2 strategy and codes, each Table 3 trial, and the review's own
 * sentences that name the drug, with their citations. An unknown name gets the closest names instead.
 */

import type { Core } from "../../core.ts";
import type { DrugCard } from "../../drugs/card.ts";
import { formatCitation } from "../../knowledge/citations.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { Sentence, Table1Row, Table2Row, Table3Row } from "../../knowledge/schema.ts";
import type { EmbedField, Reply } from "../reply.ts";
import { attribution, COLORS, echo } from "./common.ts";
import { fitReply, LIMITS, truncate } from "./limits.ts";
import { trialFields } from "./trials.ts";

/** A drug card with its table rows resolved and the sentences that name it. */
export interface DrugView {
  card: DrugCard;
  table1: Table1Row | null;
  table2: Table2Row | null;
  trials: Table3Row[];
  /** Sentences naming the drug, with the section each stands in. */
  sentences: Array<{ sentence: Sentence; section: string }>;
}

/** Sentences shown in the description; the rest are a /search away. */
const MAX_SENTENCES = 8;

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

function factFields(view: DrugView): EmbedField[] {
  const fields: EmbedField[] = [];
  if (view.table1) {
    const r = view.table1;
    fields.push({
      name: "FDA-approved kinase inhibitor (Table 1)",
      value: [
        `**Target:** ${r.primaryTargets}`,
        `**Type:** ${r.targetType}`,
        `**Approved:** ${r.yearApproved}`,
        `**Indications:** ${r.indications} ${formatCitation(r.refs)}`,
      ].join("\n"),
    });
  }
  if (view.table2) {
    const r = view.table2;
    fields.push({
      name: "Targets the IGF pathway (Table 2)",
      value: [
        `**Strategy:** ${r.strategy}`,
        `**Codes:** ${r.codes.length ? r.codes.join(", ") : "none"}`,
        `**Preclinical studies:** ${formatCitation(r.refs) || "none cited"}`,
      ].join("\n"),
    });
  }
  return fields;
}

function describeSentences(view: DrugView): string {
  if (view.sentences.length === 0) return "The review's text does not name it outside the tables.";
  const lines = view.sentences
    .slice(0, MAX_SENTENCES)
    .map(({ sentence, section }) => `• ${truncate(sentence.text, 450)} (§${section})`);
  const more = view.sentences.length - MAX_SENTENCES;
  if (more > 0) lines.push(`…and ${more} more sentences: try /search ${view.card.name}`);
  return lines.join("\n");
}

function notFound(card: DrugCard): Reply {
  const suggestions = card.suggestions.length
    ? `Did you mean: ${card.suggestions.join(", ")}?`
    : "Try /search with other words.";
  return fitReply({
    embeds: [
      {
        title: `No drug called "${echo(card.query, 100)}" in the review`,
        description: suggestions,
        color: COLORS.empty,
      },
    ],
  });
}

/** The reply to /drug. */
export function renderDrug(knowledge: Pick<Knowledge, "sections" | "document">, view: DrugView): Reply {
  const { card } = view;
  if (!card.name) return notFound(card);
  const facts = factFields(view);
  const title = card.aliases.length ? `${card.name} (${card.aliases.join(", ")})` : card.name;
  const description = truncate(`**In the review**\n${describeSentences(view)}`, LIMITS.description);
  const footer = attribution(knowledge.document);
  const used =
    title.length + description.length + footer.length + facts.reduce((n, f) => n + f.name.length + f.value.length, 0);
  const trials = trialFields(
    view.trials,
    LIMITS.fields - facts.length,
    LIMITS.embedTotal - used - 100,
    `See them all with /trial ${card.name}.`,
  );
  return fitReply({
    embeds: [
      {
        title,
        description,
        color: COLORS.result,
        fields: [...facts, ...trials],
        footer: { text: footer },
      },
    ],
  });
}
