/** /about — the source, its authors and license, and the bot's version. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { renderAbout } from "../src/bot/render/about.ts";

export default {
  data: new SlashCommandBuilder().setName("about").setDescription("Where my knowledge comes from, and its license"),
  async execute(interaction, { core, version }) {
    await interaction.reply(renderAbout(core.knowledge, version, core.modelAvailable));
  },
} satisfies Command;
