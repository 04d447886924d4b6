/**
 * Table 1 as a timeline: one row per year of approval (oldest at the top, empty years kept so gaps show),
 * each drug a chip coloured by its target family (the table's "type of target/drug": TK, mAb, CMGC, ...),
 * the chips of a year grouped by family. Filters narrow it to a target or a type, as the table questions do.
 */

import { UserError } from "../errors.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Table1Row } from "../knowledge/schema.ts";
import { INK, PALETTE, type Picture, svgDocument, text, textWidth } from "./svg.ts";

/** Which rows to draw; null or absent means all. */
export interface ApprovalsFilter {
  /** A primary target, matched within the cell: "EGFR" takes "EGFR/HER" and "EGFR/MET". */
  target?: string | null;
  /** A type of target/drug, exactly as the table prints it (case aside): "TK", "mAb". */
  type?: string | null;
}

/** The target families (types) of Table 1, most drugs first, then by name. */
export function targetFamilies(rows: readonly Table1Row[]): string[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(row.targetType, (counts.get(row.targetType) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([family]) => family);
}

/** The rows the filter keeps. */
export function approvalRows(table1: readonly Table1Row[], filter: ApprovalsFilter = {}): Table1Row[] {
  const target = filter.target?.trim().toLowerCase();
  const type = filter.type?.trim().toLowerCase();
  return table1.filter(
    (row) =>
      (!target || row.primaryTargets.toLowerCase().includes(target)) &&
      (!type || row.targetType.toLowerCase() === type),
  );
}

/** A filter as one stable string, for cache keys and file names. */
export function filterKey(filter: ApprovalsFilter): string {
  return [filter.target?.trim().toLowerCase() || "", filter.type?.trim().toLowerCase() || ""].join("|");
}

const WIDTH = 1200;
const LEFT = 84;
const RIGHT = 24;
const CHIP = { height: 22, gap: 6, pad: 8, font: 12, line: 28 } as const;

/**
 * The timeline of the rows `filter` keeps.
 * @throws UserError when no drug of Table 1 matches, naming the types there are.
 */
export function approvalsChart(knowledge: Pick<Knowledge, "table1">, filter: ApprovalsFilter = {}): Picture {
  const rows = approvalRows(knowledge.table1, filter);
  const allFamilies = targetFamilies(knowledge.table1);
  if (rows.length === 0) {
    const wanted = [filter.target && `target "${filter.target}"`, filter.type && `type "${filter.type}"`];
    throw new UserError(
      `No drug of Table 1 has ${wanted.filter(Boolean).join(" and ")}. Types: ${allFamilies.join(", ")}.`,
    );
  }
  // Colours follow the whole table's families, so a family keeps its colour in every filtered chart.
  const color = new Map(allFamilies.map((family, i) => [family, PALETTE[i % PALETTE.length]!]));
  const families = targetFamilies(rows);
  const familyOrder = new Map(families.map((family, i) => [family, i]));

  // Legend: one swatch per family drawn, with its count.
  let body = "";
  let x = LEFT;
  const legendY = 84;
  for (const family of families) {
    const label = `${family} (${rows.filter((r) => r.targetType === family).length})`;
    body += `<rect x="${x}" y="${legendY - 11}" width="14" height="14" rx="3" fill="${color.get(family)}"/>`;
    body += text(x + 19, legendY, label, { size: 12 });
    x += 19 + textWidth(label, 12) + 18;
  }

  const years = rows.map((r) => r.yearApproved);
  const first = Math.min(...years);
  const last = Math.max(...years);
  let y = legendY + 22;
  for (let year = first; year <= last; year++) {
    const drugs = rows
      .filter((r) => r.yearApproved === year)
      .sort((a, b) => familyOrder.get(a.targetType)! - familyOrder.get(b.targetType)! || a.drug.localeCompare(b.drug));
    body += `<line x1="${LEFT - 70}" y1="${y}" x2="${WIDTH - RIGHT}" y2="${y}" stroke="${INK.grid}"/>`;
    if (drugs.length === 0) {
      body += text(LEFT - 14, y + 14, String(year), { size: 11, anchor: "end", fill: INK.muted });
      y += 20;
      continue;
    }
    body += text(LEFT - 14, y + 21, String(year), { size: 13, bold: true, anchor: "end" });
    let chipX = LEFT;
    let chipY = y + 6;
    for (const drug of drugs) {
      const w = textWidth(drug.drug, CHIP.font, true) + 2 * CHIP.pad;
      if (chipX + w > WIDTH - RIGHT) {
        chipX = LEFT;
        chipY += CHIP.line;
      }
      body += `<g class="drug" data-id="${drug.id}" data-family="${drug.targetType}">`;
      body += `<rect x="${chipX}" y="${chipY}" width="${Math.round(w)}" height="${CHIP.height}" rx="5" fill="${color.get(drug.targetType)}"/>`;
      body += text(chipX + CHIP.pad, chipY + 15.5, drug.drug, { size: CHIP.font, bold: true, fill: "#ffffff" });
      body += "</g>";
      chipX += w + CHIP.gap;
    }
    y = chipY + CHIP.line + 4;
  }
  const height = y + 36;

  const narrowed = [filter.target && `target ${filter.target}`, filter.type && `type ${filter.type}`].filter(Boolean);
  const scope = narrowed.length > 0 ? ` (${narrowed.join(", ")})` : "";
  const title = `Approved kinase-targeting drugs by year${scope}`;
  const subtitle = `${rows.length} of Table 1's ${knowledge.table1.length} drugs, ${first}–${last}, coloured by target family (type of target/drug)`;
  const perFamily = families.map((f) => `${f} ${rows.filter((r) => r.targetType === f).length}`).join(", ");
  return {
    name: "chart-approvals.png",
    width: WIDTH,
    height,
    alt: `Timeline of ${rows.length} drugs of Table 1${scope} by year of approval, ${first} to ${last}, grouped by target family: ${perFamily}.`,
    svg: svgDocument({
      width: WIDTH,
      height,
      title,
      subtitle,
      footer:
        "Source: Table 1 of Peng & Tan 2023, Front. Biosci. (Landmark Ed), CC BY 4.0 · drawn by the IGF review bot",
      body,
    }),
  };
}
