/**
 * The daily quiz: posting one question a day per guild, taking answers, closing rounds, keeping scores and
 * streaks. It knows nothing of Discord: a front end passes a {@link QuizPublisher} to {@link QuizService.tick}
 * and renders what the service returns.
 *
 * Posting is at most once per guild and local day. The round is recorded (status `posting`, `inFlight`)
 * and written to disk before the publisher is called. If the publisher throws, the message is taken as not
 * sent and the post is retried on later ticks with a growing pause. If the process dies while the publisher
 * runs, the next start cannot know whether the message went out; it marks the round open without a message
 * id and does not post again that day: a missing question is better than the same question twice.
 */
import { UserError } from "../errors.ts";
import type { QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Logger } from "../log.ts";
import { GuildSettings, type PlayerStats, type QuizSettings, type Round, type State } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import { closeInstant, isDue, isValidTimezone, localDate } from "./schedule.ts";

/** What a front end does to show the quiz: post a question, and reveal the result when a round closes. */
export interface QuizPublisher {
  /**
   * Posts `item` in `channelId` with one button per option, each carrying `round.id`. Must settle (the
   * Discord client times its requests out itself); throw only if the message was not posted.
   */
  post(guildId: string, channelId: string, item: QuizItem, round: Round): Promise<{ messageId: string }>;
  /**
   * Shows the right answer and how many chose each option, normally by editing `round.messageId`. A null
   * `messageId` means the post was never confirmed (the bot stopped mid-post): post the result anew or skip.
   */
  close(round: Round, tally: Tally): Promise<void>;
}

/** How a round's answers split. */
export interface Tally {
  /** Answers per option, in option order. */
  counts: [number, number, number, number];
  total: number;
  /** How many were right. */
  correct: number;
}

/** The outcome of a click on an option. */
export type AnswerResult =
  | { status: "unknown-round"; item: null; choice: number }
  /** Counted now; `yourStreak` is the streak after this answer. */
  | { status: "recorded"; item: QuizItem; choice: number; correct: boolean; yourStreak: number }
  /** The user had answered already: `choice` and `correct` are of that first answer, which stands. */
  | { status: "already-answered"; item: QuizItem; choice: number; correct: boolean; yourStreak: number }
  /** Too late: the round is closed (or was never posted). */
  | { status: "closed"; item: QuizItem; choice: number };

/** A player's answers on one topic. */
export interface TopicScore {
  topic: string;
  answered: number;
  correct: number;
}

/** One player's record in a guild, as shown to people. */
export interface PlayerView {
  userId: string;
  answered: number;
  correct: number;
  /** correct / answered, 0 before the first answer. */
  accuracy: number;
  /** Daily rounds answered right in a row, see {@link QuizService.answer}. */
  currentStreak: number;
  bestStreak: number;
}

/** A leaderboard line. */
export interface LeaderboardEntry extends PlayerView {
  /** 1 for the first line. */
  rank: number;
}

/** What `/config quiz` sets. */
export interface QuizConfigInput {
  channelId: string;
  /** `HH:MM` or `H:MM`, 24 h. */
  time: string;
  /** IANA zone name. */
  timezone: string;
  /** Local hour (0–23) to close rounds on their own day; null or absent closes them at the next post. */
  closeHour?: number | null;
}

/** What the service needs. */
export interface QuizServiceDeps {
  store: Store;
  bank: QuizBank;
  logger: Logger;
  /** The current instant; injectable so tests control time. */
  clock?: () => Date;
  /** A number in [0, 1), as Math.random; injectable so item choice is reproducible. */
  random?: () => number;
}

/** The daily quiz. */
export interface QuizService {
  /**
   * One pass of the schedule for every guild: recover rounds orphaned by a crash, close rounds whose time
   * has come (revealing them through `publisher`), then post each unpaused guild's question if it is due
   * or retry one whose post failed. Calls made while a tick runs share that tick. A failing guild is
   * logged and does not stop the others.
   */
  tick(publisher: QuizPublisher): Promise<void>;
  /**
   * Records `userId`'s `choice` (0–3) for a round: one answer per user and round, the first one stands.
   * Concurrent clicks are serialized by the store. Streak rule: the streak counts the guild's posted
   * daily rounds answered right in a row. A right answer adds one; a wrong answer, or a round closing
   * without the user's answer, sets it to 0. Days without a round (quiz paused, post failed) neither
   * add nor break anything, nor does a round recovered after a crash mid-post that nobody answered (it may
   * never have reached the channel). While today's round is open and unanswered, yesterday's streak still shows.
   * @throws UserError when `choice` is not 0–3.
   */
  answer(input: { roundId: string; userId: string; choice: number; now?: Date }): Promise<AnswerResult>;
  /** How each option of a round was chosen; null for an unknown round. */
  tally(roundId: string): Tally | null;
  /** A round as stored (a copy), or null. */
  round(roundId: string): Round | null;
  /** One player's record in a guild; zeros for someone who never answered. */
  stats(guildId: string, userId: string): PlayerView;
  /** One player's answers by topic of the question, in no particular order; empty for someone who never answered. */
  topicScores(guildId: string, userId: string): TopicScore[];
  /** The best players of a guild: most right answers, then accuracy, then best streak. */
  leaderboard(guildId: string, limit?: number): LeaderboardEntry[];
  /** The guild's quiz settings, or null if the quiz was never set up there. */
  settings(guildId: string): QuizSettings | null;
  /**
   * Sets where and when the guild's question is posted. Keeps the paused flag as it was. If today's post
   * time has already passed and there is no round today, the next tick posts today's question.
   * @throws UserError with a plain message for a bad time, zone, hour or channel.
   */
  configure(guildId: string, input: QuizConfigInput): Promise<QuizSettings>;
  /**
   * Stops (or resumes) new daily posts; open rounds still close on time.
   * @throws UserError if the quiz was never set up in the guild.
   */
  pause(guildId: string, paused: boolean): Promise<QuizSettings>;
}

/** Reveal attempts before giving up (the message may have been deleted). */
const MAX_REVEAL_ATTEMPTS = 3;
/** Longest pause between attempts to post a round. */
const MAX_POST_BACKOFF_MS = 60 * 60_000;
/** Closed rounds older than this are dropped: streaks only ever look one round back. */
const ROUND_RETENTION_DAYS = 120;
const DAY_MS = 24 * 60 * 60_000;

/** Creates the quiz service. */
export function createQuizService(deps: QuizServiceDeps): QuizService {
  const { store, bank, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const random = deps.random ?? Math.random;
  let running: Promise<void> | null = null;

  /** When a round closes under its guild's current settings (a day after it opened if they are gone). */
  function closeAt(round: Round): Date {
    const settings = store.data.guilds[round.guildId]?.quiz;
    return settings ? closeInstant(round, settings) : new Date(Date.parse(round.createdAt) + DAY_MS);
  }

  async function runTick(publisher: QuizPublisher): Promise<void> {
    const now = clock();
    await recoverOrphans();
    const guildIds = new Set([
      ...Object.keys(store.data.guilds),
      ...Object.values(store.data.quiz.rounds).map((r) => r.guildId),
    ]);
    for (const guildId of guildIds) {
      try {
        await closeDueRounds(guildId, now, publisher);
        await postIfDue(guildId, now, publisher);
      } catch (error) {
        logger.error({ err: error, guildId }, "Quiz tick failed for a guild");
      }
    }
  }

  /**
   * Ticks never overlap, so a round still marked in flight when a tick starts was left by a process that
   * died while posting: it may be in the channel, so it is opened (without a message id), not reposted.
   */
  async function recoverOrphans(): Promise<void> {
    const isOrphan = (r: Round) => r.status === "posting" && r.post.inFlight;
    // Checked before updating so that a quiet tick writes nothing.
    if (!Object.values(store.data.quiz.rounds).some(isOrphan)) return;
    const orphans = await store.update((data) => {
      const found = Object.values(data.quiz.rounds).filter(isOrphan);
      for (const round of found) {
        round.status = "open";
        round.post.inFlight = false;
      }
      return found.map((r) => r.id);
    });
    for (const roundId of orphans) {
      logger.warn(
        { roundId },
        "Quiz round was being posted when the bot stopped; it may or may not be in the channel, and is not posted again today",
      );
    }
  }

  async function closeDueRounds(guildId: string, now: Date, publisher: QuizPublisher): Promise<void> {
    const isDueToClose = (r: Round) => (r.status === "open" || r.status === "posting") && now >= closeAt(r);
    const closing = !guildRounds(store.data, guildId).some(isDueToClose)
      ? []
      : await store.update((data) => {
          const closed: string[] = [];
          for (const round of guildRounds(data, guildId).filter(isDueToClose)) {
            if (round.status === "posting") {
              // Never shown to anyone: it counts for nothing and its item goes back into the cycle.
              round.status = "failed";
              round.post.nextAttemptAt = null;
              data.quiz.used[guildId] = (data.quiz.used[guildId] ?? []).filter((id) => id !== round.item.id);
              logger.error(
                { roundId: round.id, lastError: round.post.lastError },
                "Quiz round was never posted before its close time",
              );
              continue;
            }
            round.status = "closed";
            round.closedAt = now.toISOString();
            // A round opened after a crash mid-post may never have reached the channel; with no answer there
            // is no sign anyone could see it, so, like a day without a round, it breaks no streak.
            const seen = round.messageId !== null || Object.keys(round.answers).length > 0;
            if (seen) breakStreaksOfAbsentees(data, round);
            closed.push(round.id);
          }
          pruneOldRounds(data, guildId, now);
          return closed;
        });
    if (closing.length > 0) logger.info({ guildId, rounds: closing }, "Quiz rounds closed");
    const pendingReveals = guildRounds(store.data, guildId).filter(
      (r) => r.status === "closed" && !r.reveal.done && r.reveal.attempts < MAX_REVEAL_ATTEMPTS,
    );
    for (const round of pendingReveals) await reveal(round.id, publisher);
  }

  async function reveal(roundId: string, publisher: QuizPublisher): Promise<void> {
    const snapshot = structuredClone(store.data.quiz.rounds[roundId]!);
    let done = false;
    try {
      await publisher.close(snapshot, tallyOf(snapshot));
      done = true;
    } catch (error) {
      logger.warn({ err: error, roundId, attempt: snapshot.reveal.attempts + 1 }, "Could not reveal the quiz answer");
    }
    await store.update((data) => {
      const round = data.quiz.rounds[roundId];
      if (!round) return;
      round.reveal.attempts += 1;
      round.reveal.done = done;
    });
  }

  async function postIfDue(guildId: string, now: Date, publisher: QuizPublisher): Promise<void> {
    const settings = store.data.guilds[guildId]?.quiz;
    if (!settings || settings.paused) return;
    const retryable = (r: Round) =>
      r.status === "posting" && r.post.nextAttemptAt !== null && Date.parse(r.post.nextAttemptAt) <= now.getTime();
    const needsWork = (data: State) =>
      guildRounds(data, guildId).some(retryable) || isDue(settings, now, lastRoundDate(data, guildId));
    // Checked before updating so that a quiet tick writes nothing.
    if (!needsWork(store.data)) return;
    const roundId = await store.update((data) => {
      const waiting = guildRounds(data, guildId).find(retryable);
      if (waiting) {
        // Follows a channel change made since the first attempt.
        waiting.channelId = settings.channelId;
        startAttempt(waiting);
        return waiting.id;
      }
      // Checked again inside the update, so two callers can never both create today's round.
      if (!isDue(settings, now, lastRoundDate(data, guildId))) return null;
      const date = localDate(now, settings.timezone);
      const round: Round = {
        id: `${guildId}:${date}`,
        guildId,
        channelId: settings.channelId,
        localDate: date,
        item: structuredClone(pickItem(data, guildId)),
        status: "posting",
        messageId: null,
        createdAt: now.toISOString(),
        postedAt: null,
        closedAt: null,
        post: { attempts: 0, inFlight: false, lastError: null, nextAttemptAt: null },
        reveal: { done: false, attempts: 0 },
        answers: {},
      };
      startAttempt(round);
      data.quiz.rounds[round.id] = round;
      return round.id;
    });
    if (roundId !== null) await attemptPost(roundId, publisher);
  }

  /** Marks an attempt as started; written before the publisher is called, which is what a crash leaves. */
  function startAttempt(round: Round): void {
    round.post.attempts += 1;
    round.post.inFlight = true;
    round.post.nextAttemptAt = null;
  }

  async function attemptPost(roundId: string, publisher: QuizPublisher): Promise<void> {
    const round = structuredClone(store.data.quiz.rounds[roundId]!);
    let messageId: string;
    try {
      ({ messageId } = await publisher.post(round.guildId, round.channelId, round.item, round));
    } catch (error) {
      const wait = Math.min(60_000 * 2 ** (round.post.attempts - 1), MAX_POST_BACKOFF_MS);
      const retryAt = new Date(clock().getTime() + wait);
      await store.update((data) => {
        const stored = data.quiz.rounds[roundId]!;
        stored.post.inFlight = false;
        stored.post.lastError = error instanceof Error ? error.message : String(error);
        stored.post.nextAttemptAt = retryAt.toISOString();
      });
      logger.warn(
        { err: error, roundId, attempt: round.post.attempts, retryAt },
        "Could not post the quiz question; will retry",
      );
      return;
    }
    // Outside the try: once the message is out, a failure to record it must not look like a failed post,
    // or the retry would post it twice. (A failed write leaves the change in memory; a later write saves it.)
    await store.update((data) => {
      const stored = data.quiz.rounds[roundId]!;
      stored.status = "open";
      stored.messageId = messageId;
      stored.postedAt = clock().toISOString();
      stored.post.inFlight = false;
      stored.post.lastError = null;
    });
    logger.info({ roundId, itemId: round.item.id, messageId }, "Quiz question posted");
  }

  /**
   * The next item of the guild's cycle: any item not yet posted in this cycle, chosen with `random`. When
   * every item has been posted the cycle starts over, avoiding the item that ended the last one.
   */
  function pickItem(data: State, guildId: string): QuizItem {
    const inBank = new Set(bank.items.map((i) => i.id));
    let used = (data.quiz.used[guildId] ?? []).filter((id) => inBank.has(id));
    let fresh = bank.items.filter((i) => !used.includes(i.id));
    if (fresh.length === 0) {
      const last = used.at(-1);
      used = [];
      fresh = bank.items.length > 1 ? bank.items.filter((i) => i.id !== last) : bank.items;
    }
    const item = fresh[Math.min(Math.floor(random() * fresh.length), fresh.length - 1)]!;
    data.quiz.used[guildId] = [...used, item.id];
    return item;
  }

  function playerOf(data: State, guildId: string, userId: string): PlayerStats {
    const players = (data.quiz.players[guildId] ??= {});
    return (players[userId] ??= noStats());
  }

  function view(userId: string, stats: PlayerStats | undefined): PlayerView {
    const s = stats ?? noStats();
    return {
      userId,
      answered: s.answered,
      correct: s.correct,
      accuracy: s.answered === 0 ? 0 : s.correct / s.answered,
      currentStreak: s.currentStreak,
      bestStreak: s.bestStreak,
    };
  }

  return {
    tick(publisher) {
      running ??= runTick(publisher).finally(() => {
        running = null;
      });
      return running;
    },

    answer({ roundId, userId, choice, now = clock() }) {
      if (!Number.isInteger(choice) || choice < 0 || choice > 3) {
        return Promise.reject(new UserError("That is not one of the four options."));
      }
      return store.update((data): AnswerResult => {
        const round = data.quiz.rounds[roundId];
        if (!round) return { status: "unknown-round", item: null, choice };
        const item = structuredClone(round.item);
        // A round still `posting` may already be visible (the publisher has sent it, its reply is not
        // stored yet), so it takes answers; only closed and never-posted rounds refuse them.
        if (round.status === "closed" || round.status === "failed" || now >= closeAt(round)) {
          return { status: "closed", item, choice };
        }
        const player = playerOf(data, round.guildId, userId);
        const earlier = round.answers[userId];
        if (earlier) {
          return {
            status: "already-answered",
            item,
            choice: earlier.choice,
            correct: earlier.correct,
            yourStreak: player.currentStreak,
          };
        }
        const correct = choice === round.item.answer;
        round.answers[userId] = { choice: choice as 0 | 1 | 2 | 3, correct, at: now.toISOString() };
        player.answered += 1;
        if (correct) player.correct += 1;
        const topic = (player.topics[round.item.topic] ??= { answered: 0, correct: 0 });
        topic.answered += 1;
        if (correct) topic.correct += 1;
        // Incremental, because a guild has at most one open round: a round closes at the latest at the next
        // post, in the same tick and before it. So any round missed since the last right answer has already
        // reset the streak (see breakStreaksOfAbsentees), and a right answer simply extends it.
        player.currentStreak = correct ? player.currentStreak + 1 : 0;
        player.bestStreak = Math.max(player.bestStreak, player.currentStreak);
        return { status: "recorded", item, choice, correct, yourStreak: player.currentStreak };
      });
    },

    tally(roundId) {
      const round = store.data.quiz.rounds[roundId];
      return round ? tallyOf(round) : null;
    },

    round(roundId) {
      const round = store.data.quiz.rounds[roundId];
      return round ? structuredClone(round) : null;
    },

    stats(guildId, userId) {
      return view(userId, store.data.quiz.players[guildId]?.[userId]);
    },
    topicScores(guildId, userId) {
      const topics = store.data.quiz.players[guildId]?.[userId]?.topics ?? {};
      return Object.entries(topics).map(([topic, score]) => ({ topic, ...score }));
    },

    leaderboard(guildId, limit = 10) {
      return Object.entries(store.data.quiz.players[guildId] ?? {})
        .filter(([, s]) => s.answered > 0)
        .map(([userId, s]) => view(userId, s))
        .sort(
          (a, b) =>
            b.correct - a.correct ||
            b.accuracy - a.accuracy ||
            b.bestStreak - a.bestStreak ||
            a.userId.localeCompare(b.userId),
        )
        .slice(0, Math.max(0, limit))
        .map((entry, i) => ({ ...entry, rank: i + 1 }));
    },

    settings(guildId) {
      const settings = store.data.guilds[guildId]?.quiz;
      return settings ? structuredClone(settings) : null;
    },

    async configure(guildId, input) {
      const settings = validateConfig(input);
      return store.update((data) => {
        const guild = (data.guilds[guildId] ??= GuildSettings.parse({}));
        guild.quiz = { ...settings, paused: guild.quiz?.paused ?? false };
        return structuredClone(guild.quiz);
      });
    },

    pause(guildId, paused) {
      return store.update((data) => {
        const quiz = data.guilds[guildId]?.quiz;
        if (!quiz) throw new UserError("The daily quiz is not set up in this server yet; use /config quiz set first.");
        quiz.paused = paused;
        return structuredClone(quiz);
      });
    },
  };
}

/** Checks and normalizes `/config quiz` input; every message is meant for the admin who typed it. */
function validateConfig(input: QuizConfigInput): Omit<QuizSettings, "paused"> {
  const channelId = input.channelId.trim();
  if (channelId === "") throw new UserError("Choose a channel for the daily quiz.");
  const time = /^(\d{1,2}):(\d{2})$/.exec(input.time.trim());
  const hour = Number(time?.[1]);
  const minute = Number(time?.[2]);
  if (!time || hour > 23 || minute > 59) {
    throw new UserError(`"${input.time}" is not a time of day. Use HH:MM on a 24-hour clock, for example 08:30.`);
  }
  const zone = input.timezone.trim();
  if (!isValidTimezone(zone)) {
    throw new UserError(
      `"${input.timezone}" is not a time zone I know. Use a name like Europe/Berlin or America/New_York.`,
    );
  }
  const closeHour = input.closeHour ?? null;
  if (closeHour !== null && (!Number.isInteger(closeHour) || closeHour < 0 || closeHour > 23)) {
    throw new UserError(`The closing hour must be a whole hour from 0 to 23, not ${closeHour}.`);
  }
  return {
    channelId,
    time: `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`,
    // The runtime's spelling, so "europe/berlin" is stored and shown as "Europe/Berlin".
    timezone: new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone,
    closeHour,
  };
}

/** The record of someone who never answered (a fresh object: a new player's is filled in place). */
function noStats(): PlayerStats {
  return { answered: 0, correct: 0, currentStreak: 0, bestStreak: 0, topics: {} };
}

function guildRounds(data: State, guildId: string): Round[] {
  return Object.values(data.quiz.rounds).filter((r) => r.guildId === guildId);
}

function lastRoundDate(data: State, guildId: string): string | null {
  return guildRounds(data, guildId).reduce<string | null>(
    (max, r) => (max === null || r.localDate > max ? r.localDate : max),
    null,
  );
}

/** A round closing without someone's answer ends their streak. */
function breakStreaksOfAbsentees(data: State, round: Round): void {
  for (const [userId, player] of Object.entries(data.quiz.players[round.guildId] ?? {})) {
    if (!round.answers[userId]) player.currentStreak = 0;
  }
}

function pruneOldRounds(data: State, guildId: string, now: Date): void {
  const cutoff = new Date(now.getTime() - ROUND_RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10);
  for (const round of guildRounds(data, guildId)) {
    if ((round.status === "closed" || round.status === "failed") && round.localDate < cutoff) {
      delete data.quiz.rounds[round.id];
    }
  }
}

function tallyOf(round: Round): Tally {
  const counts: Tally["counts"] = [0, 0, 0, 0];
  let correct = 0;
  for (const answer of Object.values(round.answers)) {
    counts[answer.choice] += 1;
    if (answer.correct) correct += 1;
  }
  return { counts, total: counts[0] + counts[1] + counts[2] + counts[3], correct };
}
