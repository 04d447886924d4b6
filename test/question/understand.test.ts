/**
 * Understanding a question before it is searched: follow-ups that refer back carry the earlier turn's subject
 * and only those; a pointer with nothing to point at is asked back; small talk, questions about the review
 * itself, names the review never mentions, and lay wording rewritten into the review's terms.
 */
import { describe, expect, it } from "vitest";
import { createLexiconReader } from "../../src/question/lexicon.ts";
import { createUnderstander, type Query } from "../../src/question/understand.ts";
import { testCore } from "../support/core.ts";

const core = testCore();
const understand = createUnderstander(core);

/** The last turn of a conversation, understood with the turns before it. */
function lastTurn(...turns: string[]): Query {
  const earlier = turns.slice(0, -1).map((question) => ({ question }));
  return understand(turns.at(-1)!, earlier);
}

describe("follow-ups", () => {
  it("a continuation with no subject of its own carries the earlier turn's subject, keeping the raw question", () => {
    const query = lastTurn("what does IGFBP3 do in resistance?", "and in which cancers?");
    expect(query.followUp).toBe(true);
    expect(query.raw).toBe("and in which cancers?");
    expect(query.standalone).toMatch(/IGFBP3/);
    expect(query.search).toMatch(/IGFBP3/);
  });

  it("a pronoun carries the earlier turn's drug", () => {
    const query = lastTurn("what is osimertinib?", "when was it approved?");
    expect(query.followUp).toBe(true);
    expect(query.standalone).toMatch(/osimertinib/);
  });

  it.each([
    [
      "that same … thing",
      "what does IGF-2 do in trastuzumab-resistant cells?",
      "does that same dimer thing happen with gefitinib?",
    ],
    ["one of several named before", "which Table 3 trials were in sarcoma?", "what did the ewing one find?"],
    ["the latter", "compare figitumumab and cixutumumab", "is the latter still in trials?"],
  ])("%s points back, so the earlier turn is carried", (_, first, second) => {
    const query = lastTurn(first, second);
    expect(query.followUp).toBe(true);
    expect(query.standalone).toContain(first);
  });

  it("a follow-up of a follow-up carries the first turn's subject on", () => {
    const query = lastTurn("what does IGFBP3 do in resistance?", "and in which cancers?", "what about in lung cancer?");
    expect(query.followUp).toBe(true);
    expect(query.standalone).toMatch(/IGFBP3/);
  });

  it("a turn that names its own subject does not carry the earlier one (ALK after gefitinib)", () => {
    const query = lastTurn("how does gefitinib resistance develop?", "which ALK inhibitors are FDA approved?");
    expect(query.followUp).toBe(false);
    expect(query.standalone).toBe("which ALK inhibitors are FDA approved?");
    expect(query.search).not.toMatch(/gefitinib/i);
    expect(query.intent).toEqual({
      kind: "table",
      query: { table: "1", where: [{ table: "1", field: "target", op: "any", values: ["ALK"] }] },
    });
  });

  it("a table question after another table question asks its own filter (EGFR after ALK)", () => {
    const query = lastTurn("which ALK inhibitors are FDA approved?", "how many drugs in table 1 target EGFR?");
    expect(query.followUp).toBe(false);
    expect(query.intent).toEqual({
      kind: "table",
      query: { table: "1", where: [{ table: "1", field: "target", op: "any", values: ["EGFR"] }] },
    });
  });

  it("'what about erlotinib?' names its own drug: the earlier gefitinib is not carried", () => {
    const query = lastTurn("when was gefitinib approved?", "what about erlotinib?");
    expect(query.followUp).toBe(false);
    expect(query.standalone).not.toMatch(/gefitinib/i);
    expect(query.subjects).toContain("Erlotinib");
  });

  it("'which of those …' narrows the table query before it", () => {
    const query = lastTurn("which drugs in table 1 target ALK?", "which of those were approved after 2015?");
    expect(query.followUp).toBe(true);
    expect(query.intent).toEqual({
      kind: "table",
      query: {
        table: "1",
        where: [
          { table: "1", field: "target", op: "any", values: ["ALK"] },
          { table: "1", field: "year", op: "gt", n: 2015 },
        ],
      },
    });
  });
});

describe("a pointer with nothing to point at", () => {
  it.each([
    ["what does it do?", "it"],
    ["is that drug approved?", "that drug"],
    ["what about them?", "them"],
  ])("%j with no earlier turn is asked back (clarify, pointer %j)", (question, pointer) => {
    expect(understand(question).intent).toEqual({ kind: "clarify", pointer });
  });

  it("after only small talk, a pointer is still asked back", () => {
    expect(lastTurn("hi", "what does it do?").intent).toEqual({ kind: "clarify", pointer: "it" });
  });

  it("a question that names its subject and uses a pronoun in passing is not asked back", () => {
    expect(understand("is it true that IGFBP3 loss causes osimertinib resistance?").intent.kind).toBe("search");
  });

  it("through ask: a question back, citing nothing", async () => {
    const answer = await core.ask("what does it do?");
    expect(answer.mode).toBe("clarify");
    expect(answer.grounded).toBe(false);
    expect(answer.sources).toEqual([]);
    expect(answer.answer).toMatch(/^What does "it" refer to\?/);
  });
});

describe("small talk", () => {
  it.each([
    ["hi", "greeting"],
    ["hello there!", "greeting"],
    ["thanks", "thanks"],
    ["thank you!", "thanks"],
    ["help", "help"],
    ["what can you do?", "help"],
  ])("%j is small talk (%s)", (question, what) => {
    expect(understand(question).intent).toEqual({ kind: "small-talk", what });
  });

  it("a greeting gets the help card through ask, never a quoted sentence", async () => {
    for (const question of ["hi", "help", "what can you do?"]) {
      const answer = await core.ask(question);
      expect(answer.mode, question).toBe("help");
      expect(answer.sources, question).toEqual([]);
      expect(answer.citations, question).toEqual([]);
      expect(answer.answer, question).toMatch(/I answer questions about the review/);
    }
    const thanks = await core.ask("thanks");
    expect(thanks.mode).toBe("help");
    expect(thanks.answer).toMatch(/^You're welcome/);
  });
});

describe("questions about the review itself", () => {
  const { document } = core.knowledge;
  it.each([
    ["who wrote this review?", "authors", null, "front/authors", document.authors[0]!.name],
    ["when was the review published?", "dates", null, "front/dates", "11 August 2023"],
    ["which journal published the review?", "publisher", null, "front/publisher", document.publisher],
    ["what licence is the review under?", "license", null, "front/license", document.license.name],
    ["what were the author contributions?", "contributions", null, "front/author-contributions", "YP wrote"],
    ["who funded the review?", "funding", null, "front/funding", "no external funding"],
    ["any conflicts of interest?", "conflicts", null, "front/conflict-of-interest", "no conflict of interest"],
    ["what does section 4 cover?", "outline", "4", "front/section-4", '"The Mechanism of the IGF Pathway'],
    [
      "what does the review conclude?",
      "conclusions",
      null,
      "sec-6-p1-s5",
      '(section 6, "Conclusions and Perspectives")',
    ],
    ["what does figure 1 show?", "figure", null, "fig1", "IGF, insulin and their receptors"],
  ])("%j asks for the %s, answered from where it stands", async (question, topic, section, source, text) => {
    expect(understand(question).intent).toEqual({ kind: "meta", meta: { topics: [topic], section } });
    const answer = await core.ask(question);
    expect(answer.grounded).toBe(true);
    expect(answer.sources[0]?.id).toBe(source);
    expect(answer.answer).toContain(text);
  });

  it("two topics in one question are both answered, in the order asked", () => {
    expect(understand("when did it come out, and in which journal?").intent).toEqual({
      kind: "meta",
      meta: { topics: ["dates", "publisher"], section: null },
    });
  });

  it("a drug's approval date is not a question about the review's date", () => {
    expect(understand("when was gefitinib approved?").intent.kind).not.toBe("meta");
  });
});

describe("names the review never mentions", () => {
  it.each([
    ["does metformin reverse TKI resistance?", "metformin"],
    ["how do tumours become resistant to sotorasib?", "sotorasib"],
    ["is lazertinib better than osimertinib?", "lazertinib"],
  ])("%j is declined by name (%s)", async (question, name) => {
    expect(understand(question).intent).toEqual({ kind: "unknown-names", names: [name] });
    const answer = await core.ask(question);
    expect(answer.mode).toBe("declined");
    expect(answer.grounded).toBe(false);
    expect(answer.answer).toMatch(new RegExp(`^The review does not mention ${name}\\b`));
  });

  it("a typo of a drug the review knows is not declined: 'osimertnib' is answered", async () => {
    const question = "how does resistance to osimertnib develop?";
    expect(understand(question).intent.kind).toBe("search");
    const answer = await core.ask(question);
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toMatch(/osimertinib/i);
  });

  it("a compound of a known name (EGFR-TKIs) and a trial id are not unknown names", () => {
    expect(understand("how do EGFR-TKIs fail?").intent.kind).not.toBe("unknown-names");
    expect(understand("what did NCT00673049 find?").intent.kind).not.toBe("unknown-names");
  });
});

describe("lay words in the review's terms", () => {
  const { rewrite, split } = createLexiconReader(core.knowledge.lexicon);

  it("'stop working' is searched as resistance; the raw question is kept for the answer", () => {
    const query = understand("why does gefitinib stop working?");
    expect(query.raw).toBe("why does gefitinib stop working?");
    expect(query.search).toMatch(/\bresistance\b/);
    expect(query.search).not.toMatch(/stop working/);
  });

  it("'blood sugar' is hyperglycemia", () => {
    expect(rewrite("does it raise blood sugar?")).toMatch(/\bhyperglycemia\b/);
    expect(rewrite("does it raise blood sugar?")).not.toMatch(/sugar/);
  });

  it("lab shorthand is read as the review's words", () => {
    expect(rewrite("egfr muts and kinase inh")).toMatch(/mutations.*inhibitors/);
    expect(rewrite("igf-1r abs in tx of mets over 5 yrs")).toMatch(/antibodies.*treatment.*metastases.*years/);
  });

  it("phrases match whole words in any case, the longest first", () => {
    expect(rewrite("the tumour STOPPED RESPONDING")).toMatch(/resistance/);
    // "escape" alone is resistance; "escape death" is the longer phrase, and means surviving apoptosis.
    expect(rewrite("how do cells escape death?")).toMatch(/anti-apoptotic/);
    expect(rewrite("how do cells escape death?")).not.toMatch(/resistance/);
    expect(rewrite("pills")).toMatch(/TKI/);
    expect(rewrite("spills")).toBe("spills");
  });

  it("for weighing coverage, a lay phrase is set apart with all its meanings", () => {
    const { rest, phrases } = split("why does gefitinib stop working?");
    expect(rest.replace(/\s+/g, " ")).toBe("why does gefitinib ?");
    expect(phrases).toEqual([["resistance", "resistant", "acquired resistance"]]);
    expect(understand("why does gefitinib stop working?").gate.rest).not.toMatch(/resist|acquired|working/);
  });
});
