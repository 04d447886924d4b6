/**
 * The store as the domain sees it: one narrow async port per group of data, so the same quiz, practice and
 * bot code runs on the embedded JSON file (lowdb) or on PostgreSQL. Every method is one change or one read;
 * a change is atomic on each engine (applied synchronously to memory on the JSON file, one transaction on
 * PostgreSQL) and resolves once it is durable. What is read back has the shapes of the zod schemas in
 * schema.ts, which stay the contract between the engines.
 *
 * Methods that take a function (`update(id, change)`) run it inside the change with the current value; it
 * must be pure and synchronous, may run more than once on PostgreSQL (a retried transaction), and may
 * throw before anything is written (the change is then dropped and the call rejects with that error).
 */
import { UserError } from "../errors.ts";
import type {
  AskRecord,
  FeedbackNote,
  GuildSettings,
  PlayerStats,
  PracticeReminder,
  PracticeSession,
  QuizReport,
  QuizSettings,
  RetiredItem,
  Round,
  RoundAnswer,
  SerializedCard,
  Turn,
  Vote,
} from "./schema.ts";

/** Per-guild settings, with defaults for a guild whose admins set nothing. */
export interface SettingsPort {
  /** A guild's settings (the defaults when none are stored). */
  get(guildId: string): Promise<GuildSettings>;
  /** Replaces a guild's settings with `change(current)`; returns what was stored. */
  update(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings>;
  /** Every guild whose daily quiz is set up, with its quiz settings. */
  quizGuilds(): Promise<Map<string, QuizSettings>>;
}

/** The daily rounds (without their answers, which {@link AnswersPort} holds). */
export interface RoundsPort {
  /** One round, or null. */
  get(roundId: string): Promise<Round | null>;
  /**
   * The rounds that still need work, in `guildIds` (every guild when absent): posting or open, or closed
   * and not yet revealed.
   */
  unfinished(guildIds?: ReadonlySet<string>): Promise<Round[]>;
  /** The local date of the guild's latest round, or null before its first. */
  latestDate(guildId: string): Promise<string | null>;
  /** The item ids posted in the guild's current cycle, oldest first. */
  usedItems(guildId: string): Promise<string[]>;
  /**
   * Stores a new round and the guild's cycle `used` (which includes the round's item), unless a round with
   * the same id (the same guild and local day) exists: that is what keeps the post to one per guild per day
   * across processes. Returns whether this call created it.
   */
  create(round: Round, used: string[]): Promise<boolean>;
  /**
   * Replaces a round with `change(current)`; a null from `change` leaves it as it was. Returns the round as
   * stored afterwards, or null for an unknown round or a declined change. Answers are untouched.
   */
  update(roundId: string, change: (current: Round) => Round | null): Promise<Round | null>;
  /**
   * Closes a round whose time has come. An `open` round becomes `closed` at `at`; if it was seen (it has a
   * message id or an answer), every player of its guild who did not answer it loses their current streak.
   * A round still `posting` was never shown: it becomes `failed` and its item leaves the guild's cycle.
   * Returns the new status, or null if the round was neither open nor posting.
   */
  close(roundId: string, at: string): Promise<"closed" | "failed" | null>;
  /** Drops the guild's closed and failed rounds (and their answers) from before `localDate`. */
  prune(guildId: string, beforeLocalDate: string): Promise<void>;
}

/** What {@link AnswersPort.submit} asks the domain while it holds the round. */
export interface AnswerRules {
  /** The answer to record on `round`, or null when the round takes no more answers. */
  answerFor(round: Round): RoundAnswer | null;
  /** The player's record after `answer` (the record is all zeros for a first answer). */
  score(player: PlayerStats, answer: RoundAnswer): PlayerStats;
}

/** The outcome of {@link AnswersPort.submit}. */
export type Submission =
  | { kind: "unknown-round" }
  /** The round takes no more answers. */
  | { kind: "refused"; round: Round }
  /** The user had answered already; `earlier` stands. */
  | { kind: "duplicate"; round: Round; earlier: RoundAnswer; player: PlayerStats }
  | { kind: "recorded"; round: Round; answer: RoundAnswer; player: PlayerStats };

/** How a round's answers split. */
export interface AnswerCounts {
  /** Answers per option, in option order. */
  byChoice: [number, number, number, number];
  /** How many were right. */
  correct: number;
}

/** Answers to rounds: one per member per round, the first one stands. */
export interface AnswersPort {
  /**
   * In one change: reads the round, asks `rules` for the answer, stores it unless the user has one for that
   * round already, and scores the player. Concurrent submissions of one user record exactly one answer.
   */
  submit(roundId: string, userId: string, rules: AnswerRules): Promise<Submission>;
  /** How a round's answers split (zeros for none). */
  counts(roundId: string): Promise<AnswerCounts>;
  /**
   * The players of the round's guild (at least one answer ever) who did not answer it, by user id; empty
   * for an unknown round.
   */
  missed(roundId: string): Promise<string[]>;
}

/** Players' scores per guild. */
export interface PlayersPort {
  /** One player's record in a guild, or null before their first answer. */
  get(guildId: string, userId: string): Promise<PlayerStats | null>;
  /**
   * The guild's players with at least one answer, best first: most right, then accuracy, then best streak, then
   * user id (by code unit), the same order on every engine and for every period. With `sinceLocalDate`, only
   * answers to rounds of that local day or later count (`answered`, `correct`; `topics` is then empty), while
   * the streaks stay the player's own.
   */
  top(guildId: string, limit: number, sinceLocalDate?: string): Promise<Array<{ userId: string; stats: PlayerStats }>>;
}

/** Personal practice cards (ts-fsrs), per user and item. */
export interface PracticePort {
  /** A user's cards by item id. */
  cards(userId: string): Promise<Map<string, SerializedCard>>;
  /**
   * Replaces one card with `change(current)` (null: no card yet); a null from `change` leaves it. Returns the
   * card before and after.
   */
  update(
    userId: string,
    itemId: string,
    change: (current: SerializedCard | null) => SerializedCard | null,
  ): Promise<{ before: SerializedCard | null; after: SerializedCard | null }>;
}

/** Each member's current practice session (its filter and running score). */
export interface PracticeSessionsPort {
  /** The member's session, or null before their first. */
  get(userId: string): Promise<PracticeSession | null>;
  /** Replaces the session with `change(current)`; a null from `change` leaves it. Returns what is stored after. */
  update(
    userId: string,
    change: (current: PracticeSession | null) => PracticeSession | null,
  ): Promise<PracticeSession | null>;
}

/** Reports on quiz questions, the newest `MAX_QUIZ_REPORTS` (schema.ts) kept. */
export interface QuizReportsPort {
  add(report: QuizReport): Promise<void>;
  /** The newest `limit` reports, newest first (ties by id). */
  recent(limit: number): Promise<QuizReport[]>;
}

/** Items retired from the daily rotation and practice. */
export interface RetiredItemsPort {
  /** Retires an item; false (and nothing changed) if it was retired already. */
  retire(itemId: string, retired: RetiredItem): Promise<boolean>;
  /** Every retired item by id. */
  all(): Promise<Map<string, RetiredItem>>;
}

/** Members' DM reminders for due practice reviews. */
export interface RemindersPort {
  /** The member's choice, or null if they never made one. */
  get(userId: string): Promise<PracticeReminder | null>;
  /**
   * Replaces the member's record with `change(current)`; a null from `change` leaves it. Returns the record
   * after, and whether `change` replaced it (so of two processes racing to send one reminder, one wins).
   */
  update(
    userId: string,
    change: (current: PracticeReminder | null) => PracticeReminder | null,
  ): Promise<{ after: PracticeReminder | null; changed: boolean }>;
  /** The members who opted in, by user id. */
  optedIn(): Promise<string[]>;
}

/** Up and down votes on one answer. */
export interface VoteCounts {
  up: number;
  down: number;
}

/** Votes on answers: one per user per answer, a second replaces the first. */
export interface VotesPort {
  /** Records a vote; returns the answer's counts after it. */
  cast(answerId: string, userId: string, vote: Vote): Promise<VoteCounts>;
}

/** What each answer rested on, for "Show sources" after a restart; the oldest are dropped with their votes. */
export interface AsksPort {
  put(answerId: string, record: AskRecord): Promise<void>;
  /** The record, or null if it was never kept or has been dropped. */
  get(answerId: string): Promise<AskRecord | null>;
}

/** The last turns of each thread, for follow-up questions. */
export interface TurnsPort {
  /** Adds a turn (its answer already cut to size), keeping the thread's last few and the threads most recently used. */
  append(threadId: string, turn: Turn): Promise<void>;
  /** A thread's kept turns, oldest first. */
  recent(threadId: string): Promise<Turn[]>;
  /** Forgets a thread's turns, so its next question is read on its own ("New question"). */
  clear(threadId: string): Promise<void>;
}

/** What members wrote after 👎, for the server's admins (/config feedback); the oldest are dropped. */
export interface NotesPort {
  add(note: FeedbackNote): Promise<void>;
  /** A server's latest notes, newest first. */
  recent(guildId: string, limit: number): Promise<FeedbackNote[]>;
}

/** The bot's persistent state, on whichever engine. */
export interface Store {
  /** Where the state lives, for logs and messages: the file, or the database (without its password). */
  readonly location: string;
  readonly settings: SettingsPort;
  readonly rounds: RoundsPort;
  readonly answers: AnswersPort;
  readonly players: PlayersPort;
  readonly practice: PracticePort;
  readonly practiceSessions: PracticeSessionsPort;
  readonly quizReports: QuizReportsPort;
  readonly retiredItems: RetiredItemsPort;
  readonly reminders: RemindersPort;
  readonly votes: VotesPort;
  readonly asks: AsksPort;
  readonly turns: TurnsPort;
  readonly notes: NotesPort;
  /** Resolves when every change made so far is durable (or has failed for good). */
  flush(): Promise<void>;
  /**
   * Waits for pending changes, then releases the store (the file's lock, the database's connections).
   * @throws StoreUnsavedError when changes could not be saved.
   */
  close(): Promise<void>;
}

/** Raised by `close` when some changes never reached the disk: a shutdown must say so and exit non-zero. */
export class StoreUnsavedError extends Error {
  override readonly name = "StoreUnsavedError";
}

/** Raised for a change that could not be saved; its message is told to the user who made it. */
export class StoreWriteError extends UserError {
  constructor(message: string, cause: unknown) {
    super("storeWriteFailed", message);
    this.cause = cause;
  }
}
