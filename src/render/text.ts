/**
 * Plain-text renderings of the core's results, for the command line without `--json`.
 */
import type { Answer } from "../answer/answer.ts";
import type { DrugCard } from "../drugs/card.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { QuizItemView } from "../lookup/quiz-item.ts";
import type { ReferenceCard } from "../lookup/reference.ts";
import type { Hit } from "../search/hit.ts";
import { hitLabel } from "./plain.ts";

/** Hits as a numbered list, each with where it stands in the review. */
export function formatHitsText(knowledge: Pick<Knowledge, "sections">, hits: readonly Hit[]): string {
  if (hits.length === 0) return "No passages match.";
  return hits
    .map((h, i) => `${i + 1}. [${hitLabel(knowledge, h)}] ${h.text} (id ${h.id}, score ${h.score})`)
    .join("\n");
}

/** An answer and its sources. */
export function formatAnswerText(knowledge: Pick<Knowledge, "sections">, answer: Answer): string {
  const sources = answer.sources.map((s) => `  - ${hitLabel(knowledge, s)} (${s.id})`).join("\n");
  return sources ? `${answer.answer}\n\nSources:\n${sources}` : answer.answer;
}

/** A drug card. */
export function formatDrugText(card: DrugCard): string {
  if (!card.name) {
    return card.suggestions.length
      ? `No drug called "${card.query}" in the review. Did you mean: ${card.suggestions.join(", ")}?`
      : `No drug called "${card.query}" in the review.`;
  }
  const lines = [card.aliases.length ? `${card.name} (also: ${card.aliases.join(", ")})` : card.name];
  if (card.table1) lines.push(`Table 1: ${card.table1.text}`);
  if (card.table2) lines.push(`Table 2: ${card.table2.text}`);
  for (const trial of card.trials) lines.push(`Trial: ${trial.text}`);
  for (const mention of card.mentions) lines.push(`§${mention.section ?? "?"}: ${mention.text}`);
  return lines.join("\n");
}

/** A reference card. */
export function formatReferenceText(card: ReferenceCard): string {
  const cited = card.citedIn.length ? `Cited in: ${card.citedIn.join(", ")}` : "Not cited in the text.";
  return `[${card.n}] ${card.text}\n${cited}\nPubMed: ${card.pubmedUrl}`;
}

/** A quiz item with its answer. */
export function formatQuizItemText(item: QuizItemView): string {
  const options = item.options.map((o, i) => `  ${"ABCD"[i]}. ${o}${i === item.answer ? "  ✓" : ""}`).join("\n");
  return `${item.id} (${item.topic}, ${item.difficulty}): ${item.question}\n${options}\n${item.explanation}`;
}
