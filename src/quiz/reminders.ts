/**
 * DM reminders for practice: a member who opted in is told when practice reviews are due, at most once a day,
 * and stops them with one click. The claim to send (the time of the last reminder) is written before the DM
 * goes out, so two processes never both send it and a crash costs at most one reminder, never a second one.
 */
import type { QuizBank } from "../knowledge/quiz-bank.ts";
import type { Logger } from "../log.ts";
import type { Store } from "../store/ports.ts";

/** How the front end sends a reminder: a DM on Discord. Throws if it could not be sent. */
export interface ReminderSender {
  remind(userId: string, dueReviews: number): Promise<void>;
}

/** Reminders for due practice reviews. */
export interface PracticeReminders {
  /** Turns a member's reminders on or off; returns whether that changed anything. */
  set(userId: string, on: boolean): Promise<boolean>;
  /** Whether a member has reminders on. */
  isOn(userId: string): Promise<boolean>;
  /**
   * Sends each opted-in member with reviews due and no reminder in the last 24 hours one reminder. Returns
   * the members reminded. A failed DM (closed DMs) is logged and counts as that day's reminder.
   */
  run(sender: ReminderSender, now?: Date): Promise<string[]>;
}

/** At most one reminder in this long. */
const REMINDER_GAP_MS = 24 * 60 * 60_000;

/** Creates the reminders over the store and the bank. */
export function createPracticeReminders(deps: {
  store: Store;
  bank: QuizBank;
  logger: Logger;
  clock?: () => Date;
}): PracticeReminders {
  const { store, bank, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const inBank = new Set(bank.items.map((item) => item.id));

  async function dueReviews(userId: string, now: Date): Promise<number> {
    const retired = await store.retiredItems.all();
    return [...(await store.practice.cards(userId))].filter(
      ([itemId, card]) => inBank.has(itemId) && !retired.has(itemId) && Date.parse(card.due) <= now.getTime(),
    ).length;
  }

  return {
    async set(userId, on) {
      const { changed } = await store.reminders.update(userId, (current) =>
        (current?.optedIn ?? false) === on ? null : { optedIn: on, lastSentAt: current?.lastSentAt ?? null },
      );
      return changed;
    },

    async isOn(userId) {
      return (await store.reminders.get(userId))?.optedIn ?? false;
    },

    async run(sender, now = clock()) {
      const reminded: string[] = [];
      for (const userId of await store.reminders.optedIn()) {
        const due = await dueReviews(userId, now);
        if (due === 0) continue;
        const { changed } = await store.reminders.update(userId, (current) =>
          current?.optedIn &&
          (current.lastSentAt === null || now.getTime() - Date.parse(current.lastSentAt) >= REMINDER_GAP_MS)
            ? { ...current, lastSentAt: now.toISOString() }
            : null,
        );
        if (!changed) continue;
        try {
          await sender.remind(userId, due);
          reminded.push(userId);
        } catch (error) {
          logger.warn({ err: error, userId }, "Could not send a practice reminder");
        }
      }
      return reminded;
    },
  };
}
