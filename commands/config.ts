/**
 * /config — server settings, for members with Manage Server only: Q&A channels and whether the language
 * model writes answers here. Discord hides the command from others (default member permissions), and the
 * permission is checked again at run time, because a server can override what Discord shows to whom.
 *
 * Subcommands are dispatched through {@link handlers}, keyed "group subcommand" (or "subcommand"): a new
 * subcommand group (the quiz's) adds its builder below and its handlers to that table.
 */
import { ChannelType, InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import type { Command, CommandContext } from "../src/bot/command.ts";
import type { CommandInteraction } from "../src/bot/interaction.ts";
import { COLORS } from "../src/bot/render/common.ts";
import { UserError } from "../src/errors.ts";
import { getGuildSettings, updateGuildSettings } from "../src/store/index.ts";

type Handler = (interaction: CommandInteraction, guildId: string, ctx: CommandContext) => Promise<void>;

const channelList = (ids: readonly string[]) => (ids.length ? ids.map((id) => `<#${id}>`).join(", ") : "none");

const handlers: Record<string, Handler> = {
  async "qa-channel add"(interaction, guildId, { store }) {
    const channelId = required(interaction.options.getChannelId("channel"), "channel");
    const settings = getGuildSettings(store, guildId);
    const next = await updateGuildSettings(store, guildId, { qaChannelIds: [...new Set([...settings.qaChannelIds, channelId])] });
    await interaction.reply({ content: `Every message in <#${channelId}> is now a question. Q&A channels: ${channelList(next.qaChannelIds)}.`, ephemeral: true });
  },
  async "qa-channel remove"(interaction, guildId, { store, config }) {
    const channelId = required(interaction.options.getChannelId("channel"), "channel");
    const settings = getGuildSettings(store, guildId);
    const next = await updateGuildSettings(store, guildId, { qaChannelIds: settings.qaChannelIds.filter((id) => id !== channelId) });
    const fromEnv = config.qaChannelIds.includes(channelId) ? " It is still a Q&A channel through QA_CHANNEL_IDS in my configuration." : "";
    await interaction.reply({ content: `<#${channelId}> is no longer a Q&A channel here.${fromEnv} Q&A channels: ${channelList(next.qaChannelIds)}.`, ephemeral: true });
  },
  async model(interaction, guildId, { store, core }) {
    const state = required(interaction.options.getString("state"), "state");
    if (state !== "on" && state !== "off") throw new UserError('The model setting is "on" or "off".');
    await updateGuildSettings(store, guildId, { useModel: state === "on" });
    const note = core.modelAvailable ? "" : " (No model is configured on this bot, so answers are quoted from the review either way.)";
    await interaction.reply({
      content: state === "on" ? `Answers here may be written by the language model.${note}` : `Answers here are quoted from the review's own sentences.${note}`,
      ephemeral: true,
    });
  },
  async show(interaction, guildId, { store, config, core }) {
    const settings = getGuildSettings(store, guildId);
    await interaction.reply({
      ephemeral: true,
      embeds: [
        {
          title: "Settings of this server",
          color: COLORS.result,
          fields: [
            { name: "Q&A channels", value: channelList(settings.qaChannelIds) },
            { name: "Q&A channels from the bot's configuration", value: channelList(config.qaChannelIds) },
            { name: "Language model", value: `${settings.useModel ? "on" : "off"}${core.modelAvailable ? "" : " (none configured)"}` },
            { name: "Rate limit", value: `${config.rateLimitPerMinute} requests per user per minute` },
          ],
        },
      ],
    });
  },
};

function required<T>(value: T | null, name: string): T {
  if (value === null) throw new UserError(`Please give the ${name}.`);
  return value;
}

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
            .addChannelOption((o) => o.setName("channel").setDescription("The channel").setRequired(true).addChannelTypes(ChannelType.GuildText)),
        )
        .addSubcommand((s) =>
          s
            .setName("remove")
            .setDescription("Stop treating a channel as a Q&A channel")
            .addChannelOption((o) => o.setName("channel").setDescription("The channel").setRequired(true).addChannelTypes(ChannelType.GuildText)),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("model")
        .setDescription("Whether the language model may write answers in this server")
        .addStringOption((o) =>
          o.setName("state").setDescription("on or off").setRequired(true).addChoices({ name: "on", value: "on" }, { name: "off", value: "off" }),
        ),
    )
    .addSubcommand((s) => s.setName("show").setDescription("Show this server's settings")),
  async execute(interaction, ctx) {
    const guildId = interaction.guildId;
    if (!guildId) throw new UserError("/config works only in a server.");
    const permissions = interaction.memberPermissions ?? 0n;
    if ((permissions & PermissionFlagsBits.ManageGuild) === 0n) {
      throw new UserError("Only members with the Manage Server permission can change my settings.");
    }
    const { subcommandGroup, subcommand } = interaction.options;
    const handler = handlers[[subcommandGroup, subcommand].filter(Boolean).join(" ")];
    if (!handler) throw new UserError("Please choose a /config subcommand: qa-channel add|remove, model, show.");
    await handler(interaction, guildId, ctx);
  },
} satisfies Command;
