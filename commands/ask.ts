/**
 * /ask question — a cited answer from the review, public (it is a conversation), deferred (the model may
 * take a few seconds). Outside a thread it starts fresh and opens a thread from the answer, where follow-ups
 * are read with it in mind; inside a thread the bot started, it continues that thread's conversation.
 */
import { SlashCommandBuilder } from "discord.js";
import { answerQuestion } from "../src/bot/ask.ts";
import type { Command } from "../src/bot/command.ts";
import { MAX_QUESTION_CHARS, normalizeQuestion } from "../src/question/normalize.ts";

export default {
  data: new SlashCommandBuilder()
    .setName("ask")
    .setDescription("Ask a question about the review; the answer cites its references")
    .addStringOption((o) =>
      o
        .setName("question")
        .setDescription("Your question, e.g. How does IGFBP7 inhibit apoptosis?")
        .setRequired(true)
        .setMaxLength(MAX_QUESTION_CHARS),
    ),
  async execute(interaction, ctx) {
    // Checked before deferring, so a bad question gets a private message rather than a public "thinking…".
    const question = normalizeQuestion(interaction.options.getString("question") ?? "");
    await interaction.defer();
    const conversationId = interaction.threadId ?? null;
    const { reply, recordTurn } = await answerQuestion(ctx, {
      question,
      answerId: interaction.id,
      userId: interaction.user.id,
      guildId: interaction.guildId,
      history: conversationId ? await ctx.store.turns.recent(conversationId) : [],
      threadId: conversationId,
    });
    await interaction.editReply(reply);
    const threadId = conversationId ?? (await interaction.openThread?.(question)) ?? null;
    if (threadId) await recordTurn(threadId);
  },
} satisfies Command;
