/** /ref n — one entry of the review's reference list and where the review cites it. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { renderReference } from "../src/bot/render/reference.ts";

/** The review's reference list runs from 1 to 182; `core.ref` checks again against the loaded list. */
const REFERENCE_COUNT = 182;

export default {
  data: new SlashCommandBuilder()
    .setName("ref")
    .setDescription("Show a reference of the review, e.g. 42")
    .addIntegerOption((o) =>
      o
        .setName("n")
        .setDescription("The reference number")
        .setRequired(true)
        .setMinValue(1)
        .setMaxValue(REFERENCE_COUNT),
    ),
  async execute(interaction, { core }) {
    await interaction.reply(renderReference(core.knowledge, core.ref(interaction.options.getInteger("n") ?? "")));
  },
} satisfies Command;
