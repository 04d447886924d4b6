/**
 * The lay lexicon (knowledge/lexicon.json): it validates, the schema refuses a phrase given to two entries,
 * every term it rewrites into is the review's own wording, and no lay phrase shadows a curated alias.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Lexicon } from "../../src/knowledge/schema.ts";
import { testCore } from "../support/core.ts";

const file = JSON.parse(readFileSync("knowledge/lexicon.json", "utf8"));
const { knowledge } = testCore();

/**
 * The review as printed before its reference list: sections, tables with their headers and legends, captions,
 * front matter. Reference titles are left out: a term found only there is not the review's own wording.
 */
function reviewText(): string {
  const source = readFileSync("knowledge/igf-tki-review/source.txt", "utf8");
  const references = source.indexOf("\nReferences\n");
  expect(references).toBeGreaterThan(0);
  return source.slice(0, references).toLowerCase();
}

describe("lexicon.json", () => {
  it("validates against the Lexicon schema", () => {
    const parsed = Lexicon.safeParse(file);
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data?.entries.length).toBeGreaterThan(50);
  });

  it("is refused when one phrase belongs to two entries", () => {
    const entry = { say: ["stop working"], means: ["resistance"], reason: "why" };
    const parsed = Lexicon.safeParse({
      about: "",
      entries: [entry, { ...entry, say: ["quit", "stop working"], means: ["acquired resistance"] }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ["entries", 1, "say"], message: '"stop working" is also in entries[0]' }),
    ]);
  });

  it("is refused when a phrase is not lower case, or an entry has no reason", () => {
    expect(
      Lexicon.safeParse({ about: "", entries: [{ say: ["Blood Sugar"], means: ["x"], reason: "r" }] }).success,
    ).toBe(false);
    expect(
      Lexicon.safeParse({ about: "", entries: [{ say: ["blood sugar"], means: ["x"], reason: "" }] }).success,
    ).toBe(false);
  });

  it("rewrites only into the review's own words: every `means` term occurs in its text", () => {
    const text = reviewText();
    // Table 3 prints a trial's phase under a "Phase" header ("Ib/II"); "phase Ib" is that cell read with it.
    const phases = new Set(
      knowledge.table3.flatMap((row) => [row.phase, ...row.phase.split("/")].map((p) => `phase ${p}`.toLowerCase())),
    );
    const missing = knowledge.lexicon.entries
      .flatMap((entry) => entry.means)
      .filter((term) => !text.includes(term.toLowerCase()) && !phases.has(term.toLowerCase()));
    expect(missing).toEqual([]);
  });

  it("has no `say` phrase that is also a name in aliases.json (a name is an alias, not a lay phrase)", () => {
    const fold = (name: string) => name.toLowerCase().replace(/\s+/g, " ").trim();
    const names = new Set(knowledge.aliases.groups.flatMap((g) => [g.canonical, ...g.aliases]).map(fold));
    const clashes = knowledge.lexicon.entries.flatMap((entry) => entry.say).filter((say) => names.has(fold(say)));
    expect(clashes).toEqual([]);
  });
});
