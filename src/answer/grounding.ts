/**
 * Does the review speak to this question at all? Each word or name of the question weighs its inverse
 * document frequency; the verdict rests on the share of that weight the best document matches, and on how many
 * of the question's words it matches. "What is the capital of France?" matches nothing; "Who won the World Cup
 * in 2018?" matches only a year; "How does metformin lower blood glucose?" matches one word of four.
 */
import type { LayReading } from "../question/lexicon.ts";
import type { AnalysedQuery, Bm25fIndex } from "../search/bm25f.ts";
import type { RankedDoc } from "../search/engine.ts";

/** A best document matching this share of the question's weight answers it. */
export const MIN_COVERAGE = 0.45;
/**
 * A long question may use many words the review does not (paraphrase, everyday words): a best document that
 * matches this many of its words, and at least {@link MIN_COVERAGE_OF_LONG} of its weight, still answers it.
 */
export const MIN_MATCHED_WORDS = 4;
/** The share of its weight a long question's best document must still match; see {@link MIN_MATCHED_WORDS}. */
export const MIN_COVERAGE_OF_LONG = 0.2;

/**
 * A question that names something the review knows (a drug, a gene, a code: an entity term) is on topic when
 * its best document names it too and matches at least this share of the question's other words: "any OSI-906
 * trials?" is about linsitinib's trials; "the usual daily dose of osimertinib in mg?" asks what the review
 * never says.
 */
export const MIN_COVERAGE_BESIDE_NAME = 0.3;

/**
 * The document frequency an unknown word is weighed as: one document in ten. Words the review never uses are
 * mostly everyday English ("mess", "people", "chunk"): they count, but less than the review's own rare terms.
 */
const UNSEEN_AS_DF = (size: number) => Math.max(1, Math.round(size / 10));

/** The verdict and what it rests on. */
export interface Grounding {
  grounded: boolean;
  /** Share of the question's weight the best document matches. */
  coverage: number;
  /** How many of the question's words and names the best document matches. */
  matchedWords: number;
}

/** Weighs how much of `query` the best document `best` matches. */
export function groundingOf(query: AnalysedQuery, best: RankedDoc | undefined, index: Bm25fIndex): Grounding {
  if (!best) return { grounded: false, coverage: 0, matchedWords: 0 };
  // A word the review never uses is mostly everyday English ("percentage", "carry"): it weighs as a rare
  // word, not as the rarest possible one, so one such word does not sink an otherwise well-matched question.
  const unseenIdf = index.idfForFrequency(UNSEEN_AS_DF(index.size));
  const matched = new Set(best.matched);
  let total = 0;
  let covered = 0;
  let matchedWords = 0;
  let matchedNonNumbers = 0;
  let namedMatched = false;
  let otherTotal = 0;
  let otherCovered = 0;
  for (const concept of query.concepts) {
    const weights = concept.map((term) => index.idf(term) * (query.terms.get(term) ?? 0));
    const weight = weights.length ? Math.max(...weights) : unseenIdf;
    const named = concept.some((term) => term.startsWith("@"));
    const hit = concept.some((term) => matched.has(term));
    total += weight;
    if (!named) otherTotal += weight;
    if (hit) {
      covered += weight;
      matchedWords++;
      if (named) namedMatched = true;
      else otherCovered += weight;
      if (concept.some((term) => matched.has(term) && !/^\d+$/.test(term))) matchedNonNumbers++;
    }
  }
  const coverage = total > 0 ? covered / total : 0;
  const besideName = otherTotal > 0 ? otherCovered / otherTotal : 1;
  // Numbers alone ("12", "2018") match months, years and participants anywhere; they are no topic.
  const grounded =
    matchedNonNumbers > 0 &&
    (coverage >= MIN_COVERAGE ||
      (matchedWords >= MIN_MATCHED_WORDS && coverage >= MIN_COVERAGE_OF_LONG) ||
      (namedMatched && besideName >= MIN_COVERAGE_BESIDE_NAME));
  return { grounded, coverage, matchedWords };
}

/**
 * The question as the grounding check weighs it: its own words as the index reads them, and each lay phrase as
 * one concept, met by any of its meanings. A meaning stands for its rarest term ("acquired resistance" for
 * "acquired"), so a document that only says "resistance" does not meet "in vivo" through "models". Before, a
 * lay phrase counted only through its first meaning: "pumps out" was "secreted", and the passage saying IGFs
 * are "synthesized in the liver" did not meet it.
 */
export function gateQuery(index: Bm25fIndex, gate: LayReading): AnalysedQuery {
  const own = index.analyse(gate.rest);
  const terms = new Map(own.terms);
  const concepts = [...own.concepts];
  for (const means of gate.phrases) {
    const readings = new Set<string>();
    for (const meaning of means) {
      let rarest: string | undefined;
      for (const term of index.analyse(meaning).terms.keys())
        if (rarest === undefined || index.idf(term) > index.idf(rarest)) rarest = term;
      if (rarest !== undefined) readings.add(rarest);
    }
    if (readings.size === 0) continue;
    for (const term of readings) terms.set(term, Math.max(terms.get(term) ?? 0, 1));
    concepts.push([...readings]);
  }
  return { ...own, terms, concepts };
}
