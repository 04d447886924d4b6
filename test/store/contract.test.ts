/**
 * The store contract: every engine (the JSON file, PostgreSQL on PGlite, and a real PostgreSQL server when
 * TEST_DATABASE_URL is set) keeps the same promises through the same ports, including under concurrency.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadQuizBank } from "../../src/knowledge/quiz-bank.ts";
import { silentLogger } from "../../src/log.ts";
import { createQuizService, type QuizService } from "../../src/quiz/quiz-service.ts";
import type { Store } from "../../src/store/ports.ts";
import { MAX_TURN_ANSWER_CHARS, MAX_TURNS_PER_CONVERSATION } from "../../src/store/records.ts";
import type { PracticeSession, QuizReport } from "../../src/store/schema.ts";
import { FakeClock, FIXTURE_BANK, RecordingPublisher, seededRandom } from "../quiz/helpers.ts";
import { sharedPglite, stopSharedPglite } from "../support/postgres.ts";
import { closeOpenedStores, engines, TEST_LIMITS } from "./engines.ts";

const { askRecords: MAX_ASK_RECORDS, conversations: MAX_CONVERSATIONS } = TEST_LIMITS;

/** The ISO instant `n` seconds after a fixed start, so records sort by age. */
const second = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
const BERLIN = { channelId: "c1", time: "08:30", timezone: "Europe/Berlin" };

// PGlite's start-up (WebAssembly) is the slow part, seconds on a loaded machine: once, before the tests.
beforeAll(async () => {
  await sharedPglite();
}, 60_000);
afterEach(closeOpenedStores);
afterAll(stopSharedPglite);

/** A quiz service over `store` with guild g1 set up, its clock just after the first post time. */
async function quizOn(store: Store, instanceId?: string) {
  const clock = new FakeClock(new Date("2026-06-10T06:30:00Z"));
  const bank = await loadQuizBank(FIXTURE_BANK);
  const service = createQuizService({
    store,
    bank,
    logger: silentLogger(),
    clock: clock.now,
    random: seededRandom(1),
    instanceId,
  });
  return { service, clock, publisher: new RecordingPublisher(clock) };
}

/** A posted round on g1. */
async function openRound(store: Store): Promise<{ service: QuizService; roundId: string; answer: number }> {
  const quiz = await quizOn(store);
  await quiz.service.configure("g1", BERLIN);
  await quiz.service.tick(quiz.publisher);
  const { round, item } = quiz.publisher.posts[0]!;
  return { service: quiz.service, roundId: round.id, answer: item.answer };
}

describe.each(engines)("the store on $name", (engine) => {
  const open = async () => (await engine.fresh()).open();

  it("answers guild settings with defaults, keeps changes, and lists the guilds with a quiz", async () => {
    const store = await open();
    expect(await store.settings.get("g")).toEqual({ qaChannelIds: [], useModel: true, quiz: null });
    await store.settings.update("g", (s) => ({ ...s, qaChannelIds: ["c1"] }));
    expect(await store.settings.update("g", (s) => ({ ...s, useModel: false }))).toEqual({
      qaChannelIds: ["c1"],
      useModel: false,
      quiz: null,
    });
    expect((await store.settings.quizGuilds()).size).toBe(0);
    const quiz = {
      ...BERLIN,
      paused: false,
      closeHour: null,
      weekStart: "sunday" as const,
      notifyRoleId: "r1",
      discussionThread: true,
    };
    await store.settings.update("q", (s) => ({ ...s, quiz }));
    expect([...(await store.settings.quizGuilds())]).toEqual([["q", quiz]]);
  });

  it("loses none of 40 concurrent settings changes to one guild", async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        store.settings.update("g", (s) => ({ ...s, qaChannelIds: [...s.qaChannelIds, `c${i}`] })),
      ),
    );
    expect((await store.settings.get("g")).qaChannelIds).toHaveLength(40);
  });

  it("keeps one vote per user per answer; a second vote replaces the first", async () => {
    const store = await open();
    await store.votes.cast("a1", "u1", "up");
    await store.votes.cast("a1", "u2", "up");
    expect(await store.votes.cast("a1", "u1", "down")).toEqual({ up: 1, down: 1 });
    expect(await store.votes.cast("a2", "u1", "down")).toEqual({ up: 0, down: 1 });
  });

  it("keeps the newest ask records up to the cap, dropping the votes of the ones it drops", async () => {
    const store = await open();
    const record = (i: number) => ({ question: `q${i}`, userId: "u", sourceIds: [`s${i}`], createdAt: second(i) });
    await Promise.all(Array.from({ length: MAX_ASK_RECORDS }, (_, i) => store.asks.put(`a${i}`, record(i))));
    await store.votes.cast("a0", "u1", "up");
    await store.votes.cast("a1", "u1", "down");
    await store.asks.put("newest", record(MAX_ASK_RECORDS));
    expect(await store.asks.get("a0")).toBeNull();
    expect(await store.asks.get("a1")).toEqual(record(1));
    expect(await store.asks.get("newest")).toEqual(record(MAX_ASK_RECORDS));
    // The vote on a0 went with it: a new vote there is the only one.
    expect(await store.votes.cast("a0", "u2", "up")).toEqual({ up: 1, down: 0 });
    expect(await store.votes.cast("a1", "u2", "up")).toEqual({ up: 1, down: 1 });
  });

  it("keeps the last turns of a thread, oldest first, cutting long answers", async () => {
    const store = await open();
    for (let i = 0; i < MAX_TURNS_PER_CONVERSATION + 2; i++) {
      await store.turns.append("t", { question: `q${i}`, answer: `a${i}`, at: second(i) });
    }
    expect((await store.turns.recent("t")).map((t) => t.question)).toEqual(
      Array.from({ length: MAX_TURNS_PER_CONVERSATION }, (_, i) => `q${i + 2}`),
    );
    expect(await store.turns.recent("unknown")).toEqual([]);
    await store.turns.append("long", { question: "q", answer: "x".repeat(MAX_TURN_ANSWER_CHARS * 3), at: second(0) });
    const [long] = await store.turns.recent("long");
    expect(long!.answer).toHaveLength(MAX_TURN_ANSWER_CHARS);
    expect(long!.answer.endsWith("…")).toBe(true);
  });

  it("clears one thread's turns on New question, and nothing else", async () => {
    const store = await open();
    await store.turns.append("t", { question: "q", answer: "a", at: second(0) });
    await store.turns.append("other", { question: "q", answer: "a", at: second(1) });
    await store.turns.clear("t");
    await store.turns.clear("unknown");
    expect(await store.turns.recent("t")).toEqual([]);
    expect(await store.turns.recent("other")).toHaveLength(1);
  });

  it("keeps feedback notes per server, newest first", async () => {
    const store = await open();
    const note = (guildId: string | null, text: string, i: number) => ({
      answerId: `a${i}`,
      guildId,
      userId: "u",
      question: "q",
      answer: "a",
      text,
      at: second(i),
    });
    await store.notes.add(note("g1", "first", 0));
    await store.notes.add(note("g2", "elsewhere", 1));
    await store.notes.add(note("g1", "second", 2));
    await store.notes.add(note(null, "in a DM", 3));
    expect((await store.notes.recent("g1", 10)).map((n) => n.text)).toEqual(["second", "first"]);
    expect((await store.notes.recent("g1", 1)).map((n) => n.text)).toEqual(["second"]);
  });

  it("forgets the threads quiet the longest beyond the cap, and keeps concurrent first turns", async () => {
    const store = await open();
    await Promise.all(
      Array.from({ length: MAX_CONVERSATIONS }, (_, i) =>
        store.turns.append(`t${i}`, { question: "q", answer: "a", at: second(i) }),
      ),
    );
    await store.turns.append("t0", { question: "again", answer: "a", at: second(MAX_CONVERSATIONS) });
    await store.turns.append("new", { question: "q", answer: "a", at: second(MAX_CONVERSATIONS + 1) });
    expect(await store.turns.recent("t0")).toHaveLength(2);
    expect(await store.turns.recent("t1")).toEqual([]);
    expect(await store.turns.recent("t2")).toHaveLength(1);
    expect(await store.turns.recent("new")).toHaveLength(1);
    await Promise.all(
      [1, 2, 3].map((i) => store.turns.append("fresh", { question: `q${i}`, answer: "a", at: second(1000 + i) })),
    );
    expect(await store.turns.recent("fresh")).toHaveLength(3);
  });

  it("treats __proto__, constructor and other JavaScript names as plain ids, polluting nothing", async () => {
    const store = await open();
    const forged = ["__proto__", "constructor", "toString", "hasOwnProperty"];
    for (const id of forged) {
      expect(await store.votes.cast(id, id, "up")).toEqual({ up: 1, down: 0 });
      expect(await store.asks.get(id)).toBeNull();
      await store.asks.put(id, { question: id, userId: id, sourceIds: [], createdAt: second(1) });
      expect((await store.asks.get(id))!.question).toBe(id);
      expect(await store.turns.recent(id)).toEqual([]);
      await store.turns.append(id, { question: id, answer: "a", at: second(2) });
      expect(await store.turns.recent(id)).toHaveLength(1);
      expect(await store.settings.get(id)).toMatchObject({ useModel: true });
      expect(await store.players.get(id, id)).toBeNull();
    }
    expect(Object.prototype).not.toHaveProperty("__proto__up");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    for (const id of forged) expect(({} as Record<string, unknown>)[id]).not.toBe("up");
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it("counts each of 50 simultaneous answers from 50 users once", async () => {
    const store = await open();
    const { service, roundId, answer } = await openRound(store);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => service.answer({ roundId, userId: `user${i}`, choice: i % 4 })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill("recorded"));
    const tally = (await service.tally(roundId))!;
    expect(tally.counts).toEqual([13, 13, 12, 12]);
    expect(tally.total).toBe(50);
    expect(tally.correct).toBe(tally.counts[answer]);
    expect(await store.players.top("g1", 100)).toHaveLength(50);
  });

  it("counts 5 simultaneous clicks from one user once, keeping the first, and scores once", async () => {
    const store = await open();
    const { service, roundId } = await openRound(store);
    const results = await Promise.all(
      [2, 0, 1, 3, 0].map((choice) => service.answer({ roundId, userId: "u1", choice })),
    );
    expect(results.filter((r) => r.status === "recorded")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-answered")).toHaveLength(4);
    const first = results.find((r) => r.status === "recorded")!;
    expect(results.every((r) => r.choice === first.choice)).toBe(true);
    expect((await service.tally(roundId))!.total).toBe(1);
    expect(await service.stats("g1", "u1")).toMatchObject({ answered: 1 });
    // The answer counts once under its question's topic too, read back from the engine (/quiz stats draws it).
    const round = (await service.round(roundId))!;
    expect(await service.topicScores("g1", "u1")).toEqual([
      { topic: round.item.topic, answered: 1, correct: first.correct ? 1 : 0 },
    ]);
  });

  it("posts one round per guild and day when two services tick at once on the same data", async () => {
    const db = await engine.fresh();
    const [a, b] = [await quizOn(await db.open(), "process-a"), await quizOn(await db.open(), "process-b")];
    await a.service.configure("g1", BERLIN);
    await Promise.all([a.service.tick(a.publisher), b.service.tick(b.publisher)]);
    expect(a.publisher.posts.length + b.publisher.posts.length).toBe(1);
  });

  it("closes a round against concurrent answers: each is counted, or refused as late, never both", async () => {
    const store = await open();
    const quiz = await quizOn(store);
    await quiz.service.configure("g1", { ...BERLIN, closeHour: 20 });
    await quiz.service.tick(quiz.publisher);
    const roundId = quiz.publisher.posts[0]!.round.id;
    quiz.clock.set("2026-06-10T18:00:00Z"); // 20:00 in Berlin: the round is due to close
    const early = new Date("2026-06-10T17:59:00Z");
    const [results] = await Promise.all([
      Promise.all(
        Array.from({ length: 20 }, (_, i) => quiz.service.answer({ roundId, userId: `u${i}`, choice: 0, now: early })),
      ),
      quiz.service.tick(quiz.publisher),
    ]);
    const recorded = results.filter((r) => r.status === "recorded").length;
    expect(recorded + results.filter((r) => r.status === "closed").length).toBe(20);
    expect((await quiz.service.tally(roundId))!.total).toBe(recorded);
    expect(await quiz.service.round(roundId)).toMatchObject({ status: "closed" });
  });

  it("ranks a period's answers and all time alike, ties by best streak then user id", async () => {
    const store = await open();
    const day1 = await openRound(store);
    const right = day1.answer;
    const wrong = (right + 1) % 4;
    for (const userId of ["zed", "amy", "Bea"])
      await day1.service.answer({ roundId: day1.roundId, userId, choice: right });
    await day1.service.answer({ roundId: day1.roundId, userId: "cal", choice: wrong });
    const quiz = await quizOn(store);
    quiz.clock.set("2026-06-11T06:30:00Z");
    await quiz.service.tick(quiz.publisher);
    const day2 = quiz.publisher.posts[0]!;
    await quiz.service.answer({ roundId: day2.round.id, userId: "cal", choice: day2.item.answer });
    await quiz.service.answer({ roundId: day2.round.id, userId: "zed", choice: (day2.item.answer + 1) % 4 });

    const ids = (rows: Array<{ userId: string; stats: { correct: number; answered: number } }>) =>
      rows.map((r) => `${r.userId} ${r.stats.correct}/${r.stats.answered}`);
    // "Bea" sorts before "amy" by code unit, as on every engine.
    expect(ids(await store.players.top("g1", 10))).toEqual(["Bea 1/1", "amy 1/1", "cal 1/2", "zed 1/2"]);
    expect(ids(await store.players.top("g1", 10, "2026-06-10"))).toEqual(ids(await store.players.top("g1", 10)));
    // Day 2 alone: only its answers count; the streaks stay the players' own.
    expect(ids(await store.players.top("g1", 10, "2026-06-11"))).toEqual(["cal 1/1", "zed 0/1"]);
    expect(ids(await store.players.top("g1", 1, "2026-06-11"))).toEqual(["cal 1/1"]);
    expect(await store.players.top("g1", 10, "2026-06-12")).toEqual([]);
    const [period] = await store.players.top("g1", 1, "2026-06-11");
    expect(period!.stats).toMatchObject({ currentStreak: 1, bestStreak: 1, topics: {} });
  });

  it("keeps quiz reports newest first and retires an item once, as a second process sees them", async () => {
    const db = await engine.fresh();
    const store = await db.open();
    const report = (id: string, at: number): QuizReport => ({
      id,
      itemId: "item-1",
      userId: "u1",
      guildId: id === "r-dm" ? null : "g1",
      source: "daily",
      text: `report ${id}`,
      at: second(at),
    });
    await store.quizReports.add(report("r-old", 1));
    await Promise.all([store.quizReports.add(report("r-dm", 3)), store.quizReports.add(report("r-mid", 2))]);
    await store.quizReports.add(report("r-tie", 3));
    expect((await store.quizReports.recent(10)).map((r) => r.id)).toEqual(["r-dm", "r-tie", "r-mid", "r-old"]);
    expect(await store.quizReports.recent(1)).toEqual([report("r-dm", 3)]);

    const [first, second_] = await Promise.all([
      store.retiredItems.retire("item-1", { by: "admin", at: second(5) }),
      store.retiredItems.retire("item-1", { by: "other", at: second(6) }),
    ]);
    expect([first, second_].sort()).toEqual([false, true]);
    const other = await db.open();
    expect([...(await other.retiredItems.all()).keys()]).toEqual(["item-1"]);
    expect((await other.quizReports.recent(10)).map((r) => r.id)).toEqual(["r-dm", "r-tie", "r-mid", "r-old"]);
  });

  it("keeps reminder choices, lists who opted in, and lets one of two racing claims win", async () => {
    const db = await engine.fresh();
    const store = await db.open();
    expect(await store.reminders.get("u1")).toBeNull();
    await store.reminders.update("u2", () => ({ optedIn: true, lastSentAt: null }));
    await store.reminders.update("u1", () => ({ optedIn: true, lastSentAt: null }));
    await store.reminders.update("u3", () => ({ optedIn: false, lastSentAt: null }));
    expect(await store.reminders.optedIn()).toEqual(["u1", "u2"]);
    const claim = () =>
      store.reminders.update("u1", (r) => (r?.lastSentAt === null ? { ...r, lastSentAt: second(9) } : null));
    const claims = await Promise.all([claim(), claim(), claim()]);
    expect(claims.map((c) => c.changed).sort()).toEqual([false, false, true]);
    const other = await db.open();
    expect(await other.reminders.get("u1")).toEqual({ optedIn: true, lastSentAt: second(9) });
    expect(await other.reminders.optedIn()).toEqual(["u1", "u2"]);
  });

  it("names the guild's players who did not answer a round, and none for an unknown round", async () => {
    const store = await open();
    const first = await openRound(store);
    await first.service.answer({ roundId: first.roundId, userId: "b", choice: first.answer });
    await first.service.answer({ roundId: first.roundId, userId: "a", choice: first.answer });
    const quiz = await quizOn(store);
    quiz.clock.set("2026-06-11T06:30:00Z");
    await quiz.service.tick(quiz.publisher);
    const next = quiz.publisher.posts[0]!.round.id;
    await quiz.service.answer({ roundId: next, userId: "a", choice: 0 });
    expect(await store.answers.missed(next)).toEqual(["b"]);
    expect(await store.answers.missed(first.roundId)).toEqual([]);
    expect(await store.answers.missed("nope")).toEqual([]);
  });

  it("keeps each member's practice session, replaced whole, a declined change leaving it", async () => {
    const db = await engine.fresh();
    const store = await db.open();
    expect(await store.practiceSessions.get("u1")).toBeNull();
    const session: PracticeSession = {
      startedAt: second(0),
      topic: "clinical trials",
      difficulty: "hard",
      answered: 2,
      correct: 1,
      topics: { "clinical trials": { answered: 2, correct: 1 } },
    };
    expect(await store.practiceSessions.update("u1", () => session)).toEqual(session);
    expect(await store.practiceSessions.update("u1", () => null)).toEqual(session);
    await store.practiceSessions.update("__proto__", (current) => current ?? { ...session, topic: null });
    const count = (s: PracticeSession | null) => (s ? { ...s, answered: s.answered + 1 } : s);
    await Promise.all(Array.from({ length: 10 }, () => store.practiceSessions.update("u1", count)));
    const reopened = await db.open(); // the same data, as a second process sees it
    expect(await reopened.practiceSessions.get("u1")).toEqual({ ...session, answered: 12 });
    expect((await reopened.practiceSessions.get("__proto__"))?.topic).toBeNull();
    expect(await reopened.practiceSessions.get("u2")).toBeNull();
  });

  it("grades a practice card once for two simultaneous clicks on one showing", async () => {
    const store = await open();
    const card = (reps: number) => ({
      due: second(reps * 60),
      stability: 1,
      difficulty: 5,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps,
      lapses: 0,
      state: 1,
      last_review: null,
    });
    const grade = () => store.practice.update("u1", "item", (current) => ((current?.reps ?? 0) === 0 ? card(1) : null));
    const [x, y] = await Promise.all([grade(), grade()]);
    expect([x.after?.reps, y.after?.reps].sort()).toEqual([1, 1]);
    expect([x.before, y.before].filter((b) => b === null)).toHaveLength(1);
    expect((await store.practice.cards("u1")).get("item")).toEqual(card(1));
  });
});
