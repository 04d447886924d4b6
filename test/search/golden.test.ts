/**
 * Golden rankings over the committed review: fixed queries, the documents that must come first, and why.
 * A change to the tokenizer, the fields or their weights that breaks one of these has changed what a lab
 * member gets back; look at the reason before updating the expectation.
 */
import { describe, expect, it } from "vitest";
import { testCore } from "../support/core.ts";

const search = (query: string, k = 5) => testCore().search(query, { k });
const ids = (query: string, k = 5) => search(query, k).map((h) => h.id);

describe("golden rankings", () => {
  it.each([
    // The drug's approval and indication live in its Table 1 row, not in prose that mentions the drug.
    ["What is osimertinib approved for?", "table1/osimertinib"],
    ["primary target of lorlatinib and year approved", "table1/lorlatinib"],
    // A development code is a name of a Table 2 compound.
    ["Which compound is also known as OSI-906?", "table2/linsitinib"],
    // A trial outcome lives in its Table 3 row; the brand-new name AMG 479 is ganitumab.
    ["6-month survival with AMG 479 plus gemcitabine in pancreatic cancer", "table3/row-163"],
    // An NCT id finds its trial whole.
    ["NCT00673049", "table3/row-159"],
    // Mechanisms land on the sentence that states them.
    ["How does IGFBP7 inhibit apoptosis?", "sec-4.3-p3-s1"],
    ["p27 phosphorylation at T157", "sec-4.3-p2-s4"],
    ["gatekeeper mutation", "sec-2.1-p1-s16"],
    // British spelling and a Greek letter written out meet the review's "TGF-β ... signaling".
    ["IGFBP3 TGF-beta Smad signalling independent of IGF", "sec-4.1-p3-s2"],
    // The figure answers questions about what the figure shows.
    ["Which figure shows IGF, insulin and their receptors?", "fig1"],
  ])("%s → %s first", (query, expected) => {
    expect(ids(query)[0]).toBe(expected);
  });

  it("ranks what the review says of the drug a question names above another drug's trial in the same cancer", () => {
    // The review has no ganitumab trial in Ewing sarcoma; teprotumumab's Ewing trial must not pass for one.
    const first = search("Does ganitumab work in Ewing sarcoma?")[0]!;
    expect(first.text).toMatch(/ganitumab|AMG/i);
  });

  it("finds a drug through a typo in its name", () => {
    expect(search("gefitnib")[0]?.drug).toBe("Gefitinib");
    expect(ids("osimertnib T790M", 5)).toContain("table1/osimertinib");
  });

  it("lists every CDK4/6 inhibitor of Table 1 among the first hits", () => {
    const drugs = search("Which drugs in the FDA table target CDK4/6?", 5).map((h) => h.drug);
    expect(drugs).toEqual(expect.arrayContaining(["Abemaciclib", "Palbociclib", "Ribociclib", "Trilaciclib"]));
  });

  it("matches every spelling of IGF-1R the same way", () => {
    const forms = [
      "nuclear IGF-1R importin",
      "nuclear IGF1R importin",
      "nuclear IGF-IR importin",
      "nuclear insulin-like growth factor 1 receptor importin",
    ];
    const firsts = forms.map((q) => ids(q, 1)[0]);
    expect(new Set(firsts).size).toBe(1);
    expect(firsts[0]).toMatch(/^sec-4\.3-/);
  });

  it("ranks the review's sentence above the reference entry it cites, and finds the entry by its title", () => {
    expect(ids("Herceptin resistance Src", 5)[0]).toBe("sec-4.1-p2-s3");
    // A reference entry is the weakest evidence: even its own title ranks it just under the review's
    // sentence that cites it, which says what the study found.
    expect(ids("Trastuzumab resistance: all roads lead to SRC", 2)).toEqual(["sec-4.1-p2-s3", "ref-75"]);
  });

  it("returns hits in the contract's shape", () => {
    const hits = [...search("IGF-1R heterodimer with EGFR", 5), ...search("gefitinib", 5)];
    for (const hit of hits) {
      expect(Object.keys(hit).sort()).toEqual(["drug", "id", "kind", "refs", "score", "section", "table", "text"]);
    }
    // Both kinds are present, so neither check below can pass by checking nothing.
    const passages = hits.filter((hit) => hit.kind === "passage");
    const rows = hits.filter((hit) => hit.kind === "table-row");
    expect(passages.length).toBeGreaterThan(0);
    expect(rows.length).toBeGreaterThan(0);
    for (const hit of passages) expect(hit.section).toMatch(/^\d(\.\d)?$/);
    for (const hit of rows) expect(hit.drug).toBeTruthy();
  });
});
