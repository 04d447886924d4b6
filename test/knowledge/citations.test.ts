/** The review's citation groups read strictly by the ingest: ranges, lists, and brackets that are not citations. */
import { describe, expect, it } from "vitest";
import { citedNumbers, expandCitation, normalizeCitations } from "../../src/knowledge/citations.ts";

describe("expandCitation", () => {
  it("expands ranges written with a hyphen or an en dash", () => {
    expect(expandCitation("60-64")).toEqual([60, 61, 62, 63, 64]);
    expect(expandCitation("88–90")).toEqual([88, 89, 90]);
  });

  it("reads lists, with or without spaces, and mixed lists", () => {
    expect(expandCitation("8,48")).toEqual([8, 48]);
    expect(expandCitation("151,152,175, 176")).toEqual([151, 152, 175, 176]);
    expect(expandCitation("122,125–127")).toEqual([122, 125, 126, 127]);
  });

  it("rejects a descending range", () => {
    expect(() => expandCitation("64-60")).toThrow(/range/);
  });
});

describe("citedNumbers", () => {
  it("collects every bracket of a text, sorted and without repeats", () => {
    expect(citedNumbers("gefitinib [79] and erlotinib [80] … [79]")).toEqual([79, 80]);
    expect(citedNumbers("[107–146]")).toHaveLength(40);
  });

  it("reads the Table 2 parenthetical and the citation after it", () => {
    const refs = citedNumbers("ligand isolation (Table 2, Ref. [107–146]) [147].");
    expect(refs[0]).toBe(107);
    expect(refs.at(-1)).toBe(147);
    expect(refs).toHaveLength(41);
  });

  it("ignores brackets that are not citations and text without any", () => {
    expect(citedNumbers("median survival (95% CI) was 3.49 months (3.02-4.33)")).toEqual([]);
    expect(citedNumbers("[see above]")).toEqual([]);
  });
});

describe("normalizeCitations", () => {
  it("writes ranges with an en dash and drops spaces, like the review", () => {
    expect(normalizeCitations("tumors [60-64].")).toBe("tumors [60–64].");
    expect(normalizeCitations("outcomes [151,152,175, 176].")).toBe("outcomes [151,152,175,176].");
    expect(normalizeCitations("resistance [8–10]")).toBe("resistance [8–10]");
  });
});
