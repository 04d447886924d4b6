/**
 * "🔔 Notify me" under the daily question (`quiz-notify`): gives the member the role the daily post pings, or
 * takes it away, and says which. The role is the guild's current one, read at the click, so a button from
 * before an admin changed it toggles the new role.
 */
import { z } from "zod";
import { UserError } from "../../errors.ts";
import type { ComponentHandler } from "../command.ts";
import { partsParser } from "./custom-id.ts";

/** The notify button carries nothing (an empty object): the role is read from the guild's quiz settings. */
export type NotifyArgs = Record<string, never>;

export const quizNotifyHandler = {
  type: "button",
  prefix: "quiz-notify",
  build: () => "quiz-notify",
  parse: partsParser<NotifyArgs>(z.tuple([]).transform((): NotifyArgs => ({}))),
  invalid: "This button is broken; please use the one under today's question.",
  async run(interaction, _args, { quiz, logger }) {
    const roleId = interaction.guildId ? (await quiz.service.settings(interaction.guildId))?.notifyRoleId : null;
    if (!roleId) throw new UserError("This server has no quiz notification role any more.");
    if (!interaction.toggleRole) throw new UserError("Roles can only be given on Discord, in the server.");
    let has: boolean;
    try {
      has = await interaction.toggleRole(roleId);
    } catch (error) {
      logger.warn({ err: error, roleId, guildId: interaction.guildId }, "could not toggle the quiz notify role");
      throw new UserError(
        "I could not change your role: I need the Manage Roles permission and a role above the notification role. Please tell an admin.",
      );
    }
    await interaction.reply({
      content: has
        ? `You will be pinged (<@&${roleId}>) when the question of the day is up. Click 🔔 again to stop.`
        : "You will no longer be pinged for the question of the day.",
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<NotifyArgs>;
