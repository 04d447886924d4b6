/**
 * `/quiz practice` on Discord: the next question of a personal spaced-repetition session, and the result
 * of a click — right or wrong, why, when the question comes back — with a button to the next one. Every
 * reply is ephemeral: practice is nobody else's business.
 */
import { TimestampStyles, time } from "discord.js";
import type { Knowledge } from "../../knowledge/load.ts";
import type { QuizItemView } from "../../lookup/quiz-item.ts";
import { describeFilter, type PracticeNext, type PracticeSummary } from "../../quiz/index.ts";
import { quizPracticeHandler } from "../components/quiz-practice.ts";
import { quizRemindHandler } from "../components/quiz-remind.ts";
import type { ActionButton, Reply } from "../reply.ts";
import { attribution, COLORS } from "./common.ts";
import { fitReply } from "./limits.ts";
import {
  explanationText,
  itemFields,
  itemSourceFields,
  optionButtons,
  optionLabel,
  questionText,
  reportButton,
} from "./quiz.ts";

/** The next practice question, or when to come back. */
export function renderPracticeQuestion(knowledge: Pick<Knowledge, "document">, next: PracticeNext): Reply {
  if (next.kind === "done") {
    const when = next.nextDueAt ? ` The next review is due ${time(next.nextDueAt, TimestampStyles.RelativeTime)}.` : "";
    return {
      content: `Nothing to practise right now: you have seen every question and none is due.${when}`,
      ephemeral: true,
    };
  }
  const { item } = next;
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: next.kind === "review" ? "Practice · a question to review" : "Practice · a new question",
        description: questionText(item),
        color: COLORS.result,
        fields: itemFields(item),
        footer: { text: `Missed questions come back sooner. · ${attribution(knowledge.document)}` },
      },
    ],
    buttons: [
      optionButtons(item, (choice) =>
        quizPracticeHandler.build({ kind: "option", itemId: item.id, choice, reps: next.reps }),
      ),
      [reportButton("practice", item.id)],
    ],
  });
}

/** The result of a practice answer, with when the question comes back and a button to the next one. */
export function renderPracticeResult(
  knowledge: Pick<Knowledge, "sections" | "document">,
  view: QuizItemView,
  choice: number,
  nextDueAt: Date,
): Reply {
  const correct = choice === view.answer;
  const chose = correct ? "" : `You chose ${optionLabel(view, choice)}.\n`;
  return fitReply({
    ephemeral: true,
    embeds: [
      {
        title: correct ? "✅ Right!" : "❌ Not this time",
        description: `${chose}${explanationText(view)}\n\nThis question comes back ${time(nextDueAt, TimestampStyles.RelativeTime)}.`,
        color: correct ? COLORS.result : COLORS.empty,
        fields: itemSourceFields(knowledge, view),
        footer: { text: attribution(knowledge.document) },
      },
    ],
    buttons: [
      [
        { customId: quizPracticeHandler.build({ kind: "next" }), label: "Next question", style: "primary" },
        { customId: quizPracticeHandler.build({ kind: "end" }), label: "End session", style: "secondary" },
        reportButton("practice", view.id),
      ],
    ],
  });
}

/**
 * The end of a practice session: how it went and what is due; `done` when it ended for want of questions.
 * `remindersOn` picks the button: turn DM reminders on, or off.
 */
export function renderPracticeSummary(summary: PracticeSummary, done: PracticeNext | null, remindersOn = false): Reply {
  const ended =
    done?.kind === "done"
      ? `Nothing more to practise ${describeFilter(summary.filter)} right now.${done.nextDueAt ? ` The next review is due ${time(done.nextDueAt, TimestampStyles.RelativeTime)}.` : ""}`
      : `Session ended (${describeFilter(summary.filter)}).`;
  return {
    ephemeral: true,
    embeds: [
      {
        title: "Practice · session summary",
        description: `${ended} Run /quiz practice to start another.`,
        color: COLORS.result,
        fields: [
          { name: "Answered", value: String(summary.answered), inline: true },
          { name: "Right", value: String(summary.correct), inline: true },
          { name: "Due by this time tomorrow", value: String(summary.dueTomorrow), inline: true },
          { name: "Weakest topic", value: summary.weakestTopic ?? "none: every answer right", inline: true },
        ],
      },
    ],
    buttons: [[remindersButton(remindersOn)]],
  };
}

/** Turns DM reminders on (when they are off) or off. */
function remindersButton(on: boolean): ActionButton {
  return on
    ? { customId: quizRemindHandler.build({ on: false }), label: "Stop reminders", emoji: "🔕", style: "secondary" }
    : {
        customId: quizRemindHandler.build({ on: true }),
        label: "Remind me by DM when reviews are due",
        emoji: "⏰",
        style: "secondary",
      };
}

/** The DM telling a member that practice reviews are due, with the one click that stops these DMs. */
export function renderPracticeReminder(dueReviews: number): Reply {
  const questions = dueReviews === 1 ? "1 practice question is" : `${dueReviews} practice questions are`;
  return {
    content: `⏰ ${questions} due for review. Run /quiz practice to go through them. (At most one reminder a day.)`,
    buttons: [[remindersButton(true)]],
  };
}

/** `/quiz export`: the file, privately, or why there is none. */
export function renderQuizExport(items: readonly unknown[], tsv: string, wholeBank: boolean): Reply {
  if (items.length === 0) {
    return {
      content:
        "Your practice deck is empty: practise with /quiz practice first, or export the whole bank (what: the whole bank).",
      ephemeral: true,
    };
  }
  const what = wholeBank ? "the whole quiz bank" : "your practice deck";
  return {
    content: `${items.length} question${items.length === 1 ? "" : "s"} from ${what}, tab-separated for Anki: File › Import, then pick this file (Anki 2.1.55 or later reads its columns and tags).`,
    file: {
      name: wholeBank ? "igf-quiz-bank.tsv" : "igf-quiz-deck.tsv",
      bytes: new TextEncoder().encode(tsv),
      description: `Anki cards: ${what}`,
    },
    ephemeral: true,
  };
}
