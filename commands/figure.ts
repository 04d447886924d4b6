/** /figure which — the review's Fig. 1 redrawn from its caption, or the map of section 4's resistance routes. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { renderFigure } from "../src/bot/render/pictures.ts";
import { FIGURES, type FigureId } from "../src/charts/index.ts";
import { UserError } from "../src/errors.ts";

function isFigureId(value: string): value is FigureId {
  return Object.hasOwn(FIGURES, value);
}

export default {
  data: new SlashCommandBuilder()
    .setName("figure")
    .setDescription("Diagrams of the review: Fig. 1 redrawn, or the resistance routes of section 4")
    .addStringOption((o) =>
      o
        .setName("which")
        .setDescription("The diagram")
        .setRequired(true)
        .addChoices(...Object.entries(FIGURES).map(([value, name]) => ({ name: name.slice(0, 100), value }))),
    ),
  async execute(interaction, { core }) {
    const which = interaction.options.getString("which") ?? "";
    if (!isFigureId(which))
      throw new UserError(`There is no figure "${which}". Choose ${Object.keys(FIGURES).join(" or ")}.`);
    await interaction.reply(renderFigure(core.knowledge, which, core.charts.figure(which)));
  },
} satisfies Command;
