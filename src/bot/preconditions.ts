/**
 * The preconditions commands declare (Sapphire style): the router checks them before `execute`, so a
 * command's body never repeats "is this a server?" or "may this member do that?".
 */

import { channelMention, PermissionFlagsBits } from "discord.js";
import type { Precondition } from "./command.ts";
import type { CommandInteraction } from "./interaction.ts";

/** Refuses outside a server (in a DM, or in the console without a guild) with `message`. */
export function guildOnly(message: string): Precondition {
  return { identifier: "guildOnly", check: (interaction) => (interaction.guildId ? null : message) };
}

/**
 * Refuses members without the permission `flag` (a `PermissionFlagsBits` value) with `message`. Checked at
 * run time even where Discord hides the command, because a server can override who sees it.
 */
export function userPermissions(flag: bigint, message: string): Precondition {
  return {
    identifier: "userPermissions",
    check: (interaction) => (((interaction.memberPermissions ?? 0n) & flag) === flag ? null : message),
  };
}

/** `precondition`, checked only for the subcommands in `names` (the others run unchecked). */
export function forSubcommands(names: readonly string[], precondition: Precondition): Precondition {
  return {
    identifier: precondition.identifier,
    check: (interaction: CommandInteraction) =>
      names.includes(interaction.options.subcommand ?? "") ? precondition.check(interaction) : null,
  };
}

/**
 * The server of a command that declared {@link guildOnly}; a missing one is a bug (the declaration was
 * forgotten), not the user's mistake.
 */
export function guildIdOf(interaction: Pick<CommandInteraction, "guildId" | "commandName">): string {
  if (!interaction.guildId) throw new Error(`/${interaction.commandName} ran outside a server without guildOnly`);
  return interaction.guildId;
}

/** The permissions the bot needs in a channel, by name as Discord's settings show them. */
export type PermissionNeeds = Readonly<Record<string, bigint>>;

/** What the bot needs to post (embeds included) in a channel. */
export const POSTING: PermissionNeeds = {
  "View Channel": PermissionFlagsBits.ViewChannel,
  "Send Messages": PermissionFlagsBits.SendMessages,
  "Embed Links": PermissionFlagsBits.EmbedLinks,
};

/** What the bot needs to answer questions in a text channel: post, reply, and open a thread per question. */
export const ANSWERING: PermissionNeeds = {
  ...POSTING,
  "Read Message History": PermissionFlagsBits.ReadMessageHistory,
  "Create Public Threads": PermissionFlagsBits.CreatePublicThreads,
  "Send Messages in Threads": PermissionFlagsBits.SendMessagesInThreads,
};

/** What the bot needs to answer in the posts of a forum channel. */
export const ANSWERING_IN_FORUM: PermissionNeeds = {
  "View Channel": PermissionFlagsBits.ViewChannel,
  "Embed Links": PermissionFlagsBits.EmbedLinks,
  "Read Message History": PermissionFlagsBits.ReadMessageHistory,
  "Send Messages in Threads": PermissionFlagsBits.SendMessagesInThreads,
};

/**
 * Refuses, naming what is missing, when the bot itself lacks `needs` (by the channel's kind) in the channel
 * of option `option`: an admin is told at once rather than finding failures in the log later. Checked only
 * for the subcommands in `subcommands` ("group sub" or "sub"); skipped where there are no channels.
 */
export function botPermissionsIn(
  option: string,
  subcommands: readonly string[],
  needs: (kind: "text" | "forum" | "other") => PermissionNeeds,
): Precondition {
  return {
    identifier: "botPermissions",
    async check(interaction) {
      const { subcommandGroup, subcommand } = interaction.options;
      if (!subcommands.includes([subcommandGroup, subcommand].filter(Boolean).join(" "))) return null;
      const channelId = interaction.options.getChannelId(option);
      if (!channelId || !interaction.botPermissionsIn) return null;
      const found = await interaction.botPermissionsIn(channelId);
      if (!found) return `I cannot see ${channelMention(channelId)}. Give my role the View Channel permission there.`;
      const missing = Object.entries(needs(found.kind))
        .filter(([, flag]) => (found.permissions & flag) !== flag)
        .map(([name]) => name);
      return missing.length === 0
        ? null
        : `I cannot work in ${channelMention(channelId)}: my role is missing ${missing.join(", ")} there. Give it those permissions (channel settings → Permissions) and try again.`;
    },
  };
}
