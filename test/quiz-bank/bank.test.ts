/**
 * The real quiz bank, `knowledge/quiz-bank.json`, checked against the review it is drawn from: every item rests
 * on sentences or table rows that exist, cites only numbers those sources carry, and its right answer is stated
 * in them. The schema itself (four options, answer index, citations matching the explanation) is parseQuizBank's.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { parseQuizBank, type QuizItem } from "../../src/knowledge/quiz-bank.ts";

const BANK_FILE = "knowledge/quiz-bank.json";
const bank = parseQuizBank(JSON.parse(fs.readFileSync(BANK_FILE, "utf8")), BANK_FILE);
const knowledge = loadKnowledge("knowledge/igf-tki-review");

/** The topics of the resistance mechanisms, the IGF system, the strategies against it and their trials. */
const TOPICS = [
  "target-dependent mutations",
  "compensatory signalling",
  "heterodimers",
  "IGFBPs",
  "EMT and integrins",
  "cell cycle and apoptosis",
  "IGF system",
  "strategies",
  "clinical trials",
  "biomarkers",
];

/** A discord.js button label is at most 80 characters. */
const BUTTON_LABEL_MAX = 80;

// ---- sources ---------------------------------------------------------------------------------------------

type Source = { text: string; refs: readonly number[] };

/** Every string of a table row except its id, in field order: what the row says. */
function rowText(row: Record<string, unknown>): string {
  const out: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") out.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
  };
  for (const [key, value] of Object.entries(row)) if (key !== "id" && key !== "refs") walk(value);
  return out.join(" ");
}

const sourceById = new Map<string, Source>();
for (const s of knowledge.sentences) sourceById.set(s.id, { text: s.text, refs: s.refs });
for (const row of [...knowledge.table1, ...knowledge.table2, ...knowledge.table3]) {
  sourceById.set(row.id, { text: rowText(row), refs: row.refs });
}

function sourcesOf(item: QuizItem): Source[] {
  return item.sourceIds.map((id) => sourceById.get(id)).filter((s): s is Source => s !== undefined);
}

// ---- citations, read independently of src/answer/citations.ts ---------------------------------------------

/** A bracket of numbers and ranges: `[26–28]`, `[75, 76]`, `[8,48]`. */
const CITATION = /\[\s*(\d+(?:\s*[-–—]\s*\d+)?(?:\s*,\s*\d+(?:\s*[-–—]\s*\d+)?)*)\s*\]/g;

/** The numbers cited inline in `text`, ranges expanded, sorted, unique. */
function citedIn(text: string): number[] {
  const found = new Set<number>();
  for (const match of text.matchAll(CITATION)) {
    for (const part of match[1]!.split(",")) {
      const [from, to = from] = part.split(/[-–—]/).map((n) => Number(n.trim())) as [number, number?];
      for (let n = from; n <= to!; n++) found.add(n);
    }
  }
  return [...found].sort((a, b) => a - b);
}

// ---- "is the answer stated in the sources": content-word coverage -----------------------------------------

const STOP_WORDS = new Set(
  `a an the and or nor of in on to by for with from as at is are was were be been being it its they them their this
   that these those which who whom what when where why how than then so such no not only also both all each any can
   could may might does do did has have had into onto via per over under between through but if yet same one`.split(
    /\s+/,
  ),
);

/** Lower-cased letter/digit runs, a simple plural `s` dropped, stop words removed: "the IGFBPs" → ["igfbp"]. */
function contentWords(text: string): string[] {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w))
    .filter((w) => !STOP_WORDS.has(w));
}

/** The text of the item's sources with their citation brackets removed (a reference number states nothing). */
function sourceText(item: QuizItem): string {
  return sourcesOf(item)
    .map((s) => s.text)
    .join(" ")
    .replace(CITATION, " ");
}

/** Share of the option's distinct content words that occur in `text`; 0 for an option with none. */
function coverage(option: string, text: string): number {
  const words = new Set(contentWords(option));
  if (words.size === 0) return 0;
  const available = new Set(contentWords(text));
  return [...words].filter((w) => available.has(w)).length / words.size;
}

const STATED = 0.6;

function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---- tests ---------------------------------------------------------------------------------------------------

describe("the measures this suite relies on", () => {
  it("reads every citation style the bank uses", () => {
    expect(citedIn("as shown [26–28], also [75, 76] and [8,48]; not [Table 2] nor 9–13 months [102]")).toEqual([
      8, 26, 27, 28, 48, 75, 76, 102,
    ]);
  });

  it("content words ignore case, punctuation, stop words and a plural s", () => {
    expect(contentWords("The IGF-1R and the IGFBPs, via Integrins")).toEqual(["igf", "1r", "igfbp", "integrin"]);
  });

  it("coverage tells a stated answer from an unstated one", () => {
    const text = "IGFBP2 promotes FAK phosphorylation, leading to dasatinib resistance in NSCLC cells";
    expect(coverage("Focal adhesion kinase phosphorylation", text)).toBeLessThan(STATED);
    expect(coverage("FAK phosphorylation", text)).toBe(1);
    expect(coverage("Src activation via HER3", text)).toBe(0);
    expect(coverage("the", text)).toBe(0);
  });
});

describe(`quiz bank ${BANK_FILE}`, () => {
  const items = bank.items;

  it("has at least 60 items and an about text naming the review and its license", () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(bank.about).toMatch(/Peng/);
    expect(bank.about).toMatch(/CC BY 4\.0/);
  });

  it("every sourceId is a sentence of the review or a table row", () => {
    const unknown = items.flatMap((item) =>
      item.sourceIds.filter((id) => !sourceById.has(id)).map((id) => `${item.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
    for (const item of items) {
      for (const id of item.sourceIds) {
        expect(knowledge.sentenceById.has(id) || /^table[123]\//.test(id), `${item.id}: ${id}`).toBe(true);
      }
    }
  });

  it("each explanation cites at least one number, and its citations are exactly the `citations` field", () => {
    for (const item of items) {
      const shown = citedIn(item.explanation);
      expect(shown.length, item.id).toBeGreaterThan(0);
      expect(shown, item.id).toEqual([...item.citations].sort((a, b) => a - b));
      expect(new Set(item.citations).size, item.id).toBe(item.citations.length);
    }
  });

  it("cites only numbers that the item's own sources carry", () => {
    const unsupported = items.flatMap((item) => {
      const carried = new Set(sourcesOf(item).flatMap((s) => s.refs));
      return item.citations.filter((n) => !carried.has(n)).map((n) => `${item.id}: [${n}]`);
    });
    expect(unsupported).toEqual([]);
  });

  it("cites numbers that exist in the reference list", () => {
    for (const item of items) {
      for (const n of item.citations) expect(knowledge.referenceByNumber.has(n), `${item.id}: [${n}]`).toBe(true);
    }
  });

  it(`states each right answer in its sources (≥ ${STATED * 100}% of its content words)`, () => {
    const unstated = items
      .map((item) => ({
        id: item.id,
        option: item.options[item.answer]!,
        score: coverage(item.options[item.answer]!, sourceText(item)),
      }))
      .filter((r) => r.score < STATED)
      .map((r) => `${r.id}: "${r.option}" ${(r.score * 100).toFixed(0)}%`);
    expect(unstated).toEqual([]);
  });

  it("for nearly all items the right answer is better supported by the sources than every distractor", () => {
    const beaten = items.filter((item) => {
      const text = sourceText(item);
      const right = coverage(item.options[item.answer]!, text);
      return item.options.every((option, i) => i === item.answer || coverage(option, text) < right);
    });
    // Some distractors are deliberate near-misses built from the same sentence (swapped drugs, InsR-A vs
    // InsR-B), which word overlap cannot tell apart; everything else must be clearly separated.
    expect(beaten.length / items.length).toBeGreaterThanOrEqual(0.85);
  });

  it("the stated-answer check rejects most distractors, so it would catch a wrong answer key", () => {
    const distractors = items.flatMap((item) =>
      item.options.filter((_, i) => i !== item.answer).map((option) => ({ item, option })),
    );
    const rejected = distractors.filter(({ item, option }) => coverage(option, sourceText(item)) < STATED);
    expect(rejected.length / distractors.length).toBeGreaterThanOrEqual(0.85);
  });

  it("has four distinct options per item, each fit for a button label", () => {
    for (const item of items) {
      expect(new Set(item.options.map(normalize)).size, item.id).toBe(4);
      for (const option of item.options) {
        expect(option.trim().length, `${item.id}: "${option}"`).toBeGreaterThan(0);
        expect(option.length, `${item.id}: "${option}"`).toBeLessThanOrEqual(BUTTON_LABEL_MAX);
      }
    }
  });

  it("keeps questions and explanations short enough for one Discord message", () => {
    for (const item of items) {
      expect(item.question.length, item.id).toBeLessThanOrEqual(300);
      expect(item.explanation.length, item.id).toBeLessThanOrEqual(600);
    }
  });

  it("never asks the same question twice, even up to punctuation", () => {
    const seen = new Map<string, string>();
    for (const item of items) {
      const key = normalize(item.question);
      expect(seen.get(key), `${item.id} repeats ${seen.get(key)}`).toBeUndefined();
      seen.set(key, item.id);
    }
  });

  it("covers every topic, several items each, and uses no other topic", () => {
    const counts = new Map<string, number>();
    for (const item of items) counts.set(item.topic, (counts.get(item.topic) ?? 0) + 1);
    for (const topic of TOPICS) expect(counts.get(topic) ?? 0, topic).toBeGreaterThanOrEqual(3);
    expect([...counts.keys()].filter((t) => !TOPICS.includes(t))).toEqual([]);
  });

  it("spreads the right answer over all four positions (each at least 10%)", () => {
    for (const index of [0, 1, 2, 3]) {
      const share = items.filter((item) => item.answer === index).length / items.length;
      expect(share, `answer ${index}`).toBeGreaterThanOrEqual(0.1);
    }
  });

  it("mixes difficulties (each at least a fifth of the bank)", () => {
    for (const level of ["easy", "medium", "hard"] as const) {
      const share = items.filter((item) => item.difficulty === level).length / items.length;
      expect(share, level).toBeGreaterThanOrEqual(0.2);
    }
  });
});
