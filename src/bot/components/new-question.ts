/**
 * "New question" under an answer in a thread (`new-question:<conversationId>`): forgets the thread's
 * conversation, so the next question there is read on its own instead of as a follow-up.
 */
import { z } from "zod";
import type { ComponentHandler } from "../command.ts";
import { Part, partsParser } from "./custom-id.ts";

/** What a "New question" button carries: the conversation (a thread's id) to forget. */
export interface NewQuestionArgs {
  conversationId: string;
}

/** The "New question" handler. */
export const newQuestionHandler = {
  type: "button",
  prefix: "new-question",
  build: ({ conversationId }: NewQuestionArgs) => `new-question:${conversationId}`,
  parse: partsParser(z.tuple([Part]).transform(([conversationId]): NewQuestionArgs => ({ conversationId }))),
  invalid: "This button is broken; just ask your new question.",
  async run(interaction, { conversationId }, { store }) {
    await store.turns.clear(conversationId);
    await interaction.reply({
      content: "Starting fresh: the next question here is read on its own, not as a follow-up.",
      ephemeral: true,
    });
  },
} satisfies ComponentHandler<NewQuestionArgs>;
