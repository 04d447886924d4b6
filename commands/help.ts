/** /help — the commands, listed from their own definitions so the list cannot go stale. */
import { ApplicationCommandOptionType, SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { type HelpEntry, renderHelp } from "../src/bot/render/about.ts";

/** How to call a command: `<required> [optional]`, or its subcommands. */
function usage(command: Command): string {
  const options = command.data.toJSON().options ?? [];
  const subs = options.filter(
    (o) =>
      o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup,
  );
  if (subs.length) return subs.map((o) => o.name).join(" | ");
  return options.map((o) => ("required" in o && o.required ? `<${o.name}>` : `[${o.name}]`)).join(" ");
}

export default {
  data: new SlashCommandBuilder().setName("help").setDescription("What I can do"),
  async execute(interaction, { commands }) {
    const entries: HelpEntry[] = commands.map((c) => ({
      name: c.data.name,
      description: c.data.toJSON().description,
      usage: usage(c),
    }));
    await interaction.reply(renderHelp(entries));
  },
} satisfies Command;
