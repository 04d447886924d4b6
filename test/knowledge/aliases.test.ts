/** The curated alias groups: valid, unambiguous, and each name found where its note says. */
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/load.ts";

const k = loadKnowledge();
const groups = k.aliases.groups;
const group = (canonical: string) => groups.find((g) => g.canonical === canonical);

describe("aliases.json", () => {
  it("names each drug as the review's tables spell it", () => {
    const tableNames = new Set([...k.table1.map((r) => r.drug), ...k.table2.map((r) => r.compound)]);
    for (const g of groups.filter((g) => g.kind === "drug"))
      expect(tableNames.has(g.canonical), g.canonical).toBe(true);
  });

  it("maps the codes and brand names the review uses", () => {
    expect(group("Trastuzumab")?.aliases).toContain("Herceptin");
    expect(group("Trastuzumab-emtansine")?.aliases).toEqual(expect.arrayContaining(["T-DM1", "trastuzumab emtansine"]));
    expect(group("Linsitinib")?.aliases).toContain("OSI-906");
    expect(group("Gefitinib")?.aliases).toEqual(expect.arrayContaining(["Iressa", "ZD1839"]));
    expect(group("Osimertinib")?.aliases).toContain("AZD9291");
    expect(group("Ganitumab")?.aliases).toEqual(expect.arrayContaining(["AMG-479", "AMG 479"]));
    expect(group("Cixutumumab")?.aliases).toEqual(expect.arrayContaining(["IMC-A12", "A12", "Cituxumumab"]));
    expect(group("Figitumumab")?.aliases).toEqual(expect.arrayContaining(["CP-751871", "CP-751,871"]));
    expect(group("Xentuzumab")?.aliases).toEqual(expect.arrayContaining(["BI 836845", "BI-836845"]));
    expect(group("IGF-1R")?.aliases).toEqual(
      expect.arrayContaining(["IGF1R", "IGF-IR", "type-1 insulin-like growth factor receptor"]),
    );
    expect(group("HER2")?.aliases).toEqual(expect.arrayContaining(["ERBB2", "Neu", "HER-2"]));
  });

  it("gives every Table 2 code to its compound", () => {
    for (const row of k.table2)
      for (const code of row.codes) expect(group(row.compound)?.aliases, code).toContain(code);
  });

  it("never gives one name to two entities", () => {
    const owner = new Map<string, string>();
    for (const g of groups) {
      for (const name of [g.canonical, ...g.aliases]) {
        const key = name.toLowerCase();
        expect(owner.get(key) ?? g.canonical, `${name} in ${g.canonical} and ${owner.get(key)}`).toBe(g.canonical);
        owner.set(key, g.canonical);
      }
    }
  });
});
