/**
 * The citation police. The bot's rule is that a number appears in a reply only if a source shown with the
 * reply carries it; this module is where that rule is enforced on text we did not write ourselves (the model's
 * reply). Citation groups themselves are parsed by the knowledge (`knowledge/citations.ts`).
 */
import { citationGroups, expandCitation, formatCitation } from "../knowledge/citations.ts";

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
  for (const match of citationGroups(text)) {
    out += text.slice(rest, match.index);
    rest = match.index + match[0].length;
    const cited = expandCitation(match[1]!, { strict: false });
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
  return { text: out, removed: sorted(removed), kept: sorted(kept) };
}

function sorted(numbers: Set<number>): number[] {
  return [...numbers].sort((a, b) => a - b);
}
