/**
 * /ref n — one entry of the review's reference list and where the review cites it. The option
 * autocompletes by number, author or title words ("42", "Peng", "IGF-1R resistance"), each choice's value
 * being the number; a number typed by hand (or "[42]") works too.
 */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import type { Choice } from "../src/bot/interaction.ts";
import { requiredOption } from "../src/bot/options.ts";
import { renderReference } from "../src/bot/render/reference.ts";
import type { Knowledge } from "../src/knowledge/load.ts";
import { normalizeText } from "../src/search/tokenizer.ts";

/** The references matching what was typed: its number first, then those whose authors and title hold every word. */
export function suggestReferences(knowledge: Pick<Knowledge, "references">, typed: string): Choice[] {
  const text = normalizeText(typed.replace(/[[\]]/g, " ")).trim();
  const words = text.split(/[^a-z0-9]+/).filter(Boolean);
  const number = /^\d+$/.test(text) ? Number(text) : null;
  const matches = knowledge.references.filter((r) => {
    if (number !== null) return String(r.n).startsWith(text);
    const haystack = normalizeText(`${r.authors} ${r.title} ${r.year ?? ""}`);
    return words.every((w) => haystack.includes(w));
  });
  return matches.map((r) => ({ name: `[${r.n}] ${r.authors} ${r.title}`, value: String(r.n) }));
}

export default {
  data: new SlashCommandBuilder()
    .setName("ref")
    .setDescription("Show a reference of the review, e.g. 42")
    // A string, not an integer: the autocomplete searches authors and title words too. No maximum here:
    // the count is the loaded knowledge's, which `core.ref` checks and names in its refusal.
    .addStringOption((o) =>
      o
        .setName("n")
        .setDescription("A reference number, or an author or title words to pick one")
        .setRequired(true)
        .setMaxLength(100)
        .setAutocomplete(true),
    ),
  async execute(interaction, { core }) {
    const typed = requiredOption(interaction.options.getString("n"), "n");
    // Words typed without picking a suggestion: the best match, if any, else the number rules refuse it.
    const picked = /\d/.test(typed) ? typed : (suggestReferences(core.knowledge, typed)[0]?.value ?? typed);
    await interaction.reply(privateLookup(interaction, renderReference(core.knowledge, core.ref(picked))));
  },
  autocomplete(interaction, { core }) {
    return suggestReferences(core.knowledge, interaction.focused.value);
  },
} satisfies Command;
