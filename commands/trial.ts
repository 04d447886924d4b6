/** /trial query — the clinical trials of Table 3, by drug, cancer type or NCT id. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { renderTrials } from "../src/bot/render/trials.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("trial")
    .setDescription("Find clinical trials of IGF-pathway drugs (Table 3)")
    .addStringOption((o) =>
      o
        .setName("query")
        .setDescription("A drug, a cancer type or an NCT id, e.g. ganitumab, sarcoma")
        .setRequired(true)
        .setMaxLength(200),
    ),
  async execute(interaction, { core }) {
    const query = interaction.options.getString("query") ?? "";
    await interaction.reply(privateLookup(interaction, renderTrials(core.knowledge, query, core.trials(query))));
  },
} satisfies Command;
