/**
 * A click on an option of the daily question (`quiz:<guildId>:<localDate>:<choice>`, see
 * `roundButtonId`): records the answer and replies privately at once with the result and why.
 */
import { UserError } from "../../errors.ts";
import { quizItemView } from "../../lookup/quiz-item.ts";
import type { ComponentHandler } from "../command.ts";
import { parseRoundButton, renderRoundAnswer } from "../render/quiz-round.ts";

/** The daily question's option buttons. */
export const quizAnswerHandler: ComponentHandler = {
  prefix: "quiz",
  async handle(interaction, args, { quiz, core }) {
    const parsed = parseRoundButton(args);
    if (!parsed) throw new UserError("This button is broken; please use the buttons under today's question.");
    const result = await quiz.service.answer({
      roundId: parsed.roundId,
      userId: interaction.user.id,
      choice: parsed.choice,
    });
    await interaction.reply(
      renderRoundAnswer(core.knowledge, result.item ? quizItemView(core, result.item) : null, result),
    );
  },
};
