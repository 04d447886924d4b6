/**
 * Drugs the review only lists in Table 1: a question tying one to a gene or drug its row does not name is
 * declined by name; questions about the row itself are answered from it.
 */
import { describe, expect, it } from "vitest";
import { createTableOnlyCheck } from "../../src/answer/table-only.ts";
import { aliasGroupsOf } from "../../src/search/engine.ts";
import { testCore } from "../support/core.ts";

const core = testCore();
const tableOnly = createTableOnlyCheck(core.engine, aliasGroupsOf(core.knowledge));
/** The check on a question as the search reads it. */
const check = (question: string) => tableOnly(core.engine.index.analyse(question).terms.keys());

describe("createTableOnlyCheck", () => {
  it("finds a Table-1-only drug tied to a gene its row does not name", () => {
    expect(check("does IGF-1R drive resistance to alectinib?")).toEqual({
      drug: "Alectinib",
      listedAs: "an FDA-approved ALK inhibitor (2015)",
      others: ["IGF-1R"],
    });
  });

  it("leaves alone a drug the review discusses, and a Table-1-only drug asked about with what its row names", () => {
    // Osimertinib has passages of its own; ALK is alectinib's own target.
    expect(check("does IGF-1R drive resistance to osimertinib?")).toBeNull();
    expect(check("is alectinib an ALK inhibitor?")).toBeNull();
  });
});

describe("through ask", () => {
  it("declines, naming the drug and what the review lacks, citing nothing", async () => {
    const answer = await core.ask("does igf1r drive vemurafenib resistance in braf melanoma?");
    expect(answer.grounded).toBe(false);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toMatch(
      /^The review lists Vemurafenib only in Table 1, as an FDA-approved BRAF inhibitor \(2011\); it says nothing about Vemurafenib and IGF-1R\./,
    );
  });

  it("answers what the row says", async () => {
    const answer = await core.ask("what is alectinib approved for?");
    expect(answer.grounded).toBe(true);
    expect(answer.citations).toEqual([11, 12]);
  });
});
