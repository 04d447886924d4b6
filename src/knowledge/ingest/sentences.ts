/**
 * Splits a paragraph into sentences. A sentence ends at ".", "?" or "!" followed by a space and a capital letter
 * or a numbered point ("(2) The …"), unless the period closes an abbreviation.
 */

/** Words whose trailing period is not a full stop ("Choi et al. [42]", "Fig. 1", "graft vs. host"). */
const ABBREVIATIONS = new Set([
  "al",
  "vs",
  "e.g",
  "i.e",
  "cf",
  "fig",
  "figs",
  "ref",
  "refs",
  "no",
  "dr",
  "jr",
  "st",
  "approx",
]);

const BOUNDARY = /[.?!](?=\s+(?:[A-Z]|\(\d+\)))/g;

/** True when the period at `index` closes an abbreviation or dotted initials rather than the sentence. */
function isAbbreviation(text: string, index: number): boolean {
  const word = /([\w.]+)$/.exec(text.slice(0, index))?.[1] ?? "";
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  // Dotted initials ("N.J.", "U.S.") are one abbreviation; a lone capital ("InsR-B.") may well end a sentence.
  return /^(?:[A-Z]\.)+[A-Z]$/.test(word);
}

/** The sentences of `paragraph`, trimmed, in order. Decimal numbers and "p < 0.001" never split (no space). */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  for (const match of paragraph.matchAll(BOUNDARY)) {
    const end = match.index + 1;
    if (match[0] === "." && isAbbreviation(paragraph, match.index)) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  sentences.push(paragraph.slice(start).trim());
  return sentences.filter((s) => s.length > 0);
}
