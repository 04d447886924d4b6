/** /glossary term — what an abbreviation of the tables stands for. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { renderGlossary } from "../src/bot/render/glossary.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("glossary")
    .setDescription("Explain an abbreviation used in the review's tables, e.g. NSCLC")
    .addStringOption((o) =>
      o.setName("term").setDescription("The abbreviation").setRequired(true).setMaxLength(100).setAutocomplete(true),
    ),
  async execute(interaction, { core }) {
    const term = interaction.options.getString("term") ?? "";
    await interaction.reply(privateLookup(interaction, renderGlossary(core.knowledge, term, core.glossary(term))));
  },
  autocomplete(interaction, { core }) {
    const typed = interaction.focused.value.trim().toLowerCase();
    return core.knowledge.glossary
      .filter((e) => !typed || e.term.toLowerCase().startsWith(typed) || e.meaning.toLowerCase().includes(typed))
      .map((e) => ({ name: `${e.term} — ${e.meaning}`, value: e.term }));
  },
} satisfies Command;
