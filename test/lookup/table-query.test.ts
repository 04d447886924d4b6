/**
 * Typed queries over the review's tables: each filter alone and together, over the committed rows, with the
 * rows expected named here (read off the tables by hand), and the parser's reach: every Table 1 row is found
 * by some filter that a question built from the table's own values produces.
 */
import { describe, expect, it } from "vitest";
import {
  type AnyRow,
  type Condition,
  describeConditions,
  participantsOf,
  phasesOf,
  runTableQuery,
  type TableQuery,
  targetParts,
} from "../../src/lookup/table-query.ts";
import { createUnderstander } from "../../src/question/understand.ts";
import { testCore } from "../support/core.ts";

const { knowledge } = testCore();

/** The rows' names, in the table's order: Table 1 and 3 by drug, Table 2 by compound. */
function names(rows: readonly AnyRow[]): string[] {
  return rows.map((r) => (r.table === "2" ? r.row.compound : r.row.drug));
}

function ids(rows: readonly AnyRow[]): string[] {
  return rows.map((r) => r.row.id);
}

function table1(...where: Condition[]): string[] {
  return names(runTableQuery(knowledge, { table: "1", where }));
}

function table3(...where: Condition[]): string[] {
  return ids(runTableQuery(knowledge, { table: "3", where }));
}

const year = (op: "eq" | "lt" | "le" | "gt" | "ge", n: number): Condition => ({ table: "1", field: "year", op, n });

describe("Table 1 filters", () => {
  it("without conditions, return all 90 rows", () => {
    expect(runTableQuery(knowledge, { table: "1", where: [] })).toHaveLength(90);
  });

  it("by target: ALK gives the five ALK inhibitors", () => {
    expect(table1({ table: "1", field: "target", op: "any", values: ["ALK"] })).toEqual([
      "Alectinib",
      "Brigatinib",
      "Ceritinib",
      "Crizotinib",
      "Lorlatinib",
    ]);
  });

  it("by target: a family name matches its members (MEK → MEK1/2) and a part matches a combined cell (EGFR → EGFR/HER, EGFR/MET)", () => {
    expect(table1({ table: "1", field: "target", op: "any", values: ["MEK"] })).toEqual([
      "Binimetinib",
      "Cobimetinib",
      "Selumetinib",
      "Trametinib",
    ]);
    const egfr = runTableQuery(knowledge, {
      table: "1",
      where: [{ table: "1", field: "target", op: "any", values: ["EGFR"] }],
    });
    expect(egfr).toHaveLength(13);
    expect(new Set(egfr.map((r) => (r.table === "1" ? r.row.primaryTargets : "")))).toEqual(
      new Set(["EGFR/HER", "EGFR/MET"]),
    );
  });

  it("by target: VEGFR is not EGFR (a value matches whole names, never inside one)", () => {
    const vegfr = table1({ table: "1", field: "target", op: "any", values: ["VEGFR"] });
    expect(vegfr).toHaveLength(8);
    expect(vegfr).not.toContain("Gefitinib");
  });

  it("by type: mAb and ADCs", () => {
    expect(table1({ table: "1", field: "type", op: "any", values: ["mAb"] })).toEqual([
      "Cetuximab",
      "Margetuximab",
      "Necitumumab",
      "Olaratumab",
      "Panitumumab",
      "Pertuzumab",
      "Ramucirumab",
      "Trastuzumab",
    ]);
    expect(table1({ table: "1", field: "type", op: "any", values: ["ADCs"] })).toEqual([
      "Amivantamab-vmjw",
      "Fam-trastuzumab deruxtecan-nxki",
      "Trastuzumab-deruxtecan",
      "Trastuzumab-emtansine",
    ]);
    expect(table1({ table: "1", field: "type", op: "any", values: ["TK"] })).toHaveLength(56);
  });

  it("by year: in, before, after, in or before, since", () => {
    expect(table1(year("eq", 2022))).toEqual([
      "Abrocitinib",
      "Deucravacitinib",
      "Fam-trastuzumab deruxtecan-nxki",
      "Futibatinib",
      "Pacritinib",
    ]);
    expect(table1(year("lt", 2004))).toEqual(["Gefitinib", "Imatinib", "Sirolimus", "Trastuzumab"]);
    expect(table1(year("le", 2003))).toEqual(["Gefitinib", "Imatinib", "Sirolimus", "Trastuzumab"]);
    expect(table1(year("gt", 2021))).toHaveLength(5);
    expect(table1(year("ge", 2021))).toHaveLength(13);
    expect(table1(year("eq", 2020))).toHaveLength(10);
  });

  it("by year: between includes both ends, written either way round", () => {
    const expected = ["Cetuximab", "Dasatinib", "Erlotinib", "Panitumumab", "Sorafenib", "Sunitinib"];
    expect(table1({ table: "1", field: "year", op: "between", n: 2004, to: 2006 })).toEqual(expected);
    expect(table1({ table: "1", field: "year", op: "between", n: 2006, to: 2004 })).toEqual(expected);
  });

  it("by indication: breast cancer", () => {
    expect(table1({ table: "1", field: "indication", op: "any", values: ["breast"] })).toEqual([
      "Abemaciclib",
      "Alpelisib",
      "Everolimus",
      "Lapatinib",
      "Margetuximab",
      "Neratinib",
      "Palbociclib",
      "Pertuzumab",
      "Ribociclib",
      "Trastuzumab",
      "Trastuzumab-deruxtecan",
      "Trastuzumab-emtansine",
      "Tucatinib",
    ]);
  });

  it("by indication: a short value matches whole words only (ALL is not in 'small')", () => {
    expect(table1({ table: "1", field: "indication", op: "any", values: ["ALL"] })).toEqual(["Imatinib", "Ponatinib"]);
  });

  it("combined: antibodies (mAb or ADC) approved before 2010 are trastuzumab, cetuximab and panitumumab", () => {
    expect(table1({ table: "1", field: "type", op: "any", values: ["mAb", "ADCs"] }, year("lt", 2010))).toEqual([
      "Cetuximab",
      "Panitumumab",
      "Trastuzumab",
    ]);
  });

  it("combined: target HER2, type ADCs, indicated for breast", () => {
    expect(
      table1(
        { table: "1", field: "target", op: "any", values: ["HER2"] },
        { table: "1", field: "type", op: "any", values: ["ADCs"] },
        { table: "1", field: "indication", op: "any", values: ["breast"] },
      ),
    ).toEqual(["Trastuzumab-deruxtecan", "Trastuzumab-emtansine"]);
  });

  it("ordered by year with a limit: the newest ALK inhibitor", () => {
    const rows = runTableQuery(knowledge, {
      table: "1",
      where: [{ table: "1", field: "target", op: "any", values: ["ALK"] }],
      order: { field: "year", descending: true },
      limit: 1,
    });
    expect(names(rows)).toEqual(["Lorlatinib"]);
  });

  it("an empty result: no ALK inhibitor was approved before 2010", () => {
    expect(table1({ table: "1", field: "target", op: "any", values: ["ALK"] }, year("lt", 2010))).toEqual([]);
  });
});

describe("Table 2 filters", () => {
  it("by strategy: eight small molecules, two ligand-neutralizing antibodies, five receptor antibodies", () => {
    const strategy = (value: string) =>
      names(
        runTableQuery(knowledge, {
          table: "2",
          where: [{ table: "2", field: "strategy", op: "any", values: [value] }],
        }),
      );
    expect(strategy("Small molecule inhibitors")).toEqual([
      "Linsitinib",
      "BMS-754807",
      "Picropodophyllin",
      "NT157",
      "AG-1024",
      "NVP-AEW541",
      "NVP-ADW742",
      "GSK1904529A",
    ]);
    expect(strategy("Ligand neutralization")).toEqual(["Dusigitumab", "Xentuzumab"]);
    expect(strategy("Monoclonal antibodies")).toHaveLength(5);
  });

  it("by compound, by any of its codes", () => {
    const compound = (value: string) =>
      names(
        runTableQuery(knowledge, {
          table: "2",
          where: [{ table: "2", field: "compound", op: "any", values: [value] }],
        }),
      );
    expect(compound("osi-906")).toEqual(["Linsitinib"]);
    expect(compound("Picropodophyllin")).toEqual(["Picropodophyllin"]);
  });
});

describe("Table 3 filters", () => {
  it("by drug: cixutumumab's five trials", () => {
    expect(table3({ table: "3", field: "drug", op: "any", values: ["Cixutumumab"] })).toEqual([
      "table3/row-168",
      "table3/row-169",
      "table3/row-173",
      "table3/row-171",
      "table3/row-170",
    ]);
  });

  it("by partner: the three trials given with erlotinib", () => {
    expect(table3({ table: "3", field: "partner", op: "any", values: ["erlotinib"] })).toEqual([
      "table3/row-156",
      "table3/row-159",
      "table3/row-154",
    ]);
  });

  it("by no partner: the eight single-agent trials", () => {
    const alone = table3({ table: "3", field: "partner", op: "none" });
    expect(alone).toEqual([
      "table3/row-158",
      "table3/row-162",
      "table3/row-164",
      "table3/row-165",
      "table3/row-151",
      "table3/row-152",
      "table3/row-172",
      "table3/row-167",
    ]);
  });

  it("by cancer: the two breast cancer trials", () => {
    expect(table3({ table: "3", field: "cancer", op: "any", values: ["breast"] })).toEqual([
      "table3/row-153",
      "table3/row-168",
    ]);
  });

  it("by phase: III includes II/III; I includes I/II, Ib/II and Ia/b", () => {
    expect(table3({ table: "3", field: "phase", op: "any", values: ["III"] })).toEqual([
      "table3/row-155",
      "table3/row-160",
      "table3/row-151",
    ]);
    expect(table3({ table: "3", field: "phase", op: "any", values: ["I"] })).toEqual([
      "table3/row-156",
      "table3/row-158",
      "table3/row-166",
      "table3/row-153",
      "table3/row-172",
      "table3/row-173",
    ]);
  });

  it("by participants: more than 500 enrolled, summing a cell's parts", () => {
    expect(table3({ table: "3", field: "participants", op: "gt", n: 500 })).toEqual([
      "table3/row-159",
      "table3/row-160",
    ]);
    // "I 20; II 75" is 95 people: above 90, below 100.
    expect(table3({ table: "3", field: "participants", op: "between", n: 90, to: 99 })).toEqual([
      "table3/row-156",
      "table3/row-167",
      "table3/row-170",
    ]);
  });

  it("by trial id, written in any case", () => {
    expect(table3({ table: "3", field: "trial", op: "any", values: ["nct00673049"] })).toEqual(["table3/row-159"]);
    expect(table3({ table: "3", field: "trial", op: "any", values: ["NCT03659136"] })).toEqual(["table3/row-153"]);
  });

  it("combined: cixutumumab in breast cancer, and partner erlotinib in phase II", () => {
    expect(
      table3(
        { table: "3", field: "drug", op: "any", values: ["Cixutumumab"] },
        { table: "3", field: "cancer", op: "any", values: ["breast"] },
      ),
    ).toEqual(["table3/row-168"]);
    expect(
      table3(
        { table: "3", field: "partner", op: "any", values: ["erlotinib"] },
        { table: "3", field: "phase", op: "any", values: ["II"] },
      ),
    ).toEqual(["table3/row-156", "table3/row-159", "table3/row-154"]);
  });

  it("an empty result: no phase III trial in breast cancer", () => {
    expect(
      table3(
        { table: "3", field: "cancer", op: "any", values: ["breast"] },
        { table: "3", field: "phase", op: "any", values: ["III"] },
      ),
    ).toEqual([]);
  });

  it("ordered by participants: the largest trial", () => {
    const query: TableQuery = { table: "3", where: [], order: { field: "participants", descending: true }, limit: 1 };
    expect(ids(runTableQuery(knowledge, query))).toEqual(["table3/row-160"]);
  });
});

describe("cell readers", () => {
  it("phasesOf reads combined and lettered phases as Roman numerals", () => {
    expect(phasesOf("Ib/II")).toEqual(["I", "II"]);
    expect(phasesOf("Ia/b")).toEqual(["I"]);
    expect(phasesOf("II/III")).toEqual(["II", "III"]);
    expect(phasesOf("III")).toEqual(["III"]);
  });

  it("participantsOf sums the numbers of a cell", () => {
    expect(participantsOf("I 20; II 75")).toBe(95);
    expect(participantsOf("Ia 20; Ib 39")).toBe(59);
    expect(participantsOf("681")).toBe(681);
  });

  it("targetParts gives the whole cell, its parts and their families", () => {
    expect(targetParts("MEK1/2")).toEqual(expect.arrayContaining(["mek1/2", "mek1", "mek"]));
    expect(targetParts("EGFR/HER")).toEqual(expect.arrayContaining(["egfr/her", "egfr", "her"]));
    expect(targetParts("PDGFR-α")).toEqual(expect.arrayContaining(["pdgfr-α", "pdgfr"]));
  });

  it("describeConditions writes a query's conditions as words", () => {
    expect(
      describeConditions([
        { table: "1", field: "year", op: "lt", n: 2010 },
        { table: "1", field: "type", op: "any", values: ["mAb", "ADCs"] },
      ]),
    ).toBe("approved before 2010; type mAb or ADCs");
    expect(
      describeConditions([
        { table: "3", field: "partner", op: "none" },
        { table: "3", field: "phase", op: "any", values: ["III"] },
        { table: "3", field: "participants", op: "gt", n: 100 },
      ]),
    ).toBe("given alone (no combination); phase III; more than 100 participants");
  });
});

describe("the parser reaches every row", () => {
  const understand = createUnderstander(testCore());

  /** The rows a question finds, through the parser's table query. */
  function found(question: string): AnyRow[] {
    const { intent } = understand(question);
    expect(intent.kind, question).toBe("table");
    return intent.kind === "table" ? runTableQuery(knowledge, intent.query) : [];
  }

  it("every one of Table 1's 90 rows is found by a question naming its own target or its own year", () => {
    const reached = new Set<string>();
    const missed: string[] = [];
    for (const row of knowledge.table1) {
      const byTarget = ids(found(`which drugs in table 1 target ${row.primaryTargets}?`));
      const byYear = ids(found(`which drugs were approved in ${row.yearApproved}?`));
      for (const id of [...byTarget, ...byYear]) reached.add(id);
      if (!byTarget.includes(row.id) && !byYear.includes(row.id)) missed.push(row.id);
    }
    expect(missed).toEqual([]);
    expect(reached.size).toBe(90);
  });

  it("a question naming a row's target finds that row (target is a filter on its own)", () => {
    const missed = knowledge.table1
      .filter((row) => !ids(found(`which drugs in table 1 target ${row.primaryTargets}?`)).includes(row.id))
      .map((row) => `${row.drug} (${row.primaryTargets})`);
    expect(missed).toEqual([]);
  });

  it("every Table 3 row is found by a question naming its drug", () => {
    const missed = knowledge.table3.filter((row) => !ids(found(`which trials tested ${row.drug}?`)).includes(row.id));
    expect(missed.map((r) => r.id)).toEqual([]);
  });
});
