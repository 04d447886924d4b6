/**
 * The button and form (modal) handlers, by custom-id prefix. To add one, write a {@link ComponentHandler} and add it to this
 * list, or pass your own list to `createRouter`.
 */
import type { ComponentHandler } from "../command.ts";
import { feedbackHandler, feedbackNoteHandler } from "./feedback.ts";
import { newQuestionHandler } from "./new-question.ts";
import { quizAnswerHandler } from "./quiz.ts";
import { quizNotifyHandler } from "./quiz-notify.ts";
import { quizPracticeHandler } from "./quiz-practice.ts";
import { quizRemindHandler } from "./quiz-remind.ts";
import { quizReportFormHandler, quizReportHandler } from "./quiz-report.ts";
import { sectionHandler } from "./section.ts";
import { shareHandler } from "./share.ts";
import { sourcesHandler } from "./sources.ts";

/** Every button handler the bot ships with. */
export const components: readonly ComponentHandler[] = [
  feedbackHandler,
  feedbackNoteHandler,
  sourcesHandler,
  newQuestionHandler,
  sectionHandler,
  shareHandler,
  quizAnswerHandler,
  quizNotifyHandler,
  quizPracticeHandler,
  quizRemindHandler,
  quizReportHandler,
  quizReportFormHandler,
];
