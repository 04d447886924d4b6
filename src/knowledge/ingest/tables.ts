/**
 * The review's three tables. The extractor prints each row as tab-separated cells; a cell that wraps leaves a
 * second line whose first cells are empty. Corrections (applied before these parsers run) repair the rest.
 */

import { citedNumbers } from "../citations.ts";
import { Strategy, type Table1Row, type Table2Row, type Table3Row, type TrialOutcomes } from "../schema.ts";
import { cleanText } from "./text.ts";

/** A line that is a table's header, caption, "Continued." marker or footnote rather than a row. */
const NOT_A_ROW = /^(Drugs?\t|Drug type\t|Table \d\.|[¹²³⁴]\s)/;

/**
 * The rows of a table region: tab-separated cells, cleaned, with wrapped lines (empty cell in `keyColumn`)
 * appended cell by cell to the row above.
 */
export function tableRows(region: string, keyColumn = 0): string[][] {
  const rows: string[][] = [];
  for (const line of region.split("\n")) {
    if (line.trim() === "" || NOT_A_ROW.test(line)) continue;
    const cells = line.split("\t").map(cleanText);
    const previous = rows.at(-1);
    if (cells[keyColumn] === "" && previous) {
      cells.forEach((cell, i) => {
        if (cell !== "") previous[i] = previous[i] ? `${previous[i]} ${cell}` : cell;
      });
    } else {
      rows.push(cells);
    }
  }
  return rows;
}

/** `table1/fam-trastuzumab-deruxtecan-nxki`: lower-cased, each run of non-alphanumerics as one "-". */
export function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function cell(row: readonly string[], i: number, what: string): string {
  const value = row[i];
  if (value === undefined || value === "") throw new Error(`Missing ${what} in row: ${row.join(" | ")}`);
  return value;
}

/** Table 1 (FDA-approved kinase inhibitors). Every row cites the table's source, footnote ⁴ ("Ref. [11,12]"). */
export function parseTable1(region: string): Table1Row[] {
  const source = region.split("\n").find((line) => line.startsWith("⁴"));
  if (!source) throw new Error("Table 1 has no source footnote");
  const refs = citedNumbers(source);
  return tableRows(region).map((row) => {
    const drug = cell(row, 0, "drug");
    return {
      id: `table1/${slug(drug)}`,
      drug,
      primaryTargets: cell(row, 1, "primary targets"),
      targetType: cell(row, 2, "target type"),
      yearApproved: Number(cell(row, 3, "year")),
      indications: cell(row, 4, "indications"),
      refs,
    };
  });
}

/**
 * Table 2 (strategies of targeting the IGF pathway). The strategy cell spans its rows: it is printed once, on
 * the group's first row (corrections move it there), and holds for the rows below.
 */
export function parseTable2(region: string): Table2Row[] {
  let strategy: Strategy | undefined;
  return tableRows(region, 1).map((row) => {
    if (row[0]) strategy = Strategy.parse(row[0]);
    if (!strategy) throw new Error(`Table 2 row before any strategy: ${row.join(" | ")}`);
    const named = /^(.+?) \((.+)\)$/.exec(cell(row, 1, "compound"));
    const compound = named?.[1] ?? cell(row, 1, "compound");
    return {
      id: `table2/${slug(compound)}`,
      strategy,
      compound,
      codes: named?.[2] ? [named[2]] : [],
      refs: citedNumbers(cell(row, 2, "references")),
    };
  });
}

/** "I 20 II 75" → "I 20; II 75": a count per phase, as the wrapped cell printed them. */
function splitPhases(participants: string): string {
  return participants.replace(/(\d) (?=(?:I{1,3}|IV)[ab]?\b)/g, "$1; ");
}

/**
 * Table 3 (clinical trials). The last cell holds the reported reference and the ClinicalTrials.gov ids; where
 * ids are labelled by phase ("I, NCT02123823 II, NCT03659136") the labels are kept as `trialIdNote`.
 */
export function parseTable3(region: string, outcomes: TrialOutcomes["outcomes"]): Table3Row[] {
  const readings = new Map(outcomes.map((o) => [o.row, o]));
  const rows = tableRows(region).map((row) => {
    const source = cell(row, 6, "reference");
    const refs = citedNumbers(source);
    if (refs.length !== 1) throw new Error(`Table 3 row must report one reference: ${row.join(" | ")}`);
    const rest = source.replace(/\[[^\]]*\]/g, "").trim();
    const labelled = /^(NCT\d{8}\s*)*$/.test(rest) ? null : rest.replace(/(NCT\d{8}) (?=\S)/g, "$1; ");
    const combination = cell(row, 1, "combination");
    return {
      id: `table3/row-${refs[0]}`,
      drug: cell(row, 0, "drug"),
      combination: combination === "None" ? null : combination,
      cancerType: cell(row, 2, "cancer type"),
      phase: cell(row, 3, "phase"),
      participants: splitPhases(cell(row, 4, "participants")),
      results: cell(row, 5, "results"),
      refs,
      trialIds: rest.match(/NCT\d{8}/g) ?? [],
      trialIdNote: labelled,
      outcome: outcomeOf(`table3/row-${refs[0]}`, cell(row, 5, "results"), readings),
    };
  });
  const unread = [...readings.keys()].filter((id) => !rows.some((r) => r.id === id));
  if (unread.length > 0) throw new Error(`outcomes.json reads rows Table 3 does not have: ${unread.join(", ")}`);
  return rows;
}

/** The reviewed outcome of one row; a row without one, or evidence not in its cell, stops the ingest. */
function outcomeOf(id: string, results: string, readings: Map<string, TrialOutcomes["outcomes"][number]>) {
  const reading = readings.get(id);
  if (!reading) throw new Error(`outcomes.json has no outcome for ${id}`);
  if (!results.includes(reading.evidence))
    throw new Error(`outcomes.json: the evidence for ${id} is not in its results cell: "${reading.evidence}"`);
  return { kind: reading.outcome, evidence: reading.evidence };
}
