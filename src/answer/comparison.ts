/**
 * The answer to a comparison: the evidence for each side, found by searching each side on its own, each with
 * its own citations; a side the review has nothing on is named as such rather than left out.
 */
import type { Comparison } from "../question/intents/comparison.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";
import { type SentenceLookup, standingDoc } from "./extractive.ts";

/** Documents looked at for each side. */
const DEPTH = 8;
/** Documents looked at for a side asked about by name alone, to find where the review introduces it. */
const NAME_DEPTH = 30;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The best document for one side that matches something only that side says (its own drug, its own word): a
 * document that matches only what both sides share ("EGFR", "resistance") speaks to neither.
 */
function evidenceFor(engine: SearchEngine, side: string, other: string, search: string): RankedDoc | null {
  const mine = engine.index.analyse(side).terms;
  const theirs = engine.index.analyse(other).terms;
  // "target-dependent vs non-target-dependent": a side with nothing of its own is found by all its words.
  const own = [...mine.keys()].filter((t) => !theirs.has(t));
  const distinct = own.length ? own : [...mine.keys()];
  // A side asked about by name alone ("gefitinib vs osimertinib: what's different?") is answered where the review
  // introduces it: the first passage, in reading order, that names it among the many that do.
  const byName = search.trim() === side.trim();
  const ranked = engine.rank(search, {
    k: byName ? NAME_DEPTH : DEPTH,
    kinds: ["passage", "table-row", "figure"],
  }).ranked;
  if (byName) {
    // Named in its own words, not only in the neighbouring sentences a passage is also searched by: every word
    // of the side stands in the passage's text.
    const words = side.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}-]+/gu) ?? [];
    return (
      ranked
        .filter((r) => words.every((w) => r.source.hit.text.toLowerCase().includes(w)))
        // One name: where the review introduces it; a phrase: where it is best matched.
        .sort((x, y) => (words.length === 1 ? x.doc - y.doc : 0))
        .find((r) => r.source.hit.kind === "passage") ?? null
    );
  }
  const speaks = (r: RankedDoc) => r.matched.some((t) => distinct.includes(t));
  // The review's prose explains a difference; a drug's approval row only says when and for what.
  return ranked.find((r) => speaks(r) && r.source.hit.kind === "passage") ?? ranked.find(speaks) ?? null;
}

/** Both sides (as asked; `sides` and `searches` in the review's words) with their evidence, or null when the review has nothing on either (then search answers). */
export function answerComparison(
  comparison: Comparison,
  sides: readonly [string, string],
  searches: readonly [string, string],
  engine: SearchEngine,
  lookup: SentenceLookup,
): { text: string; used: RankedDoc[] } | null {
  const [a, b] = comparison.sides;
  const evidence = [
    evidenceFor(engine, sides[0], sides[1], searches[0]),
    evidenceFor(engine, sides[1], sides[0], searches[1]),
  ];
  if (!evidence[0] && !evidence[1]) return null;
  const used: RankedDoc[] = [];
  // Each side's evidence reads on its own: a sentence that opens "This…" brings in the one it points to.
  const quoted = evidence.map((doc) => (doc ? standingDoc(doc, lookup) : null));
  const parts = comparison.sides.map((side, i) => {
    const quote = quoted[i];
    if (!quote) return `${capitalize(side)}: the review has nothing on this side.`;
    for (const doc of quote.used) if (!used.some((u) => u.source.hit.id === doc.source.hit.id)) used.push(doc);
    return `${capitalize(side)}: ${quote.text}`;
  });
  // The same passage may answer both sides ("first- and second-generation EGFR-TKIs"): quote it once.
  if (quoted[0] && evidence[0]?.source === evidence[1]?.source)
    return { text: `${capitalize(a)} and ${b}: ${quoted[0].text}`, used };
  return { text: parts.join("\n"), used };
}
