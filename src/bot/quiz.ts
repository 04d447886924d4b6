/**
 * The quiz as commands and buttons see it: the daily rounds, personal practice, and the bank both draw
 * from (buttons carry only an item id, so a click needs the bank to know what was asked).
 */
import type { Logger } from "../log.ts";
import {
  createPractice,
  createPracticeReminders,
  createQuizCuration,
  createQuizService,
  type Practice,
  type PracticeReminders,
  type QuizBank,
  type QuizCuration,
  type QuizItem,
  type QuizService,
} from "../quiz/index.ts";
import type { Store } from "../store/index.ts";

/** The quiz part of the command context. */
export interface QuizContext {
  service: QuizService;
  practice: Practice;
  /** Members' reports on questions, and retiring items. */
  curation: QuizCuration;
  /** DM reminders for due practice reviews. */
  reminders: PracticeReminders;
  bank: QuizBank;
}

/** What {@link createQuizContext} needs; `clock` and `random` let tests stand anywhere in time. */
export interface QuizContextDeps {
  store: Store;
  bank: QuizBank;
  logger: Logger;
  clock?: () => Date;
  random?: () => number;
  /** Marks this process's quiz post attempts (see QuizServiceDeps); random by default. */
  instanceId?: string;
}

/** The daily quiz service and practice over one bank and one store. */
export function createQuizContext({ store, bank, logger, clock, random, instanceId }: QuizContextDeps): QuizContext {
  return {
    service: createQuizService({ store, bank, logger, clock, random, instanceId }),
    practice: createPractice({ store, bank, clock, random }),
    curation: createQuizCuration({ store, bank, clock }),
    reminders: createPracticeReminders({ store, bank, logger, clock }),
    bank,
  };
}

/** The bank's item with this id, or null (a button from before the item was removed). */
export function findQuizItem(quiz: Pick<QuizContext, "bank">, itemId: string): QuizItem | null {
  return quiz.bank.items.find((item) => item.id === itemId) ?? null;
}
