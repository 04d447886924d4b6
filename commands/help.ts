/**
 * /help — the commands, listed from their own definitions so the list cannot go stale. On Discord each is a
 * clickable command mention (`</drug:id>`), with the ids of the commands as registered; the console, which
 * has none, shows `/drug` and how to press buttons there.
 */
import {
  type APIApplicationCommandOption,
  ApplicationCommandOptionType,
  chatInputApplicationCommandMention,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  SlashCommandBuilder,
} from "discord.js";
import { type Command, slashCommandJson } from "../src/bot/command.ts";
import { type HelpEntry, renderHelp } from "../src/bot/render/about.ts";

const isSub = (o: APIApplicationCommandOption) =>
  o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;

/** The ways to call a command: itself with `<required> [optional]` options, or each of its subcommands. */
function calls(command: RESTPostAPIChatInputApplicationCommandsJSONBody, id: string | undefined): string[] {
  const name = command.name;
  const options = command.options ?? [];
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
      .map((c) => slashCommandJson(c.data))
      .filter((json) => json !== null)
      .map((json) => ({ calls: calls(json, ids.get(json.name)), description: json.description }));
    await interaction.reply(renderHelp(entries, interaction.surface === "console"));
  },
} satisfies Command;
