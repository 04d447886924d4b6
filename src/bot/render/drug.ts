/**
 * DrugCard → embed: Table 1 facts, Table 2 strategy and codes, each Table 3 trial, and the review's own
 * sentences that name the drug, with their citations. An unknown name gets the closest names instead.
 */

import type { DrugCard } from "../../drugs/card.ts";
import { formatCitation } from "../../knowledge/citations.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { DrugView } from "../../lookup/drug.ts";
import { echo, truncate } from "../../safe-text.ts";
import type { EmbedField, Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply, LIMITS } from "./limits.ts";
import { trialFields } from "./trials.ts";

/** Sentences shown in the description; the rest are a /search away. */
const MAX_SENTENCES = 8;

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
