/**
 * Practice buttons: an option (`quiz-practice:<itemId>:<choice>:<reps>`) grades the item and shows why,
 * and "Next question" (`quiz-practice:next`) shows the next one. Both replace the private practice
 * message; a second click that arrives before the message is replaced carries a `reps` the card no longer
 * has, so it grades nothing and is told so.
 */
import { UserError } from "../../errors.ts";
import { quizItemView } from "../../lookup/quiz-item.ts";
import type { ComponentHandler } from "../command.ts";
import { findQuizItem } from "../quiz.ts";
import { discordTime } from "../render/quiz.ts";
import { renderPracticeQuestion, renderPracticeResult } from "../render/quiz-practice.ts";

/** The practice handler. */
export const quizPracticeHandler: ComponentHandler = {
  prefix: "quiz-practice",
  async handle(interaction, [itemId = "", choice, reps], { quiz, core }) {
    const userId = interaction.user.id;
    if (itemId === "next" && choice === undefined) {
      await interaction.update(renderPracticeQuestion(core.knowledge, quiz.practice.nextItem(userId)));
      return;
    }
    const item = findQuizItem(quiz, itemId);
    if (!item) throw new UserError("That question is no longer in the quiz bank. Run /quiz practice for another one.");
    if (choice === undefined || !/^[0-3]$/.test(choice))
      throw new UserError("This button is broken; run /quiz practice again.");
    // Buttons shown before reps were added to the id carry none; they are graded unchecked.
    if (reps !== undefined && !/^\d+$/.test(reps))
      throw new UserError("This button is broken; run /quiz practice again.");
    const chosen = Number(choice);
    const seenReps = reps === undefined ? undefined : Number(reps);
    const { nextDueAt, alreadyGraded } = await quiz.practice.grade(
      userId,
      item.id,
      chosen === item.answer,
      undefined,
      seenReps,
    );
    if (alreadyGraded) {
      throw new UserError(
        `You already answered this question; your first answer counts. It comes back ${discordTime(nextDueAt, "R")}.`,
      );
    }
    await interaction.update(renderPracticeResult(core.knowledge, quizItemView(core, item), chosen, nextDueAt));
  },
};
