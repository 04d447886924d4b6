/**
 * Inline citations of the review's reference numbers — `[3]`, `[3, 5]`, `[60–64]` — read, policed and written.
 *
 * The bot's rule is that a number appears in a reply only if a source shown with the reply carries it; this
 * module is where that rule is enforced on text we did not write ourselves (the model's reply).
 */

/** Longest range we expand: `[1–100000]` is a typo or an attack, not a citation, and must not allocate 100k numbers. */
const MAX_RANGE = 200;

// One item of a citation group: a number or a range. Hyphen, en dash and em dash all occur in model output.
const ITEM = String.raw`\d+(?:\s*[-–—]\s*\d+)?`;

/**
 * A bracket group made only of numbers and ranges, separated by commas (or semicolons, which models also
 * write — missing them would let an unsupported number through unpoliced). `[Table 2]`, `[sic]` never match;
 * `(?!\()` leaves markdown links such as `[3](https://…)` alone. Group 1 is the inside of the brackets.
 */
const GROUP = new RegExp(String.raw`\[\s*(${ITEM}(?:\s*[,;]\s*${ITEM})*)\s*\](?!\()`, "g");

/** Expands the inside of one bracket group ("60-62, 8") into its numbers, in order of appearance. */
function expandGroup(items: string): number[] {
  const out: number[] = [];
  for (const item of items.split(/[,;]/)) {
    const [from, to] = item.split(/[-–—]/).map((s) => Number(s.trim()));
    if (from === undefined) continue;
    if (to === undefined) {
      out.push(from);
      continue;
    }
    // A reversed range ("64-60") is read as the same span; the cap keeps the expansion bounded.
    const lo = Math.min(from, to);
    const hi = Math.min(Math.max(from, to), lo + MAX_RANGE - 1);
    for (let n = lo; n <= hi; n++) out.push(n);
  }
  return out;
}

function sortedUnique(numbers: Iterable<number>): number[] {
  return [...new Set(numbers)].sort((a, b) => a - b);
}

/**
 * The reference numbers cited inline in `text`, ranges expanded (at most 200 numbers per range), sorted and
 * without duplicates. Brackets that are not purely numeric (`[Table 2]`, `[sic]`) and markdown links are ignored.
 */
export function parseCitations(text: string): number[] {
  const found: number[] = [];
  for (const match of text.matchAll(GROUP)) found.push(...expandGroup(match[1]!));
  return sortedUnique(found);
}

/**
 * Replaces every citation group of `text` (`[3]`, `[60–64]`, `[8, 48]`) with what `replace` returns for its
 * numbers (ranges expanded) and its text as written; other brackets are left alone.
 */
export function replaceCitationGroups(text: string, replace: (numbers: number[], group: string) => string): string {
  return text.replace(GROUP, (group, inside: string) => replace(expandGroup(inside), group));
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

/** What {@link enforceCitations} did: the rewritten text and the numbers it dropped and kept. */
export type EnforcedCitations = {
  /** The text with every citation group reduced to allowed numbers; emptied groups are gone. */
  text: string;
  /** Numbers that were cited but not allowed, sorted unique. */
  removed: number[];
  /** Numbers still cited in `text`, sorted unique. */
  kept: number[];
};

/**
 * Rewrites every citation group in `text` to keep only numbers in `allowed`, re-emitted compactly
 * (`[60–62]` with 61 not allowed → `[60, 62]`). A group left empty is dropped together with the spaces before
 * it ("shown [999]." → "shown."). Afterwards `parseCitations(result.text)` ⊆ `allowed`.
 */
export function enforceCitations(text: string, allowed: ReadonlySet<number>): EnforcedCitations {
  const removed = new Set<number>();
  const kept = new Set<number>();
  let out = "";
  let rest = 0; // index in `text` of what has not been copied to `out` yet
  for (const match of text.matchAll(GROUP)) {
    out += text.slice(rest, match.index);
    rest = match.index + match[0].length;
    const cited = expandGroup(match[1]!);
    for (const n of cited) (allowed.has(n) ? kept : removed).add(n);
    const keep = cited.filter((n) => allowed.has(n));
    if (keep.length > 0) {
      out += formatCitation(keep);
      continue;
    }
    // An emptied group goes with the spaces before it ("shown [999]." → "shown."). At the start of a line
    // there are none, so the spaces after it go instead ("[999] Then" → "Then").
    out = out.replace(/[ \t]+$/, "");
    if (out === "" || out.endsWith("\n")) {
      while (text[rest] === " " || text[rest] === "\t") rest++;
    }
  }
  out += text.slice(rest);
  return { text: out, removed: sortedUnique(removed), kept: sortedUnique(kept) };
}

/**
 * Makes Discord mentions inert by putting a zero-width space after the `@`: `@everyone`, `@here`, `<@123>`,
 * `<@!123>`, `<@&123>`. The bot also sends replies with `allowedMentions` off; this is a second line of defence
 * in case a reply reaches Discord some other way (an edit, a log channel, a future code path).
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@(?=(?:everyone|here)\b)/gi, "@\u200B").replace(/<@(?=[!&]?\d+>)/g, "<@\u200B");
}
