/**
 * /config — server settings, for members with Manage Server only: Q&A channels, whether the language
 * model writes answers here, and where and when the daily quiz is posted. Discord hides the command from
 * others (default member permissions), and the `userPermissions` precondition checks again at run time,
 * because a server can override what Discord shows to whom.
 *
 * Subcommands are dispatched through {@link handlers}, keyed "group subcommand" (or "subcommand"): a new
 * subcommand group adds its builder below and its handlers to that table.
 */
import {
  ChannelType,
  channelMention,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
  TimestampStyles,
  time,
  userMention,
} from "discord.js";
import type { Command, CommandContext } from "../src/bot/command.ts";
import { describeHealth } from "../src/bot/health.ts";
import type { CommandInteraction } from "../src/bot/interaction.ts";
import { requiredOption } from "../src/bot/options.ts";
import {
  ANSWERING,
  ANSWERING_IN_FORUM,
  botPermissionsIn,
  guildIdOf,
  guildOnly,
  POSTING,
  userPermissions,
} from "../src/bot/preconditions.ts";
import { COLORS } from "../src/bot/render/common.ts";
import { REPORTS_SHOWN, renderQuizReports } from "../src/bot/render/quiz-reports.ts";
import { suggestTimezones } from "../src/bot/timezones.ts";
import { UserError } from "../src/errors.ts";
import { echo, neutralizeMentions, truncate } from "../src/safe-text.ts";
import { type QuizSettings, type Store, Weekday } from "../src/store/index.ts";

type Handler = (interaction: CommandInteraction, guildId: string, ctx: CommandContext) => Promise<void>;

const channelList = (ids: readonly string[]) => (ids.length ? ids.map((id) => channelMention(id)).join(", ") : "none");

/** "in #quiz at 08:30 (Europe/Berlin), closing at 20:00" — how the quiz part of the settings reads. */
function quizSchedule(quiz: QuizSettings): string {
  const [hour = 0, minute = 0] = quiz.time.split(":").map(Number);
  // A close hour at or before the post time cannot close the round the same day; it then runs to the next post.
  const closesSameDay = quiz.closeHour !== null && quiz.closeHour * 60 > hour * 60 + minute;
  const closing = closesSameDay
    ? `closing at ${String(quiz.closeHour).padStart(2, "0")}:00`
    : "closing when the next question is posted";
  // Monday is the default start of the weekly leaderboard: only another day is worth a mention.
  const week =
    quiz.weekStart === "monday"
      ? ""
      : `; the weekly leaderboard starts on ${quiz.weekStart[0]!.toUpperCase()}${quiz.weekStart.slice(1)}`;
  const ping = quiz.notifyRoleId ? `; it pings <@&${quiz.notifyRoleId}>` : "";
  return `in ${channelMention(quiz.channelId)} every day at ${quiz.time} (${quiz.timezone}), ${closing}${week}${ping}`;
}

/** The week-start option: Discord offers only the choices; the console passes any text. */
function optionalWeekday(value: string | null): Weekday | undefined {
  if (value === null) return undefined;
  const day = Weekday.safeParse(value.trim().toLowerCase());
  if (!day.success) throw new UserError(`The week starts on a day of the week (${Weekday.options.join(", ")}).`);
  return day.data;
}

/** The quiz post that is failing now (a round still waiting to be posted), as /config show reads it. */
async function lastPostFailure(store: Store, guildId: string): Promise<string> {
  const failing = (await store.rounds.unfinished(new Set([guildId])))
    .filter((r) => r.post.lastError !== null)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .at(-1);
  if (!failing) return "None: the last questions were posted.";
  const retry = failing.post.nextAttemptAt
    ? ` Next try ${time(new Date(failing.post.nextAttemptAt), TimestampStyles.RelativeTime)}.`
    : "";
  return truncate(
    `${channelMention(failing.channelId)}, ${failing.localDate}, after ${failing.post.attempts} attempt(s): ${failing.post.lastError}.${retry}`,
    1024,
  );
}

/** How many notes /config feedback shows: one field each. */
const FEEDBACK_SHOWN = 10;

const handlers: Record<string, Handler> = {
  async "qa-channel add"(interaction, guildId, { store }) {
    const channelId = requiredOption(interaction.options.getChannelId("channel"), "channel");
    const next = await store.settings.update(guildId, (settings) => ({
      ...settings,
      qaChannelIds: [...new Set([...settings.qaChannelIds, channelId])],
    }));
    await interaction.reply({
      content: `Every message in ${channelMention(channelId)} is now a question. Q&A channels: ${channelList(next.qaChannelIds)}.`,
      ephemeral: true,
    });
  },
  async "qa-channel remove"(interaction, guildId, { store, config }) {
    const channelId = requiredOption(interaction.options.getChannelId("channel"), "channel");
    const next = await store.settings.update(guildId, (settings) => ({
      ...settings,
      qaChannelIds: settings.qaChannelIds.filter((id) => id !== channelId),
    }));
    const fromEnv = config.qaChannelIds.includes(channelId)
      ? " It is still a Q&A channel through QA_CHANNEL_IDS in my configuration."
      : "";
    await interaction.reply({
      content: `${channelMention(channelId)} is no longer a Q&A channel here.${fromEnv} Q&A channels: ${channelList(next.qaChannelIds)}.`,
      ephemeral: true,
    });
  },
  async model(interaction, guildId, { store, core }) {
    const state = requiredOption(interaction.options.getString("state"), "state");
    if (state !== "on" && state !== "off") throw new UserError('The model setting is "on" or "off".');
    await store.settings.update(guildId, (settings) => ({ ...settings, useModel: state === "on" }));
    const note = core.modelAvailable
      ? ""
      : " (No model is configured on this bot, so answers are quoted from the review either way.)";
    await interaction.reply({
      content:
        state === "on"
          ? `Answers here may be written by the language model.${note}`
          : `Answers here are quoted from the review's own sentences.${note}`,
      ephemeral: true,
    });
  },
  async "quiz set"(interaction, guildId, { quiz }) {
    const settings = await quiz.service.configure(guildId, {
      channelId: requiredOption(interaction.options.getChannelId("channel"), "channel"),
      time: requiredOption(interaction.options.getString("time"), "time"),
      timezone: requiredOption(interaction.options.getString("timezone"), "timezone"),
      closeHour: interaction.options.getInteger("close-hour"),
      weekStart: optionalWeekday(interaction.options.getString("week-start")),
    });
    const paused = settings.paused ? " The quiz is paused: use /config quiz resume to start posting." : "";
    await interaction.reply({
      content: `The daily question will be posted ${quizSchedule(settings)}.${paused}`,
      ephemeral: true,
    });
  },
  async "quiz pause"(interaction, guildId, { quiz }) {
    await quiz.service.pause(guildId, true);
    await interaction.reply({
      content:
        "The daily quiz is paused: no new questions until /config quiz resume. An open question still closes on time.",
      ephemeral: true,
    });
  },
  async "quiz resume"(interaction, guildId, { quiz }) {
    const settings = await quiz.service.pause(guildId, false);
    await interaction.reply({
      content: `The daily quiz is back on: questions are posted ${quizSchedule(settings)}.`,
      ephemeral: true,
    });
  },
  async feedback(interaction, guildId, { store }) {
    const notes = await store.notes.recent(guildId, FEEDBACK_SHOWN);
    if (notes.length === 0) {
      await interaction.reply({ content: "No one has written feedback after 👎 in this server yet.", ephemeral: true });
      return;
    }
    await interaction.reply({
      ephemeral: true,
      embeds: [
        {
          title: `Feedback after 👎, newest first (${notes.length})`,
          color: COLORS.result,
          fields: notes.map((n) => ({
            name: truncate(echo(n.question, 200), 256),
            value: truncate(
              `> ${neutralizeMentions(n.text)}\n${userMention(n.userId)}, ${time(new Date(n.at), TimestampStyles.RelativeTime)} · answer: ${neutralizeMentions(n.answer)}`,
              1024,
            ),
          })),
        },
      ],
    });
  },
  async "quiz notify-role"(interaction, guildId, { quiz }) {
    const roleId = interaction.options.getRoleId("role");
    if (roleId === guildId) throw new UserError("Pick a role of its own: the daily question never pings @everyone.");
    await quiz.service.setNotifyRole(guildId, roleId);
    await interaction.reply({
      content: roleId
        ? `The daily question will ping <@&${roleId}>, and its 🔔 Notify me button gives or takes that role. I need the Manage Roles permission and a role above it.`
        : "The daily question pings nobody now, and has no 🔔 Notify me button.",
      ephemeral: true,
    });
  },
  async "quiz discussion"(interaction, guildId, { quiz }) {
    const state = requiredOption(interaction.options.getString("state"), "state");
    if (state !== "on" && state !== "off") throw new UserError('The discussion setting is "on" or "off".');
    const on = state === "on";
    await quiz.service.setDiscussion(guildId, on);
    await interaction.reply({
      content: on
        ? "Each daily question will get a discussion thread once its answer is revealed (I need Create Public Threads)."
        : "Daily questions will no longer get a discussion thread.",
      ephemeral: true,
    });
  },
  async "quiz reports"(interaction, _guildId, { quiz }) {
    await interaction.reply(renderQuizReports(await quiz.curation.reports(REPORTS_SHOWN)));
  },
  async "quiz retire"(interaction, _guildId, { quiz }) {
    const itemId = requiredOption(interaction.options.getString("item"), "item").trim();
    const retired = await quiz.curation.retire(itemId, interaction.user.id);
    await interaction.reply({
      content: retired
        ? `Retired ${itemId}: it is no longer posted as a daily question nor offered in practice.`
        : `${itemId} was retired already.`,
      ephemeral: true,
    });
  },
  async show(interaction, guildId, { store, config, core, health }) {
    const settings = await store.settings.get(guildId);
    const quizSettings = settings.quiz;
    await interaction.reply({
      ephemeral: true,
      embeds: [
        {
          title: "Settings of this server",
          color: COLORS.result,
          fields: [
            { name: "Q&A channels", value: channelList(settings.qaChannelIds) },
            { name: "Q&A channels from the bot's configuration", value: channelList(config.qaChannelIds) },
            {
              name: "Language model",
              value: `${settings.useModel ? "on" : "off"}${core.modelAvailable ? "" : " (none configured)"}`,
            },
            { name: "Rate limit", value: `${config.rateLimitPerMinute} questions per user per minute` },
            { name: "Last quiz post failure", value: await lastPostFailure(store, guildId) },
            {
              name: "Daily quiz",
              value: quizSettings
                ? `${quizSettings.paused ? "Paused. When resumed: " : ""}${quizSchedule(quizSettings)}`
                : "Not set up: use /config quiz set",
            },
            { name: "Health", value: describeHealth(health) },
          ],
        },
      ],
    });
  },
};

export default {
  data: new SlashCommandBuilder()
    .setName("config")
    .setDescription("Server settings (Manage Server only)")
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild)
    .setContexts(InteractionContextType.Guild)
    .addSubcommandGroup((g) =>
      g
        .setName("qa-channel")
        .setDescription("Channels where every message is a question")
        .addSubcommand((s) =>
          s
            .setName("add")
            .setDescription("Make a channel a Q&A channel")
            .addChannelOption((o) =>
              o
                .setName("channel")
                .setDescription("The channel")
                .setRequired(true)
                .addChannelTypes(ChannelType.GuildText, ChannelType.GuildForum),
            ),
        )
        .addSubcommand((s) =>
          s
            .setName("remove")
            .setDescription("Stop treating a channel as a Q&A channel")
            .addChannelOption((o) =>
              o
                .setName("channel")
                .setDescription("The channel")
                .setRequired(true)
                .addChannelTypes(ChannelType.GuildText, ChannelType.GuildForum),
            ),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("model")
        .setDescription("Whether the language model may write answers in this server")
        .addStringOption((o) =>
          o
            .setName("state")
            .setDescription("on or off")
            .setRequired(true)
            .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" }),
        ),
    )
    .addSubcommandGroup((g) =>
      g
        .setName("quiz")
        .setDescription("The daily quiz question")
        .addSubcommand((s) =>
          s
            .setName("set")
            .setDescription("Where and when to post the daily question")
            .addChannelOption((o) =>
              o
                .setName("channel")
                .setDescription("The channel")
                .setRequired(true)
                .addChannelTypes(ChannelType.GuildText),
            )
            .addStringOption((o) =>
              o
                .setName("time")
                .setDescription("Local time of day, HH:MM (24 h), e.g. 08:30")
                .setRequired(true)
                .setMaxLength(10),
            )
            .addStringOption((o) =>
              o
                .setName("timezone")
                .setDescription("Time zone, e.g. Europe/Berlin")
                .setRequired(true)
                .setMaxLength(64)
                .setAutocomplete(true),
            )
            .addIntegerOption((o) =>
              o
                .setName("close-hour")
                .setDescription("Local hour (0–23) to close the question; default: at the next question")
                .setMinValue(0)
                .setMaxValue(23),
            )
            .addStringOption((o) =>
              o
                .setName("week-start")
                .setDescription("The day the weekly leaderboard starts again; default: as before (Monday at first)")
                .addChoices(Weekday.options.map((day) => ({ name: day, value: day }))),
            ),
        )
        .addSubcommand((s) => s.setName("pause").setDescription("Stop posting daily questions"))
        .addSubcommand((s) => s.setName("resume").setDescription("Post daily questions again"))
        .addSubcommand((s) =>
          s
            .setName("notify-role")
            .setDescription("The role the daily question pings, given by its 🔔 Notify me button")
            .addRoleOption((o) => o.setName("role").setDescription("The role; leave out to stop pinging")),
        )
        .addSubcommand((s) =>
          s
            .setName("discussion")
            .setDescription("Open a discussion thread under each question once its answer is revealed")
            .addStringOption((o) =>
              o
                .setName("state")
                .setDescription("on or off")
                .setRequired(true)
                .addChoices({ name: "on", value: "on" }, { name: "off", value: "off" }),
            ),
        )
        .addSubcommand((s) => s.setName("reports").setDescription("The newest reports on quiz questions"))
        .addSubcommand((s) =>
          s
            .setName("retire")
            .setDescription("Take a question out of the daily quiz and practice, for every server")
            .addStringOption((o) =>
              o
                .setName("item")
                .setDescription("The question's id, as /config quiz reports shows it")
                .setRequired(true)
                .setMaxLength(100),
            ),
        ),
    )
    .addSubcommand((s) => s.setName("show").setDescription("Show this server's settings"))
    .addSubcommand((s) => s.setName("feedback").setDescription("What members wrote after 👎, newest first")),
  preconditions: [
    guildOnly("/config works only in a server."),
    userPermissions(
      PermissionFlagsBits.ManageGuild,
      "Only members with the Manage Server permission can change my settings.",
    ),
    botPermissionsIn("channel", ["qa-channel add"], (kind) => (kind === "forum" ? ANSWERING_IN_FORUM : ANSWERING)),
    botPermissionsIn("channel", ["quiz set"], () => POSTING),
  ],
  async execute(interaction, ctx) {
    const guildId = guildIdOf(interaction);
    const { subcommandGroup, subcommand } = interaction.options;
    const key = [subcommandGroup, subcommand].filter(Boolean).join(" ");
    // A forged packet may name any subcommand: "constructor" must not reach Object.prototype.
    const handler = Object.hasOwn(handlers, key) ? handlers[key] : undefined;
    if (!handler)
      throw new UserError(
        "Please choose a /config subcommand: qa-channel add|remove, model, quiz set|pause|resume|notify-role|discussion|reports|retire, show, feedback.",
      );
    await handler(interaction, guildId, ctx);
  },
  autocomplete(interaction) {
    return interaction.focused.name === "timezone" ? suggestTimezones(interaction.focused.value) : [];
  },
} satisfies Command;
