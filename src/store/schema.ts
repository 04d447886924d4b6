/**
 * The zod schema of everything the bot remembers between restarts. Every field has a default, so a file
 * written by an older version (or by hand, partially) still loads; a file that does not fit at all is set
 * aside by the store rather than half-trusted.
 */
import { z } from "zod";
import { QuizItemFields } from "../knowledge/quiz-bank.ts";

/** A Discord id or any other opaque key; kept as a string so snowflakes never lose digits. */
const Key = z.string().min(1);
/** An instant as `Date.toISOString()` writes it. */
const Instant = z.iso.datetime();
/** A calendar day in some time zone, `YYYY-MM-DD`. */
const LocalDate = z.iso.date();

/** The days of the week, Sunday first as `Date.getUTCDay` counts them. */
export const Weekday = z.enum(["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]);
export type Weekday = z.infer<typeof Weekday>;

/** When and where a guild's daily quiz is posted. */
export const QuizSettings = z.object({
  channelId: Key,
  /** Local wall-clock time of the post, `HH:MM` (24 h). */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  /** IANA zone the time is read in, e.g. `Europe/Berlin`. */
  timezone: z.string().min(1),
  /** Stops new posts; open rounds still close on time. */
  paused: z.boolean().default(false),
  /** Local hour (0–23) on the post's day at which the round closes; null closes it at the next post. */
  closeHour: z.number().int().min(0).max(23).nullable().default(null),
  /** The day the weekly leaderboard starts again, in the guild's zone. */
  weekStart: Weekday.default("monday"),
  /** The role the daily post pings and "🔔 Notify me" toggles; null: no ping, no button. */
  notifyRoleId: Key.nullable().default(null),
  /** Whether each revealed question gets a discussion thread under it. */
  discussionThread: z.boolean().default(false),
});
export type QuizSettings = z.infer<typeof QuizSettings>;

/** What an admin has set for one guild. */
export const GuildSettings = z.object({
  /** Channels where every message is taken as a question. */
  qaChannelIds: z.array(Key).default([]),
  /** Whether answers may be written by the language model (when one is configured) or stay extractive. */
  useModel: z.boolean().default(true),
  quiz: QuizSettings.nullable().default(null),
});
export type GuildSettings = z.infer<typeof GuildSettings>;

/** A thumbs-up or thumbs-down on one answer. */
export const Vote = z.enum(["up", "down"]);
export type Vote = z.infer<typeof Vote>;

/** What a member wrote after 👎 ("What was wrong?"), kept with the question and the answer it is about. */
export const FeedbackNote = z.object({
  answerId: Key,
  /** The server it was written in; null in a DM. */
  guildId: Key.nullable(),
  userId: Key,
  question: z.string(),
  answer: z.string(),
  text: z.string(),
  at: Instant,
});
export type FeedbackNote = z.infer<typeof FeedbackNote>;

/** What is needed to show an answer's sources again after a restart. */
export const AskRecord = z.object({
  question: z.string(),
  userId: Key,
  /** Hit ids, in the order they were shown. */
  sourceIds: z.array(z.string()),
  createdAt: Instant,
});
export type AskRecord = z.infer<typeof AskRecord>;

/** One question and its answer in a thread, for follow-up questions. */
export const Turn = z.object({ question: z.string(), answer: z.string(), at: Instant });
export type Turn = z.infer<typeof Turn>;

/** One user's answer to a round. */
export const RoundAnswer = z.object({
  choice: z.literal([0, 1, 2, 3]),
  correct: z.boolean(),
  at: Instant,
});
export type RoundAnswer = z.infer<typeof RoundAnswer>;

/**
 * Where a round is in its life:
 * - `posting`: recorded, the message is not confirmed yet (an attempt is in flight or failed and waits);
 * - `open`: posted (or possibly posted, see `messageId`), taking answers;
 * - `closed`: answer revealed, no more answers;
 * - `failed`: never posted before its close time; it counts for nothing.
 */
export const RoundStatus = z.enum(["posting", "open", "closed", "failed"]);
export type RoundStatus = z.infer<typeof RoundStatus>;

/** One daily question in one guild. */
export const Round = z.object({
  /** `<guildId>:<localDate>`: there can be at most one round per guild and local day. */
  id: Key,
  guildId: Key,
  channelId: Key,
  /** The guild's local day the round belongs to. */
  localDate: LocalDate,
  /**
   * The item as it was when posted, so later edits to the bank cannot change what counts as right for a
   * question people already answered.
   */
  item: z.object(QuizItemFields),
  status: RoundStatus,
  /** The posted message; null until confirmed, and for ever if the process died while posting. */
  messageId: Key.nullable().default(null),
  createdAt: Instant,
  postedAt: Instant.nullable().default(null),
  closedAt: Instant.nullable().default(null),
  /** Publishing attempts: `inFlight` survives a crash, which is how a restart knows not to post again. */
  post: z
    .object({
      attempts: z.number().int().min(0).default(0),
      inFlight: z.boolean().default(false),
      lastError: z.string().nullable().default(null),
      nextAttemptAt: Instant.nullable().default(null),
      /**
       * The process that started the attempt in flight (a random id per start): an attempt in flight that
       * another process started and left is an orphan of a crash, never one this process is still making.
       */
      claimedBy: z.string().nullable().default(null),
    })
    .prefault({}),
  /** Whether the publisher has shown the result; retried a few times, then given up. */
  reveal: z.object({ done: z.boolean().default(false), attempts: z.number().int().min(0).default(0) }).prefault({}),
});
export type Round = z.infer<typeof Round>;

/** A round as the state file keeps it: with its answers, userId → answer. */
export const StoredRound = Round.extend({ answers: z.record(Key, RoundAnswer).default({}) });
export type StoredRound = z.infer<typeof StoredRound>;

/** One player's record in one guild. */
export const PlayerStats = z.object({
  answered: z.number().int().min(0).default(0),
  correct: z.number().int().min(0).default(0),
  currentStreak: z.number().int().min(0).default(0),
  bestStreak: z.number().int().min(0).default(0),
  /** Topic of the question → answers and right answers on it (`/quiz stats` draws accuracy by topic). */
  topics: z.record(Key, z.object({ answered: z.number().int().min(0), correct: z.number().int().min(0) })).default({}),
});
export type PlayerStats = z.infer<typeof PlayerStats>;

/** A ts-fsrs card with its dates as ISO strings (JSON has no Date). */
export const SerializedCard = z.object({
  due: Instant,
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: z.number(),
  reps: z.number().int(),
  lapses: z.number().int(),
  state: z.number().int().min(0).max(3),
  last_review: Instant.nullable().default(null),
});
export type SerializedCard = z.infer<typeof SerializedCard>;

/** Answers and right answers, as counted per topic. */
const TopicTally = z.object({ answered: z.number().int().min(0), correct: z.number().int().min(0) });

/**
 * A member's current practice session: what they chose to practise and how it went, for the summary that
 * ends it. One per member; `/quiz practice` starts a new one.
 */
export const PracticeSession = z.object({
  startedAt: Instant,
  /** Only items of this topic; null: any. */
  topic: z.string().min(1).nullable(),
  /** Only items of this difficulty; null: any. */
  difficulty: QuizItemFields.difficulty.nullable(),
  answered: z.number().int().min(0),
  correct: z.number().int().min(0),
  /** The session's answers by topic of the question. */
  topics: z.record(Key, TopicTally).default({}),
});
export type PracticeSession = z.infer<typeof PracticeSession>;

/** A member's choice of DM reminders when practice reviews are due, and when the last one went out. */
export const PracticeReminder = z.object({
  optedIn: z.boolean(),
  lastSentAt: Instant.nullable().default(null),
});
export type PracticeReminder = z.infer<typeof PracticeReminder>;

/** How many quiz reports are kept; the oldest are dropped beyond it. */
export const MAX_QUIZ_REPORTS = 1000;

/** A member's report of a quiz question they think is wrong, unclear or badly sourced. */
export const QuizReport = z.object({
  id: Key,
  itemId: Key,
  userId: Key,
  /** Where it was reported; null in a DM. */
  guildId: Key.nullable(),
  /** Under which question: the daily post or a practice question. */
  source: z.enum(["daily", "practice"]),
  text: z.string().max(1000),
  at: Instant,
});
export type QuizReport = z.infer<typeof QuizReport>;

/** An item an admin took out of the daily rotation and practice. */
export const RetiredItem = z.object({ by: Key, at: Instant });
export type RetiredItem = z.infer<typeof RetiredItem>;

/** The whole state file. */
export const StateSchema = z.object({
  guilds: z.record(Key, GuildSettings).default({}),
  /** answerId → userId → vote. */
  feedback: z.record(Key, z.record(Key, Vote)).default({}),
  /** What members wrote after 👎, oldest first. */
  feedbackNotes: z.array(FeedbackNote).default([]),
  askRecords: z.record(Key, AskRecord).default({}),
  /** thread or channel id → the last few turns, oldest first. */
  conversations: z.record(Key, z.array(Turn)).default({}),
  quiz: z
    .object({
      rounds: z.record(Key, StoredRound).default({}),
      /** Items posted in the current cycle of each guild; emptied when the bank is used up. */
      used: z.record(Key, z.array(z.string())).default({}),
      players: z.record(Key, z.record(Key, PlayerStats)).default({}),
    })
    .prefault({}),
  /** userId → itemId → card. */
  practice: z.record(Key, z.record(Key, SerializedCard)).default({}),
  /** userId → their current practice session. */
  practiceSessions: z.record(Key, PracticeSession).default({}),
  /** Reports on quiz questions, oldest first, the newest {@link MAX_QUIZ_REPORTS} kept. */
  quizReports: z.array(QuizReport).default([]),
  /** itemId → who retired it and when. */
  retiredItems: z.record(Key, RetiredItem).default({}),
  /** userId → their DM reminder choice. */
  reminders: z.record(Key, PracticeReminder).default({}),
});
export type State = z.infer<typeof StateSchema>;

/** A fresh, empty state. */
export function emptyState(): State {
  return StateSchema.parse({});
}
