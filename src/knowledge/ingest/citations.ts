/**
 * The review's bracketed citations: `[43]`, `[8,48]`, `[26–28]`, `[60-64]`, `[151,152,175, 176]`.
 */

/** A bracket that holds only reference numbers, commas, dashes and spaces. */
const CITATION = /\[(\d+(?:\s*[-–,]\s*\d+)*)\]/g;

/**
 * Expands the inside of one bracket into its numbers: `"26–28"` → [26, 27, 28], `"8,48"` → [8, 48].
 * Throws on a descending range, which can only be a misreading.
 */
export function expandCitation(inner: string): number[] {
  const numbers: number[] = [];
  for (const part of inner.split(",")) {
    const [from, to] = part.split(/[-–]/).map((s) => Number(s.trim()));
    if (from === undefined || Number.isNaN(from)) throw new Error(`Not a citation: [${inner}]`);
    if (to === undefined) {
      numbers.push(from);
      continue;
    }
    if (Number.isNaN(to) || to < from) throw new Error(`Bad citation range: [${inner}]`);
    for (let n = from; n <= to; n++) numbers.push(n);
  }
  return numbers;
}

/**
 * Every reference number cited anywhere in `text`, ascending and without repeats:
 * `"(Table 2, Ref. [107–146]) [147]"` → 107 … 147.
 */
export function citedNumbers(text: string): number[] {
  const all = new Set<number>();
  for (const match of text.matchAll(CITATION)) for (const n of expandCitation(match[1] ?? "")) all.add(n);
  return [...all].sort((a, b) => a - b);
}

/** Rewrites every citation the way the review prints most of them: no spaces, ranges with an en dash (`[60–64]`). */
export function normalizeCitations(text: string): string {
  return text.replace(CITATION, (_whole, inner: string) => `[${inner.replace(/\s+/g, "").replace(/-/g, "–")}]`);
}
