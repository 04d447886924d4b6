/**
 * Question → cited answer: retrieve, check that the review really speaks to the question, then answer with
 * the model when one is configured and allowed, or from the review's own sentences otherwise (and whenever
 * the model fails). Whatever writes the text, only numbers carried by the returned sources survive.
 */

import { parseCitations } from "../knowledge/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Logger } from "../log.ts";
import { normalizeQuestion } from "../question/normalize.ts";
import { neutralizeMentions } from "../safe-text.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";
import { toHit } from "../search/engine.ts";
import type { Answer } from "./answer.ts";
import { asksWho, attribution } from "./attribution.ts";
import { enforceCitations } from "./citations.ts";
import { composeExtractive } from "./extractive.ts";
import { groundingOf } from "./grounding.ts";
import type { HistoryTurn, ModelAnswerer } from "./model.ts";
import { answerAboutReference, referenceAskedAbout } from "./reference-question.ts";

/** Options of one question. */
export interface AskOptions {
  /** Earlier turns of the same conversation, oldest first: a follow-up is searched with them in mind. */
  history?: readonly HistoryTurn[];
  /** Whether the model may write the answer (a server's /config can turn it off). Default: yes, if configured. */
  useModel?: boolean;
}

/** Answers questions about one review. */
export type Asker = (question: string, options?: AskOptions) => Promise<Answer>;

/** How many documents the answer may draw on. */
const EVIDENCE_DEPTH = 8;
/** Sources handed to the model. */
const MODEL_SOURCES = 5;

/** Builds the asker from the engine, the knowledge and, optionally, a model. */
export function createAsker(deps: {
  engine: SearchEngine;
  knowledge: Knowledge;
  model?: ModelAnswerer | null;
  logger: Logger;
}): Asker {
  const { engine, knowledge, model, logger } = deps;

  return async (rawQuestion, options = {}) => {
    const question = normalizeQuestion(rawQuestion);
    const asked = referenceAskedAbout(question, knowledge);
    if (asked !== null) {
      const about = answerAboutReference(asked, knowledge, engine);
      if (about.text) return finish(question, about.text, about.used, "extractive");
    }
    const searchText = withContext(question, options.history);
    const { query, ranked } = engine.rank(searchText, { k: EVIDENCE_DEPTH, kinds: ["passage", "table-row", "figure"] });
    const grounding = groundingOf(query, ranked[0], engine.index);
    if (!grounding.grounded) return decline(question, ranked[0], grounding.coverage, knowledge);

    if (model && options.useModel !== false) {
      const sources = ranked.slice(0, MODEL_SOURCES);
      const result = await model.answer({ question, sources: sources.map(toHit), history: options.history?.slice() });
      if (result.ok) return finish(question, result.text, citedSources(sources, result.citations), "model");
      logger.info({ reason: result.reason }, "model answer unavailable; answering extractively");
    }
    // "Who showed ...?": the finding and the studies behind it, without neighbours that would blur whose it is.
    const credit = asksWho(question) && ranked[0] ? attribution(ranked[0], knowledge) : "";
    const extractive = composeExtractive(ranked, { alone: credit !== "", catalogue: engine.docs });
    return finish(question, credit ? `${extractive.text} ${credit}` : extractive.text, extractive.used, "extractive");
  };
}

/** The sources a model answer cites, after the best one it was given: the sources shown are what it rests on. */
function citedSources(sources: RankedDoc[], citations: readonly number[]): RankedDoc[] {
  const cited = new Set(citations);
  return sources.filter((s, i) => i === 0 || s.source.hit.refs.some((n) => cited.has(n)));
}

/** A follow-up that names little ("and erlotinib?") is searched together with the question before it. */
function withContext(question: string, history: readonly HistoryTurn[] | undefined): string {
  const previous = history?.at(-1);
  if (!previous || question.split(/\s+/).length > 8) return question;
  return `${question} ${previous.question}`;
}

function finish(question: string, text: string, used: RankedDoc[], mode: Answer["mode"]): Answer {
  const sources = used.map(toHit);
  const carried = new Set(sources.flatMap((s) => s.refs));
  // The extractive text is built from these sources, so nothing should be removed; the check is the rule.
  const enforced = enforceCitations(neutralizeMentions(text), carried);
  return {
    question,
    answer: enforced.text,
    grounded: true,
    citations: parseCitations(enforced.text),
    sources,
    mode,
  };
}

/** The share of a question's weight above which the nearest section is worth naming in a decline. */
const NEAR_COVERAGE = 0.15;

function decline(question: string, nearest: RankedDoc | undefined, coverage: number, knowledge: Knowledge): Answer {
  const section = nearest?.source.hit.section ? knowledge.sectionByNumber.get(nearest.source.hit.section) : undefined;
  const near =
    section && coverage >= NEAR_COVERAGE
      ? ` The closest it comes is section ${section.number}, "${section.title}".`
      : "";
  return {
    question,
    answer:
      "The review does not cover this. It is about how IGF signalling drives resistance to EGFR and HER2 tyrosine kinase inhibitors, the drugs that target the IGF pathway and their trials." +
      near,
    grounded: false,
    citations: [],
    sources: [],
    mode: "declined",
  };
}
