/**
 * `/quiz practice` on Discord: the next question of a personal spaced-repetition session, and the result
 * of a click — right or wrong, why, when the question comes back — with a button to the next one. Every
 * reply is ephemeral: practice is nobody else's business.
 */
import type { Knowledge } from "../../knowledge/load.ts";
import type { QuizItemView } from "../../lookup/quiz-item.ts";
import type { PracticeNext } from "../../quiz/index.ts";
import type { Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply } from "./limits.ts";
import {
  discordTime,
  explanationText,
  itemFields,
  itemSourceFields,
  optionButtons,
  optionLabel,
  questionText,
} from "./quiz.ts";

/**
 * The custom id of a practice option: `quiz-practice:<itemId>:<choice>:<reps>` (item ids have no ":"),
 * `reps` being how often the card had been graded when shown, so a second click grades nothing.
 */
export function practiceButtonId(itemId: string, choice: number, reps: number): string {
  return `quiz-practice:${itemId}:${choice}:${reps}`;
}

/** The custom id of "Next question". */
export const PRACTICE_NEXT_ID = "quiz-practice:next";

/** The next practice question, or when to come back. */
export function renderPracticeQuestion(knowledge: Pick<Knowledge, "document">, next: PracticeNext): Reply {
  if (next.kind === "done") {
    const when = next.nextDueAt ? ` The next review is due ${discordTime(next.nextDueAt, "R")}.` : "";
    return {
      content: `Nothing to practise right now: you have seen every question and none is due.${when}`,
      ephemeral: true,
    };
  }
  const { item } = next;
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: next.kind === "review" ? "Practice · a question to review" : "Practice · a new question",
        description: questionText(item),
        color: COLORS.result,
        fields: itemFields(item),
        footer: { text: `Missed questions come back sooner. · ${attribution(knowledge.document)}` },
      },
    ],
    buttons: [optionButtons(item, (choice) => practiceButtonId(item.id, choice, next.reps))],
  });
}

/** The result of a practice answer, with when the question comes back and a button to the next one. */
export function renderPracticeResult(
  knowledge: Pick<Knowledge, "sections" | "document">,
  view: QuizItemView,
  choice: number,
  nextDueAt: Date,
): Reply {
  const correct = choice === view.answer;
  const chose = correct ? "" : `You chose ${optionLabel(view, choice)}.\n`;
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: correct ? "✅ Right!" : "❌ Not this time",
        description: `${chose}${explanationText(view)}\n\nThis question comes back ${discordTime(nextDueAt, "R")}.`,
        color: correct ? COLORS.result : COLORS.empty,
        fields: itemSourceFields(knowledge, view),
        footer: { text: attribution(knowledge.document) },
      },
    ],
    buttons: [[{ customId: PRACTICE_NEXT_ID, label: "Next question", style: "primary" }]],
  });
}
