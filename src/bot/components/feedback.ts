/**
 * 👍/👎 under an answer (`feedback:up|down:<answerId>`): one vote per user per answer, a second click
 * replaces the first; the acknowledgement is ephemeral and shows the counts.
 */
import { z } from "zod";
import { Vote } from "../../store/index.ts";
import type { ComponentHandler } from "../command.ts";
import { Part, partsParser } from "./custom-id.ts";

/** What a feedback button carries. */
export interface FeedbackArgs {
  vote: Vote;
  answerId: string;
}

/** The feedback button handler. */
export const feedbackHandler = {
  type: "button",
  prefix: "feedback",
  build: ({ vote, answerId }: FeedbackArgs) => `feedback:${vote}:${answerId}`,
  parse: partsParser(z.tuple([Vote, Part]).transform(([vote, answerId]): FeedbackArgs => ({ vote, answerId }))),
  invalid: "This button is broken; please use the buttons under a new answer.",
  async run(interaction, { vote, answerId }, { store }) {
    const counts = await store.votes.cast(answerId, interaction.user.id, vote);
    await interaction.reply({
      content: `Thanks, noted ${vote === "up" ? "👍" : "👎"}. So far: ${counts.up} 👍 · ${counts.down} 👎.`,
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<FeedbackArgs>;
