/**
 * The preconditions commands declare (Sapphire style): the router checks them before `execute`, so a
 * command's body never repeats "is this a server?" or "may this member do that?".
 */

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
