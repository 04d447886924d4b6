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
import { randomUUID } from "node:crypto";
import { UserError } from "../errors.ts";
import type { QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Logger } from "../log.ts";
import type { AnswerCounts, Store } from "../store/ports.ts";
import type { PlayerStats, QuizSettings, Round, Weekday } from "../store/schema.ts";
import { isGeneratedItem } from "./generate.ts";
import { enterDeck } from "./practice.ts";
import { closeInstant, isDue, isValidTimezone, type LeaderboardPeriod, localDate, periodStart } from "./schedule.ts";

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
  /**
   * The guilds this process posts for (with several shards, the ones its shard holds); absent or null:
   * every guild.
   */
  servedGuilds?(): ReadonlySet<string> | null;
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

/** A leaderboard over one period. */
export interface Leaderboard {
  period: LeaderboardPeriod;
  /** The period's first local day; null for all time. */
  since: string | null;
  entries: LeaderboardEntry[];
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
  /** The day the weekly leaderboard starts; absent keeps the guild's (Monday at first). */
  weekStart?: Weekday;
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
  /** Marks this process's post attempts; a random id per start unless a test fixes it. */
  instanceId?: string;
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
   * Concurrent clicks are made atomic by the store (one answer per member and round on every engine). Streak rule: the streak counts the guild's posted
   * daily rounds answered right in a row. A right answer adds one; a wrong answer, or a round closing
   * without the user's answer, sets it to 0. Days without a round (quiz paused, post failed) neither
   * add nor break anything, nor does a round recovered after a crash mid-post that nobody answered (it may
   * never have reached the channel). While today's round is open and unanswered, yesterday's streak still shows.
   * @throws UserError when `choice` is not 0–3.
   */
  answer(input: { roundId: string; userId: string; choice: number; now?: Date }): Promise<AnswerResult>;
  /** How each option of a round was chosen; null for an unknown round. */
  tally(roundId: string): Promise<Tally | null>;
  /** A round as stored (a copy), or null. */
  round(roundId: string): Promise<Round | null>;
  /** One player's record in a guild; zeros for someone who never answered. */
  stats(guildId: string, userId: string): Promise<PlayerView>;
  /** One player's answers by topic of the question, in no particular order; empty for someone who never answered. */
  topicScores(guildId: string, userId: string): Promise<TopicScore[]>;
  /**
   * The best players of a guild over `period` (all time when absent): most right answers, then accuracy, then
   * best streak, then user id, for every period alike. A week starts on the guild's `weekStart` and a month on
   * the 1st, both in the guild's zone (Monday and UTC for a guild without quiz settings).
   */
  leaderboard(guildId: string, limit?: number, period?: LeaderboardPeriod): Promise<Leaderboard>;
  /** The guild's quiz settings, or null if the quiz was never set up there. */
  settings(guildId: string): Promise<QuizSettings | null>;
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
  /**
   * Sets the role the daily post pings and "🔔 Notify me" toggles; null: no ping and no button.
   * @throws UserError if the quiz was never set up in the guild.
   */
  setNotifyRole(guildId: string, roleId: string | null): Promise<QuizSettings>;
  /**
   * Turns the discussion thread opened under each revealed question on or off.
   * @throws UserError if the quiz was never set up in the guild.
   */
  setDiscussion(guildId: string, on: boolean): Promise<QuizSettings>;
}

/**
 * Whether the daily question of local `date` (YYYY-MM-DD) comes from the generated table items: two fixed
 * weekdays of seven (Wednesday and Saturday), so the hand-written mechanism items hold the other five.
 */
export function isTableDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday === 3 || weekday === 6;
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
  /** Marks the post attempts this service starts, so another process can tell them from a crash's orphans. */
  const instanceId = deps.instanceId ?? randomUUID();
  let running: Promise<void> | null = null;

  /** Changes a guild's quiz settings; refused plainly where the quiz was never set up. */
  async function changeQuiz(guildId: string, change: (quiz: QuizSettings) => QuizSettings): Promise<QuizSettings> {
    const guild = await store.settings.update(guildId, (current) => {
      if (!current.quiz) {
        throw new UserError("The daily quiz is not set up in this server yet; use /config quiz set first.");
      }
      return { ...current, quiz: change(current.quiz) };
    });
    return guild.quiz!;
  }

  /** When a round closes under its guild's quiz settings (a day after it opened if they are gone). */
  function closeAt(round: Round, settings: QuizSettings | null | undefined): Date {
    return settings ? closeInstant(round, settings) : new Date(Date.parse(round.createdAt) + DAY_MS);
  }

  async function runTick(publisher: QuizPublisher): Promise<void> {
    const now = clock();
    const served = publisher.servedGuilds?.() ?? undefined;
    const quizGuilds = await store.settings.quizGuilds();
    const unfinished = await store.rounds.unfinished(served);
    await recoverOrphans(unfinished);
    const guildIds = new Set([
      ...[...quizGuilds.keys()].filter((id) => !served || served.has(id)),
      ...unfinished.map((r) => r.guildId),
    ]);
    for (const guildId of guildIds) {
      try {
        const settings = quizGuilds.get(guildId) ?? null;
        const rounds = unfinished.filter((r) => r.guildId === guildId);
        await closeDueRounds(guildId, rounds, settings, now, publisher);
        await postIfDue(guildId, rounds, settings, now, publisher);
      } catch (error) {
        logger.error({ err: error, guildId }, "Quiz tick failed for a guild");
      }
    }
  }

  /**
   * A round in flight that this service did not start was left by a process that died while posting (only
   * the process serving a guild posts for it): it may be in the channel, so it is opened (without a message
   * id), not reposted.
   */
  async function recoverOrphans(unfinished: Round[]): Promise<void> {
    const isOrphan = (r: Round) => r.status === "posting" && r.post.inFlight && r.post.claimedBy !== instanceId;
    for (const candidate of unfinished.filter(isOrphan)) {
      const recovered = await store.rounds.update(candidate.id, (round) =>
        isOrphan(round) ? { ...round, status: "open", post: { ...round.post, inFlight: false } } : null,
      );
      if (!recovered) continue;
      Object.assign(candidate, recovered);
      logger.warn(
        { roundId: candidate.id },
        "Quiz round was being posted when the bot stopped; it may or may not be in the channel, and is not posted again today",
      );
    }
  }

  async function closeDueRounds(
    guildId: string,
    rounds: Round[],
    settings: QuizSettings | null,
    now: Date,
    publisher: QuizPublisher,
  ): Promise<void> {
    const closed: string[] = [];
    for (const round of rounds) {
      if ((round.status !== "open" && round.status !== "posting") || now < closeAt(round, settings)) continue;
      const outcome = await store.rounds.close(round.id, now.toISOString());
      if (outcome === "failed") {
        // Never shown to anyone: it counts for nothing and its item went back into the cycle.
        round.status = "failed";
        logger.error(
          { roundId: round.id, lastError: round.post.lastError },
          "Quiz round was never posted before its close time",
        );
      } else if (outcome === "closed") {
        round.status = "closed";
        closed.push(round.id);
        await deckMissed(round, now);
      }
    }
    if (closed.length > 0) {
      logger.info({ guildId, rounds: closed }, "Quiz rounds closed");
      const cutoff = new Date(now.getTime() - ROUND_RETENTION_DAYS * DAY_MS).toISOString().slice(0, 10);
      await store.rounds.prune(guildId, cutoff);
    }
    for (const round of rounds) {
      if (round.status === "closed" && !round.reveal.done && round.reveal.attempts < MAX_REVEAL_ATTEMPTS) {
        await reveal(round.id, publisher);
      }
    }
  }

  /**
   * The round's item enters the practice deck of each player who did not answer it, if it was seen (as for
   * streaks). A failure is logged: the round is closed either way, and a missing card is no lost score.
   */
  async function deckMissed(round: Round, now: Date): Promise<void> {
    try {
      const seen = round.messageId !== null || (await store.answers.counts(round.id)).byChoice.some((n) => n > 0);
      if (!seen) return;
      for (const userId of await store.answers.missed(round.id)) await enterDeck(store, userId, round.item.id, now);
    } catch (error) {
      logger.error({ err: error, roundId: round.id }, "Could not add a missed daily question to practice decks");
    }
  }

  async function reveal(roundId: string, publisher: QuizPublisher): Promise<void> {
    const snapshot = await store.rounds.get(roundId);
    if (!snapshot) return;
    let done = false;
    try {
      await publisher.close(snapshot, tallyOf(await store.answers.counts(roundId)));
      done = true;
    } catch (error) {
      logger.warn({ err: error, roundId, attempt: snapshot.reveal.attempts + 1 }, "Could not reveal the quiz answer");
    }
    await store.rounds.update(roundId, (round) => ({
      ...round,
      reveal: { attempts: round.reveal.attempts + 1, done },
    }));
  }

  async function postIfDue(
    guildId: string,
    rounds: Round[],
    settings: QuizSettings | null,
    now: Date,
    publisher: QuizPublisher,
  ): Promise<void> {
    if (!settings || settings.paused) return;
    const retryable = (r: Round) =>
      r.status === "posting" &&
      !r.post.inFlight &&
      r.post.nextAttemptAt !== null &&
      Date.parse(r.post.nextAttemptAt) <= now.getTime();
    const waiting = rounds.find(retryable);
    if (waiting) {
      // Claimed in the store, so two processes can never both retry it; follows a channel change made since.
      const claimed = await store.rounds.update(waiting.id, (round) =>
        retryable(round) ? startAttempt({ ...round, channelId: settings.channelId }) : null,
      );
      if (claimed) await attemptPost(claimed, publisher);
      return;
    }
    if (!isDue(settings, now, await store.rounds.latestDate(guildId))) return;
    const date = localDate(now, settings.timezone);
    const retired = await store.retiredItems.all();
    const { item, used } = pickItem(await store.rounds.usedItems(guildId), date, retired);
    const round = startAttempt({
      id: `${guildId}:${date}`,
      guildId,
      channelId: settings.channelId,
      localDate: date,
      item: structuredClone(item),
      status: "posting",
      messageId: null,
      createdAt: now.toISOString(),
      postedAt: null,
      closedAt: null,
      post: { attempts: 0, inFlight: false, lastError: null, nextAttemptAt: null, claimedBy: null },
      reveal: { done: false, attempts: 0 },
    });
    // The store refuses a second round for the same guild and day, whoever asks: only its creator posts.
    if (await store.rounds.create(round, used)) await attemptPost(round, publisher);
  }

  /** A round with an attempt started by this service; stored before the publisher is called, which is what a crash leaves. */
  function startAttempt(round: Round): Round {
    return {
      ...round,
      post: {
        ...round.post,
        attempts: round.post.attempts + 1,
        inFlight: true,
        nextAttemptAt: null,
        claimedBy: instanceId,
      },
    };
  }

  async function attemptPost(round: Round, publisher: QuizPublisher): Promise<void> {
    let messageId: string;
    try {
      ({ messageId } = await publisher.post(round.guildId, round.channelId, round.item, round));
    } catch (error) {
      const wait = Math.min(60_000 * 2 ** (round.post.attempts - 1), MAX_POST_BACKOFF_MS);
      const retryAt = new Date(clock().getTime() + wait);
      await store.rounds.update(round.id, (stored) => ({
        ...stored,
        post: {
          ...stored.post,
          inFlight: false,
          lastError: error instanceof Error ? error.message : String(error),
          nextAttemptAt: retryAt.toISOString(),
        },
      }));
      logger.warn(
        { err: error, roundId: round.id, attempt: round.post.attempts, retryAt },
        "Could not post the quiz question; will retry",
      );
      return;
    }
    // Outside the try: once the message is out, a failure to record it must not look like a failed post,
    // or the retry would post it twice.
    await store.rounds.update(round.id, (stored) => ({
      ...stored,
      status: "open",
      messageId,
      postedAt: clock().toISOString(),
      post: { ...stored.post, inFlight: false, lastError: null },
    }));
    logger.info({ roundId: round.id, itemId: round.item.id, messageId }, "Quiz question posted");
  }

  /**
   * The next item of the guild's cycle and the cycle with it: an item of the day's pool not yet posted in this
   * cycle, chosen with `random`, retired items left out. Hand-written items are the pool on five days of seven, generated table items on
   * the other two ({@link isTableDay}); a pool with nothing in it yields to the other. When every item of the
   * pool has been posted its cycle starts over, avoiding the pool's item posted last.
   */
  function pickItem(
    usedBefore: string[],
    date: string,
    retired: ReadonlyMap<string, unknown>,
  ): { item: QuizItem; used: string[] } {
    // Retired items leave the rotation, unless an admin retired every one (a question beats none).
    const active = bank.items.filter((i) => !retired.has(i.id));
    const items = active.length > 0 ? active : bank.items;
    const inBank = new Set(items.map((i) => i.id));
    let used = usedBefore.filter((id) => inBank.has(id));
    const wanted = isTableDay(date);
    const preferred = items.filter((i) => isGeneratedItem(i) === wanted);
    const pool = preferred.length > 0 ? preferred : items;
    const inPool = new Set(pool.map((i) => i.id));
    let fresh = pool.filter((i) => !used.includes(i.id));
    if (fresh.length === 0) {
      const last = used.findLast((id) => inPool.has(id));
      used = used.filter((id) => !inPool.has(id));
      fresh = pool.length > 1 ? pool.filter((i) => i.id !== last) : pool;
    }
    const item = fresh[Math.min(Math.floor(random() * fresh.length), fresh.length - 1)]!;
    return { item, used: [...used, item.id] };
  }

  function view(userId: string, stats: PlayerStats | null): PlayerView {
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

    async answer({ roundId, userId, choice, now = clock() }) {
      if (!Number.isInteger(choice) || choice < 0 || choice > 3) {
        throw new UserError("That is not one of the four options.");
      }
      const round = await store.rounds.get(roundId);
      const settings = round ? (await store.settings.get(round.guildId)).quiz : null;
      const submission = await store.answers.submit(roundId, userId, {
        answerFor(current) {
          // A round still `posting` may already be visible (the publisher has sent it, its reply is not
          // stored yet), so it takes answers; only closed and never-posted rounds refuse them.
          if (current.status === "closed" || current.status === "failed" || now >= closeAt(current, settings)) {
            return null;
          }
          return { choice: choice as 0 | 1 | 2 | 3, correct: choice === current.item.answer, at: now.toISOString() };
        },
        // Incremental, because a guild has at most one open round: a round closes at the latest at the next
        // post, in the same tick and before it. So any round missed since the last right answer has already
        // reset the streak (see RoundsPort.close), and a right answer simply extends it.
        score(player, answer) {
          const currentStreak = answer.correct ? player.currentStreak + 1 : 0;
          // Per topic too, for /quiz stats' accuracy by topic (a fresh object: the player's is not changed).
          const topic = round?.item.topic;
          const before =
            topic && Object.hasOwn(player.topics, topic) ? player.topics[topic]! : { answered: 0, correct: 0 };
          const topics = topic
            ? {
                ...player.topics,
                [topic]: { answered: before.answered + 1, correct: before.correct + (answer.correct ? 1 : 0) },
              }
            : player.topics;
          return {
            answered: player.answered + 1,
            correct: player.correct + (answer.correct ? 1 : 0),
            currentStreak,
            bestStreak: Math.max(player.bestStreak, currentStreak),
            topics,
          };
        },
      });
      switch (submission.kind) {
        case "unknown-round":
          return { status: "unknown-round", item: null, choice };
        case "refused":
          return { status: "closed", item: submission.round.item, choice };
        case "duplicate":
          return {
            status: "already-answered",
            item: submission.round.item,
            choice: submission.earlier.choice,
            correct: submission.earlier.correct,
            yourStreak: submission.player.currentStreak,
          };
        case "recorded":
          // A wrong daily answer is practised again: the item enters the member's deck, due now.
          if (!submission.answer.correct) await enterDeck(store, userId, submission.round.item.id, now);
          return {
            status: "recorded",
            item: submission.round.item,
            choice,
            correct: submission.answer.correct,
            yourStreak: submission.player.currentStreak,
          };
      }
    },

    async tally(roundId) {
      return (await store.rounds.get(roundId)) ? tallyOf(await store.answers.counts(roundId)) : null;
    },

    round: (roundId) => store.rounds.get(roundId),

    async stats(guildId, userId) {
      return view(userId, await store.players.get(guildId, userId));
    },

    async leaderboard(guildId, limit = 10, period = "all") {
      const quiz = (await store.settings.get(guildId)).quiz;
      const today = localDate(clock(), quiz?.timezone ?? "UTC");
      const since = periodStart(period, today, quiz?.weekStart ?? "monday");
      const top = await store.players.top(guildId, limit, since ?? undefined);
      return { period, since, entries: top.map(({ userId, stats }, i) => ({ ...view(userId, stats), rank: i + 1 })) };
    },
    async topicScores(guildId, userId) {
      const topics = (await store.players.get(guildId, userId))?.topics ?? {};
      return Object.entries(topics).map(([topic, score]) => ({ topic, ...score }));
    },

    async settings(guildId) {
      return (await store.settings.get(guildId)).quiz;
    },

    async configure(guildId, input) {
      const settings = validateConfig(input);
      const guild = await store.settings.update(guildId, (current) => ({
        ...current,
        quiz: {
          ...settings,
          paused: current.quiz?.paused ?? false,
          weekStart: input.weekStart ?? current.quiz?.weekStart ?? "monday",
          notifyRoleId: current.quiz?.notifyRoleId ?? null,
          discussionThread: current.quiz?.discussionThread ?? false,
        },
      }));
      return guild.quiz!;
    },

    async pause(guildId, paused) {
      return changeQuiz(guildId, (quiz) => ({ ...quiz, paused }));
    },

    async setNotifyRole(guildId, roleId) {
      return changeQuiz(guildId, (quiz) => ({ ...quiz, notifyRoleId: roleId }));
    },

    async setDiscussion(guildId, on) {
      return changeQuiz(guildId, (quiz) => ({ ...quiz, discussionThread: on }));
    },
  };
}

/** Checks and normalizes `/config quiz` input; every message is meant for the admin who typed it. */
function validateConfig(
  input: QuizConfigInput,
): Omit<QuizSettings, "paused" | "weekStart" | "notifyRoleId" | "discussionThread"> {
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

/** A tally from the store's counts. */
function tallyOf({ byChoice, correct }: AnswerCounts): Tally {
  return { counts: byChoice, total: byChoice[0] + byChoice[1] + byChoice[2] + byChoice[3], correct };
}
