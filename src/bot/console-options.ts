/**
 * Reads the options of a slash command typed in the console — `/ask question:How does …`, `/ask How does …`,
 * `/search IGF1R k:3`, `/config qa-channel add channel:123` — against the command's own definition, so a
 * new command needs no console code.
 */
import { type APIApplicationCommandOption, ApplicationCommandOptionType } from "discord.js";
import { UserError } from "../errors.ts";
import { type CommandData, slashCommandJson } from "./command.ts";
import type { CommandOptions } from "./interaction.ts";

type Option = APIApplicationCommandOption;

const isSub = (o: Option) =>
  o.type === ApplicationCommandOptionType.Subcommand || o.type === ApplicationCommandOptionType.SubcommandGroup;

/** Picks the subcommand group and subcommand from the leading words, returning the remaining text. */
function pickSubcommand(options: readonly Option[], text: string) {
  let rest = text;
  let group: string | null = null;
  let sub: string | null = null;
  let leaves: readonly Option[] = options;
  const next = () => /^(\S+)\s*(.*)$/s.exec(rest);
  for (let depth = 0; depth < 2 && leaves.some(isSub); depth++) {
    const word = next();
    const chosen = leaves.find((o) => isSub(o) && o.name === word?.[1]);
    if (!chosen || !word) {
      throw new UserError(
        `Choose one of: ${leaves
          .filter(isSub)
          .map((o) => o.name)
          .join(", ")}.`,
      );
    }
    if (chosen.type === ApplicationCommandOptionType.SubcommandGroup) group = chosen.name;
    else sub = chosen.name;
    rest = word[2] ?? "";
    leaves = "options" in chosen ? (chosen.options ?? []) : [];
  }
  return { group, sub, leaves, rest };
}

/** Splits `text` at `name:` markers of known options; leading unnamed text belongs to the first option not named. */
function assignValues(leaves: readonly Option[], text: string): Map<string, string> {
  const values = new Map<string, string>();
  if (leaves.length === 0) return values;
  const names = leaves.map((o) => o.name.replace(/[-]/g, "\\-")).join("|");
  const marker = new RegExp(`(?:^|\\s)(${names}):`, "g");
  const found = [...text.matchAll(marker)];
  const lead = text.slice(0, found[0]?.index ?? text.length).trim();
  found.forEach((m, i) => {
    const start = m.index + m[0].length;
    const end = found[i + 1]?.index ?? text.length;
    values.set(m[1]!, text.slice(start, end).trim());
  });
  if (lead) {
    const target = leaves.find((o) => !values.has(o.name));
    if (!target) throw new UserError(`"${lead.slice(0, 40)}" is not an option.`);
    values.set(target.name, lead);
  }
  return values;
}

/** The options of `data` read from `text` (what follows `/name`). Throws a {@link UserError} for missing or bad ones. */
export function parseConsoleOptions(data: CommandData, text: string): CommandOptions {
  const json = slashCommandJson(data);
  if (!json) throw new UserError(`/${data.name} is used from a message's menu on Discord, not typed.`);
  const { group, sub, leaves, rest } = pickSubcommand(json.options ?? [], text.trim());
  const values = assignValues(leaves, rest);
  for (const option of leaves) {
    if ("required" in option && option.required && !values.get(option.name)) {
      throw new UserError(`Missing ${option.name}: try /${json.name} ${option.name}:<${option.description}>`);
    }
  }
  return {
    subcommandGroup: group,
    subcommand: sub,
    getString: (name) => values.get(name) ?? null,
    getInteger(name) {
      const raw = values.get(name);
      if (raw === undefined) return null;
      if (!/^-?\d+$/.test(raw)) throw new UserError(`${name} must be a whole number, not "${raw.slice(0, 20)}".`);
      return Number(raw);
    },
    getBoolean(name) {
      const raw = values.get(name)?.toLowerCase();
      if (raw === undefined) return null;
      if (raw !== "true" && raw !== "false")
        throw new UserError(`${name} is true or false, not "${raw.slice(0, 20)}".`);
      return raw === "true";
    },
    getChannelId: (name) => values.get(name)?.replace(/^<#(\d+)>$/, "$1") ?? null,
    getRoleId: (name) => values.get(name)?.replace(/^<@&(\d+)>$/, "$1") ?? null,
  };
}
