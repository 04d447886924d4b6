/**
 * Question → cited answer. The question is understood first (src/question: follow-ups made standalone, lay
 * words in the review's terms, the intent); then the answerer of its intent writes the reply: small talk,
 * a decline by name, the review's front matter, a table query, a comparison, or a search that checks the review
 * really speaks to the question and answers with the model when allowed, or from the review's own sentences
 * (and whenever the model fails). Whatever writes the text, only numbers carried by the returned sources survive.
 */

import { type DrugCatalog, nameKey } from "../drugs/catalog.ts";
import { parseCitations } from "../knowledge/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Logger } from "../log.ts";
import { runTableQuery } from "../lookup/table-query.ts";
import type { SmallTalk } from "../question/intents/small-talk.ts";
import type { LayReading } from "../question/lexicon.ts";
import { normalizeQuestion } from "../question/normalize.ts";
import { createUnderstander, type Query } from "../question/understand.ts";
import { neutralizeMentions, truncate } from "../safe-text.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";
import { aliasGroupsOf, toHit } from "../search/engine.ts";
import type { Answer } from "./answer.ts";
import { asksWho, attribution } from "./attribution.ts";
import { enforceCitations } from "./citations.ts";
import { answerComparison } from "./comparison.ts";
import { composeExtractive, type SentenceLookup, table1Catalogue } from "./extractive.ts";
import { gateQuery, groundingOf } from "./grounding.ts";
import { answerMeta } from "./meta.ts";
import type { HistoryTurn, ModelAnswerer } from "./model.ts";
import { answerAboutReference, referenceAskedAbout } from "./reference-question.ts";
import { answerTableQuery } from "./table.ts";
import { createTableOnlyCheck } from "./table-only.ts";

/** Options of one question. */
export interface AskOptions {
  /** Earlier turns of the same conversation, oldest first: a follow-up that refers back is read with them. */
  history?: readonly HistoryTurn[];
  /** Whether the model may write the answer (a server's /config can turn it off). Default: yes, if configured. */
  useModel?: boolean;
}

/** Answers questions about one review. */
export type Asker = (question: string, options?: AskOptions) => Promise<Answer>;

/**
 * A conversation's turns asked in order, each with the earlier turns and their answers as history, as in a
 * Discord thread: the answer to the last turn.
 */
export async function askConversation(ask: Asker, turns: readonly [string, ...string[]]): Promise<Answer> {
  const history: HistoryTurn[] = [];
  let answer: Answer | undefined;
  for (const question of turns) {
    answer = await ask(question, { history: [...history] });
    history.push({ question, answer: answer.answer });
  }
  return answer!;
}

/** How many documents the answer may draw on. */
const EVIDENCE_DEPTH = 8;
/** How many of the best documents the grounding check looks at. */
const GROUNDING_DEPTH = 3;
/** A question that asks for a dose: "what dose of …", "the usual daily dose", "how many mg", "80 mg?". */
const ASKS_DOSE =
  /\b(?:what|which|usual|daily|recommended|standard|starting)\s+(?:[\w'’]+\s+){0,2}(?:dose|dosage|dosing)\b|\bhow many mg\b|\bdos(?:e|ing|age)\s+(?:of|for|schedule|regimen)\b|\b\d+\s*mg\b/i;
/** Text that states a dose: a number with a unit of dose. */
const STATES_DOSE = /\b\d+(?:\.\d+)?\s*(?:mg|mcg|µg|g)(?:\/(?:kg|m2|m²|day|d))?\b/i;
/** Sources handed to the model. */
const MODEL_SOURCES = 5;

/** Builds the asker from the engine, the knowledge, the drug catalogue and, optionally, a model. */
export function createAsker(deps: {
  engine: SearchEngine;
  knowledge: Knowledge;
  catalog: DrugCatalog;
  model?: ModelAnswerer | null;
  logger: Logger;
}): Asker {
  const { engine, knowledge, model, logger } = deps;
  const understand = createUnderstander(deps);
  // The sentence read before each one, within its section (a paragraph may open with "These studies…").
  const before = new Map<string, string>();
  knowledge.sentences.forEach((s, i) => {
    const previous = knowledge.sentences[i - 1];
    if (previous && previous.section === s.section) before.set(s.id, previous.id);
  });
  const sentences: SentenceLookup = { previous: (id) => before.get(id), holder: (id) => engine.get(id) };
  const table1 = table1Catalogue(engine.docs);
  const tableOnly = createTableOnlyCheck(engine, aliasGroupsOf(knowledge));

  /** The ranked evidence for a search text, and whether the review speaks to it. */
  function retrieve(search: string, gate: LayReading) {
    const { query, ranked } = engine.rank(search, { k: EVIDENCE_DEPTH, kinds: ["passage", "table-row", "figure"] });
    // Weighed with each lay phrase as one concept: "blood sugar" is one thing asked, not four. The review speaks
    // to the question if one of its best few documents does: the best by score may match the names and miss the
    // point ("unselected") that the second one makes.
    const analysed = gateQuery(engine.index, gate);
    const verdicts = ranked.slice(0, GROUNDING_DEPTH).map((doc) => groundingOf(analysed, doc, engine.index));
    const speaking = verdicts.findIndex((g) => g.grounded);
    const grounding = verdicts[speaking] ?? verdicts[0] ?? groundingOf(analysed, undefined, engine.index);
    // The answer starts from the document that speaks to the question, when the best by score does not.
    const ordered = speaking > 0 ? [ranked[speaking]!, ...ranked.filter((_, i) => i !== speaking)] : ranked;
    return { searched: query, ranked: ordered, grounding };
  }

  /** The answer a search finds: the gate, then the model or the review's own sentences. */
  async function searchAnswer(query: Query, options: AskOptions): Promise<Answer> {
    const question = query.raw;
    const retrieved = retrieve(query.search, query.gate);
    const unrelated = tableOnly(retrieved.searched.terms.keys());
    if (unrelated)
      return unanswered(
        question,
        `The review lists ${unrelated.drug} only in Table 1, as ${unrelated.listedAs}; it says nothing about ${unrelated.drug} and ${unrelated.others.join(" or ")}. Try /drug ${unrelated.drug} for its row.`,
        "declined",
      );
    const withModel = model && options.useModel !== false ? model : null;
    let { ranked, grounding } = retrieved;
    // A follow-up: the model may restate it in the review's words (one short call), which the search uses if it
    // finds the review speaking to it; the raw question still goes to the answer. Fresh questions are not sent,
    // so an off-topic one never reaches the model.
    if (withModel && query.followUp) {
      const condensed = await withModel.condense(question, options.history ?? []);
      if (condensed.ok) {
        // The model restates the question in the review's words: no lay phrase is left to read.
        const retried = retrieve(condensed.standalone, { rest: condensed.standalone, phrases: [] });
        if (retried.grounding.grounded) ({ ranked, grounding } = retried);
      } else logger.info({ reason: condensed.reason }, "model rewrite unavailable; searching the question as asked");
    }
    if (!grounding.grounded) return decline(question, ranked[0], grounding.coverage, knowledge);
    // A dose is a number the review never gives (it reports which drugs were tried and what came of them): a
    // question asking for one is declined unless the evidence states one, however well it matches the drug.
    if (ASKS_DOSE.test(question) && !ranked.slice(0, GROUNDING_DEPTH).some((d) => STATES_DOSE.test(d.source.hit.text)))
      return unanswered(
        question,
        "The review does not give doses: it says which drugs were tried, with what, and what the trials found, not how much was given. Try /trial or /drug for what it does say.",
        "declined",
      );

    if (withModel) {
      const sources = ranked.slice(0, MODEL_SOURCES);
      const result = await withModel.answerStructured({
        question,
        sources: sources.map(toHit),
        history: options.history?.slice(),
      });
      if (result.ok) {
        const used = sources.filter((s) => result.usedSourceIds.includes(s.source.hit.id));
        return finish(question, result.text, used, "model");
      }
      logger.info({ reason: result.reason }, "model answer unavailable; answering extractively");
    }
    // "Who showed ...?": the finding and the studies behind it, without neighbours that would blur whose it is.
    const credit = asksWho(question) && ranked[0] ? attribution(ranked[0], knowledge) : "";
    const approval = asksApproval(question);
    const extractive = composeExtractive(approval ? ranked : proseFirst(ranked), {
      rowsOnly: approval,
      alone: credit !== "",
      catalogue: table1,
      lookup: sentences,
    });
    return finish(question, credit ? `${extractive.text} ${credit}` : extractive.text, extractive.used, "extractive");
  }

  /**
   * "OSI-906 is Linsitinib." for each drug the question names by a code, brand or other spelling that the
   * answer never names it by: whoever asked about Tagrisso or OSI-906 learns which drug the evidence is about.
   */
  function nameGloss(question: string, answer: string): string {
    const glosses = new Set<string>();
    const said = nameKey(answer);
    for (const [word] of question.matchAll(/[\p{L}\p{N}][\p{L}\p{N}-]{2,}/gu)) {
      const entry = deps.catalog.exact(word);
      const key = nameKey(word);
      if (!entry || key === nameKey(entry.name) || said.includes(nameKey(entry.name))) continue;
      const alias = entry.aliases.find((a) => nameKey(a) === key) ?? word;
      glosses.add(`${alias} is ${entry.name}.`);
    }
    return [...glosses].join(" ");
  }

  return async (rawQuestion, options = {}) => {
    const answer = await answerOne(rawQuestion, options);
    const gloss = answer.grounded ? nameGloss(answer.question, answer.answer) : "";
    return gloss ? { ...answer, answer: capAnswer(`${gloss} ${answer.answer}`) } : answer;
  };

  async function answerOne(rawQuestion: string, options: AskOptions): Promise<Answer> {
    const question = normalizeQuestion(rawQuestion);
    const asked = referenceAskedAbout(question, knowledge);
    if (asked !== null) {
      const about = answerAboutReference(asked, knowledge, engine);
      if (about.text) return finish(question, about.text, about.used, "extractive");
    }
    const query = understand(question, options.history);
    const { intent } = query;
    switch (intent.kind) {
      case "small-talk":
        return unanswered(question, smallTalkReply(intent.what, knowledge), "help");
      case "clarify":
        return unanswered(
          question,
          `What does "${intent.pointer}" refer to? Ask again with the drug, gene or topic named, for example "how does IGFBP3 affect osimertinib resistance?".`,
          "clarify",
        );
      case "unknown-names":
        return declineNames(question, intent.names);
      case "meta": {
        const meta = answerMeta(intent.meta, question, knowledge, engine);
        if (meta) return finish(question, meta.text, meta.used, "extractive");
        break;
      }
      case "table": {
        const table = answerTableQuery(intent.query, runTableQuery(knowledge, intent.query), engine);
        return finish(question, table.text, table.used, "extractive");
      }
      case "comparison": {
        const comparison = answerComparison(intent.comparison, intent.sides, intent.searches, engine, sentences);
        if (comparison) return finish(question, comparison.text, comparison.used, "extractive");
        break;
      }
      case "search":
        break;
    }
    return searchAnswer(query, options);
  }
}

/** Whether a question asks what Table 1 holds: an approval, its year, an indication, a label. */
function asksApproval(question: string): boolean {
  return /\b(approv\w*|fda|indicat\w*|label\w*|licen[cs]\w*|table|year|when|brand|listed|marketed)\b/i.test(question);
}

/** The score share a passage needs, against an approval row ranked above it, to be quoted first. */
const PROSE_SHARE = 0.5;

/**
 * A question that does not ask about approvals is answered by the review's prose, not by a drug's approval
 * row that happens to name its drug, target and cancer: the best passage goes first when it scores at least
 * half as well.
 */
function proseFirst(ranked: RankedDoc[]): RankedDoc[] {
  const [best] = ranked;
  if (best?.source.row?.table !== "1") return ranked;
  const floor = best.score * PROSE_SHARE;
  const passage = ranked.find((d) => d.source.hit.kind === "passage" && d.score >= floor);
  return passage ? [passage, ...ranked.filter((d) => d !== passage)] : ranked;
}

/** What the bot says to a greeting, thanks, or a request for help. */
function smallTalkReply(what: SmallTalk, knowledge: Knowledge): string {
  if (what === "thanks") return "You're welcome! Ask me anything else about the review.";
  const title = knowledge.document.title;
  const intro = what === "greeting" ? "Hi! " : "";
  return `${intro}I answer questions about the review "${title}" (${knowledge.document.authors.map((a) => a.name.split(" ").at(-1)).join(" & ")}, ${knowledge.document.dates.published.slice(0, 4)}), citing its reference numbers. Try: "how does IGFBP3 drive osimertinib resistance?", "which Table 1 drugs target ALK?", "figitumumab vs ganitumab trials", or "who wrote the review?". Slash commands: /drug, /trial, /ref, /section, /search, /glossary, /quiz.`;
}

/** An answer is shown as an embed's description, which Discord caps at 4,096 characters. */
export const MAX_DESCRIPTION_CHARS = 4096;
/** Sources shown with one answer: a field each, and an embed holds 25. */
export const MAX_SOURCES = 25;

/**
 * The text cut to {@link MAX_DESCRIPTION_CHARS} at a word, a citation group the cut would break dropped with
 * it. The answerers bound what they write; this is the limit no answer passes, whatever it holds.
 */
export function capAnswer(text: string): string {
  if (text.length <= MAX_DESCRIPTION_CHARS) return text;
  return truncate(text, MAX_DESCRIPTION_CHARS).replace(/\s*\[[^\]]*…$/, "…");
}

function finish(question: string, text: string, used: RankedDoc[], mode: Answer["mode"]): Answer {
  // A Table 1 list cites its table once, which its first rows carry; past the cap, a row's own citation goes
  // with its source (the police below removes it).
  const sources = used.slice(0, MAX_SOURCES).map(toHit);
  const carried = new Set(sources.flatMap((s) => s.refs));
  // The extractive text is built from these sources, so nothing should be removed; the check is the rule.
  const enforced = enforceCitations(capAnswer(neutralizeMentions(text)), carried);
  return {
    question,
    answer: enforced.text,
    grounded: true,
    citations: parseCitations(enforced.text),
    sources,
    mode,
  };
}

/** An answer that is no answer from the review: help, or a question back. Cites nothing. */
function unanswered(question: string, text: string, mode: Answer["mode"]): Answer {
  return { question, answer: text, grounded: false, citations: [], sources: [], mode };
}

/** A question centred on names the review never mentions, declined by name. */
function declineNames(question: string, names: readonly string[]): Answer {
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} or ${names.at(-1)}`;
  return unanswered(
    question,
    `The review does not mention ${list}, so it cannot answer this. It is about IGF signalling and resistance to EGFR and HER2 tyrosine kinase inhibitors; try /search for what it does cover.`,
    "declined",
  );
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
      near +
      " Try /search to look through what it does cover.",
    grounded: false,
    citations: [],
    sources: [],
    mode: "declined",
  };
}
