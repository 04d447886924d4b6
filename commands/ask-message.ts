/**
 * "Ask the review" in a message's menu (Apps): answers the selected message's text as a question, privately,
 * with a "Post in channel" button to share the answer.
 */
import { ApplicationCommandType, ContextMenuCommandBuilder, InteractionContextType } from "discord.js";
import { answerQuestion } from "../src/bot/ask.ts";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { UserError } from "../src/errors.ts";
import { normalizeQuestion } from "../src/question/normalize.ts";

export default {
  data: new ContextMenuCommandBuilder()
    .setName("Ask the review")
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  async execute(interaction, ctx) {
    const target = interaction.targetMessage;
    if (!target?.text.trim())
      throw new UserError("That message has no text to ask about (an image or an embed alone).");
    const question = normalizeQuestion(target.text);
    await interaction.defer({ ephemeral: true });
    const { reply } = await answerQuestion(ctx, {
      question,
      answerId: interaction.id,
      userId: interaction.user.id,
      guildId: interaction.guildId,
    });
    await interaction.editReply(privateLookup(interaction, reply));
  },
} satisfies Command;
