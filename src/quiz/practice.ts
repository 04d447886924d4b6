/**
 * `/quiz practice`: a personal spaced-repetition session over the quiz bank, scheduled by FSRS (ts-fsrs).
 * A wrong answer is graded Again and a right one Good, so missed questions come back sooner. Cards live in
 * the store with their dates as ISO strings.
 */
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { UserError } from "../errors.ts";
import type { QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Store } from "../store/ports.ts";
import type { SerializedCard } from "../store/schema.ts";

/** What to practise next. */
export type PracticeNext =
  /** A question seen before whose review is due; `reps` is how often it has been graded. */
  | { kind: "review"; item: QuizItem; due: Date; reps: number }
  /** A question the user has not practised yet (`reps` 0). */
  | { kind: "new"; item: QuizItem; reps: 0 }
  /** Nothing due and nothing new; `nextDueAt` is when the next review falls due (null: no cards at all). */
  | { kind: "done"; nextDueAt: Date | null };

/** A user's practice sessions. */
export interface Practice {
  /** The most overdue review first, then a new question (chosen with `random`), else when to come back. */
  nextItem(userId: string, now?: Date): Promise<PracticeNext>;
  /**
   * Schedules the user's next review of `itemId`: a wrong answer as Again, a right one as Good. Returns
   * when it falls due. `seenReps` is the card's `reps` when the question was shown: if the card has been
   * graded since (a second click before the first replaced the message), nothing changes and
   * `alreadyGraded` is true.
   * @throws UserError if the item is not in the bank (it was removed since it was shown).
   */
  grade(userId: string, itemId: string, correct: boolean, now?: Date, seenReps?: number): Promise<PracticeGrade>;
}

/** The outcome of a grade. */
export interface PracticeGrade {
  /** When the question comes back. */
  nextDueAt: Date;
  /** The question had been graded since it was shown; this answer changed nothing. */
  alreadyGraded: boolean;
}

/** What practice needs. */
export interface PracticeDeps {
  store: Store;
  bank: QuizBank;
  clock?: () => Date;
  /** A number in [0, 1), as Math.random, for choosing among new questions. */
  random?: () => number;
}

/** Creates the practice scheduler. */
export function createPractice(deps: PracticeDeps): Practice {
  const { store, bank } = deps;
  const clock = deps.clock ?? (() => new Date());
  const random = deps.random ?? Math.random;
  // Default FSRS parameters: short-term learning steps on (a missed card is due again in minutes, within
  // the same session), fuzz off (so schedules are reproducible).
  const scheduler = fsrs();
  const byId = new Map(bank.items.map((item) => [item.id, item]));

  return {
    async nextItem(userId, now = clock()) {
      const cards = [...(await store.practice.cards(userId))]
        .filter(([itemId]) => byId.has(itemId))
        .map(([itemId, card]) => ({ item: byId.get(itemId)!, due: new Date(card.due), reps: card.reps }))
        .sort((a, b) => a.due.getTime() - b.due.getTime());
      const review = cards[0];
      if (review && review.due <= now) return { kind: "review", item: review.item, due: review.due, reps: review.reps };
      const seen = new Set(cards.map((c) => c.item.id));
      const fresh = bank.items.filter((item) => !seen.has(item.id));
      if (fresh.length > 0) {
        return { kind: "new", item: fresh[Math.min(Math.floor(random() * fresh.length), fresh.length - 1)]!, reps: 0 };
      }
      return { kind: "done", nextDueAt: review?.due ?? null };
    },

    async grade(userId, itemId, correct, now = clock(), seenReps) {
      if (!byId.has(itemId)) throw new UserError("That question is no longer in the quiz bank.");
      let graded = false;
      const { before, after } = await store.practice.update(userId, itemId, (stored) => {
        // Decided inside the change, so of two concurrent clicks on one question only one grades it (set on
        // every run: a retried transaction runs it again).
        graded = seenReps === undefined || (stored?.reps ?? 0) === seenReps;
        if (!graded) return null;
        const card = stored ? revive(stored) : createEmptyCard(now);
        return serialize(scheduler.next(card, now, correct ? Rating.Good : Rating.Again).card);
      });
      if (!graded || !after) return { nextDueAt: new Date(before?.due ?? now), alreadyGraded: true };
      return { nextDueAt: new Date(after.due), alreadyGraded: false };
    },
  };
}

/** A card as JSON can hold it. */
export function serialize(card: Card): SerializedCard {
  return {
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    learning_steps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.last_review ? card.last_review.toISOString() : null,
  };
}

/** A stored card with its Dates back. */
export function revive(card: SerializedCard): Card {
  const { last_review, ...rest } = card;
  return {
    ...rest,
    due: new Date(card.due),
    ...(last_review === null ? {} : { last_review: new Date(last_review) }),
  };
}
