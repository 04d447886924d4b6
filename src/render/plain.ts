/**
 * The plain-text pieces every front end shares — the bot's embeds, the command line's text and the
 * look-ups' messages: cutting text to a length, echoing what a user typed, and naming where a hit stands.
 * Nothing here knows Discord; the bot adds its limits and embeds on top.
 */
import { neutralizeMentions } from "../answer/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Hit } from "../search/hit.ts";

const ELLIPSIS = "…";

/** The first `end` characters, cut before a lone high surrogate so an emoji is never split in half. */
export function safeSlice(text: string, end: number): string {
  const code = text.charCodeAt(end - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end);
}

/**
 * `text` if it fits in `max` characters, else its start cut at the last space (when one is reasonably near,
 * so a word is not broken) and ended with "…". Never longer than `max`.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return safeSlice(text, max);
  const hard = safeSlice(text, max - ELLIPSIS.length);
  const space = hard.search(/\s\S*$/);
  // Only back off to a space in the last fifth: one 300-character URL should not empty a field.
  const cut = space > hard.length * 0.8 ? hard.slice(0, space) : hard;
  return cut.replace(/[\s,;:]+$/, "") + ELLIPSIS;
}

/** Text a user typed, made safe to echo: mentions inert, at most `max` characters, on one line. */
export function echo(text: string, max: number): string {
  return truncate(neutralizeMentions(text.replace(/\s+/g, " ").trim()), max);
}

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
