/**
 * /quiz — the daily quiz from a member's side: a private practice session (works in DMs too), your own
 * record, and the server's leaderboard. The daily question itself is posted by the scheduler; admins set
 * it up with /config quiz.
 */
import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { renderPracticeQuestion } from "../src/bot/render/quiz-practice.ts";
import { renderLeaderboard, renderStats } from "../src/bot/render/quiz-scores.ts";
import { UserError } from "../src/errors.ts";

/** Scores belong to a server's daily rounds; a DM (or the console) has none. */
function serverOnly(guildId: string | null, what: string): string {
  if (!guildId)
    throw new UserError(
      `The daily quiz runs in a server, so ${what} only exists there. /quiz practice works anywhere.`,
    );
  return guildId;
}

export default {
  data: new SlashCommandBuilder()
    .setName("quiz")
    .setDescription("The daily quiz: practise, see your record or the leaderboard")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) =>
      s.setName("practice").setDescription("Practise questions privately; missed ones come back sooner"),
    )
    .addSubcommand((s) => s.setName("stats").setDescription("Your own daily quiz record in this server"))
    .addSubcommand((s) => s.setName("leaderboard").setDescription("The top 10 of this server's daily quiz")),
  async execute(interaction, { quiz, core }) {
    switch (interaction.options.subcommand) {
      case "practice":
        return interaction.reply(renderPracticeQuestion(core.knowledge, quiz.practice.nextItem(interaction.user.id)));
      case "stats": {
        const guildId = serverOnly(interaction.guildId, "your record");
        return interaction.reply(renderStats(quiz.service.stats(guildId, interaction.user.id)));
      }
      case "leaderboard": {
        const guildId = serverOnly(interaction.guildId, "the leaderboard");
        return interaction.reply(renderLeaderboard(quiz.service.leaderboard(guildId, 10)));
      }
      default:
        throw new UserError("Please choose a /quiz subcommand: practice, stats or leaderboard.");
    }
  },
} satisfies Command;
