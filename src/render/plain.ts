/**
 * The plain-text pieces every front end shares — the bot's embeds, the command line's text and the
 * look-ups' messages: cutting text to a length, echoing what a user typed, and naming where a hit stands.
 * Nothing here knows Discord; the bot adds its limits and embeds on top.
 */
import type { Knowledge } from "../knowledge/load.ts";
import type { Hit } from "../search/hit.ts";

/** A section's "4.1 Title", or just the number if the review has no such section. */
export function sectionLabel(knowledge: Pick<Knowledge, "sections">, number: string): string {
  const section = knowledge.sections.find((s) => s.number === number);
  return section ? `§${number} ${section.title}` : `§${number}`;
}

/** Where a hit stands: "§4.1 Activation of …", "Table 3 · Ganitumab", "Fig. 1", "Reference". */
export function hitLabel(knowledge: Pick<Knowledge, "sections">, hit: Hit): string {
  if (hit.kind === "passage" && hit.section) return sectionLabel(knowledge, hit.section);
  if (hit.kind === "table-row") return `Table ${hit.table}${hit.drug ? ` · ${hit.drug}` : ""}`;
  if (hit.kind === "figure") return "Fig. 1";
  return "Reference";
}
