/**
 * /quiz — the daily quiz from a member's side: a private practice session (works in DMs too), your own
 * record, and the server's leaderboard. The daily question itself is posted by the scheduler; admins set
 * it up with /config quiz.
 */
import { InteractionContextType, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { forSubcommands, guildIdOf, guildOnly } from "../src/bot/preconditions.ts";
import { replyImage } from "../src/bot/render/pictures.ts";
import { renderPracticeQuestion, renderQuizExport } from "../src/bot/render/quiz-practice.ts";
import { renderLeaderboard, renderStats } from "../src/bot/render/quiz-scores.ts";
import { UserError } from "../src/errors.ts";
import { ankiTsv, DIFFICULTIES, LEADERBOARD_PERIODS, type LeaderboardPeriod } from "../src/quiz/index.ts";

/** Scores belong to a server's daily rounds; a DM (or the console) has none. */
const serverOnly = (subcommand: string, what: string) =>
  forSubcommands(
    [subcommand],
    guildOnly(`The daily quiz runs in a server, so ${what} only exists there. /quiz practice works anywhere.`),
  );

export default {
  data: new SlashCommandBuilder()
    .setName("quiz")
    .setDescription("The daily quiz: practise, see your record or the leaderboard")
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .addSubcommand((s) =>
      s
        .setName("practice")
        .setDescription("Practise questions privately; missed ones come back sooner")
        .addStringOption((o) =>
          o
            .setName("topic")
            .setDescription("Only questions on this topic (any when left out)")
            .setMaxLength(100)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName("difficulty")
            .setDescription("Only questions of this difficulty (any when left out)")
            .addChoices(DIFFICULTIES.map((d) => ({ name: d, value: d }))),
        ),
    )
    .addSubcommand((s) => s.setName("stats").setDescription("Your own daily quiz record in this server"))
    .addSubcommand((s) =>
      s
        .setName("export")
        .setDescription("Download questions as a file Anki imports")
        .addStringOption((o) =>
          o
            .setName("what")
            .setDescription("Your practice deck (default) or the whole bank")
            .addChoices({ name: "my deck", value: "deck" }, { name: "the whole bank", value: "bank" }),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("leaderboard")
        .setDescription("The top 10 of this server's daily quiz")
        .addStringOption((o) =>
          o
            .setName("period")
            .setDescription("Which answers count; default: this week")
            .addChoices(
              { name: "this week", value: "week" },
              { name: "this month", value: "month" },
              { name: "all time", value: "all" },
            ),
        ),
    ),
  preconditions: [serverOnly("stats", "your record"), serverOnly("leaderboard", "the leaderboard")],
  async execute(interaction, { quiz, core }) {
    switch (interaction.options.subcommand) {
      case "practice": {
        const userId = interaction.user.id;
        await quiz.practice.start(userId, {
          topic: interaction.options.getString("topic"),
          difficulty: parseDifficulty(interaction.options.getString("difficulty")),
        });
        return interaction.reply(renderPracticeQuestion(core.knowledge, await quiz.practice.nextItem(userId)));
      }
      case "export": {
        const whole = (interaction.options.getString("what") ?? "deck") === "bank";
        const items = whole ? quiz.bank.items : await quiz.practice.deck(interaction.user.id);
        return interaction.reply(renderQuizExport(items, ankiTsv(items, core.knowledge.referenceByNumber), whole));
      }
      case "stats": {
        const guildId = guildIdOf(interaction);
        const reply = renderStats(await quiz.service.stats(guildId, interaction.user.id));
        const topics = await quiz.service.topicScores(guildId, interaction.user.id);
        if (topics.length === 0 || !reply.embeds) return interaction.reply(reply);
        return interaction.reply({ ...reply, image: replyImage(core.charts.topicAccuracy(topics)) });
      }
      case "leaderboard": {
        const period = parsePeriod(interaction.options.getString("period"));
        return interaction.reply(renderLeaderboard(await quiz.service.leaderboard(guildIdOf(interaction), 10, period)));
      }
      default:
        throw new UserError("Please choose a /quiz subcommand: practice, stats, leaderboard or export.");
    }
  },
  autocomplete(interaction, { quiz }) {
    const typed = interaction.focused.value.trim().toLowerCase();
    return quiz.practice
      .topics()
      .filter((topic) => topic.toLowerCase().includes(typed))
      .slice(0, 25)
      .map((topic) => ({ name: topic, value: topic }));
  },
} satisfies Command;

/** The period option, this week by default (the console passes any text). */
function parsePeriod(value: string | null): LeaderboardPeriod {
  const period = (value ?? "week").trim().toLowerCase();
  const found = LEADERBOARD_PERIODS.find((p) => p === period);
  if (!found) throw new UserError(`The leaderboard period is one of ${LEADERBOARD_PERIODS.join(", ")}.`);
  return found;
}

/** The difficulty option (Discord offers only the choices; the console passes any text). */
function parseDifficulty(value: string | null): (typeof DIFFICULTIES)[number] | null {
  if (value === null) return null;
  const found = DIFFICULTIES.find((d) => d === value.trim().toLowerCase());
  if (!found) throw new UserError(`Difficulty is one of ${DIFFICULTIES.join(", ")}.`);
  return found;
}
