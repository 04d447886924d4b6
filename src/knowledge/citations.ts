/**
 * The review's citation groups — `[43]`, `[8,48]`, `[26–28]`, `[60-64]`, `[151,152,175, 176]` — parsed in one
 * place. The ingest reads the review's own text strictly (a descending range can only be a misreading, and
 * stops the ingest); search, answers, the quiz and the model's replies read leniently (a reversed range is the
 * same span, ranges are capped), because that text may come from a model or a person.
 */

/** Longest range a lenient read expands: `[1–100000]` is a typo or an attack, not a citation. */
const MAX_RANGE = 200;

// One item of a citation group: a number or a range. Hyphen, en dash and em dash all occur in model output.
const ITEM = String.raw`\d+(?:\s*[-–—]\s*\d+)?`;

/**
 * A bracket group made only of numbers and ranges, separated by commas (or semicolons, which models also
 * write — missing them would let an unsupported number through unpoliced). `[Table 2]`, `[sic]` never match;
 * `(?!\()` leaves markdown links such as `[3](https://…)` alone. Group 1 is the inside of the brackets.
 */
const GROUP = new RegExp(String.raw`\[\s*(${ITEM}(?:\s*[,;]\s*${ITEM})*)\s*\](?!\()`, "g");

/** How strictly a citation group is read. */
export interface CitationReading {
  /**
   * Strict (the default, for the review's own text): a descending range throws. Lenient (for text we did not
   * write): a reversed range is read as the same span and a range is capped at 200 numbers.
   */
  strict?: boolean;
}

/**
 * Expands the inside of one bracket group into its numbers, in order: `"26–28"` → [26, 27, 28],
 * `"8,48"` → [8, 48]. Strict by default: throws on a descending range.
 */
export function expandCitation(inner: string, reading: CitationReading = {}): number[] {
  const strict = reading.strict ?? true;
  const numbers: number[] = [];
  for (const part of inner.split(/[,;]/)) {
    const [from, to] = part.split(/[-–—]/).map((s) => Number(s.trim()));
    if (from === undefined || Number.isNaN(from)) {
      if (strict) throw new Error(`Not a citation: [${inner}]`);
      continue;
    }
    if (to === undefined) {
      numbers.push(from);
      continue;
    }
    if (strict && (Number.isNaN(to) || to < from)) throw new Error(`Bad citation range: [${inner}]`);
    const lo = Math.min(from, to);
    const hi = strict ? to : Math.min(Math.max(from, to), lo + MAX_RANGE - 1);
    for (let n = lo; n <= hi; n++) numbers.push(n);
  }
  return numbers;
}

function sortedUnique(numbers: Iterable<number>): number[] {
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The reference numbers cited inline in `text`, ranges expanded, sorted and without duplicates. Lenient by
 * default (answers, model output, the quiz bank): brackets that are not purely numeric (`[Table 2]`, `[sic]`)
 * and markdown links are ignored.
 */
export function parseCitations(text: string, reading: CitationReading = { strict: false }): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(GROUP)) found.push(...expandCitation(match[1]!, reading));
  return sortedUnique(found);
}

/**
 * Every reference number the review's own `text` cites, ascending and without repeats, read strictly:
 * `"(Table 2, Ref. [107–146]) [147]"` → 107 … 147.
 */
export function citedNumbers(text: string): number[] {
  return parseCitations(text, { strict: true });
}

/**
 * Replaces every citation group of `text` (`[3]`, `[60–64]`, `[8, 48]`) with what `replace` returns for its
 * numbers (read leniently) and its text as written; other brackets are left alone.
 */
export function replaceCitationGroups(text: string, replace: (numbers: number[], group: string) => string): string {
  return text.replace(GROUP, (group, inside: string) => replace(expandCitation(inside, { strict: false }), group));
}

/** Rewrites every citation the way the review prints most of them: no spaces, ranges with an en dash (`[60–64]`). */
export function normalizeCitations(text: string): string {
  return text.replace(GROUP, (_whole, inner: string) => `[${inner.replace(/\s+/g, "").replace(/[-—]/g, "–")}]`);
}

/**
 * Writes reference numbers as one compact citation: sorted, unique, runs of three or more as `a–b` (en dash),
 * the rest separated by ", " — `[26–28]`, `[8, 48]`. Returns "" for no numbers, so callers can append blindly.
 */
export function formatCitation(refs: readonly number[]): string {
  const sorted = sortedUnique(refs);
  if (sorted.length === 0) return "";
  const parts: string[] = [];
  let start = 0;
  while (start < sorted.length) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === sorted[end]! + 1) end++;
    const runLength = end - start + 1;
    if (runLength >= 3) parts.push(`${sorted[start]}–${sorted[end]}`);
    else parts.push(...sorted.slice(start, end + 1).map(String));
    start = end + 1;
  }
  return `[${parts.join(", ")}]`;
}

/** The citation groups of `text` with where each stands, for code that rewrites them one by one. */
export function citationGroups(text: string): IterableIterator<RegExpExecArray> {
  return text.matchAll(GROUP);
}
