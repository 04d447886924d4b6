/** The daily quiz service with a fake clock: posting once, answers, closing, scores and streaks, recovery after failures. */
import { describe, expect, it } from "vitest";
import { UserError } from "../../src/errors.ts";
import type { QuizPublisher } from "../../src/quiz/quiz-service.ts";
import { capturingLogger } from "../store/helpers.ts";
import { type QuizFixture, quizFixture } from "./helpers.ts";

const MINUTE = 60_000;
const BERLIN = { channelId: "c1", time: "08:30", timezone: "Europe/Berlin" };

/** A fixture with guild g1's quiz at 08:30 Berlin. */
async function berlinQuiz(start: string, extra: Partial<typeof BERLIN & { closeHour: number }> = {}) {
  const f = await quizFixture({ start });
  await f.service.configure("g1", { ...BERLIN, ...extra });
  return f;
}

/** Ticks every `stepMinutes` from the clock's time until `untilIso`. */
async function tickUntil(f: QuizFixture, untilIso: string, stepMinutes = 5): Promise<void> {
  const until = Date.parse(untilIso);
  while (f.clock.current.getTime() < until) {
    await f.service.tick(f.publisher);
    f.clock.advance(stepMinutes * MINUTE);
  }
  f.clock.set(untilIso);
  await f.service.tick(f.publisher);
}

describe("daily posting", () => {
  it("posts at the local post time, once a day, across a daylight-saving change", async () => {
    const f = await berlinQuiz("2026-03-27T00:00:00Z");
    await tickUntil(f, "2026-03-30T12:00:00Z");
    expect(f.publisher.posts.map((p) => p.at.toISOString())).toEqual([
      "2026-03-27T07:30:00.000Z",
      "2026-03-28T07:30:00.000Z",
      "2026-03-29T06:30:00.000Z", // summer time: still 08:30 in Berlin
      "2026-03-30T06:30:00.000Z",
    ]);
    expect(f.publisher.posts.map((p) => p.round.id)).toEqual([
      "g1:2026-03-27",
      "g1:2026-03-28",
      "g1:2026-03-29",
      "g1:2026-03-30",
    ]);
    expect(f.publisher.posts.every((p) => p.guildId === "g1" && p.channelId === "c1")).toBe(true);
  });

  it("keeps each guild on its own zone", async () => {
    const f = await quizFixture({ start: "2026-01-13T12:00:00Z" });
    await f.service.configure("nz", { channelId: "c-nz", time: "08:30", timezone: "Pacific/Auckland" });
    await f.service.configure("ny", { channelId: "c-ny", time: "08:30", timezone: "America/New_York" });
    await f.service.configure("in", { channelId: "c-in", time: "08:30", timezone: "Asia/Kolkata" });
    await tickUntil(f, "2026-01-15T00:00:00Z");
    expect(f.publisher.posts.map((p) => [p.guildId, p.round.localDate, p.at.toISOString()])).toEqual([
      // Set up at 17:30 in Kolkata, after that day's post time: today's question goes out at once.
      ["in", "2026-01-13", "2026-01-13T12:00:00.000Z"],
      ["ny", "2026-01-13", "2026-01-13T13:30:00.000Z"],
      ["nz", "2026-01-14", "2026-01-13T19:30:00.000Z"],
      ["in", "2026-01-14", "2026-01-14T03:00:00.000Z"],
      ["ny", "2026-01-14", "2026-01-14T13:30:00.000Z"],
      ["nz", "2026-01-15", "2026-01-14T19:30:00.000Z"],
    ]);
  });

  it("posts a question missed while the bot was down once, when it comes back the same day", async () => {
    const f = await berlinQuiz("2026-06-10T12:00:00Z"); // 14:00 in Berlin, post time long past
    await f.service.tick(f.publisher);
    f.clock.advance(MINUTE);
    await f.service.tick(f.publisher);
    expect(f.publisher.posts).toHaveLength(1);
    expect(f.publisher.posts[0]!.round.localDate).toBe("2026-06-10");
  });

  it("does not post a second question the same day after a restart", async () => {
    const first = await berlinQuiz("2026-06-10T06:30:00Z");
    await first.service.tick(first.publisher);
    await first.store.close();
    const second = await quizFixture({ start: "2026-06-10T15:00:00Z", file: first.file });
    await second.service.tick(second.publisher);
    expect(first.publisher.posts).toHaveLength(1);
    expect(second.publisher.posts).toHaveLength(0);
  });

  it("shares one tick between concurrent callers, so a question is never posted twice", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await Promise.all([f.service.tick(f.publisher), f.service.tick(f.publisher), f.service.tick(f.publisher)]);
    expect(f.publisher.posts).toHaveLength(1);
  });

  it("closes the open round before posting the next, even after the post time moves earlier", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await f.service.tick(f.publisher);
    await f.service.configure("g1", { ...BERLIN, time: "06:00" });
    await tickUntil(f, "2026-06-11T04:00:00Z"); // 06:00 in Berlin
    expect(f.publisher.closes.map((c) => [c.round.id, c.round.closedAt])).toEqual([
      ["g1:2026-06-10", "2026-06-11T04:00:00.000Z"],
    ]);
    expect(f.publisher.posts.map((p) => p.at.toISOString())).toEqual([
      "2026-06-10T06:30:00.000Z",
      "2026-06-11T04:00:00.000Z",
    ]);
    const open = (await f.store.rounds.unfinished()).filter((r) => r.status === "open");
    expect(open.map((r) => r.id)).toEqual(["g1:2026-06-11"]);
  });

  it("posts nothing for a paused guild, but still closes its open round", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await f.service.tick(f.publisher);
    await f.service.pause("g1", true);
    await tickUntil(f, "2026-06-12T12:00:00Z", 30);
    expect(f.publisher.posts).toHaveLength(1);
    expect(f.publisher.closes.map((c) => c.round.id)).toEqual(["g1:2026-06-10"]);
    await f.service.pause("g1", false);
    await f.service.tick(f.publisher);
    expect(f.publisher.posts.map((p) => p.round.localDate)).toEqual(["2026-06-10", "2026-06-12"]);
  });
});

describe("failed and interrupted posts", () => {
  it("retries a failed post on a later tick and posts it once", async () => {
    const { logger, lines } = capturingLogger();
    const f = await quizFixture({ start: "2026-06-10T06:30:00Z", logger });
    await f.service.configure("g1", BERLIN);
    f.publisher.failPosts = 2;
    await f.service.tick(f.publisher); // fails, retry in 1 min
    await f.service.tick(f.publisher); // too early: no attempt
    f.clock.advance(MINUTE);
    await f.service.tick(f.publisher); // fails, retry in 2 min
    f.clock.advance(2 * MINUTE);
    await f.service.tick(f.publisher); // succeeds
    await f.service.tick(f.publisher);
    expect(f.publisher.posts).toHaveLength(1);
    const round = (await f.service.round("g1:2026-06-10"))!;
    expect(round).toMatchObject({ status: "open", messageId: "message-1", post: { attempts: 3, inFlight: false } });
    expect(lines.filter((l) => l.msg === "Could not post the quiz question; will retry")).toHaveLength(2);
  });

  it("posts a retry to the channel configured since the first attempt", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    f.publisher.failPosts = 1;
    await f.service.tick(f.publisher);
    await f.service.configure("g1", { ...BERLIN, channelId: "c2" });
    f.clock.advance(MINUTE);
    await f.service.tick(f.publisher);
    expect(f.publisher.posts.map((p) => [p.channelId, p.round.channelId])).toEqual([["c2", "c2"]]);
  });

  it("gives a round up if it could not be posted before its close, backing off meanwhile, and frees its item", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    f.publisher.failPosts = 1000;
    await tickUntil(f, "2026-06-11T06:20:00Z", 10);
    await f.service.pause("g1", true); // so the close tick posts nothing new
    const lost = (await f.service.round("g1:2026-06-10"))!;
    expect(lost.status).toBe("posting");
    // With a pause that doubles up to an hour, far fewer than the 144 ten-minute ticks of the day.
    expect(lost.post.attempts).toBeLessThan(35);
    expect(await f.store.rounds.usedItems("g1")).toContain(lost.item.id);

    await tickUntil(f, "2026-06-11T06:30:00Z");
    expect((await f.service.round("g1:2026-06-10"))!.status).toBe("failed");
    expect(await f.store.rounds.usedItems("g1")).not.toContain(lost.item.id);
    expect(f.publisher.closes).toHaveLength(0); // nothing to reveal

    f.publisher.failPosts = 0;
    await f.service.pause("g1", false);
    await f.service.tick(f.publisher);
    expect(f.publisher.posts.map((p) => p.round.localDate)).toEqual(["2026-06-11"]);
  });

  it("does not repost after a crash while posting, and the round still takes answers and closes", async () => {
    const first = await berlinQuiz("2026-06-10T06:30:00Z");
    // The publisher never answers: the process "dies" with the post in flight.
    const hanging: QuizPublisher = { post: () => new Promise(() => {}), close: async () => {} };
    void first.service.tick(hanging);
    await new Promise((resolve) => setImmediate(resolve));
    await first.store.flush();

    const { logger, lines } = capturingLogger();
    const second = await quizFixture({ start: "2026-06-10T06:31:00Z", file: first.file, logger });
    await second.service.tick(second.publisher);
    expect(second.publisher.posts).toHaveLength(0);
    expect(await second.service.round("g1:2026-06-10")).toMatchObject({ status: "open", messageId: null });
    expect(lines.filter((l) => l.level === 40 && l.roundId === "g1:2026-06-10")).toHaveLength(1);

    const result = await second.service.answer({ roundId: "g1:2026-06-10", userId: "u1", choice: 0 });
    expect(result.status).toBe("recorded");
    second.clock.set("2026-06-11T06:30:00Z");
    await second.service.tick(second.publisher);
    expect(second.publisher.closes.map((c) => [c.round.id, c.round.messageId, c.tally.total])).toEqual([
      ["g1:2026-06-10", null, 1],
    ]);
  });
});

describe("answers", () => {
  async function openRound() {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await f.service.tick(f.publisher);
    const { round, item } = f.publisher.posts[0]!;
    return { f, roundId: round.id, item };
  }

  it("counts each of 50 simultaneous answers from 50 users once", async () => {
    const { f, roundId, item } = await openRound();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => f.service.answer({ roundId, userId: `user${i}`, choice: i % 4 })),
    );
    expect(results.every((r) => r.status === "recorded")).toBe(true);
    const tally = (await f.service.tally(roundId))!;
    expect(tally.counts).toEqual([13, 13, 12, 12]);
    expect(tally.total).toBe(50);
    expect(tally.correct).toBe(tally.counts[item.answer]);
    expect(await f.service.stats("g1", "user7")).toMatchObject({ answered: 1 });
    // And on disk: every answer was written before its click resolved.
    const reopened = await quizFixture({ start: "2026-06-10T06:35:00Z", file: f.file });
    expect(await reopened.service.tally(roundId)).toEqual(tally);
    expect(await reopened.store.players.top("g1", 100)).toHaveLength(50);
  });

  it("counts 5 simultaneous clicks from one user once, keeping the first", async () => {
    const { f, roundId } = await openRound();
    const results = await Promise.all(
      [2, 0, 1, 3, 0].map((choice) => f.service.answer({ roundId, userId: "u1", choice })),
    );
    expect(results.map((r) => r.status)).toEqual([
      "recorded",
      "already-answered",
      "already-answered",
      "already-answered",
      "already-answered",
    ]);
    expect(results.every((r) => r.choice === 2)).toBe(true);
    expect((await f.service.tally(roundId))!.total).toBe(1);
    expect((await f.service.stats("g1", "u1")).answered).toBe(1);
  });

  it("tells right from wrong and returns the item for the explanation", async () => {
    const { f, roundId, item } = await openRound();
    const right = await f.service.answer({ roundId, userId: "u1", choice: item.answer });
    const wrong = await f.service.answer({ roundId, userId: "u2", choice: (item.answer + 1) % 4 });
    expect(right).toMatchObject({
      status: "recorded",
      correct: true,
      yourStreak: 1,
      item: { id: item.id, explanation: item.explanation },
    });
    expect(wrong).toMatchObject({ status: "recorded", correct: false, yourStreak: 0 });
  });

  it("refuses answers once the close time has passed, even before the tick closes the round", async () => {
    const { f, roundId } = await openRound();
    const late = await f.service.answer({ roundId, userId: "u1", choice: 0, now: new Date("2026-06-11T06:30:00Z") });
    expect(late.status).toBe("closed");
    expect((await f.service.tally(roundId))!.total).toBe(0);
  });

  it("knows no unknown round and refuses a choice that is not an option", async () => {
    const { f, roundId } = await openRound();
    expect(await f.service.answer({ roundId: "g1:1999-01-01", userId: "u1", choice: 0 })).toEqual({
      status: "unknown-round",
      item: null,
      choice: 0,
    });
    await expect(f.service.answer({ roundId, userId: "u1", choice: 4 })).rejects.toBeInstanceOf(UserError);
    expect(await f.service.tally("nope")).toBeNull();
  });

  it("keeps every answer through a restart between post and close, and closes with them", async () => {
    const { f, roundId, item } = await openRound();
    await Promise.all(
      ["a", "b", "c"].map((userId, i) =>
        f.service.answer({ roundId, userId, choice: i === 2 ? (item.answer + 1) % 4 : item.answer }),
      ),
    );
    await f.store.close();

    const g = await quizFixture({ start: "2026-06-10T18:00:00Z", file: f.file });
    expect((await g.service.answer({ roundId, userId: "a", choice: 0 })).status).toBe("already-answered");
    await g.service.answer({ roundId, userId: "d", choice: item.answer });
    g.clock.set("2026-06-11T06:30:00Z");
    await g.service.tick(g.publisher);

    expect(g.publisher.closes).toHaveLength(1);
    const { round, tally } = g.publisher.closes[0]!;
    expect(round).toMatchObject({
      id: roundId,
      status: "closed",
      messageId: "message-1",
      closedAt: "2026-06-11T06:30:00.000Z",
    });
    expect(tally.total).toBe(4);
    expect(tally.correct).toBe(3);
    expect(g.publisher.posts.map((p) => p.round.localDate)).toEqual(["2026-06-11"]); // the next day's, not a repeat
    expect((await g.service.answer({ roundId, userId: "e", choice: 0 })).status).toBe("closed");
  });

  it("closes at closeHour when one is set", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z", { closeHour: 20 });
    await f.service.tick(f.publisher);
    await tickUntil(f, "2026-06-10T17:55:00Z");
    expect(f.publisher.closes).toHaveLength(0);
    await tickUntil(f, "2026-06-10T18:00:00Z");
    expect(f.publisher.closes.map((c) => c.round.closedAt)).toEqual(["2026-06-10T18:00:00.000Z"]);
  });

  it("retries a failed reveal a few times, then gives up", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await f.service.tick(f.publisher);
    f.publisher.failCloses = 10;
    await tickUntil(f, "2026-06-11T07:00:00Z");
    expect(f.publisher.failCloses).toBe(7);
    expect((await f.service.round("g1:2026-06-10"))!.reveal).toEqual({ done: false, attempts: 3 });
  });
});

describe("item choice", () => {
  it("does not repeat an item in a guild until the bank is used up, then starts a new cycle", async () => {
    const f = await berlinQuiz("2026-06-01T00:00:00Z");
    await tickUntil(f, "2026-06-15T12:00:00Z", 60);
    const ids = f.publisher.posts.map((p) => p.item.id);
    const all = f.bank.items.map((i) => i.id).sort();
    expect(ids).toHaveLength(15);
    for (const cycle of [ids.slice(0, 5), ids.slice(5, 10), ids.slice(10, 15)]) expect([...cycle].sort()).toEqual(all);
    expect(ids[5]).not.toBe(ids[4]);
    expect(ids[10]).not.toBe(ids[9]);
  });

  it("is reproducible with the same random source and differs with another", async () => {
    const run = async (seed: number) => {
      const f = await quizFixture({ start: "2026-06-01T00:00:00Z", seed });
      await f.service.configure("g1", BERLIN);
      await tickUntil(f, "2026-06-05T12:00:00Z", 60);
      return f.publisher.posts.map((p) => p.item.id);
    };
    expect(await run(7)).toEqual(await run(7));
    const others = await Promise.all([1, 2, 3, 4].map(run));
    expect(new Set(others.map((ids) => ids.join())).size).toBeGreaterThan(1);
  });
});

describe("scores and streaks", () => {
  /** Posts the day's round at 08:30 Berlin on `date` (closing the previous one) and returns its id and answer. */
  async function day(f: QuizFixture, date: string) {
    f.clock.set(`${date}T06:30:00Z`);
    await f.service.tick(f.publisher);
    const round = (await f.service.round(`g1:${date}`))!;
    return { roundId: round.id, right: round.item.answer, wrong: ((round.item.answer + 1) % 4) as number };
  }

  it("counts consecutive daily rounds answered right; a wrong answer or a missed round resets it", async () => {
    const f = await berlinQuiz("2026-06-01T00:00:00Z");
    const play = async (date: string, answer: "right" | "wrong" | "skip") => {
      const d = await day(f, date);
      if (answer === "skip") return null;
      return f.service.answer({ roundId: d.roundId, userId: "u1", choice: answer === "right" ? d.right : d.wrong });
    };
    const streaks: Array<number | null> = [];
    for (const [date, answer] of [
      ["2026-06-01", "right"],
      ["2026-06-02", "right"],
      ["2026-06-03", "right"],
      ["2026-06-04", "wrong"],
      ["2026-06-05", "right"],
      ["2026-06-06", "skip"],
      ["2026-06-07", "right"],
      ["2026-06-08", "right"],
    ] as const) {
      const result = await play(date, answer);
      streaks.push(result && "yourStreak" in result ? result.yourStreak : null);
    }
    expect(streaks).toEqual([1, 2, 3, 0, 1, null, 1, 2]);
    expect(await f.service.stats("g1", "u1")).toEqual({
      userId: "u1",
      answered: 7,
      correct: 6,
      accuracy: 6 / 7,
      currentStreak: 2,
      bestStreak: 3,
    });
  });

  it("resets the streak shown in stats when a round closes without the user's answer", async () => {
    const f = await berlinQuiz("2026-06-01T00:00:00Z");
    const d1 = await day(f, "2026-06-01");
    await f.service.answer({ roundId: d1.roundId, userId: "u1", choice: d1.right });
    await day(f, "2026-06-02");
    expect((await f.service.stats("g1", "u1")).currentStreak).toBe(1); // day 2 still open: the streak is alive
    await day(f, "2026-06-03"); // closes day 2 unanswered
    expect(await f.service.stats("g1", "u1")).toMatchObject({ currentStreak: 0, bestStreak: 1 });
  });

  it("does not break a streak over a round recovered after a crash mid-post that nobody answered", async () => {
    const first = await berlinQuiz("2026-06-01T00:00:00Z");
    const d1 = await day(first, "2026-06-01");
    await first.service.answer({ roundId: d1.roundId, userId: "u1", choice: d1.right });
    // Day 2: the process "dies" with the post in flight, so nobody may ever have seen the question.
    first.clock.set("2026-06-02T06:30:00Z");
    let posting!: () => void;
    const postStarted = new Promise<void>((resolve) => (posting = resolve));
    void first.service.tick({ post: () => (posting(), new Promise(() => {})), close: async () => {} });
    await postStarted;
    await first.store.flush();

    const second = await quizFixture({ start: "2026-06-02T06:31:00Z", file: first.file });
    await second.service.tick(second.publisher);
    expect(await second.service.round("g1:2026-06-02")).toMatchObject({ status: "open", messageId: null });
    const d3 = await day(second, "2026-06-03"); // closes day 2, unanswered
    expect((await second.service.round("g1:2026-06-02"))!.status).toBe("closed");
    expect((await second.service.stats("g1", "u1")).currentStreak).toBe(1);
    const result = await second.service.answer({ roundId: d3.roundId, userId: "u1", choice: d3.right });
    expect(result).toMatchObject({ status: "recorded", yourStreak: 2 });
  });

  it("does not break a streak over days without a round (paused quiz)", async () => {
    const f = await berlinQuiz("2026-06-01T00:00:00Z");
    const d1 = await day(f, "2026-06-01");
    await f.service.answer({ roundId: d1.roundId, userId: "u1", choice: d1.right });
    await f.service.pause("g1", true);
    f.clock.set("2026-06-03T12:00:00Z");
    await f.service.tick(f.publisher);
    await f.service.pause("g1", false);
    const d4 = await day(f, "2026-06-04");
    const result = await f.service.answer({ roundId: d4.roundId, userId: "u1", choice: d4.right });
    expect(result).toMatchObject({ status: "recorded", yourStreak: 2 });
  });

  it("ranks the leaderboard by right answers, then accuracy, then best streak", async () => {
    const f = await berlinQuiz("2026-06-01T00:00:00Z");
    const plan: Record<string, Array<"right" | "wrong" | "skip">> = {
      alice: ["right", "right", "right"],
      bob: ["right", "wrong", "right"],
      carol: ["skip", "right", "right"],
      dave: ["wrong", "skip", "skip"],
    };
    for (const [i, date] of ["2026-06-01", "2026-06-02", "2026-06-03"].entries()) {
      const d = await day(f, date);
      for (const [userId, answers] of Object.entries(plan)) {
        const a = answers[i]!;
        if (a !== "skip")
          await f.service.answer({ roundId: d.roundId, userId, choice: a === "right" ? d.right : d.wrong });
      }
    }
    const board = (await f.service.leaderboard("g1", 3)).entries;
    expect(board.map((e) => [e.rank, e.userId, e.correct, e.answered])).toEqual([
      [1, "alice", 3, 3],
      [2, "carol", 2, 2],
      [3, "bob", 2, 3],
    ]);
    expect((await f.service.leaderboard("g1")).entries.map((e) => e.userId)).toEqual(["alice", "carol", "bob", "dave"]);
    expect(await f.service.stats("g1", "nobody")).toEqual({
      userId: "nobody",
      answered: 0,
      correct: 0,
      accuracy: 0,
      currentStreak: 0,
      bestStreak: 0,
    });
  });
});

describe("configuration", () => {
  it("normalizes time and zone and keeps the paused flag", async () => {
    const f = await quizFixture({ start: "2026-06-01T00:00:00Z" });
    expect(await f.service.configure("g1", { channelId: "c1", time: "8:05", timezone: "europe/berlin" })).toEqual({
      channelId: "c1",
      time: "08:05",
      timezone: "Europe/Berlin",
      closeHour: null,
      paused: false,
      weekStart: "monday",
      notifyRoleId: null,
      discussionThread: false,
    });
    await f.service.pause("g1", true);
    const again = await f.service.configure("g1", { channelId: "c2", time: "09:00", timezone: "UTC", closeHour: 18 });
    expect(again).toMatchObject({ channelId: "c2", paused: true, closeHour: 18 });
    expect(await f.service.settings("g1")).toEqual(again);
  });

  it.each([
    [{ time: "25:00" }, /not a time of day/],
    [{ time: "8.30" }, /not a time of day/],
    [{ time: "08:60" }, /not a time of day/],
    [{ timezone: "Mars/Olympus_Mons" }, /not a time zone I know/],
    [{ timezone: "+05:30" }, /not a time zone I know/],
    [{ closeHour: 24 }, /closing hour/],
    [{ channelId: " " }, /channel/],
  ])("refuses %o with a plain message", async (patch, message) => {
    const f = await quizFixture({ start: "2026-06-01T00:00:00Z" });
    const attempt = f.service.configure("g1", { ...BERLIN, ...patch });
    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow(message);
    expect(await f.service.settings("g1")).toBeNull();
  });

  it("cannot pause a quiz that was never set up", async () => {
    const f = await quizFixture({ start: "2026-06-01T00:00:00Z" });
    await expect(f.service.pause("g1", true)).rejects.toThrow(/not set up/);
  });
});

describe("daily questions into the practice deck", () => {
  it("puts a daily question answered wrong, or missed by a player, into their deck, due at once", async () => {
    const f = await berlinQuiz("2026-06-10T06:30:00Z");
    await f.service.tick(f.publisher);
    const day1 = f.publisher.posts[0]!;
    const wrong = (day1.item.answer + 1) % 4;
    await f.service.answer({ roundId: day1.round.id, userId: "wrong", choice: wrong });
    await f.service.answer({ roundId: day1.round.id, userId: "right", choice: day1.item.answer });
    expect([...(await f.store.practice.cards("wrong")).keys()]).toEqual([day1.item.id]);
    expect((await f.store.practice.cards("wrong")).get(day1.item.id)!.due).toBe(f.clock.now().toISOString());
    expect((await f.store.practice.cards("right")).size).toBe(0);

    await tickUntil(f, "2026-06-11T06:30:00Z"); // day 1 closes as day 2 is posted
    const day2 = f.publisher.posts[1]!;
    await f.service.answer({ roundId: day2.round.id, userId: "right", choice: day2.item.answer });
    await tickUntil(f, "2026-06-12T06:30:00Z");
    // "wrong" played before and did not answer day 2: it enters their deck; "right" answered both rightly.
    expect([...(await f.store.practice.cards("wrong")).keys()].sort()).toEqual([day1.item.id, day2.item.id].sort());
    expect((await f.store.practice.cards("right")).size).toBe(0);
    expect(await f.store.answers.missed(day2.round.id)).toEqual(["wrong"]);
  });
});

describe("leaderboards by period", () => {
  /** Two guilds on either side of the date line, alice answering every round right, bob only Monday's. */
  async function twoZones() {
    const f = await quizFixture({ start: "2026-03-05T00:00:00Z" });
    await f.service.configure("nz", { channelId: "c-nz", time: "08:00", timezone: "Pacific/Auckland" });
    await f.service.configure("la", { channelId: "c-la", time: "08:00", timezone: "America/Los_Angeles" });
    const answered = new Set<string>();
    const until = Date.parse("2026-03-08T20:00:00Z");
    while (f.clock.current.getTime() <= until) {
      await f.service.tick(f.publisher);
      for (const { round, item } of f.publisher.posts.filter((p) => !answered.has(p.round.id))) {
        answered.add(round.id);
        await f.service.answer({ roundId: round.id, userId: "alice", choice: item.answer });
        if (round.localDate === "2026-03-09") {
          await f.service.answer({ roundId: round.id, userId: "bob", choice: item.answer });
        }
      }
      f.clock.advance(30 * MINUTE);
    }
    return f;
  }
  const rows = (board: { entries: Array<{ userId: string; correct: number; answered: number }> }) =>
    board.entries.map((e) => [e.userId, e.correct, e.answered]);

  it("starts the week at the guild's own midnight: already Monday in Auckland, still Sunday in Los Angeles", async () => {
    const f = await twoZones();
    // 2026-03-08T20:00Z is Monday 09:00 in Auckland and Sunday 13:00 in Los Angeles.
    const nz = await f.service.leaderboard("nz", 10, "week");
    expect(nz.since).toBe("2026-03-09");
    // A tie on right answers and accuracy: the longer best streak first, as on the all-time board.
    expect(rows(nz)).toEqual([
      ["alice", 1, 1],
      ["bob", 1, 1],
    ]);
    const la = await f.service.leaderboard("la", 10, "week");
    expect(la.since).toBe("2026-03-02");
    // Set up on Wednesday afternoon there: Wednesday's to Sunday's rounds, five.
    expect(rows(la)).toEqual([["alice", 5, 5]]);
    expect(rows(await f.service.leaderboard("la", 10, "month"))).toEqual([["alice", 5, 5]]);
    expect((await f.service.leaderboard("nz", 10, "all")).since).toBeNull();
    expect(rows(await f.service.leaderboard("nz", 10, "all"))).toEqual([
      ["alice", 5, 5],
      ["bob", 1, 1],
    ]);
  });

  it("follows the day an admin picks: a Sunday week in Los Angeles holds only Sunday's round", async () => {
    const f = await twoZones();
    await f.service.configure("la", {
      channelId: "c-la",
      time: "08:00",
      timezone: "America/Los_Angeles",
      weekStart: "sunday",
    });
    const la = await f.service.leaderboard("la", 10, "week");
    expect(la.since).toBe("2026-03-08");
    expect(rows(la)).toEqual([["alice", 1, 1]]);
    // Set again without a day: the Sunday start stays.
    await f.service.configure("la", { channelId: "c-la", time: "08:00", timezone: "America/Los_Angeles" });
    expect((await f.service.settings("la"))!.weekStart).toBe("sunday");
  });
});
