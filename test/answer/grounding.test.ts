/**
 * The grounding check's reading of lay phrases: one phrase is one thing asked, and any of its meanings meets it.
 */
import { describe, expect, it } from "vitest";
import { gateQuery, groundingOf } from "../../src/answer/grounding.ts";
import { createLexiconReader } from "../../src/question/lexicon.ts";
import { testCore } from "../support/core.ts";

const { engine, knowledge } = testCore();
const lexicon = createLexiconReader(knowledge.lexicon);

describe("gateQuery", () => {
  it("reads each lay phrase as one concept, a reading for each of its meanings (the rarest term of each)", () => {
    // "pumps out" means "secreted" or "synthesized"; "stop working" means resistance, resistant or acquired
    // resistance, whose rarest term is "acquired".
    const gate = gateQuery(engine.index, lexicon.split("why does the liver pump out IGF and why do TKIs stop working"));
    expect(gate.concepts).toContainEqual(["secret", "synthes"]);
    expect(gate.concepts).toContainEqual(["resist", "acquir"]);
    expect(gate.concepts.flat()).toContain("liver");
  });

  it("lets a document that uses a later meaning meet the phrase", () => {
    // The passage says IGFs are "synthesized in the liver": under the first meaning alone ("secreted") the lay
    // phrase went unmet, and the question was declined.
    const question = "the liver pumps out IGF, what regulates it";
    const passage = engine
      .rank(lexicon.rewrite(question), { k: 10 })
      .ranked.find((r) => r.source.hit.id === "sec-3-p3-s2");
    expect(passage?.matched).toContain("synthes");
    const byAll = groundingOf(gateQuery(engine.index, lexicon.split(question)), passage, engine.index);
    const { rest, phrases } = lexicon.split(question);
    const byFirst = groundingOf(
      engine.index.analyse(`${rest} ${phrases.map((p) => p[0]).join(" ")}`),
      passage,
      engine.index,
    );
    expect(byAll.matchedWords).toBe(byFirst.matchedWords + 1);
    expect(byAll.coverage).toBeGreaterThan(byFirst.coverage);
  });
});
