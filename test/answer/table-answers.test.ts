/**
 * Answers to table questions, comparisons and extractive answers, through the real ask pipeline over the
 * committed review: counts in words, complete lists, an empty result named as such, both sides of a
 * comparison (or the side the review lacks), answers that open with a sentence that stands on its own, every
 * citation carried by a source shown, and drugs found by their brand names.
 */
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.ts";
import { parseCitations } from "../../src/knowledge/citations.ts";
import { testCore } from "../support/core.ts";

const core = testCore();

/** Rule 1: every number shown is listed, and carried by a source shown with the answer. */
function expectGroundedCitations(answer: Answer) {
  const shown = parseCitations(answer.answer);
  expect(shown, answer.question).toEqual(answer.citations);
  const carried = new Set(answer.sources.flatMap((s) => s.refs));
  for (const n of shown) expect(carried.has(n), `[${n}] carried by a source for ${answer.question}`).toBe(true);
}

const sourceIds = (answer: Answer) => answer.sources.map((s) => s.id);

describe("table questions", () => {
  it("'how many ALK drugs are on the FDA list?' says five and names all five", async () => {
    const answer = await core.ask("how many ALK drugs are on the FDA list?");
    expect(answer.mode).toBe("extractive");
    expect(answer.answer).toMatch(/^Five FDA-approved drugs in Table 1 \(target ALK\):/);
    for (const drug of ["Alectinib", "Brigatinib", "Ceritinib", "Crizotinib", "Lorlatinib"])
      expect(answer.answer).toContain(drug);
    expect(sourceIds(answer)).toEqual([
      "table1/alectinib",
      "table1/brigatinib",
      "table1/ceritinib",
      "table1/crizotinib",
      "table1/lorlatinib",
    ]);
    // Table 1 cites the sources it is adapted from once, for the whole list.
    expect(answer.citations).toEqual([11, 12]);
    expect(answer.answer.match(/\[11, 12\]/g)).toHaveLength(1);
  });

  it("antibody drugs in Table 1 approved before 2010 are trastuzumab, cetuximab and panitumumab, and no others", async () => {
    const answer = await core.ask("which of the antibody drugs in table 1 were approved before 2010?");
    expect(answer.answer).toMatch(/^Three FDA-approved drugs in Table 1/);
    expect(sourceIds(answer)).toEqual(["table1/cetuximab", "table1/panitumumab", "table1/trastuzumab"]);
    expect(answer.answer).toMatch(/Trastuzumab \(HER2, mAb, 1998[,)]/);
    expect(answer.answer).not.toMatch(/Pertuzumab|Necitumumab|Ruxolitinib/);
  });

  it("Table 3's breast cancer trials name their drugs, each row with its own reference", async () => {
    const answer = await core.ask("which drugs in table 3 were tested in breast cancer patients?");
    expect(answer.answer).toMatch(/^Two clinical trials in Table 3 \(in breast\):/);
    expect(sourceIds(answer)).toEqual(["table3/row-153", "table3/row-168"]);
    expect(answer.answer).toMatch(/Xentuzumab \+ everolimus, exemestane in hormone receptor-positive.*\[153\]/);
    expect(answer.answer).toMatch(/Cixutumumab \+ capecitabine, lapatinib in HER2-positive.*\[168\]/);
    expect(answer.citations).toEqual([153, 168]);
  });

  it("'which IGF-pathway drugs got as far as phase 3?' lists the three phase III trials, II/III included", async () => {
    const answer = await core.ask("which IGF-pathway drugs got as far as phase 3?");
    expect(answer.answer).toMatch(/^Three clinical trials in Table 3 \(phase III\):/);
    expect(sourceIds(answer)).toEqual(["table3/row-155", "table3/row-160", "table3/row-151"]);
    for (const drug of ["Dalotuzumab", "Figitumumab", "Linsitinib"]) expect(answer.answer).toContain(drug);
  });

  it("a list is never cut at three: Table 2's eight small molecules, each with a study", async () => {
    const answer = await core.ask("which compounds in table 2 are small molecules?");
    const smallMolecules = core.knowledge.table2.filter((r) => r.strategy === "Small molecule inhibitors");
    expect(smallMolecules).toHaveLength(8);
    expect(answer.answer).toMatch(/^Eight IGF-pathway compounds in Table 2 \(small molecule inhibitors\):/);
    expect(sourceIds(answer)).toEqual(smallMolecules.map((r) => r.id));
    for (const row of smallMolecules) expect(answer.answer).toContain(`${row.compound}`);
    expect(answer.citations).toHaveLength(8);
  });

  it("a list is never cut at three: cixutumumab's five trials", async () => {
    const answer = await core.ask("which trials tested cixutumumab?");
    expect(answer.answer).toMatch(/^Five clinical trials in Table 3/);
    expect(sourceIds(answer)).toHaveLength(5);
    expect(answer.citations).toEqual([168, 169, 170, 171, 173]);
  });

  it("an empty result says no row matches, naming the filters, and cites nothing", async () => {
    const trials = await core.ask("which table 3 trials were phase III in breast cancer?");
    expect(trials.answer).toBe("No clinical trial in Table 3 (in breast; phase III) matches.");
    expect(trials.sources).toEqual([]);
    expect(trials.citations).toEqual([]);
    const approvals = await core.ask("which ALK drugs were approved before 2010?");
    expect(approvals.answer).toBe("No FDA-approved drug in Table 1 (approved before 2010; target ALK) matches.");
  });
});

describe("years", () => {
  it("'by the end of 2022' bounds the years from above, as the review's own count does (78)", async () => {
    const answer = await core.ask("how many small-molecule kinase inhibitors had the FDA approved by the end of 2022?");
    expect(answer.answer).toMatch(/^78 FDA-approved drugs in Table 1 \(approved in or before 2022; /);
    // A list that long names its drugs without their details, so it stays a short reply.
    expect(answer.answer).toMatch(/\): Abemaciclib, Abrocitinib, Acalabrutinib, /);
    expect(answer.answer.length).toBeLessThan(1500);
    expectGroundedCitations(answer);
  });
});

describe("order in time", () => {
  it("asked of named drugs (brands too), is answered from Table 1's years, oldest or newest first", async () => {
    const first = await core.ask("which came first, iressa or tarceva?");
    expect(first.answer).toMatch(
      /^Two FDA-approved drugs in Table 1 \(.*\), oldest first: Gefitinib \(.*2003.*\), Erlotinib \(.*2004/,
    );
    expectGroundedCitations(first);
    const newest = await core.ask("is tagrisso newer than gilotrif?");
    expect(newest.answer).toMatch(/newest first: Osimertinib \(.*2015.*\), Afatinib \(.*2013/);
  });
});

describe("comparisons", () => {
  it("'against' after what a drug does says what it acts on, and is no comparison", async () => {
    // "Effective against T790M" once split into the sides "is tagrisso effective" and "T790M".
    for (const question of ["is tagrisso effective against t790m?", "what does tagrisso do against t790m"]) {
      const answer = await core.ask(question);
      expect(answer.answer).not.toMatch(/the review has nothing on this side/);
      expect(answer.answer).toMatch(/osimertinib, which can effectively overcome/);
    }
    // Between two names it is still one.
    expect((await core.ask("gefitinib against erlotinib")).answer).toMatch(/^Gefitinib and erlotinib: /);
  });

  it("two drugs asked about by name alone are each quoted where the review introduces them", async () => {
    const answer = await core.ask("gefitinib vs osimertinib - what's actually different between them?");
    expect(answer.answer).toMatch(
      /^Gefitinib: Representative drugs of the first generation of EGFR-TKIs include gefitinib/,
    );
    expect(answer.answer).toMatch(
      /\nOsimertinib: The representative drug of the third generation of EGFR-TKIs is osimertinib/,
    );
    expect(answer.citations).toEqual(expect.arrayContaining([23, 28]));
  });

  it("answer both sides, each with its own evidence and citations", async () => {
    const answer = await core.ask("figitumumab vs ganitumab — how did their trials compare?");
    const [first, second, ...rest] = answer.answer.split("\n");
    expect(rest).toEqual([]);
    expect(first).toMatch(/^Figitumumab: .*\[\d+\]/);
    expect(second).toMatch(/^Ganitumab: .*ganitumab.*\[\d+\]/);
    expect(parseCitations(first!)).not.toEqual(parseCitations(second!));
    expect(answer.sources).toHaveLength(2);
  });

  it("name the side the review has nothing on instead of leaving it out", async () => {
    const answer = await core.ask("gefitinib versus acupuncture");
    const [first, second] = answer.answer.split("\n");
    expect(first).toMatch(/^Gefitinib: .*gefitinib/);
    expect(second).toBe("Acupuncture: the review has nothing on this side.");
    expect(answer.sources).toHaveLength(1);
  });
});

describe("extractive answers that stand on their own", () => {
  it("a best sentence opening with 'This' brings in the sentence it refers to, with its own citation", async () => {
    // sec-4.3-p1-s5 reads "This promotes the formation of amphiregulin/IGF-1R/importin-β1 complexes…".
    const answer = await core.ask("what promotes the formation of amphiregulin/IGF-1R/importin-β1 complexes?");
    expect(sourceIds(answer).slice(0, 2)).toEqual(["sec-4.3-p1-s4", "sec-4.3-p1-s5"]);
    expect(answer.answer).toMatch(
      /^Guerard et al\. \[102\] demonstrated that gefitinib .*\. This promotes the formation/,
    );
    expect(answer.sources[0]?.refs).toEqual([102]);
  });

  it("a sentence that points back ('They also found…') is led in by the one it points to", async () => {
    const answer = await core.ask(
      "Did AG-1024 enhance the growth inhibition and pro-apoptotic effect of gefitinib in drug-resistant H1650 cells?",
    );
    expect(answer.answer).toMatch(/^Jung-Min Choi et al\. \[105\] demonstrated .* They also found that AG-1024/);
    expect(answer.citations).toEqual(expect.arrayContaining([42, 105]));
  });

  it("a sentence that only adds ('In addition, …') stands on its own: the one before may be about something else", async () => {
    const answer = await core.ask(
      "Did knocking down IGF-1R with siRNA lower the gefitinib/erlotinib IC50 in resistant PC-9 and H460 derived lines?",
    );
    expect(answer.answer).toMatch(/^In addition, Juan Zhou et al\. \[86\]/);
    expect(answer.citations).toContain(86);
  });

  it("no answer opens with the review's This/These/However sentences (paragraph openers too): each is led in", async () => {
    const pointing = core.knowledge.sections.flatMap((section) =>
      // Paragraph openers too: "These studies have demonstrated…" is led in by the last sentence before it.
      section.paragraphs.flatMap((p, j) =>
        p.sentences.filter((s, i) => (i > 0 || j > 0) && /^(This|These|However)\b/.test(s.text)),
      ),
    );
    expect(pointing.length).toBeGreaterThanOrEqual(10);
    for (const sentence of pointing) {
      const question = sentence.text.replace(/\s*\[[^\]]*\]/g, "").replace(/\.$/, "?");
      const answer = await core.ask(question);
      expect(answer.grounded, sentence.id).toBe(true);
      expect(answer.answer, sentence.id).not.toMatch(/^(This|These|However)\b/);
    }
  });
});

describe("citations", () => {
  it("every [n] in a table, comparison or extractive answer is carried by a source shown with it", async () => {
    const questions = [
      "how many ALK drugs are on the FDA list?",
      "which of the antibody drugs in table 1 were approved before 2010?",
      "which drugs in table 3 were tested in breast cancer patients?",
      "which IGF-pathway drugs got as far as phase 3?",
      "which compounds in table 2 are small molecules?",
      "which trials tested cixutumumab?",
      "which trials had more than 500 participants?",
      "which ligand-neutralizing compounds are in table 2?",
      "figitumumab vs ganitumab — how did their trials compare?",
      "IGFBP2 vs IGFBP7",
      "difference between first and third generation EGFR TKIs",
      "gefitinib versus acupuncture",
      "what promotes the formation of amphiregulin/IGF-1R/importin-β1 complexes?",
      "what does kadcyla do?",
    ];
    for (const question of questions) {
      const answer = await core.ask(question);
      expect(answer.grounded, question).toBe(true);
      expectGroundedCitations(answer);
    }
  });
});

describe("brand names", () => {
  it("/drug finds a drug by its brand name", () => {
    expect(core.drug("Tagrisso").name).toBe("Osimertinib");
    expect(core.drug("kadcyla").name).toBe("Trastuzumab-emtansine");
    expect(core.drug("Herceptin").name).toBe("Trastuzumab");
  });

  it("autocomplete finds a drug from the start of its brand name", () => {
    expect(core.catalog.suggest("kadc").map((s) => s.value)).toContain("Trastuzumab-emtansine");
    expect(core.catalog.suggest("tagr").map((s) => s.value)).toContain("Osimertinib");
  });

  it("every brand name and code in aliases.json opens its drug's card", () => {
    const wrong = core.knowledge.aliases.groups
      .filter((g) => g.kind === "drug")
      .flatMap((g) => g.aliases.map((alias) => ({ alias, canonical: g.canonical, found: core.drug(alias).name })))
      .filter((r) => r.found !== r.canonical);
    expect(wrong).toEqual([]);
  });

  it("a question by brand name is answered about the drug", async () => {
    const answer = await core.ask("what does kadcyla do?");
    expect(answer.grounded).toBe(true);
    expect(answer.answer).toMatch(/trastuzumab emtansine \(T-DM1\) is an antibody-drug conjugate/i);
  });
});
