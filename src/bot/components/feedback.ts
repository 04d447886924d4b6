/**
 * 👍/👎 under an answer (`feedback:up|down:<answerId>`): one vote per user per answer, a second click
 * replaces the first. 👍 is acknowledged privately with the counts; 👎 opens a form, "What was wrong?",
 * whose text is kept with the question and the answer (`feedback-note:<answerId>`) for admins to read with
 * /config feedback. Where there are no forms (the console) 👎 is acknowledged like 👍.
 */
import { z } from "zod";
import { Vote } from "../../store/index.ts";
import type { ComponentHandler } from "../command.ts";
import { Part, partsParser } from "./custom-id.ts";

/** What a feedback button carries. */
export interface FeedbackArgs {
  vote: Vote;
  answerId: string;
}

/** What the "What was wrong?" form carries: the answer it is about. */
export interface FeedbackNoteArgs {
  answerId: string;
}

/** The form's one text box. */
const NOTE_INPUT = "text";

/** The "What was wrong?" form's submission handler. */
export const feedbackNoteHandler = {
  type: "modal",
  prefix: "feedback-note",
  build: ({ answerId }: FeedbackNoteArgs) => `feedback-note:${answerId}`,
  parse: partsParser(z.tuple([Part]).transform(([answerId]): FeedbackNoteArgs => ({ answerId }))),
  invalid: "This form is broken; please use 👎 under a new answer.",
  async run(interaction, { answerId }, { store }) {
    const text = interaction.fields?.get(NOTE_INPUT)?.trim() ?? "";
    // The answer is read from the message the 👎 was on; the question from the record behind the answer.
    const shown = interaction.message?.embeds?.[0];
    await store.notes.add({
      answerId,
      guildId: interaction.guildId,
      userId: interaction.user.id,
      question: (await store.asks.get(answerId))?.question ?? shown?.title ?? "",
      answer: shown?.description ?? interaction.message?.content ?? "",
      text,
      at: new Date().toISOString(),
    });
    await interaction.reply({
      content: "Thank you: that is noted with the question and the answer, for the server's admins to read.",
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<FeedbackNoteArgs>;

/** The feedback button handler. */
export const feedbackHandler = {
  type: "button",
  prefix: "feedback",
  build: ({ vote, answerId }: FeedbackArgs) => `feedback:${vote}:${answerId}`,
  parse: partsParser(z.tuple([Vote, Part]).transform(([vote, answerId]): FeedbackArgs => ({ vote, answerId }))),
  invalid: "This button is broken; please use the buttons under a new answer.",
  async run(interaction, { vote, answerId }, { store }) {
    const counts = await store.votes.cast(answerId, interaction.user.id, vote);
    if (vote === "down" && interaction.showModal) {
      await interaction.showModal({
        customId: feedbackNoteHandler.build({ answerId }),
        title: "What was wrong?",
        inputs: [
          {
            customId: NOTE_INPUT,
            label: "What was wrong with this answer?",
            style: "paragraph",
            maxLength: 1000,
            placeholder: "A wrong fact, a missing source, not what I asked…",
          },
        ],
      });
      return;
    }
    await interaction.reply({
      content: `Thanks, noted ${vote === "up" ? "👍" : "👎"}. So far: ${counts.up} 👍 · ${counts.down} 👎.`,
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<FeedbackArgs>;
