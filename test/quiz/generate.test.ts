/**
 * The generated table items: the committed bank equals a fresh generation, each generated item rests on one
 * table row, cites that row's references and draws its distractors from the row's own column; and the daily
 * picker keeps the hand-written items on five days of seven.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { parseQuizBank, type QuizItem } from "../../src/knowledge/quiz-bank.ts";
import { GENERATED_PREFIX, generateTableItems, isGeneratedItem } from "../../src/quiz/generate.ts";
import { BANK_FILE, generatedBankText } from "../../src/quiz/generate-run.ts";
import { isTableDay } from "../../src/quiz/quiz-service.ts";
import { quizFixture } from "./helpers.ts";

const knowledge = loadKnowledge("knowledge/igf-tki-review");
const committed = fs.readFileSync(BANK_FILE, "utf8");
const bank = parseQuizBank(JSON.parse(committed), BANK_FILE);
const generated = bank.items.filter(isGeneratedItem);

/** The column each kind of generated item asks about, as the set of that column's cells. */
const COLUMNS: Record<string, Set<string>> = {
  "t1-target": new Set(knowledge.table1.map((r) => r.primaryTargets)),
  "t1-type": new Set(knowledge.table1.map((r) => r.targetType)),
  "t1-year": new Set(knowledge.table1.map((r) => r.drug)),
  "t3-phase": new Set(knowledge.table3.map((r) => r.phase)),
  "t3-partner": new Set(knowledge.table3.flatMap((r) => (r.combination ? [r.combination] : []))),
  "t3-cancer": new Set(knowledge.table3.map((r) => r.cancerType)),
  "t3-result": new Set(knowledge.table3.map((r) => r.outcome.evidence)),
};

function kindOf(item: QuizItem): string {
  return item.id.slice(GENERATED_PREFIX.length).split("-").slice(0, 2).join("-");
}

describe("the generated quiz items", () => {
  it("are exactly what `npm run quiz:generate` writes (the committed bank equals a fresh run)", () => {
    expect(committed).toBe(generatedBankText());
  });

  it("bring the bank past 300 items, keeping every hand-written item first and unchanged", () => {
    expect(bank.items.length).toBeGreaterThanOrEqual(300);
    const handWritten = bank.items.filter((item) => !isGeneratedItem(item));
    expect(handWritten.length).toBeGreaterThanOrEqual(100);
    expect(bank.items.slice(0, handWritten.length)).toEqual(handWritten);
    expect(generated).toEqual(generateTableItems(knowledge).filter((g) => generated.some((i) => i.id === g.id)));
  });

  it("ask every kind of question the tables support, each from Table 1 or Table 3", () => {
    const kinds = new Map<string, number>();
    for (const item of generated) kinds.set(kindOf(item), (kinds.get(kindOf(item)) ?? 0) + 1);
    expect([...kinds.keys()].sort()).toEqual(Object.keys(COLUMNS).sort());
    for (const [kind, count] of kinds) expect(count, kind).toBeGreaterThanOrEqual(10);
  });

  it("rest on one table row each and cite exactly that row's references", () => {
    const rows = new Map([...knowledge.table1, ...knowledge.table3].map((r) => [r.id, r.refs]));
    for (const item of generated) {
      expect(item.sourceIds, item.id).toHaveLength(1);
      const refs = rows.get(item.sourceIds[0]!);
      expect(refs, item.id).toBeDefined();
      expect(item.citations, item.id).toEqual([...refs!].sort((a, b) => a - b));
    }
  });

  it("draw all four options from the column the question is about, the right one from the row itself", () => {
    for (const item of generated) {
      const column = COLUMNS[kindOf(item)]!;
      for (const option of item.options) expect(column.has(option), `${item.id}: "${option}"`).toBe(true);
    }
    const phaseItem = generated.find((i) => i.id === `${GENERATED_PREFIX}t3-phase-row-155`)!;
    expect(phaseItem.options[phaseItem.answer]).toBe("II/III");
    const yearItem = generated.find((i) => i.id === `${GENERATED_PREFIX}t1-year-acalabrutinib`)!;
    expect(yearItem.question).toBe("Which BTK drug does Table 1 list as approved in 2017?");
    expect(yearItem.options[yearItem.answer]).toBe("Acalabrutinib");
  });

  it("never ask a question two rows would answer differently", () => {
    const ribociclib = knowledge.table1.find((r) => r.drug === "Ribociclib")!;
    const abemaciclib = knowledge.table1.find((r) => r.drug === "Abemaciclib")!;
    // Both CDK4/6 inhibitors were approved in 2017: "Which CDK4/6 drug…in 2017?" has no single answer.
    expect([ribociclib.yearApproved, ribociclib.primaryTargets]).toEqual([
      abemaciclib.yearApproved,
      abemaciclib.primaryTargets,
    ]);
    expect(generated.filter((i) => /CDK4\/6 drug .* 2017/.test(i.question))).toEqual([]);
  });
});

describe("the daily picker", () => {
  it("takes generated items on Wednesdays and Saturdays only, hand-written ones the other five days", async () => {
    expect(["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-07"].map(isTableDay)).toEqual([
      false,
      false,
      true,
      true,
    ]);
    const f = await quizFixture({ start: "2026-03-02T00:00:00Z", bank });
    await f.service.configure("g1", { channelId: "c1", time: "08:00", timezone: "UTC" });
    for (let day = 0; day < 28; day++) {
      f.clock.set(`2026-03-${String(day + 2).padStart(2, "0")}T09:00:00Z`);
      await f.service.tick(f.publisher);
    }
    expect(f.publisher.posts).toHaveLength(28);
    for (const post of f.publisher.posts) {
      expect(isGeneratedItem(post.item), post.round.localDate).toBe(isTableDay(post.round.localDate));
    }
    expect(f.publisher.posts.filter((p) => !isGeneratedItem(p.item))).toHaveLength(20);
  });

  it("falls back to the other pool when the day's pool is empty (a bank without generated items)", async () => {
    const handOnly = { ...bank, items: bank.items.filter((i) => !isGeneratedItem(i)) };
    const f = await quizFixture({ start: "2026-03-04T09:00:00Z", bank: handOnly });
    await f.service.configure("g1", { channelId: "c1", time: "08:00", timezone: "UTC" });
    await f.service.tick(f.publisher);
    expect(isTableDay("2026-03-04")).toBe(true);
    expect(f.publisher.posts.map((p) => isGeneratedItem(p.item))).toEqual([false]);
  });
});
