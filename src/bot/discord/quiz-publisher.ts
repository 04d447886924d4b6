/**
 * The daily quiz's {@link QuizPublisher} on Discord: posts the question in the configured channel and,
 * when the round closes, edits that message into the reveal. Called by the scheduler's ticks, outside any
 * interaction, through the running client.
 */
import { type Client, Routes } from "discord.js";
import type { Core } from "../../core.ts";
import type { Logger } from "../../log.ts";
import { quizItemView } from "../../lookup/quiz-item.ts";
import { closeInstant, type QuizPublisher, type QuizService, type ReminderSender } from "../../quiz/index.ts";
import { replyImage } from "../render/pictures.ts";
import { renderPracticeReminder } from "../render/quiz-practice.ts";
import { renderRoundQuestion, renderRoundReveal } from "../render/quiz-round.ts";
import { editMessage, nonceFor, postMessage } from "./publish.ts";

/** What the publisher needs: the client to post with, the core for sources, the service for close times. */
export interface QuizPublisherDeps {
  client: Client;
  core: Core;
  quiz: Pick<QuizService, "settings">;
  /** Where a discussion thread that could not be opened is logged. */
  logger?: Logger;
}

/**
 * Creates the Discord publisher. Discord errors propagate, so the service retries a failed post. A shard
 * serves the guilds Discord gave it (its client's guilds); unsharded, every guild.
 */
export function createQuizPublisher({ client, core, quiz, logger }: QuizPublisherDeps): QuizPublisher {
  return {
    servedGuilds: () => ((client.options.shardCount ?? 1) > 1 ? new Set(client.guilds.cache.keys()) : null),
    async post(guildId, channelId, item, round) {
      const settings = await quiz.settings(guildId);
      const closesAt = settings ? closeInstant(round, settings) : null;
      // The nonce makes a retry of a post Discord created but failed to confirm return that message.
      const reply = renderRoundQuestion(core.knowledge, item, round, closesAt, settings?.notifyRoleId ?? null);
      const messageId = await postMessage(client, channelId, reply, nonceFor(`quiz-post:${round.id}`));
      return { messageId };
    },
    async close(round, tally) {
      const settings = await quiz.settings(round.guildId);
      const view = quizItemView(core, round.item);
      const text = renderRoundReveal(core.knowledge, view, round, tally, settings?.notifyRoleId ?? null);
      // How the server answered, as a bar chart in the reveal; a round nobody answered has nothing to draw.
      const chart = { localDate: round.localDate, counts: tally.counts, answer: round.item.answer };
      const reveal = tally.total > 0 ? { ...text, image: replyImage(core.charts.roundTally(chart)) } : text;
      // No message id: the bot stopped while posting and the question may never have been seen. Posting
      // the answer anew still tells anyone who did answer how they did.
      if (round.messageId) await editMessage(client, round.channelId, round.messageId, reveal);
      else await postMessage(client, round.channelId, reveal, nonceFor(`quiz-reveal:${round.id}`));
      if (settings?.discussionThread && round.messageId) {
        // After the reveal, so nobody reads the answer in the thread before answering. A thread is a nicety:
        // the round is revealed either way, so a refusal (no Create Public Threads) is logged, not thrown.
        try {
          await client.rest.post(Routes.threads(round.channelId, round.messageId), {
            body: { name: `Discuss · question of ${round.localDate}`, auto_archive_duration: 1440 },
          });
        } catch (error) {
          logger?.warn({ err: error, roundId: round.id }, "could not open the quiz discussion thread");
        }
      }
    },
  };
}

/** Sends practice reminders as DMs, each with a button that stops them. */
export function createReminderSender(client: Client): ReminderSender {
  return {
    async remind(userId, dueReviews) {
      const dm = await client.users.createDM(userId);
      await postMessage(client, dm.id, renderPracticeReminder(dueReviews));
    },
  };
}
