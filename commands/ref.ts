/** /ref n — one entry of the review's reference list and where the review cites it. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { requiredOption } from "../src/bot/options.ts";
import { renderReference } from "../src/bot/render/reference.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("ref")
    .setDescription("Show a reference of the review, e.g. 42")
    // No maximum here: the count is the loaded knowledge's (`knowledge.references.length`), which `core.ref`
    // checks and names in its refusal; a number written into the registration would drift from it.
    .addIntegerOption((o) => o.setName("n").setDescription("The reference number").setRequired(true).setMinValue(1)),
  async execute(interaction, { core }) {
    const n = requiredOption(interaction.options.getInteger("n"), "n");
    await interaction.reply(privateLookup(interaction, renderReference(core.knowledge, core.ref(n))));
  },
} satisfies Command;
