/** The BM25F index: field weights, long queries, boosts and priors. */
import { describe, expect, it } from "vitest";
import { Bm25fIndex } from "../../src/search/bm25f.ts";

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const tokenizers = { document: words, query: (text: string) => words(text).map((w) => [w]) };
const fields = [
  { name: "name", weight: 3, b: 0.3 },
  { name: "body", weight: 1, b: 0.75 },
];

describe("BM25F index", () => {
  it("weighs a match in a heavier field above the same match in the body", () => {
    const index = new Bm25fIndex(fields, tokenizers, [
      { name: "", body: "gefitinib resistance" },
      { name: "gefitinib", body: "resistance" },
    ]);
    expect(index.search(index.analyse("gefitinib"), { limit: 2 }).map((r) => r.doc)).toEqual([1, 0]);
  });

  it("scores every term of a long query, and reports the rare ones it matched", () => {
    const filler = Array.from({ length: 40 }, (_, i) => `word${i}`).join(" ");
    const index = new Bm25fIndex(fields, tokenizers, [
      { name: "", body: filler },
      { name: "", body: `${filler} zebra` },
      { name: "", body: "unrelated text" },
    ]);
    const [best] = index.search(index.analyse(`${filler} zebra`), { limit: 3 });
    expect(best?.doc).toBe(1);
    expect(best?.matched).toContain("zebra");
  });

  it("reads a typo of a long word as the word, and keeps unknown words apart", () => {
    const index = new Bm25fIndex(fields, tokenizers, [{ name: "", body: "osimertinib" }]);
    const query = index.analyse("osimertnib xylophone");
    expect(query.corrections.get("osimertnib")).toEqual(["osimertinib"]);
    expect(query.unknown).toEqual(["xylophone"]);
    expect(query.concepts).toEqual([["osimertinib"], []]);
  });

  it("multiplies each document's score by its prior, and a zero prior removes a document", () => {
    const index = new Bm25fIndex(fields, tokenizers, [
      { name: "", body: "egfr" },
      { name: "", body: "egfr" },
      { name: "", body: "egfr" },
    ]);
    const query = index.analyse("egfr");
    const plain = index.search(query, { limit: 5 });
    const hits = index.search(query, { limit: 5, priors: Float64Array.of(0, 0.5, 1) });
    expect(hits.map((h) => h.doc)).toEqual([2, 1]);
    expect(hits[1]!.score).toBeCloseTo(plain[1]!.score * 0.5);
  });
});
