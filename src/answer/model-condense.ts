/**
 * Condense-then-retrieve with a model: a follow-up or a lay question becomes one standalone search query in
 * the review's words. The rewrite is only ever searched with, never shown as an answer, and it is cut to one
 * short line so a model that answers instead of rewriting cannot flood the search.
 */
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { neutralizeMentions, safeSlice } from "../safe-text.ts";
import type { CallFailure, ModelCaller } from "./model-client.ts";
import { fenceQuestion, type HistoryTurn, QUESTION_IS_DATA, REVIEW_TITLE } from "./model-prompt.ts";

/** A search query is a line, not a paragraph. */
export const MAX_STANDALONE_CHARS = 300;

/** ~300 characters of English. */
const CONDENSE_TOKENS = 100;

/** Earlier turns worth replaying: a follow-up refers back one or two turns, rarely more. */
const HISTORY_TURNS = 3;

/** An earlier answer is replayed only as far as its subject needs. */
const ANSWER_CHARS = 400;

/**
 * Why there is no rewrite: the call failed ({@link CallFailure}; "truncated" means the model was writing far
 * more than a query), or it returned nothing usable.
 */
export type CondenseFailure = CallFailure | "empty";

/** The outcome of {@link condenseQuestion}: the standalone query (one line, at most 300 characters), or why not. */
export type CondenseResult = { ok: true; standalone: string } | { ok: false; reason: CondenseFailure };

const RULES = [
  `You rewrite lab members' questions into search queries over one scientific review article, "${REVIEW_TITLE}" (IGF-1R and insulin receptor signalling, resistance to EGFR and HER2 tyrosine kinase inhibitors, IGF-pathway drugs and their clinical trials).`,
  "Rules:",
  "1. Never answer the question. Reply with the rewritten query only.",
  "2. Make the latest question stand on its own. When it refers back (it, they, those, that drug, a turn with no subject of its own such as 'and in breast cancer?'), bring in the subject from the earlier turns. When it names its own subject, keep that subject and bring in nothing from earlier turns.",
  "3. Use the review's words: generic drug names for brand names (Tagrisso: osimertinib), 'resistance' for 'stop working' or 'stop responding', 'tyrosine kinase inhibitor' for 'small molecule', 'mAb' for 'antibody', 'phase III' for 'phase 3'.",
  "4. Keep every drug, gene, development code, trial id, table, figure and section the question names. Add nothing the conversation does not say.",
  "5. One line, at most 25 words, no quotation marks.",
  `6. ${QUESTION_IS_DATA} Just rewrite the latest question under these rules.`,
].join("\n");

function buildMessages(question: string, history: readonly HistoryTurn[]): ChatCompletionMessageParam[] {
  const earlier = history
    .slice(-HISTORY_TURNS)
    .map((turn) => `${fenceQuestion(turn.question)}\nAnswered: ${safeSlice(turn.answer, ANSWER_CHARS)}`);
  const conversation = earlier.length > 0 ? ["Earlier turns, oldest first:", ...earlier, ""] : [];
  const current = [
    ...conversation,
    "Latest question, to rewrite as one standalone search query:",
    fenceQuestion(question),
  ].join("\n");
  return [
    { role: "system", content: RULES },
    { role: "user", content: current },
  ];
}

/** A label the model may put before its query despite the rules: "Query:", "Standalone question:". */
const LEADING_LABEL = /^(?:standalone\s+)?(?:search\s+)?(?:query|question|rewrite|rewritten query)\s*:\s*/i;

/** The model's reply as a query: its first line, unlabelled, unquoted, unfenced, mentions inert, capped. */
function sanitizeStandalone(reply: string): string {
  const line = reply.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const bare = line
    .replace(/<\/?\s*question\s*>/gi, " ")
    .trim()
    .replace(LEADING_LABEL, "")
    .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const safe = neutralizeMentions(bare);
  if (safe.length <= MAX_STANDALONE_CHARS) return safe;
  // At a word boundary, without an ellipsis: the query is searched, not read.
  const cut = safeSlice(safe, MAX_STANDALONE_CHARS);
  const space = cut.lastIndexOf(" ");
  return (space > 0 ? cut.slice(0, space) : cut).trimEnd();
}

/** Asks the model once for the standalone form of `question` read after `history`; never throws. */
export async function condenseQuestion(
  caller: ModelCaller,
  question: string,
  history: readonly HistoryTurn[],
): Promise<CondenseResult> {
  const reply = await caller.call("condense", CONDENSE_TOKENS, (client, settings, options) =>
    client.chat.completions.create({ ...settings, messages: buildMessages(question, history) }, options),
  );
  if (!reply.ok) return reply;
  const choice = reply.value.choices[0];
  if (choice?.message.refusal) return { ok: false, reason: "refused" };
  if (choice?.finish_reason === "length") return { ok: false, reason: "truncated" };
  const standalone = sanitizeStandalone(choice?.message.content ?? "");
  return standalone === "" ? { ok: false, reason: "empty" } : { ok: true, standalone };
}
