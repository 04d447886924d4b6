/** Spaced-repetition practice (ts-fsrs): cards, grading, and one grade per shown card. */
import path from "node:path";
import { createEmptyCard, fsrs, Rating } from "ts-fsrs";
import { describe, expect, it } from "vitest";
import { loadQuizBank } from "../../src/knowledge/quiz-bank.ts";
import { silentLogger } from "../../src/log.ts";
import { createPractice, revive, serialize } from "../../src/quiz/practice.ts";
import { openJsonStore } from "../../src/store/json-store.ts";
import { tempDir } from "../store/helpers.ts";
import { FIXTURE_BANK, seededRandom } from "./helpers.ts";

const T0 = new Date("2026-06-10T12:00:00Z");
const MINUTE = 60_000;

async function practiceFixture(file = path.join(tempDir(), "bot.json")) {
  const store = await openJsonStore(file, silentLogger());
  const bank = await loadQuizBank(FIXTURE_BANK);
  const practice = createPractice({ store, bank, clock: () => T0, random: seededRandom(3) });
  return { file, store, bank, practice };
}

describe("practice", () => {
  it("brings a question answered wrong back sooner than one answered right", async () => {
    const { practice } = await practiceFixture();
    const wrong = await practice.grade("u1", "igf1r-bypass", false, T0);
    const right = await practice.grade("u1", "igfbp3-loss", true, T0);
    expect(wrong.nextDueAt.getTime()).toBeLessThan(right.nextDueAt.getTime());
    expect(wrong.nextDueAt.getTime()).toBeGreaterThan(T0.getTime());
  });

  it("offers new questions until every one has been seen, then says when to come back", async () => {
    const { practice, bank } = await practiceFixture();
    const seen: string[] = [];
    for (let i = 0; i < bank.items.length; i++) {
      const next = await practice.nextItem("u1", T0);
      expect(next.kind).toBe("new");
      if (next.kind !== "new") return;
      seen.push(next.item.id);
      await practice.grade("u1", next.item.id, true, T0);
    }
    expect([...seen].sort()).toEqual(bank.items.map((i) => i.id).sort());
    const done = await practice.nextItem("u1", T0);
    expect(done.kind).toBe("done");
    expect(done.kind === "done" && done.nextDueAt!.getTime()).toBeGreaterThan(T0.getTime());
  });

  it("puts a due review before new questions, the most overdue first", async () => {
    const { practice } = await practiceFixture();
    await practice.grade("u1", "linsitinib-class", true, T0);
    await practice.grade("u1", "igf1r-bypass", false, T0);
    const soon = new Date(T0.getTime() + 2 * MINUTE); // the wrong one is due again, the right one not yet
    expect(await practice.nextItem("u1", soon)).toMatchObject({ kind: "review", item: { id: "igf1r-bypass" } });
    const muchLater = new Date(T0.getTime() + 365 * 24 * 60 * MINUTE);
    const overdue = await practice.nextItem("u1", muchLater);
    expect(overdue).toMatchObject({ kind: "review", item: { id: "igf1r-bypass" } });
    // Just after the first review, nothing is due yet: a new question comes instead.
    expect((await practice.nextItem("u1", T0)).kind).toBe("new");
  });

  it("keeps each user's cards apart", async () => {
    const { practice, store } = await practiceFixture();
    await practice.grade("u1", "igf1r-bypass", false, T0);
    expect([...(await store.practice.cards("u1")).keys()]).toEqual(["igf1r-bypass"]);
    expect((await store.practice.cards("u2")).size).toBe(0);
    expect((await practice.nextItem("u2", new Date(T0.getTime() + 5 * MINUTE))).kind).toBe("new");
  });

  it("persists cards with ISO dates and revives them after a restart", async () => {
    const first = await practiceFixture();
    await first.practice.grade("u1", "igf1r-bypass", false, T0);
    const stored = (await first.store.practice.cards("u1")).get("igf1r-bypass")!;
    await first.store.close();
    expect(stored.due).toMatch(/^2026-06-10T12:\d\d:00\.000Z$/);
    expect(stored.last_review).toBe(T0.toISOString());

    const second = await practiceFixture(first.file);
    const later = new Date(T0.getTime() + 30 * MINUTE);
    expect(await second.practice.nextItem("u1", later)).toMatchObject({ kind: "review", item: { id: "igf1r-bypass" } });
    await second.practice.grade("u1", "igf1r-bypass", true, later);
    expect((await second.store.practice.cards("u1")).get("igf1r-bypass")!.reps).toBe(2);
  });

  it("round-trips a card through serialize and revive unchanged", () => {
    const card = fsrs().next(createEmptyCard(T0), T0, Rating.Good).card;
    expect(revive(serialize(card))).toEqual(card);
    const fresh = createEmptyCard(T0);
    expect(revive(serialize(fresh))).toEqual(fresh);
  });

  it("grades a question once per showing: a second answer with the same review count changes nothing", async () => {
    const { practice, store } = await practiceFixture();
    const [first, second] = await Promise.all([
      practice.grade("u1", "igf1r-bypass", false, T0, 0),
      practice.grade("u1", "igf1r-bypass", true, T0, 0),
    ]);
    expect(first!.alreadyGraded).toBe(false);
    expect(second).toEqual({ nextDueAt: first!.nextDueAt, alreadyGraded: true });
    expect((await store.practice.cards("u1")).get("igf1r-bypass")).toMatchObject({ reps: 1, lapses: 0 });
    // Shown again for review, it carries the new count and is graded.
    const later = new Date(first!.nextDueAt.getTime() + MINUTE);
    const next = await practice.nextItem("u1", later);
    expect(next).toMatchObject({ kind: "review", reps: 1 });
    expect((await practice.grade("u1", "igf1r-bypass", true, later, 1)).alreadyGraded).toBe(false);
    expect((await store.practice.cards("u1")).get("igf1r-bypass")!.reps).toBe(2);
  });

  it("refuses to grade an item that is not in the bank", async () => {
    const { practice } = await practiceFixture();
    await expect(practice.grade("u1", "no-such-item", true, T0)).rejects.toThrow(/no longer in the quiz bank/);
  });
});

describe("practice by choice", () => {
  it("offers only the chosen topic and difficulty, reviews and new questions alike", async () => {
    const { practice, bank } = await practiceFixture();
    await practice.grade("u1", "igf1r-bypass", false, T0); // a review of another topic, due in minutes
    await practice.start("u1", { topic: null, difficulty: "easy" }, T0);
    const later = new Date(T0.getTime() + 60 * MINUTE);
    const easy = bank.items.filter((i) => i.difficulty === "easy").map((i) => i.id);
    // The easy review comes first, then the other easy items, then nothing: never a medium or hard one.
    const shown: string[] = [];
    for (
      let next = await practice.nextItem("u1", later);
      next.kind !== "done";
      next = await practice.nextItem("u1", later)
    ) {
      shown.push(next.item.id);
      await practice.grade("u1", next.item.id, true, later);
    }
    expect(shown[0]).toBe("igf1r-bypass");
    expect([...shown].sort()).toEqual([...easy].sort());

    await practice.start("u1", { topic: "receptor crosstalk", difficulty: null }, later);
    expect(await practice.nextItem("u1", later)).toMatchObject({ kind: "new", item: { topic: "receptor crosstalk" } });
  });

  it("refuses a topic the bank lacks and a choice no item matches, naming the topics", async () => {
    const { practice } = await practiceFixture();
    expect(practice.topics()).toEqual([
      "IGF-targeting agents",
      "approved kinase inhibitors",
      "bypass signalling",
      "ligands and binding proteins",
      "receptor crosstalk",
    ]);
    await expect(practice.start("u1", { topic: "astrology", difficulty: null }, T0)).rejects.toThrow(
      /no topic "astrology".*bypass signalling/,
    );
    await expect(practice.start("u1", { topic: "receptor crosstalk", difficulty: "easy" }, T0)).rejects.toThrow(
      /No question is on receptor crosstalk, easy/,
    );
  });

  it("sums a session up: answered, right, due by this time tomorrow, weakest topic; kept across a restart", async () => {
    const first = await practiceFixture();
    // Before the session, not counted in it: right twice, so it graduates to a review days away.
    await first.practice.grade("u1", "linsitinib-class", true, T0);
    await first.practice.grade("u1", "linsitinib-class", true, new Date(T0.getTime() + 10 * MINUTE));
    await first.practice.start("u1", { topic: null, difficulty: null }, T0);
    await first.practice.grade("u1", "igf1r-bypass", false, T0);
    await first.practice.grade("u1", "igfbp3-loss", true, T0);
    await first.practice.grade("u1", "igfbp3-loss", false, T0, 1);
    await first.store.close();

    const { practice } = await practiceFixture(first.file);
    const summary = await practice.summary("u1", T0);
    expect(summary).toEqual({
      filter: { topic: null, difficulty: null },
      answered: 3,
      correct: 1,
      // The two missed cards are due again in minutes; linsitinib-class, answered right, days from now.
      dueTomorrow: 2,
      weakestTopic: "bypass signalling",
    });
  });

  it("counts no weakest topic when every answer was right, and nothing before a first session", async () => {
    const { practice } = await practiceFixture();
    expect(await practice.summary("u1", T0)).toMatchObject({ answered: 0, correct: 0, weakestTopic: null });
    await practice.start("u1", { topic: null, difficulty: null }, T0);
    await practice.grade("u1", "igfbp3-loss", true, T0);
    expect(await practice.summary("u1", T0)).toMatchObject({ answered: 1, correct: 1, weakestTopic: null });
  });
});
