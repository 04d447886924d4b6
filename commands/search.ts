/** /search query [k] [debug] — the raw search hits, best first; their ids and scores only with `debug`. */
import { SlashCommandBuilder } from "discord.js";
import type { Command } from "../src/bot/command.ts";
import { privateLookup } from "../src/bot/components/share.ts";
import { renderHits } from "../src/bot/render/hits.ts";
import { UserError } from "../src/errors.ts";

/** Ten hits already fill a message. */
const MAX_K = 10;

export default {
  data: new SlashCommandBuilder()
    .setName("search")
    .setDescription("Search the review's passages, table rows and references")
    .addStringOption((o) => o.setName("query").setDescription("What to look for").setRequired(true).setMaxLength(300))
    .addIntegerOption((o) =>
      o.setName("k").setDescription(`How many hits (1-${MAX_K}, default 5)`).setMinValue(1).setMaxValue(MAX_K),
    )
    .addBooleanOption((o) => o.setName("debug").setDescription("Show each hit's id and score (for tuning the search)")),
  async execute(interaction, { core }) {
    const query = interaction.options.getString("query") ?? "";
    const k = interaction.options.getInteger("k") ?? 5;
    // Discord enforces the range; the console does not, so it is checked here too.
    if (k < 1 || k > MAX_K) throw new UserError(`k is between 1 and ${MAX_K}.`);
    const debug = interaction.options.getBoolean("debug") ?? false;
    await interaction.reply(
      privateLookup(interaction, renderHits(core.knowledge, query, core.search(query, { k }), { debug })),
    );
  },
} satisfies Command;
