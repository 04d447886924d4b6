/**
 * The daily round on Discord: the question posted in the channel, the same message once the round has
 * closed (answer marked, how many chose what, the explanation and its sources), and the private reply to a
 * click on an option.
 */
import { TimestampStyles, time } from "discord.js";
import type { Knowledge } from "../../knowledge/load.ts";
import type { QuizItemView } from "../../lookup/quiz-item.ts";
import type { AnswerResult, QuizItem, Tally } from "../../quiz/index.ts";
import type { Round } from "../../store/index.ts";
import { quizAnswerHandler } from "../components/quiz.ts";
import { quizNotifyHandler } from "../components/quiz-notify.ts";
import type { ActionButton, Reply } from "../reply.ts";
import { attribution, COLORS, percent } from "./common.ts";
import { fitReply } from "./limits.ts";
import {
  explanationText,
  itemFields,
  itemSourceFields,
  LETTERS,
  optionButtons,
  optionLabel,
  questionText,
  reportButton,
} from "./quiz.ts";

/** The question as posted in the channel; `closesAt` null when the guild's settings are gone. */
export function renderRoundQuestion(
  knowledge: Pick<Knowledge, "document">,
  item: QuizItem,
  round: Pick<Round, "id" | "localDate">,
  closesAt: Date | null,
  notifyRoleId: string | null = null,
): Reply {
  const closing = closesAt ? `\n\nAnswers close at ${time(closesAt, TimestampStyles.ShortTime)}.` : "";
  // The notify role is pinged, and only it: the members who asked for it with "🔔 Notify me".
  const ping = notifyRoleId
    ? { content: `<@&${notifyRoleId}> the question of the day is up.`, mentionRoles: [notifyRoleId] }
    : {};
  return fitReply({
    ...ping,
    embeds: [
      {
        title: `Question of the day · ${round.localDate}`,
        description: `${questionText(item)}${closing}`,
        color: COLORS.result,
        fields: itemFields(item),
        footer: { text: `One answer each; your result is shown only to you. · ${attribution(knowledge.document)}` },
      },
    ],
    buttons: [
      optionButtons(item, (choice) => quizAnswerHandler.build({ roundId: round.id, choice })),
      extraRow(item.id, notifyRoleId),
    ],
  });
}

/** Under the daily question: "Report", and "🔔 Notify me" when the guild has a notify role. */
function extraRow(itemId: string, notifyRoleId: string | null): ActionButton[] {
  const notify: ActionButton[] = notifyRoleId
    ? [{ customId: quizNotifyHandler.build(), label: "Notify me", emoji: "🔔", style: "secondary" }]
    : [];
  return [reportButton("daily", itemId), ...notify];
}

/** The closed round: buttons off with the right one marked, the split of answers, the explanation and its sources. */
export function renderRoundReveal(
  knowledge: Pick<Knowledge, "sections" | "document">,
  view: QuizItemView,
  round: Pick<Round, "id" | "localDate">,
  tally: Tally,
  notifyRoleId: string | null = null,
): Reply {
  const split = view.options.map((_, i) => {
    const mark = i === view.answer ? "✅" : "▫️";
    const count = tally.counts[i] ?? 0;
    return `${mark} **${LETTERS[i]}.** ${count} (${percent(count, tally.total)})`;
  });
  const who = tally.total === 0 ? "Nobody answered." : `${tally.total} answered, ${tally.correct} right.`;
  const buttons = optionButtons(view, (choice) => quizAnswerHandler.build({ roundId: round.id, choice })).map(
    (button, i) => ({
      ...button,
      disabled: true,
      style: i === view.answer ? ("success" as const) : ("secondary" as const),
      ...(i === view.answer ? { emoji: "✅" } : {}),
    }),
  );
  return fitReply({
    embeds: [
      {
        title: `Question of the day · ${round.localDate} · closed`,
        description: `${questionText(view)}\n\n${split.join("\n")}\n${who}\n\n${explanationText(view)}`,
        color: COLORS.result,
        fields: [...itemFields(view), ...itemSourceFields(knowledge, view)],
        footer: { text: attribution(knowledge.document) },
      },
    ],
    buttons: [buttons, extraRow(view.id, notifyRoleId)],
  });
}

/** The private reply to a click on an option; `view` is the round's item with its sources (null for an unknown round). */
export function renderRoundAnswer(
  knowledge: Pick<Knowledge, "sections" | "document">,
  view: QuizItemView | null,
  result: AnswerResult,
): Reply {
  if (result.status === "unknown-round" || view === null) {
    return {
      content: "I do not know this question any more; it may be from a round that has been cleared away.",
      ephemeral: true,
    };
  }
  if (result.status === "closed") {
    return {
      content: "This question is closed; answers are no longer taken. The answer is shown on the question.",
      ephemeral: true,
    };
  }
  if (result.status === "already-answered") {
    return {
      content: `You have already answered this question: you chose ${optionLabel(view, result.choice)}, which was ${result.correct ? "right" : "not right"}. Your first answer stands. Your streak: ${result.yourStreak}.`,
      ephemeral: true,
    };
  }
  const chose = result.correct ? "" : `You chose ${optionLabel(view, result.choice)}.\n`;
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: result.correct ? "✅ Right!" : "❌ Not this time",
        description: `${chose}${explanationText(view)}\n\nYour streak: **${result.yourStreak}** right in a row.`,
        color: result.correct ? COLORS.result : COLORS.empty,
        fields: itemSourceFields(knowledge, view),
        footer: { text: attribution(knowledge.document) },
      },
    ],
  });
}
