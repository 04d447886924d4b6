/** /drug name — everything the review says about one drug, with autocomplete over its names and codes. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { renderDrug } from "../src/bot/render/drug.ts";
import { drugView } from "../src/lookup/drug.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("drug")
    .setDescription("Look up a drug: approval, IGF-pathway strategy, trials and what the review says")
    .addStringOption((o) =>
      o
        .setName("name")
        .setDescription("A name, code or brand, e.g. osimertinib, AMG-479")
        .setRequired(true)
        .setMaxLength(100)
        .setAutocomplete(true),
    ),
  async execute(interaction, { core }) {
    const card = core.drug(interaction.options.getString("name") ?? "");
    await interaction.reply(privateLookup(interaction, renderDrug(core.knowledge, drugView(core, card))));
  },
  autocomplete(interaction, { core }) {
    return core.catalog.suggest(interaction.focused.value, 25).map((c) => ({ name: c.label, value: c.value }));
  },
} satisfies Command;
