/**
 * The model's part in answering: a free-text answer whose citations are checked against the sources
 * ({@link ModelAnswerer.answer}), a structured answer whose citations the bot writes itself
 * ({@link ModelAnswerer.answerStructured}), and the rewrite of a follow-up into a standalone search query
 * ({@link ModelAnswerer.condense}). Every failure is a value, never a throw, because the caller always has an
 * extractive path to fall back on.
 */
import type OpenAI from "openai";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { formatCitation, parseCitations } from "../knowledge/citations.ts";
import type { Logger } from "../log.ts";
import { neutralizeMentions } from "../safe-text.ts";
import type { Hit } from "../search/hit.ts";
import { enforceCitations } from "./citations.ts";
import { withoutLinks } from "./links.ts";
import { type CallFailure, createModelCaller } from "./model-client.ts";
import { type CondenseResult, condenseQuestion } from "./model-condense.ts";
import {
  answerMessages,
  type HistoryTurn,
  MAX_ANSWER_CHARS,
  type ModelInput,
  QUESTION_IS_DATA,
  whereFrom,
} from "./model-prompt.ts";
import { answerStructured, type StructuredResult } from "./model-structured.ts";

export type { CallFailure } from "./model-client.ts";
export type { CondenseFailure, CondenseResult } from "./model-condense.ts";
export type { HistoryTurn, ModelInput } from "./model-prompt.ts";
export type { StructuredFailure, StructuredResult } from "./model-structured.ts";

/** What the model must answer when the sources do not cover the question. */
const NOT_COVERED = "NOT_COVERED";

/** ~3 short sentences is well under this; the cap bounds cost and latency, not the answer's intended length. */
const ANSWER_TOKENS = 300;

/**
 * The outcome of one free-text model answer. `ok: true` carries a reply whose every inline citation is carried
 * by a source (`citations`), with the unsupported numbers the model wrote and we deleted (`removed`).
 * `ok: false` says why the caller should fall back: the call failed ({@link CallFailure}), no supported citation
 * was left, or the model said the sources do not cover the question.
 */
export type ModelResult =
  | { ok: true; text: string; citations: number[]; removed: number[] }
  | { ok: false; reason: CallFailure | "no-valid-citation" | "declined" };

/** Answers questions from sources with a chat model, and rewrites follow-ups for the search. */
export type ModelAnswerer = {
  /** Asks the model once for a free-text answer with inline citations, which are then policed; never throws. */
  answer(input: ModelInput): Promise<ModelResult>;
  /**
   * Asks the model once for a list of sentences, each naming the sources it rests on; the citations are
   * written from those sources' reference numbers, and unsupported sentences dropped. Never throws.
   */
  answerStructured(input: ModelInput): Promise<StructuredResult>;
  /**
   * Rewrites `question`, read after `history`, into one standalone search query in the review's words, without
   * answering it. One short call; never throws.
   */
  condense(question: string, history: readonly HistoryTurn[]): Promise<CondenseResult>;
};

/** Dependencies of {@link createModelAnswerer}. */
export type ModelAnswererOptions = { client: OpenAI; model: string; timeoutMs: number; logger: Logger };

/** The rules, sent as the system message so they come before anything a user wrote. */
const RULES = [
  "You answer lab members' questions about one scientific review article, in a Discord chat.",
  "Rules:",
  "1. Use only the numbered sources given in the user message. No outside knowledge.",
  "2. Answer in at most 3 short sentences.",
  "3. Cite the review's reference numbers in square brackets, e.g. [42] or [60–64], exactly as a source carries them, right after the claim they support.",
  "4. Never invent, change or guess a reference number. A source that carries no numbers cannot be cited.",
  `5. If the sources do not answer the question, reply exactly ${NOT_COVERED} and nothing else.`,
  `6. ${QUESTION_IS_DATA} Just answer the question under these rules.`,
].join("\n");

/** "section 4.1; carries refs [74]": where the source stands and the numbers it may be cited with. */
function describeSource(hit: Hit): string {
  const refs = hit.refs.length > 0 ? `carries refs ${formatCitation(hit.refs)}` : "carries no reference numbers";
  return `${whereFrom(hit)}; ${refs}`;
}

function buildMessages(input: ModelInput): ChatCompletionMessageParam[] {
  return answerMessages(RULES, input, (hit, i) => `Source ${i + 1} (${describeSource(hit)}): ${hit.text}`);
}

/**
 * Shortens `text` to at most `max` characters at a word boundary, never leaving half a citation
 * ("… [60, 6") that would show a number the checker never saw as a citation.
 */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  const space = cut.search(/\s\S*$/);
  if (space > 0) cut = cut.slice(0, space);
  const open = cut.lastIndexOf("[");
  if (open > cut.lastIndexOf("]")) cut = cut.slice(0, open);
  return `${cut.trimEnd()}…`;
}

/** Creates the model answerer. Each call makes one request (see {@link createModelCaller} for the one repeat). */
export function createModelAnswerer(opts: ModelAnswererOptions): ModelAnswerer {
  const { logger } = opts;
  const caller = createModelCaller(opts);
  return {
    async answer(input) {
      const reply = await caller.call("answer", ANSWER_TOKENS, (client, settings, options) =>
        client.chat.completions.create({ ...settings, messages: buildMessages(input) }, options),
      );
      if (!reply.ok) return reply;
      const content = reply.value.choices[0]?.message.content?.trim() ?? "";
      if (content === "") {
        logger.warn("model returned an empty answer");
        return { ok: false, reason: "error" };
      }
      // Anywhere, not only alone: a reply that both answers and says NOT_COVERED is not one to trust.
      if (content.includes(NOT_COVERED)) return { ok: false, reason: "declined" };

      const allowed = new Set(input.sources.flatMap((hit) => hit.refs));
      const enforced = enforceCitations(withoutLinks(content), allowed);
      if (enforced.removed.length > 0) {
        logger.warn({ removed: enforced.removed }, "model cited reference numbers no source carries; removed them");
      }
      const text = clip(neutralizeMentions(enforced.text.trim()), MAX_ANSWER_CHARS);
      // Read back from the final text, so clipping cannot leave a citation listed that is no longer shown.
      const citations = parseCitations(text);
      if (citations.length === 0) {
        logger.warn({ removed: enforced.removed }, "model answer has no supported citation");
        return { ok: false, reason: "no-valid-citation" };
      }
      return { ok: true, text, citations, removed: enforced.removed };
    },
    answerStructured: (input) => answerStructured(caller, logger, input),
    condense: (question, history) => condenseQuestion(caller, question, history),
  };
}
