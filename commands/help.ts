/**
 * /help — the commands, listed from their own definitions so the list cannot go stale. On Discord each is a
 * clickable command mention (`</drug:id>`), with the ids of the commands as registered; the console, which
 * has none, shows `/drug` and how to press buttons there.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  chatInputApplicationCommandMention,
  SlashCommandBuilder,
} from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { type HelpEntry, renderHelp } from "../src/bot/render/about.ts";

const isSub = (o: APIApplicationCommandOption) =>
  o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;

/** The ways to call a command: itself with `<required> [optional]` options, or each of its subcommands. */
function calls(command: Command, id: string | undefined): string[] {
  const name = command.data.name;
  const options = command.data.toJSON().options ?? [];
  const mention = (...path: string[]) => {
    const [command = name, group, sub] = path;
    if (!id) return `/${path.join(" ")}`;
    if (sub && group) return chatInputApplicationCommandMention(command, group, sub, id);
    if (group) return chatInputApplicationCommandMention(command, group, id);
    return chatInputApplicationCommandMention(command, id);
  };
  const subs = options.filter(isSub);
  if (subs.length === 0) {
    const usage = options.map((o) => ("required" in o && o.required ? `<${o.name}>` : `[${o.name}]`)).join(" ");
    return [`${mention(name)}${usage ? ` \`${usage}\`` : ""}`];
  }
  return subs.flatMap((sub) =>
    sub.type === ApplicationCommandOptionType.SubcommandGroup
      ? (sub.options ?? []).map((leaf) => mention(name, sub.name, leaf.name))
      : [mention(name, sub.name)],
  );
}

export default {
  data: new SlashCommandBuilder().setName("help").setDescription("What I can do"),
  async execute(interaction, { commands, commandIds }) {
    const ids = (await commandIds?.(interaction.guildId)) ?? new Map<string, string>();
    const entries: HelpEntry[] = commands
      .filter((c) => (c.data.toJSON().type ?? ApplicationCommandType.ChatInput) === ApplicationCommandType.ChatInput)
      .map((c) => ({ calls: calls(c, ids.get(c.data.name)), description: c.data.toJSON().description ?? "" }));
    await interaction.reply(renderHelp(entries, interaction.surface === "console"));
  },
} satisfies Command;
