/**
 * 👍/👎 under an answer (`feedback:up|down:<answerId>`): one vote per user per answer, a second click
 * replaces the first; the acknowledgement is ephemeral and shows the counts.
 */
import { UserError } from "../../errors.ts";
import { recordVote, Vote } from "../../store/index.ts";
import type { ComponentHandler } from "../command.ts";

/** The feedback button handler. */
export const feedbackHandler: ComponentHandler = {
  prefix: "feedback",
  async handle(interaction, [direction, answerId], { store }) {
    const vote = Vote.safeParse(direction);
    if (!vote.success || !answerId)
      throw new UserError("This button is broken; please use the buttons under a new answer.");
    const counts = await recordVote(store, answerId, interaction.user.id, vote.data);
    await interaction.reply({
      content: `Thanks, noted ${vote.data === "up" ? "👍" : "👎"}. So far: ${counts.up} 👍 · ${counts.down} 👎.`,
      ephemeral: true,
    });
  },
};
