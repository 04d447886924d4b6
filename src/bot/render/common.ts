/**
 * What every embed shares: the attribution the license asks for, colours, and where an id stands in the review.
 */

import { formatCitation, parseCitations } from "../../knowledge/citations.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { DocumentMeta } from "../../knowledge/schema.ts";
import { hitLabel, sectionLabel } from "../../render/plain.ts";
import { neutralizeMentions, truncate } from "../../safe-text.ts";
import type { Hit } from "../../search/hit.ts";
import type { EmbedField } from "../reply.ts";

/** Embed colours: one for results, one for "nothing found" and errors. */
export const COLORS = { result: 0x2e86ab, empty: 0x8d99ae } as const;

/**
 * The short attribution CC BY asks for, from the document's metadata: "Peng & Tan 2023, CC BY 4.0"
 * (surnames of two authors, or the first "et al." for more).
 */
export function attribution(doc: DocumentMeta): string {
  const surnames = doc.authors.map((a) => a.name.trim().split(/\s+/).at(-1) ?? a.name);
  const who = surnames.length > 2 ? `${surnames[0]} et al.` : surnames.join(" & ");
  return `${who} ${doc.dates.published.slice(0, 4)}, ${doc.license.name}`;
}

/** Where a cited-in id (a sentence, row or figure id) stands in the review. */
export function idLabel(knowledge: Pick<Knowledge, "sections">, id: string): string {
  const sentence = /^sec-([\d.]+)-p\d+/.exec(id);
  if (sentence) return sectionLabel(knowledge, sentence[1]!);
  const table = /^table(\d)\//.exec(id);
  if (table) return `Table ${table[1]}`;
  const figure = /^fig(\d+)$/.exec(id);
  if (figure) return `Fig. ${figure[1]}`;
  return id;
}

/** The citation of a hit's numbers that its text does not already show inline ("" when it shows them all). */
export function missingCitation(hit: Pick<Hit, "text" | "refs">): string {
  const shown = new Set(parseCitations(hit.text));
  return formatCitation(hit.refs.filter((n) => !shown.has(n)));
}

/** A source quote: enough to see where the claim stands; the whole passage is a click or a command away. */
const QUOTE_LENGTH = 280;

/**
 * One field per source: `name(n, where)` (n from 1) and a short quote, with any of its reference numbers
 * the quote does not show, so every `[n]` of the text above is carried by a card shown with it.
 */
export function sourceFields(
  knowledge: Pick<Knowledge, "sections">,
  hits: readonly Hit[],
  name: (n: number, where: string) => string,
): EmbedField[] {
  return hits.map((hit, i) => {
    const cite = missingCitation(hit);
    const quote = truncate(neutralizeMentions(hit.text), QUOTE_LENGTH - cite.length - 1);
    return { name: name(i + 1, hitLabel(knowledge, hit)), value: `> ${quote}${cite ? ` ${cite}` : ""}` };
  });
}

/** `part` of `whole` as a whole percentage, "0%" of nothing: 0.666 → "67%". */
export function percent(part: number, whole = 1): string {
  return whole === 0 ? "0%" : `${Math.round((part / whole) * 100)}%`;
}
