/** /section — read a section of the review, paged with buttons. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { renderSectionPage } from "../src/bot/render/section.ts";
import { findSection } from "../src/lookup/section.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("section")
    .setDescription("Read a section of the review")
    .addStringOption((o) =>
      o
        .setName("section")
        .setDescription("A section number or title, e.g. 4.1")
        .setRequired(true)
        .setMaxLength(100)
        .setAutocomplete(true),
    ),
  async execute(interaction, { core }) {
    const section = findSection(core.knowledge, interaction.options.getString("section") ?? "");
    await interaction.reply(privateLookup(interaction, renderSectionPage(core.knowledge, section, 0)));
  },
  autocomplete(interaction, { core }) {
    const typed = interaction.focused.value.trim().replace(/^§\s*/, "").toLowerCase();
    return core.knowledge.sections
      .map((s) => ({ name: `§${s.number} ${s.title}`, value: s.number }))
      .filter((c) => !typed || c.value.startsWith(typed) || c.name.toLowerCase().includes(typed));
  },
} satisfies Command;
