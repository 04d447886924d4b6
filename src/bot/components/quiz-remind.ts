/**
 * Practice reminders by DM (`quiz-remind:on|off`): "⏰ Remind me" under a practice summary turns them on; the
 * button in every reminder turns them off in one click. Either answers privately, or by replacing the DM.
 */
import { z } from "zod";
import type { ComponentHandler } from "../command.ts";
import { partsParser } from "./custom-id.ts";

/** Whether the click turns reminders on or off. */
export interface RemindArgs {
  on: boolean;
}

/** The reminder buttons. */
export const quizRemindHandler = {
  type: "button",
  prefix: "quiz-remind",
  build: ({ on }: RemindArgs) => `quiz-remind:${on ? "on" : "off"}`,
  parse: partsParser<RemindArgs>(z.tuple([z.enum(["on", "off"])]).transform(([v]): RemindArgs => ({ on: v === "on" }))),
  invalid: "This button is broken; run /quiz practice and use the one under its summary.",
  async run(interaction, { on }, { quiz }) {
    await quiz.reminders.set(interaction.user.id, on);
    await interaction.reply({
      content: on
        ? "I will DM you when practice reviews are due, at most once a day. Each reminder has a button to stop them."
        : "Reminders are off: I will not DM you about practice reviews.",
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<RemindArgs>;
