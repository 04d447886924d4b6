/** The quiz domain: the bank, the daily rounds and their schedule, scores and streaks, practice, the ticker. */
export * from "../knowledge/quiz-bank.ts";
export * from "./export.ts";
export * from "./practice.ts";
export * from "./quiz-service.ts";
export * from "./reminders.ts";
export * from "./reports.ts";
export * from "./schedule.ts";
export * from "./scheduler.ts";
