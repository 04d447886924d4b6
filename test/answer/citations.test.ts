/** Citation groups read leniently, written compactly, and policed: only numbers a shown source carries survive. */
import { describe, expect, it } from "vitest";
import { canonicalCitations, enforceCitations } from "../../src/answer/citations.ts";
import { formatCitation, parseCitations } from "../../src/knowledge/citations.ts";
import { neutralizeMentions } from "../../src/safe-text.ts";

describe("parseCitations", () => {
  it("reads single numbers, lists and ranges, sorted unique", () => {
    expect(parseCitations("IGF-1R [42] and IR [3,5] and [5, 3] again [60-62] and [88–90].")).toEqual([
      3, 5, 42, 60, 61, 62, 88, 89, 90,
    ]);
  });

  it("reads mixed groups and semicolons", () => {
    expect(parseCitations("see [8, 60–62; 48]")).toEqual([8, 48, 60, 61, 62]);
  });

  it("ignores brackets that are not citations and markdown links", () => {
    expect(parseCitations("as in [Table 2] [sic] [a 3] [3](https://example.org) [] [n=4]")).toEqual([]);
  });

  it("caps a range at 200 numbers", () => {
    const refs = parseCitations("[1-100000]");
    expect(refs).toHaveLength(200);
    expect(refs.at(-1)).toBe(200);
  });

  it("reads a reversed range as the same span", () => {
    expect(parseCitations("[64-62]")).toEqual([62, 63, 64]);
  });
});

describe("formatCitation", () => {
  it("compacts runs of three or more with an en dash", () => {
    expect(formatCitation([26, 27, 28])).toBe("[26–28]");
    expect(formatCitation([48, 8])).toBe("[8, 48]");
    expect(formatCitation([1, 2, 4, 5, 6, 9, 9])).toBe("[1, 2, 4–6, 9]");
  });

  it("returns an empty string for no numbers", () => {
    expect(formatCitation([])).toBe("");
  });
});

describe("enforceCitations", () => {
  const allowed = new Set([8, 42, 48, 60, 62]);

  it("polices a group that removing another one uncovers ([[999]0] → [0] → nothing)", () => {
    // Found by the property tests (seed 221997354): one pass left a new group "[0]" behind.
    expect(enforceCitations("[[999]0]", allowed).text).toBe("");
    expect(enforceCitations("shown [[999]42].", allowed).text).toBe("shown [42].");
  });

  it("keeps allowed numbers and re-emits groups compactly", () => {
    const result = enforceCitations("Known [60–62]; also [8,48].", allowed);
    expect(result.text).toBe("Known [60, 62]; also [8, 48].");
    expect(result.removed).toEqual([61]);
    expect(result.kept).toEqual([8, 48, 60, 62]);
  });

  it("drops an emptied group with the space before it", () => {
    const result = enforceCitations("Gefitinib was tested [999]. It failed [42] [7].", allowed);
    expect(result.text).toBe("Gefitinib was tested. It failed [42].");
    expect(result.removed).toEqual([7, 999]);
    expect(result.kept).toEqual([42]);
  });

  it("drops an emptied group at the start of a line with the space after it", () => {
    expect(enforceCitations("[999] Then [42].\n[7] Next.", allowed).text).toBe("Then [42].\nNext.");
  });

  it("leaves non-citations alone", () => {
    const text = "See [Table 2] [sic] and [the paper](https://example.org/1).";
    expect(enforceCitations(text, allowed)).toEqual({ text, removed: [], kept: [] });
  });

  it("leaves nothing unsupported for parseCitations to find", () => {
    const result = enforceCitations("A [1-300] B [42, 999] C [61;62] D [8–8]", allowed);
    for (const n of parseCitations(result.text)) expect(allowed.has(n)).toBe(true);
    expect(result.text).toBe("A [8, 42, 48, 60, 62] B [42] C [62] D [8]");
  });
});

describe("every citation shape a model writes", () => {
  const allowed = new Set([12, 71]);

  it.each([
    ["full-width brackets", "Shown ［999］ here [12].", "Shown here [12]."],
    ["full-width digits", "Shown ［９９９］ here ［１２］.", "Shown here [12]."],
    ["lenticular brackets", "Shown 【999】 here 【12】.", "Shown here [12]."],
    ["tortoise-shell brackets", "Shown 〔999〕 here.", "Shown here."],
    ["a letter after the number", "Shown [999a] here [12b].", "Shown here [12]."],
    ["ref inside brackets", "Shown [ref 999] here [Ref. 12].", "Shown here [12]."],
    ["refs inside brackets", "Shown [refs 71, 999].", "Shown [71]."],
    ["a parenthesised number", "Shown (999) here (12).", "Shown here [12]."],
    ["a parenthesised list", "Shown (71, 999) here.", "Shown [71] here."],
    ["a parenthesised single digit before a full stop", "Shown (7).", "Shown."],
    ["and between numbers", "Shown [71 and 999].", "Shown [71]."],
    ["& and to", "Shown [71 & 999] and [10 to 12].", "Shown [71] and [12]."],
    ["a footnote mark", "Shown [^999] here [^12].", "Shown here [12]."],
    ["ref. outside brackets", "As ref. 999 shows, and reference 12 too.", "As shows, and [12] too."],
    ["refs outside brackets", "See refs 12 and 999.", "See [12]."],
    ["a hash", "Shown [#999] here [#12].", "Shown here [12]."],
    ["a zero-width space inside", "Shown [99\u200B9] here.", "Shown here."],
    ["a word joiner and a BOM", "Shown [\u20609\uFEFF99] here.", "Shown here."],
    ["a combining mark on a digit", "Shown [9\u033899] here.", "Shown here."],
    ["a right-to-left mark", "Shown [\u200F999] here.", "Shown here."],
    ["a number as a link's text", "Shown [999](https://example.org) here.", "Shown here."],
    ["see inside parentheses", "Shown (see [999]) here (cf. [12]).", "Shown here [12]."],
    ["a trailing comma", "Shown [999,] here.", "Shown here."],
  ])("%s", (_, text, expected) => {
    const result = enforceCitations(text, allowed);
    expect(result.text).toBe(expected);
    expect(result.removed.length).toBeGreaterThan(0);
    for (const n of parseCitations(canonicalCitations(result.text))) expect(allowed.has(n)).toBe(true);
  });

  it.each([
    ["list markers", "Two ways: (1) first, and (2) second."],
    ["numbers that are no citation", "A 50% drop (n = 12, p < 0.05) at 3.5 mg (twice daily)."],
    ["other brackets", "As in [Table 2] [sic] and [Figure 1A]."],
    ["words before numbers outside brackets", "We see 3 routes; cf 12 patients."],
    ["a neutralized mention", "@\u200Beveryone <@\u200B123> <@\u200B!4>"],
  ])("leaves %s as written", (_, text) => {
    expect(canonicalCitations(text)).toBe(text);
    expect(enforceCitations(text, allowed)).toEqual({ text, removed: [], kept: [] });
  });
});

describe("neutralizeMentions", () => {
  it("puts a zero-width space after the @ of every mention form", () => {
    const out = neutralizeMentions("@everyone @here <@123> <@&456> <@!789>");
    expect(out).toBe("@\u200Beveryone @\u200Bhere <@\u200B123> <@\u200B&456> <@\u200B!789>");
  });

  it("is idempotent and leaves ordinary @ alone", () => {
    const once = neutralizeMentions("mail me@lab.org @everyone");
    expect(neutralizeMentions(once)).toBe(once);
    expect(once).toContain("me@lab.org");
  });
});
