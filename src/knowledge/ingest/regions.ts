/**
 * Cuts the extracted text into the regions each parser reads. The PDF drops tables and the figure caption into
 * the middle of the prose; lifting them out here lets the prose parser rejoin what they interrupted.
 */
import type { Scope } from "./corrections.ts";

/** The raw text of each region, lines joined with "\n" (the prose keeps blank lines: they separate blocks). */
export type Regions = Record<Scope, string>;

/** A block that is not prose and where it starts and ends: inclusive, matched on whole lines. */
interface Insert {
  scope: "table1" | "table2" | "table3" | "figure";
  start: RegExp;
  end: RegExp;
}

const INSERTS: Insert[] = [
  { scope: "table1", start: /^Drug\tPrimary targets/, end: /^⁴ / },
  { scope: "figure", start: /^Fig\. \d+\. /, end: /^Fig\. \d+\. / },
  { scope: "table2", start: /^Drug type\t/, end: /^Table 2\. / },
  { scope: "table3", start: /^Drugs\tCombination/, end: /^¹ ORR/ },
];

/** Publisher lines printed in the page margin; they belong to the front matter, not to the passage they cut. */
const BOILERPLATE = /^(Copyright: |Publisher's Note: )/;
const FIRST_HEADING = /^1\. /;
const BACK_MATTER = /^Author Contributions$/;
const REFERENCES = /^References$/;

/**
 * Splits `source` into front matter (with the publisher's margin lines), prose, the three tables, the figure
 * caption, the back matter (contributions, ethics, funding, conflicts) and the reference list.
 */
export function splitRegions(source: string): Regions {
  const out: Record<keyof Regions, string[]> = {
    front: [],
    prose: [],
    table1: [],
    table2: [],
    table3: [],
    figure: [],
    back: [],
    references: [],
  };
  let where: keyof Regions = "front";
  let insert: Insert | undefined;
  for (const line of source.split(/\r?\n/)) {
    if (insert) {
      out[insert.scope].push(line);
      if (insert.end.test(line)) insert = undefined;
      continue;
    }
    if (where === "front" && FIRST_HEADING.test(line)) where = "prose";
    else if (BACK_MATTER.test(line)) where = "back";
    else if (REFERENCES.test(line)) {
      where = "references";
      continue;
    }
    if (where === "prose") {
      insert = INSERTS.find((i) => i.start.test(line));
      if (insert) {
        out[insert.scope].push(line);
        if (insert.end.test(line)) insert = undefined;
        continue;
      }
      if (BOILERPLATE.test(line)) {
        out.front.push(line);
        continue;
      }
    }
    out[where].push(line);
  }
  for (const i of INSERTS) if (out[i.scope].length === 0) throw new Error(`No ${i.scope} found in the source`);
  return Object.fromEntries(Object.entries(out).map(([k, lines]) => [k, lines.join("\n")])) as Regions;
}
