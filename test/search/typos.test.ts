/** Typo reading: an unknown word of six letters or more is read as the nearest known term. */
import { describe, expect, it } from "vitest";
import { createTypoCorrector, editDistance } from "../../src/search/typos.ts";

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
