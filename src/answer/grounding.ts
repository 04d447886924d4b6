/**
 * Does the review speak to this question at all? The share of the question's weight (each term by its
 * inverse document frequency) that the best document matches. "What is the capital of France?" matches
 * nothing; "Who won the World Cup in 2018?" matches only a year, a small share of its weight.
 */
import type { AnalysedQuery, Bm25fIndex } from "../search/bm25f.ts";
import type { RankedDoc } from "../search/engine.ts";

/** Below this share of the question's weight, the best document is not an answer. */
export const MIN_COVERAGE = 0.45;

/** The document frequency an unknown word is weighed as: one document in a hundred. */
const UNSEEN_AS_DF = (size: number) => Math.max(1, Math.round(size / 100));

/** The verdict and the share it rests on. */
export interface Grounding {
  grounded: boolean;
  coverage: number;
}

/** Weighs how much of `query` the best document `best` matches. */
export function groundingOf(query: AnalysedQuery, best: RankedDoc | undefined, index: Bm25fIndex): Grounding {
  if (!best) return { grounded: false, coverage: 0 };
  const terms = [...query.terms];
  // A word the review never uses is mostly everyday English ("percentage", "carry"): it weighs as a rare
  // word, not as the rarest possible one, so one such word does not sink an otherwise well-matched question.
  const unseenIdf = index.idfForFrequency(UNSEEN_AS_DF(index.size));
  const matched = new Set(best.matched);
  let total = query.unknown.length * unseenIdf;
  let covered = 0;
  for (const [term, weight] of terms) {
    const w = index.idf(term) * weight;
    total += w;
    if (matched.has(term)) covered += w;
  }
  const coverage = total > 0 ? covered / total : 0;
  return { grounded: coverage >= MIN_COVERAGE, coverage };
}
