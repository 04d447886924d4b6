/**
 * `/quiz practice`: a personal spaced-repetition session over the quiz bank, scheduled by FSRS (ts-fsrs).
 * A wrong answer is graded Again and a right one Good, so missed questions come back sooner. Cards live in
 * the store with their dates as ISO strings. A session may be limited to one topic and one difficulty; it
 * keeps its own score (in the store, so a restart loses nothing) for the summary that ends it. Daily
 * questions a member got wrong or missed enter their deck, due at once ({@link enterDeck}).
 */
import { type Card, createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { UserError } from "../errors.ts";
import type { QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Store } from "../store/ports.ts";
import type { PracticeSession, SerializedCard } from "../store/schema.ts";

/** The difficulties of the bank, easiest first. */
export const DIFFICULTIES = ["easy", "medium", "hard"] as const satisfies readonly QuizItem["difficulty"][];

/** What a member chose to practise; null fields mean any. */
export interface PracticeFilter {
  topic: string | null;
  difficulty: QuizItem["difficulty"] | null;
}

/** How a practice session went, for the summary that ends it. */
export interface PracticeSummary {
  filter: PracticeFilter;
  answered: number;
  correct: number;
  /** The member's cards (of any topic) due by this time tomorrow, those due now included. */
  dueTomorrow: number;
  /** The session's topic with the lowest share of right answers (ties: more answered, then by name); null when none was missed. */
  weakestTopic: string | null;
}

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
  /** The bank's topics, sorted: the choices of `/quiz practice topic`. */
  topics(): string[];
  /**
   * Starts a new session for the member, limited to `filter`, replacing the one before.
   * @throws UserError for a topic the bank does not have, or a filter no item matches.
   */
  start(userId: string, filter: PracticeFilter, now?: Date): Promise<PracticeSession>;
  /**
   * Within the member's session filter (none before their first session), retired items left out: the most overdue review first,
   * then a new question (chosen with `random`), else when to come back.
   */
  nextItem(userId: string, now?: Date): Promise<PracticeNext>;
  /** The items of the member's deck (every item they have a card for), in bank order. */
  deck(userId: string): Promise<QuizItem[]>;
  /** The member's session so far, with their cards due by this time tomorrow. */
  summary(userId: string, now?: Date): Promise<PracticeSummary>;
  /**
   * Schedules the user's next review of `itemId`: a wrong answer as Again, a right one as Good, and counts it
   * in the member's session. Returns when it falls due. `seenReps` is the card's `reps` when the question was shown: if the card has been
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

  const topics = [...new Set(bank.items.map((item) => item.topic))].sort();
  const matches = (filter: PracticeFilter | null) => (item: QuizItem) =>
    !filter ||
    ((!filter.topic || item.topic === filter.topic) && (!filter.difficulty || item.difficulty === filter.difficulty));

  return {
    topics: () => [...topics],

    async start(userId, filter, now = clock()) {
      if (filter.topic && !topics.includes(filter.topic)) {
        throw new UserError(`The quiz has no topic "${filter.topic}". Pick one of: ${topics.join(", ")}.`);
      }
      if (!bank.items.some(matches(filter))) {
        throw new UserError(`No question is ${describeFilter(filter)}. Try another topic or difficulty.`);
      }
      const session: PracticeSession = {
        startedAt: now.toISOString(),
        topic: filter.topic,
        difficulty: filter.difficulty,
        answered: 0,
        correct: 0,
        topics: {},
      };
      return (await store.practiceSessions.update(userId, () => session))!;
    },

    async nextItem(userId, now = clock()) {
      const filter = matches(await store.practiceSessions.get(userId));
      const retired = await store.retiredItems.all();
      const inSession = (item: QuizItem) => filter(item) && !retired.has(item.id);
      const cards = [...(await store.practice.cards(userId))]
        .filter(([itemId]) => byId.has(itemId) && inSession(byId.get(itemId)!))
        .map(([itemId, card]) => ({ item: byId.get(itemId)!, due: new Date(card.due), reps: card.reps }))
        .sort((a, b) => a.due.getTime() - b.due.getTime());
      const review = cards[0];
      if (review && review.due <= now) return { kind: "review", item: review.item, due: review.due, reps: review.reps };
      const seen = new Set(cards.map((c) => c.item.id));
      const fresh = bank.items.filter((item) => inSession(item) && !seen.has(item.id));
      if (fresh.length > 0) {
        return { kind: "new", item: fresh[Math.min(Math.floor(random() * fresh.length), fresh.length - 1)]!, reps: 0 };
      }
      return { kind: "done", nextDueAt: review?.due ?? null };
    },

    async deck(userId) {
      const cards = await store.practice.cards(userId);
      return bank.items.filter((item) => cards.has(item.id));
    },

    async summary(userId, now = clock()) {
      const session = await store.practiceSessions.get(userId);
      const tomorrow = now.getTime() + DAY_MS;
      const dueTomorrow = [...(await store.practice.cards(userId))].filter(
        ([itemId, card]) => byId.has(itemId) && Date.parse(card.due) <= tomorrow,
      ).length;
      return {
        filter: { topic: session?.topic ?? null, difficulty: session?.difficulty ?? null },
        answered: session?.answered ?? 0,
        correct: session?.correct ?? 0,
        dueTomorrow,
        weakestTopic: weakestTopic(session?.topics ?? {}),
      };
    },

    async grade(userId, itemId, correct, now = clock(), seenReps) {
      const item = byId.get(itemId);
      if (!item) throw new UserError("That question is no longer in the quiz bank.");
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
      await store.practiceSessions.update(userId, (session) => session && countAnswer(session, item.topic, correct));
      return { nextDueAt: new Date(after.due), alreadyGraded: false };
    },
  };
}

const DAY_MS = 24 * 60 * 60_000;

/** "on clinical trials, hard" for messages; "on any topic" without a filter. */
export function describeFilter(filter: PracticeFilter): string {
  const topic = filter.topic ? `on ${filter.topic}` : "on any topic";
  return filter.difficulty ? `${topic}, ${filter.difficulty}` : topic;
}

/** The session with one more answer on `topic`. */
function countAnswer(session: PracticeSession, topic: string, correct: boolean): PracticeSession {
  const tally = session.topics[topic] ?? { answered: 0, correct: 0 };
  return {
    ...session,
    answered: session.answered + 1,
    correct: session.correct + (correct ? 1 : 0),
    topics: {
      ...session.topics,
      [topic]: { answered: tally.answered + 1, correct: tally.correct + (correct ? 1 : 0) },
    },
  };
}

function weakestTopic(topics: PracticeSession["topics"]): string | null {
  const missed = Object.entries(topics).filter(([, t]) => t.correct < t.answered);
  missed.sort(
    ([ta, a], [tb, b]) =>
      a.correct / a.answered - b.correct / b.answered || b.answered - a.answered || (ta < tb ? -1 : ta > tb ? 1 : 0),
  );
  return missed[0]?.[0] ?? null;
}

/**
 * Puts a daily question the member got wrong or missed into their practice deck, due at `now`: a new card
 * if they have none for it, else their card brought forward (never pushed back). Returns whether it changed.
 */
export async function enterDeck(store: Store, userId: string, itemId: string, now: Date): Promise<boolean> {
  const { after, before } = await store.practice.update(userId, itemId, (card) => {
    if (!card) return serialize(createEmptyCard(now));
    return Date.parse(card.due) > now.getTime() ? { ...card, due: now.toISOString() } : null;
  });
  return after !== before;
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
