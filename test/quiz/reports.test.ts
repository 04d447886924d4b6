/** Reports on quiz questions and retired items: kept across a restart, and a retired item is neither posted nor practised. */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { createPractice } from "../../src/quiz/practice.ts";
import { createQuizCuration } from "../../src/quiz/reports.ts";
import { openJsonStore } from "../../src/store/json-store.ts";
import { quizFixture, seededRandom } from "./helpers.ts";

const T0 = new Date("2026-06-10T12:00:00Z");

describe("quiz reports", () => {
  it("keeps a member's report with the item and the member, and lists it after a restart", async () => {
    const f = await quizFixture({ start: T0.toISOString() });
    const curation = createQuizCuration({ store: f.store, bank: f.bank, clock: f.clock.now });
    await curation.report({
      itemId: "igf1r-bypass",
      userId: "u1",
      guildId: "g1",
      source: "practice",
      text: "  The answer says IGF-1R but the source says InsR.  ",
    });
    await f.store.close();
    const store = await openJsonStore(f.file, silentLogger(), { lock: false });
    const [report] = await createQuizCuration({ store, bank: f.bank }).reports(10);
    expect(report).toMatchObject({
      itemId: "igf1r-bypass",
      userId: "u1",
      guildId: "g1",
      source: "practice",
      text: "The answer says IGF-1R but the source says InsR.",
      at: T0.toISOString(),
      retired: false,
      item: { id: "igf1r-bypass" },
    });
  });

  it("refuses a report on an unknown item or with nothing said", async () => {
    const f = await quizFixture({ start: T0.toISOString() });
    const curation = createQuizCuration({ store: f.store, bank: f.bank });
    const base = { userId: "u1", guildId: null, source: "daily" as const };
    await expect(curation.report({ ...base, itemId: "nope", text: "x" })).rejects.toThrow(/No quiz item has the id/);
    await expect(curation.report({ ...base, itemId: "igf1r-bypass", text: "   " })).rejects.toThrow(/what is wrong/);
    expect(await curation.reports(10)).toEqual([]);
  });
});

describe("retiring an item", () => {
  it("takes it out of the daily rotation and of practice, once, and says so after a restart", async () => {
    const f = await quizFixture({ start: "2026-06-01T00:00:00Z" });
    const curation = createQuizCuration({ store: f.store, bank: f.bank });
    const kept = "linsitinib-class";
    for (const item of f.bank.items) if (item.id !== kept) expect(await curation.retire(item.id, "admin")).toBe(true);
    expect(await curation.retire("igf1r-bypass", "admin")).toBe(false);
    await expect(curation.retire("nope", "admin")).rejects.toThrow(/No quiz item/);

    await f.service.configure("g1", { channelId: "c1", time: "08:00", timezone: "UTC" });
    for (let day = 1; day <= 6; day++) {
      f.clock.set(`2026-06-0${day}T09:00:00Z`);
      await f.service.tick(f.publisher);
    }
    expect(f.publisher.posts.map((p) => p.item.id)).toEqual(Array(6).fill(kept));

    await f.store.close();
    const store = await openJsonStore(f.file, silentLogger(), { lock: false });
    const practice = createPractice({ store, bank: f.bank, clock: () => T0, random: seededRandom(1) });
    expect(await practice.nextItem("u1")).toMatchObject({ kind: "new", item: { id: kept } });
    await practice.grade("u1", kept, true);
    expect((await practice.nextItem("u1")).kind).toBe("done");
  });
});
