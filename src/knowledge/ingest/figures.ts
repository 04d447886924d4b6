/**
 * Figure captions: "Fig. 1. IGF, insulin and their receptors. IGF is secreted by …". Only captions survive the PDF.
 */

import { citedNumbers, normalizeCitations } from "../citations.ts";
import type { Figure } from "../schema.ts";
import { cleanText } from "./text.ts";

/** One figure per caption line; the title is the caption's first sentence, the caption the whole text. */
export function parseFigures(region: string): Figure[] {
  return region
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => {
      const match = /^Fig\. (\d+)\. (.+?\.) (.+)$/.exec(cleanText(line));
      if (!match) throw new Error(`Not a figure caption: ${line.slice(0, 60)}`);
      const [, n, title, rest] = match;
      const caption = normalizeCitations(`${title} ${rest}`);
      return {
        id: `fig${n}`,
        label: `Fig. ${n}`,
        title: (title ?? "").replace(/\.$/, ""),
        caption,
        refs: citedNumbers(caption),
      };
    });
}
