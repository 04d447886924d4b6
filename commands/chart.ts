/** /chart approvals|trials — Table 1 and Table 3 as pictures. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { renderApprovalsChart, renderTrialsChart } from "../src/bot/render/pictures.ts";
import { targetFamilies } from "../src/charts/index.ts";
import { UserError } from "../src/errors.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("chart")
    .setDescription("Charts of the review's tables")
    .addSubcommand((s) =>
      s
        .setName("approvals")
        .setDescription("Table 1's approved drugs on a timeline by year, grouped by target family")
        .addStringOption((o) =>
          o
            .setName("target")
            .setDescription("Only drugs of this primary target, e.g. EGFR, ALK")
            .setMaxLength(40)
            .setAutocomplete(true),
        )
        .addStringOption((o) =>
          o
            .setName("type")
            .setDescription("Only this type of target/drug, e.g. TK, mAb")
            .setMaxLength(20)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName("trials")
        .setDescription("Table 3's trials by drug and phase, sized by participants, marked by outcome"),
    ),
  async execute(interaction, { core }) {
    switch (interaction.options.subcommand) {
      case "approvals": {
        const filter = { target: interaction.options.getString("target"), type: interaction.options.getString("type") };
        return interaction.reply(renderApprovalsChart(core.knowledge, filter, core.charts.approvals(filter)));
      }
      case "trials":
        return interaction.reply(renderTrialsChart(core.knowledge, core.charts.trials()));
      default:
        throw new UserError("Please choose a /chart subcommand: approvals or trials.");
    }
  },
  autocomplete(interaction, { core }) {
    const typed = interaction.focused.value.trim().toLowerCase();
    const values =
      interaction.focused.name === "type"
        ? targetFamilies(core.knowledge.table1)
        : [...new Set(core.knowledge.table1.flatMap((row) => row.primaryTargets.split("/")))].sort();
    return values.filter((v) => v.toLowerCase().includes(typed)).map((v) => ({ name: v, value: v }));
  },
} satisfies Command;
