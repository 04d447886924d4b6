/** Typo reading: an unknown word of six letters or more is read as the nearest known term. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createTypoCorrector, editDistance } from "../../src/search/typos.ts";
import { testCore } from "../support/core.ts";

describe("typo reading", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("gefitnib", "gefitinib", 2)).toBe(1);
    expect(editDistance("osimetrinib", "osimertinib", 2)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("reads a misspelt drug as the drug, but leaves short everyday words alone", () => {
    const corrector = createTypoCorrector(["gefitinib", "erlotinib", "found", "action", "function"]);
    expect(corrector.closest("gefitnib")).toEqual(["gefitinib"]);
    expect(corrector.closest("bound")).toEqual([]);
    expect(corrector.closest("fraction")).toEqual([]);
  });
});

describe("typo corrections over the held-out questions", () => {
  // Pinned from the corrections the engine made before the typo index was rebuilt for speed: the structure may
  // change, what a misspelt word is read as may not.
  it("reads every unknown word of the held-out sets as it did before", () => {
    const index = testCore().engine.index;
    const corrections: Record<string, string[]> = {};
    for (const file of ["test/fixtures/eval-questions.json", "test/fixtures/eval-questions-2.json"]) {
      for (const { question } of JSON.parse(readFileSync(file, "utf8")).items as Array<{ question: string }>) {
        for (const [word, read] of index.analyse(question).corrections) corrections[word] = read;
      }
    }
    expect(corrections).toEqual({
      frequent: ["frequenc"],
      osimertnib: ["osimertinib"],
      respond: ["respons"],
      matter: ["latter"],
      linsitnib: ["linsitinib"],
      synthet: ["synthes"],
      buffer: ["suffer"],
      thought: ["though"],
      nearli: ["earli"],
    });
  });
});
