/**
 * The numbered sections of the review: headings, paragraphs (rejoined across page breaks and inserted tables),
 * sentences with their citations.
 */

import { citedNumbers, normalizeCitations } from "../citations.ts";
import type { Section } from "../schema.ts";
import { splitSentences } from "./sentences.ts";
import { cleanText } from "./text.ts";

/** "1. Introduction" or "4.1 Activation of Compensatory Signaling Pathway". */
const HEADING = /^(\d+)(?:\.(\d+))?\.? ([A-Z].{0,118})$/;
/** Where a paragraph may end; anything else was cut by a page break, a table or the figure. */
const PARAGRAPH_END = /[.?!]["”)]?$/;

/**
 * Joins the text blocks of the prose (blank-line separated) into whole paragraphs: a block that does not end a
 * sentence continues in the next one. A word hyphenated at the break ("cy-" + "totoxicity") is rejoined.
 */
export function joinBlocks(blocks: readonly string[]): string[] {
  const joined: string[] = [];
  for (const block of blocks) {
    const last = joined.at(-1);
    if (last === undefined || PARAGRAPH_END.test(last) || HEADING.test(last) || HEADING.test(block)) {
      joined.push(block);
    } else if (/[a-z]-$/.test(last) && /^[a-z]/.test(block)) {
      joined[joined.length - 1] = last.slice(0, -1) + block;
    } else {
      joined[joined.length - 1] = `${last} ${block}`;
    }
  }
  return joined;
}

/**
 * Parses the prose region (corrections already applied) into sections. Each section holds only the paragraphs
 * directly under its own heading; ids follow `sec-<number>-p<k>-s<j>`.
 */
export function parseSections(prose: string): Section[] {
  const blocks = prose
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s*\n\s*/g, " ").trim())
    .filter((b) => b.length > 0);
  const sections: Section[] = [];
  for (const block of joinBlocks(blocks)) {
    const heading = HEADING.exec(block);
    if (heading && !PARAGRAPH_END.test(block)) {
      const [, major, minor, title] = heading;
      sections.push({
        number: minor ? `${major}.${minor}` : `${major}`,
        title: cleanText(title ?? ""),
        parent: minor ? `${major}` : null,
        paragraphs: [],
      });
      continue;
    }
    const section = sections.at(-1);
    if (!section) throw new Error(`Prose before the first heading: ${block.slice(0, 60)}`);
    const paragraphId = `sec-${section.number}-p${section.paragraphs.length + 1}`;
    const text = normalizeCitations(cleanText(block));
    section.paragraphs.push({
      id: paragraphId,
      sentences: splitSentences(text).map((sentence, j) => ({
        id: `${paragraphId}-s${j + 1}`,
        text: sentence,
        refs: citedNumbers(sentence),
      })),
    });
  }
  return sections;
}
