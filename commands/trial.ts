/**
 * /trial query — the clinical trials of Table 3, by drug, cancer type or NCT id. The option autocompletes
 * over every trial by drug, partner drug, cancer, phase or NCT id; a choice's value is what finds it.
 */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import type { Choice } from "../src/bot/interaction.ts";
import { renderTrials } from "../src/bot/render/trials.ts";
import type { Knowledge } from "../src/knowledge/load.ts";
import { normalizeText } from "../src/search/tokenizer.ts";

/**
 * Whether a typed word matches a word of a trial: the start of it ("ganit" → ganitumab), but whole for
 * short words, so "ii" is phase II (and I/II, II/III) and not phase III.
 */
function matchesWord(token: string, typed: string): boolean {
  return typed.length <= 3 ? token === typed : token.startsWith(typed);
}

/** The Table 3 rows whose drug, partner, cancer, phase and ids match every typed word, one choice per row. */
export function suggestTrials(knowledge: Pick<Knowledge, "table3">, typed: string): Choice[] {
  const words = normalizeText(typed)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  const seen = new Set<string>();
  return knowledge.table3.flatMap((row) => {
    // The cancer type last: Discord shows 100 characters of a choice, and it is the longest part.
    const name = [
      row.combination ? `${row.drug} + ${row.combination}` : row.drug,
      `phase ${row.phase}`,
      ...row.trialIds,
      row.cancerType,
    ].join(" · ");
    const tokens = normalizeText(name).split(/[^a-z0-9]+/);
    if (!words.every((w) => tokens.some((t) => matchesWord(t, w)))) return [];
    // The NCT id finds exactly this trial; without one, the drug finds its trials.
    const value = row.trialIds[0] ?? row.drug;
    if (seen.has(name)) return [];
    seen.add(name);
    return [{ name, value }];
  });
}

export default {
  data: new SlashCommandBuilder()
    .setName("trial")
    .setDescription("Find clinical trials of IGF-pathway drugs (Table 3)")
    .addStringOption((o) =>
      o
        .setName("query")
        .setDescription("A drug, a cancer type or an NCT id, e.g. ganitumab, sarcoma")
        .setRequired(true)
        .setMaxLength(200)
        .setAutocomplete(true),
    ),
  async execute(interaction, { core }) {
    const query = interaction.options.getString("query") ?? "";
    await interaction.reply(privateLookup(interaction, renderTrials(core.knowledge, query, core.trials(query))));
  },
  autocomplete(interaction, { core }) {
    return suggestTrials(core.knowledge, interaction.focused.value);
  },
} satisfies Command;
