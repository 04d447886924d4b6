/**
 * A click on an option of the daily question (`quiz:<roundId>:<choice>`): records the answer and replies
 * privately at once with the result and why.
 */
import { z } from "zod";
import { quizItemView } from "../../lookup/quiz-item.ts";
import type { ComponentHandler } from "../command.ts";
import { renderRoundAnswer } from "../render/quiz-round.ts";
import { OptionChoice, Part, partsParser } from "./custom-id.ts";

/** What an option of the daily question carries. */
export interface RoundOptionArgs {
  roundId: string;
  choice: number;
}

/**
 * The router splits custom ids at every ":", and round ids contain one (`<guildId>:<localDate>`), so the
 * choice is read from the end and the round id is the rest joined again.
 */
const RoundOption = z
  .array(z.string())
  .min(2)
  .transform((parts) => ({ roundId: parts.slice(0, -1).join(":"), choice: parts.at(-1) }))
  .pipe(z.object({ roundId: Part, choice: OptionChoice }));

/** The daily question's option buttons. */
export const quizAnswerHandler = {
  type: "button",
  prefix: "quiz",
  build: ({ roundId, choice }: RoundOptionArgs) => `quiz:${roundId}:${choice}`,
  parse: partsParser<RoundOptionArgs>(RoundOption),
  invalid: "This button is broken; please use the buttons under today's question.",
  async run(interaction, { roundId, choice }, { quiz, core }) {
    const result = await quiz.service.answer({ roundId, userId: interaction.user.id, choice });
    await interaction.reply(
      renderRoundAnswer(core.knowledge, result.item ? quizItemView(core, result.item) : null, result),
    );
  },
} satisfies ComponentHandler<RoundOptionArgs>;
