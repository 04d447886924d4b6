/**
 * Answers stay bounded, in a library of reviews as over one: a list of tied Table 1 rows is completed from the
 * review its rows belong to, never from every review's table; an answer shows at most 25 sources (an embed's
 * fields) and fits an embed's description, and every number it cites is carried by a source it shows.
 */
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.ts";
import { capAnswer, createAsker, MAX_DESCRIPTION_CHARS } from "../../src/answer/ask.ts";
import { createDrugCatalog } from "../../src/drugs/catalog.ts";
import { parseCitations } from "../../src/knowledge/citations.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { silentLogger } from "../../src/log.ts";
import { buildSearchDocs, type SearchDoc } from "../../src/search/documents.ts";
import { aliasGroupsOf, createSearchEngineFromDocs } from "../../src/search/engine.ts";
import { testCore } from "../support/core.ts";

const knowledge = loadKnowledge("knowledge/igf-tki-review");

/** The review indexed twice, as two reviews of one library: the second's ids and rows under "copy1/". */
function twoReviews(): SearchDoc[] {
  const first = buildSearchDocs(knowledge);
  const second = buildSearchDocs(knowledge).map((doc) => ({
    ...doc,
    hit: { ...doc.hit, id: `copy1/${doc.hit.id}` },
    sentences: doc.sentences.map((s) => ({ ...s, id: `copy1/${s.id}` })),
    row: doc.row && { ...doc.row, document: `copy1/${doc.row.document}` },
  }));
  return [...first, ...second];
}

/** Rule 1: every number shown is carried by a source shown with the answer. */
function expectGroundedCitations(answer: Answer) {
  const carried = new Set(answer.sources.flatMap((s) => s.refs));
  for (const n of parseCitations(answer.answer)) expect(carried.has(n), `[${n}] carried`).toBe(true);
}

describe("bounded answers", () => {
  it("a tied Table 1 list in a library of two reviews names one review's twelve EGFR/HER rows, not both reviews'", async () => {
    const engine = createSearchEngineFromDocs(twoReviews(), aliasGroupsOf(knowledge));
    const ask = createAsker({ engine, knowledge, catalog: createDrugCatalog(knowledge), logger: silentLogger() });
    const answer = await ask("which drugs target EGFR/HER?");
    expect(answer.answer).toMatch(/^Table 1 lists /);
    expect(answer.sources).toHaveLength(12);
    const reviews = new Set(answer.sources.map((s) => (s.id.startsWith("copy1/") ? "copy1" : "review")));
    expect(reviews.size).toBe(1);
    expect(answer.answer.match(/Gefitinib/g)).toHaveLength(1);
    expectGroundedCitations(answer);
  });

  it("a table query matching 88 rows lists them all but shows 25 sources, which carry the table's citation", async () => {
    const answer = await testCore().ask("which drugs in table 1 were approved after 2000?");
    expect(answer.answer).toMatch(/^88 FDA-approved drugs in Table 1/);
    expect(answer.answer.length).toBeLessThanOrEqual(4096);
    expect(answer.sources).toHaveLength(25);
    expect(answer.citations).toEqual([11, 12]);
    expectGroundedCitations(answer);
  });

  it("a text longer than an embed's description is cut at a word, never inside a citation group", () => {
    const sentence = "IGFBP7 blocks caspase activity and BIM expression in resistant cells [71, 72].";
    for (let pad = 0; pad < sentence.length; pad++) {
      const text = `${"x".repeat(pad)} ${sentence.repeat(60)}`;
      const cut = capAnswer(text);
      expect(cut.length).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
      expect(cut.endsWith("…")).toBe(true);
      // Every "[" that is opened is closed: no number of a broken group is left standing.
      expect(cut.replace(/\[[^\]]*\]/g, "")).not.toContain("[");
    }
    expect(capAnswer(sentence)).toBe(sentence);
  });
});
