/**
 * "What does reference 43 say?", "what is [102] cited for?": a question about one of the review's references
 * is answered from the sentences that cite it, not by searching for the number as a word (which finds a
 * trial with 43 participants).
 */
import { UserError } from "../errors.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";
import { studyOf } from "./attribution.ts";
import { quoteSentence } from "./extractive.ts";

/** How many citing passages the answer quotes. */
const MAX_CITING = 2;

/**
 * The reference number a question asks about ("reference 43", "ref. 43", "[43]"), or null when it names none.
 * Throws a {@link UserError} for a number the review's list does not have.
 */
export function referenceAskedAbout(question: string, knowledge: Knowledge): number | null {
  const match = question.match(/\b(?:ref(?:erence)?s?\.?|citation)\s*(?:no\.?\s*|#\s*)?\[?(\d{1,4})\]?|\[(\d{1,4})\]/i);
  if (!match) return null;
  const n = Number(match[1] ?? match[2]);
  if (!knowledge.referenceByNumber.has(n)) {
    throw new UserError(`The review has references 1 to ${knowledge.references.length}; there is no [${n}].`);
  }
  return n;
}

/** The answer about reference `n`: who it is, and the review's sentences that cite it (each with its citations). */
export function answerAboutReference(
  n: number,
  knowledge: Knowledge,
  engine: SearchEngine,
): { text: string; used: RankedDoc[] } {
  const citing: RankedDoc[] = [];
  for (const id of knowledge.referenceByNumber.get(n)!.citedIn) {
    const evidence = engine.evidence(id);
    if (!evidence || evidence.source.row?.table === "1" || citing.some((c) => c.source === evidence.source)) continue;
    citing.push(evidence);
    if (citing.length === MAX_CITING) break;
  }
  const study = studyOf(n, knowledge)!;
  if (citing.length === 0) {
    // Only Table 1 cites it: the table is adapted from it (references 11 and 12).
    const row = engine.evidence(knowledge.referenceByNumber.get(n)!.citedIn[0] ?? "");
    return row
      ? {
          text: `${study} is one of the two sources Table 1 (FDA-approved kinase inhibitors) is adapted from.`,
          used: [row],
        }
      : { text: "", used: [] };
  }
  const quotes = citing.map((c) =>
    c.source.hit.kind === "passage"
      ? c.source.sentences
          .filter((s) => s.refs.includes(n))
          .map((s) => quoteSentence(s.text))
          .join(" ")
      : c.source.hit.text,
  );
  return { text: `The review cites ${study} here: ${quotes.join(" ")}`, used: citing };
}
