/**
 * Quiz items → embeds and buttons, for the daily round and for practice alike: the question with its four
 * option buttons, and the "why" after an answer (the explanation with its `[n]` and the passages that carry
 * those numbers). The daily and practice renderers build on these pieces.
 */

import type { Knowledge } from "../../knowledge/load.ts";
import type { QuizItemView } from "../../lookup/quiz-item.ts";
import type { QuizItem } from "../../quiz/index.ts";
import { neutralizeMentions, truncate } from "../../safe-text.ts";
import { quizReportHandler } from "../components/quiz-report.ts";
import type { ActionButton, EmbedField } from "../reply.ts";
import { sourceFields } from "./common.ts";
import { LIMITS } from "./limits.ts";

/** The "Report" button under a quiz question (`source`: where it is shown). */
export function reportButton(source: "daily" | "practice", itemId: string): ActionButton {
  return { customId: quizReportHandler.build({ source, itemId }), label: "Report", emoji: "🚩", style: "secondary" };
}

/** The option letters, in option order. */
export const LETTERS = ["A", "B", "C", "D"] as const;

/** "C. option text", for buttons and text alike. */
export function optionLabel(item: Pick<QuizItem, "options">, choice: number): string {
  return `${LETTERS[choice]}. ${item.options[choice]}`;
}

/** The question and its options as embed text: the options are spelled out because button labels are cut at 80. */
export function questionText(item: Pick<QuizItem, "question" | "options">): string {
  const options = item.options.map((option, i) => `**${LETTERS[i]}.** ${neutralizeMentions(option)}`);
  return `${neutralizeMentions(item.question)}\n\n${options.join("\n")}`;
}

/** Topic and difficulty, side by side. */
export function itemFields(item: Pick<QuizItem, "topic" | "difficulty">): EmbedField[] {
  return [
    { name: "Topic", value: item.topic, inline: true },
    { name: "Difficulty", value: item.difficulty, inline: true },
  ];
}

/** One button per option, `customId(choice)` carrying what the click needs. */
export function optionButtons(item: Pick<QuizItem, "options">, customId: (choice: number) => string): ActionButton[] {
  return item.options.map((_, choice) => ({
    customId: customId(choice),
    label: truncate(optionLabel(item, choice), LIMITS.buttonLabel),
    style: "primary" as const,
  }));
}

/** "The answer is **C.** …" and the explanation with its citations. */
export function explanationText(item: Pick<QuizItem, "options" | "answer" | "explanation">): string {
  return `The answer is **${neutralizeMentions(optionLabel(item, item.answer))}**.\n\n${neutralizeMentions(item.explanation)}`;
}

/**
 * One field per source of the item: where it stands and a short quote, with any of its reference numbers
 * the quote does not show. So every `[n]` of the explanation is carried by a card shown with it.
 */
export function itemSourceFields(
  knowledge: Pick<Knowledge, "sections">,
  view: Pick<QuizItemView, "sources">,
): EmbedField[] {
  return sourceFields(knowledge, view.sources, (n, where) => `Source ${n}: ${where}`);
}
