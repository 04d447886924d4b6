/**
 * Practice buttons: an option (`quiz-practice:<itemId>:<choice>:<reps>`) grades the item and shows why,
 * "Next question" (`quiz-practice:next`) shows the next one of the session's topic and difficulty, and "End
 * session" (`quiz-practice:end`) shows the session's summary, as does "Next question" once nothing is left.
 * All replace the private practice message; a second click that arrives before the message is replaced
 * carries a `reps` the card no longer has, so it grades nothing and is told so.
 */
import { TimestampStyles, time } from "discord.js";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import { quizItemView } from "../../lookup/quiz-item.ts";
import type { ComponentHandler } from "../command.ts";
import { findQuizItem } from "../quiz.ts";
import { renderPracticeQuestion, renderPracticeResult, renderPracticeSummary } from "../render/quiz-practice.ts";
import { OptionChoice, Part, partsParser } from "./custom-id.ts";

/**
 * What a practice button carries: "next", or an option of an item (ids have no ":") with how often the
 * card had been graded when shown. Buttons shown before reps were added to the id carry none.
 */
export type PracticeArgs =
  | { kind: "next" }
  | { kind: "end" }
  | { kind: "option"; itemId: string; choice: number; reps: number | undefined };

const Reps = z
  .string()
  .regex(/^\d{1,9}$/)
  .transform(Number);

const PracticeParts = z.union([
  z.tuple([z.literal("next")]).transform((): PracticeArgs => ({ kind: "next" })),
  z.tuple([z.literal("end")]).transform((): PracticeArgs => ({ kind: "end" })),
  z
    .tuple([Part, OptionChoice], Reps.optional())
    .refine((parts) => parts.length <= 3)
    .transform(([itemId, choice, reps]): PracticeArgs => ({ kind: "option", itemId, choice, reps })),
]);

/** The practice handler. */
export const quizPracticeHandler = {
  type: "button",
  prefix: "quiz-practice",
  build: (args: PracticeArgs) =>
    args.kind === "option"
      ? `quiz-practice:${args.itemId}:${args.choice}${args.reps === undefined ? "" : `:${args.reps}`}`
      : `quiz-practice:${args.kind}`,
  parse: partsParser<PracticeArgs>(PracticeParts),
  invalid: "This button is broken; run /quiz practice again.",
  async run(interaction, args, { quiz, core }) {
    const userId = interaction.user.id;
    if (args.kind !== "option") {
      const next = args.kind === "next" ? await quiz.practice.nextItem(userId) : null;
      await interaction.update(
        next && next.kind !== "done"
          ? renderPracticeQuestion(core.knowledge, next)
          : renderPracticeSummary(await quiz.practice.summary(userId), next, await quiz.reminders.isOn(userId)),
      );
      return;
    }
    const item = findQuizItem(quiz, args.itemId);
    if (!item) throw new UserError("That question is no longer in the quiz bank. Run /quiz practice for another one.");
    const { nextDueAt, alreadyGraded } = await quiz.practice.grade(
      userId,
      item.id,
      args.choice === item.answer,
      undefined,
      args.reps,
    );
    if (alreadyGraded) {
      throw new UserError(
        `You already answered this question; your first answer counts. It comes back ${time(nextDueAt, TimestampStyles.RelativeTime)}.`,
      );
    }
    await interaction.update(renderPracticeResult(core.knowledge, quizItemView(core, item), args.choice, nextDueAt));
  },
} satisfies ComponentHandler<PracticeArgs>;
