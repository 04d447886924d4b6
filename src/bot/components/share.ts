/**
 * Look-ups answer privately in a server, with a "Post in channel" button (`share:post`) that posts what the
 * private message shows for everyone, saying who shared it. The message itself is the state: nothing to
 * store, and it works after a restart.
 */
import { userMention } from "discord.js";
import { z } from "zod";
import { UserError } from "../../errors.ts";
import type { ComponentHandler } from "../command.ts";
import type { CommandInteraction } from "../interaction.ts";
import type { Reply } from "../reply.ts";
import { partsParser } from "./custom-id.ts";

/** The "Post in channel" handler; it carries nothing. */
export const shareHandler = {
  type: "button",
  prefix: "share",
  build: () => "share:post",
  parse: partsParser(z.tuple([z.literal("post")]).transform(() => ({}))),
  invalid: "This button is broken; run the command again.",
  async run(interaction, _args, _ctx) {
    const shown = interaction.message;
    if (!shown?.embeds?.length) throw new UserError("There is nothing to post from this message.");
    // A reply to the click is a new message; without the ephemeral flag, the whole channel sees it.
    await interaction.reply({ content: `Shared by ${userMention(interaction.user.id)}`, embeds: shown.embeds });
  },
} satisfies ComponentHandler<Record<string, never>>;

/**
 * A look-up's reply as it is sent: in a server, private with a "Post in channel" button under it, so a
 * look-up does not fill the channel unless someone wants it there; in a DM or the console, as it is.
 */
export function privateLookup(interaction: Pick<CommandInteraction, "guildId">, reply: Reply): Reply {
  if (!interaction.guildId) return reply;
  const share = { customId: shareHandler.build(), label: "Post in channel", emoji: "📣", style: "secondary" as const };
  const rows = reply.buttons ?? [];
  const last = rows.at(-1);
  const buttons =
    rows.length >= 5 && last && last.length < 5 ? [...rows.slice(0, -1), [...last, share]] : [...rows, [share]];
  return { ...reply, ephemeral: true, buttons };
}
