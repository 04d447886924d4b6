/**
 * Curating the bank from the members' side: a member reports a question they think is wrong, unclear or badly
 * sourced (under the daily post or a practice question); admins read the reports and may retire an item, which
 * then leaves the daily rotation and practice everywhere (the bank is one for the whole bot).
 */
import { randomUUID } from "node:crypto";
import { UserError } from "../errors.ts";
import type { QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Store } from "../store/ports.ts";
import type { QuizReport } from "../store/schema.ts";

/** The longest report text kept. */
export const MAX_REPORT_CHARS = 1000;

/** A report with the item it is about (null when the item has left the bank) and whether it is retired. */
export interface ReportView extends QuizReport {
  item: QuizItem | null;
  retired: boolean;
}

/** What a member sends. */
export interface ReportInput {
  itemId: string;
  userId: string;
  guildId: string | null;
  source: QuizReport["source"];
  text: string;
}

/** Reports and retirement. */
export interface QuizCuration {
  /**
   * Keeps a member's report on an item.
   * @throws UserError for an item not in the bank, or an empty text.
   */
  report(input: ReportInput, now?: Date): Promise<QuizReport>;
  /** The newest reports, newest first, with their items. */
  reports(limit: number): Promise<ReportView[]>;
  /**
   * Retires an item from the daily rotation and practice; false if it was retired already.
   * @throws UserError for an item not in the bank.
   */
  retire(itemId: string, userId: string, now?: Date): Promise<boolean>;
}

/** Creates the curation over the bank and the store. */
export function createQuizCuration(deps: { store: Store; bank: QuizBank; clock?: () => Date }): QuizCuration {
  const { store, bank } = deps;
  const clock = deps.clock ?? (() => new Date());
  const byId = new Map(bank.items.map((item) => [item.id, item]));
  const known = (itemId: string): QuizItem => {
    const item = byId.get(itemId.trim());
    if (!item) throw new UserError(`No quiz item has the id "${itemId}". The ids are listed by /config quiz reports.`);
    return item;
  };

  return {
    async report(input, now = clock()) {
      const item = known(input.itemId);
      const text = input.text.trim().slice(0, MAX_REPORT_CHARS);
      if (text === "") throw new UserError("Please say what is wrong with the question.");
      const report: QuizReport = {
        id: randomUUID(),
        itemId: item.id,
        userId: input.userId,
        guildId: input.guildId,
        source: input.source,
        text,
        at: now.toISOString(),
      };
      await store.quizReports.add(report);
      return report;
    },

    async reports(limit) {
      const retired = await store.retiredItems.all();
      return (await store.quizReports.recent(limit)).map((report) => ({
        ...report,
        item: byId.get(report.itemId) ?? null,
        retired: retired.has(report.itemId),
      }));
    },

    async retire(itemId, userId, now = clock()) {
      const item = known(itemId);
      return store.retiredItems.retire(item.id, { by: userId, at: now.toISOString() });
    },
  };
}
