/**
 * Drug look-up over the committed review: names, codes, brand names, typos, drugs only the prose or a trial's
 * combination names, and what a card gathers.
 */
import { describe, expect, it } from "vitest";
import { combinationDrugs } from "../../src/drugs/catalog.ts";
import { UserError } from "../../src/errors.ts";
import { testCore } from "../support/core.ts";

const resolve = (q: string) => testCore().catalog.resolve(q).entry?.name ?? null;

describe("drug names", () => {
  it.each([
    ["AMG-479", "Ganitumab"],
    ["amg 479", "Ganitumab"],
    ["OSI-906", "Linsitinib"],
    ["IMC-A12", "Cixutumumab"],
    ["CP-751,871", "Figitumumab"],
    ["Herceptin", "Trastuzumab"],
    ["Iressa", "Gefitinib"],
    ["ZD1839", "Gefitinib"],
    ["T-DM1", "Trastuzumab-emtansine"],
    ["BI 836845", "Xentuzumab"],
    ["gefitnib", "Gefitinib"],
    ["osimertnib", "Osimertinib"],
    ["icotinib", "Icotinib"],
    ["topotecan", "Topotecan"],
    ["carboplatin", "Carboplatin"],
  ])("%s is %s", (query, name) => {
    expect(resolve(query)).toBe(name);
  });

  it("resolves a unique prefix of five letters or more, and not a shorter word that happens to start a name", () => {
    expect(resolve("osimer")).toBe("Osimertinib");
    expect(resolve("ever")).toBeNull();
    expect(testCore().catalog.resolve("ever").suggestions).toContain("Everolimus");
  });

  it("offers close names, not a guess, when a name is ambiguous or unknown", () => {
    const { entry, suggestions } = testCore().catalog.resolve("ratinib");
    expect(entry).toBeNull();
    expect(suggestions.length).toBeGreaterThan(0);
    expect(testCore().catalog.resolve("qqqqqqqq")).toEqual({ entry: null, suggestions: [] });
  });

  it("splits a trial's combination into its drugs", () => {
    expect(combinationDrugs("Docetaxel or prednisone")).toEqual(["Docetaxel", "Prednisone"]);
    expect(combinationDrugs("Androgen deprivation (AD)")).toEqual([]);
    expect(combinationDrugs(null)).toEqual([]);
  });

  it("autocompletes by prefix first, then by code, within Discord's 25 choices", () => {
    const catalog = testCore().catalog;
    expect(catalog.suggest("osi")[0]?.value).toBe("Osimertinib");
    expect(catalog.suggest("amg").map((c) => c.value)).toContain("Ganitumab");
    expect(catalog.suggest("").length).toBe(25);
    for (const choice of catalog.suggest("")) expect(choice.label.length).toBeLessThanOrEqual(100);
  });
});

describe("drug cards", () => {
  it("gather the Table 2 row, every trial and the sentences that name the drug", () => {
    const card = testCore().drug("AMG-479");
    expect(card.name).toBe("Ganitumab");
    expect(card.table2?.id).toBe("table2/ganitumab");
    expect(card.trials.map((t) => t.id)).toEqual(["table3/row-162", "table3/row-163"]);
    expect(card.mentions.every((m) => /ganitumab|AMG/i.test(m.text))).toBe(true);
  });

  it("count a trial of a combination partner, but not a cancer type that only names the drug", () => {
    expect(
      testCore()
        .drug("erlotinib")
        .trials.map((t) => t.id),
    ).toEqual(["table3/row-156", "table3/row-159", "table3/row-154"]);
    // Row 168's cancer type says "previously treated with trastuzumab": not a trial of trastuzumab.
    expect(testCore().drug("trastuzumab").trials).toEqual([]);
  });

  it("say plainly what is wrong with an empty or huge name", () => {
    expect(() => testCore().drug("  ")).toThrow(UserError);
    expect(() => testCore().drug("x".repeat(500))).toThrow(UserError);
  });
});
