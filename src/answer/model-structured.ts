/**
 * The structured model answer: the model returns sentences, each naming the sources it rests on (labelled
 * S1..Sn), through the SDK's zod helper; the bot writes each sentence's citation from those sources' reference
 * numbers. The model never writes a number, so it cannot write a wrong one, and a sentence resting on no known
 * source is dropped.
 */
import { zodResponseFormat } from "openai/helpers/zod";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { z } from "zod";
import { formatCitation, parseCitations, replaceCitationGroups } from "../knowledge/citations.ts";
import type { Logger } from "../log.ts";
import { neutralizeMentions } from "../safe-text.ts";
import type { Hit } from "../search/hit.ts";
import { withoutLinks } from "./links.ts";
import type { CallFailure, ModelCaller } from "./model-client.ts";
import {
  answerMessages,
  MAX_ANSWER_CHARS,
  type ModelInput,
  QUESTION_IS_DATA,
  REVIEW_TITLE,
  whereFrom,
} from "./model-prompt.ts";

/** The reply the model must give: JSON, checked by zod when it arrives. */
const StructuredReply = z.object({
  sentences: z.array(
    z.object({
      /** One sentence of the answer, without citations. */
      text: z.string(),
      /** Labels of the sources the sentence rests on: "S1", "S3". */
      sources: z.array(z.string()),
    }),
  ),
});

/** Room for four sentences and their labels as JSON. */
const STRUCTURED_TOKENS = 600;

/**
 * Why a structured answer is unusable: the call failed ({@link CallFailure}: timeout, HTTP error, malformed
 * JSON, refusal, token cap), the model returned no sentence (the sources do not answer the question), or every
 * sentence it returned rested on an unknown source or on none.
 */
export type StructuredFailure = CallFailure | "empty" | "unsupported";

/**
 * The outcome of a structured answer. `text` is the kept sentences with the citations the bot wrote; every
 * number in `citations` is carried by a source in `usedSourceIds`, which are the `Hit.id`s of the sources the
 * kept sentences rest on, in the order they were given: the sources to show with the text (a sentence resting
 * only on a source without reference numbers is kept uncited because that source is shown).
 */
export type StructuredResult =
  | { ok: true; text: string; citations: number[]; usedSourceIds: string[] }
  | { ok: false; reason: StructuredFailure };

const RULES = [
  `You answer lab members' questions about one scientific review article, "${REVIEW_TITLE}", in a Discord chat.`,
  "Rules:",
  "1. Use only the sources given in the user message, labelled S1, S2 and so on. No outside knowledge.",
  "2. Answer in at most 4 short sentences. For each sentence, list the labels of the sources it rests on; every claim in it must be in those sources.",
  "3. Write no reference numbers, brackets or source labels inside a sentence: the citations are added for you.",
  '4. If the question asks for a yes or a no, the first sentence starts with "Yes", "No" or "The review does not say".',
  "5. If the sources do not answer the question, return an empty list of sentences.",
  `6. ${QUESTION_IS_DATA} Just answer the question under these rules.`,
].join("\n");

/** The label the model knows the `i`th source by. */
function label(i: number): string {
  return `S${i + 1}`;
}

function buildMessages(input: ModelInput): ChatCompletionMessageParam[] {
  return answerMessages(RULES, input, (hit, i) => `${label(i)} (${whereFrom(hit)}): ${hit.text}`);
}

/** A bracketed or parenthesised run of labels the model wrote despite rule 3: " (S1, S2)", " [S3]". */
const WRITTEN_LABELS = /\s*[[(]\s*S\d+(?:\s*[,;]\s*S?\d+)*\s*[\])]/g;

/** The sentence as it may be shown: no numbers or labels of the model's, one line, mentions inert, ended. */
function cleanSentence(text: string): string {
  const bare = replaceCitationGroups(withoutLinks(text), () => "")
    .replace(WRITTEN_LABELS, "")
    .replace(/\s+/g, " ")
    .replace(/\s+([.,;:!?])/g, "$1")
    .trim();
  if (bare === "") return "";
  return neutralizeMentions(/[.!?…]$/.test(bare) ? bare : `${bare}.`);
}

/** `sentence` with `citation` before its final punctuation: "… IR [74]." */
function cite(sentence: string, citation: string): string {
  if (citation === "") return sentence;
  const end = /[.!?…]+$/.exec(sentence)?.[0] ?? "";
  return `${sentence.slice(0, sentence.length - end.length)} ${citation}${end}`;
}

/** Asks for a structured answer and writes its citations; see {@link StructuredResult}. */
export async function answerStructured(
  caller: ModelCaller,
  logger: Logger,
  input: ModelInput,
): Promise<StructuredResult> {
  const reply = await caller.call("structured answer", STRUCTURED_TOKENS, (client, settings, options) =>
    client.chat.completions.parse(
      {
        ...settings,
        messages: buildMessages(input),
        response_format: zodResponseFormat(StructuredReply, "cited_sentences"),
      },
      options,
    ),
  );
  if (!reply.ok) return reply;
  const message = reply.value.choices[0]?.message;
  if (message?.refusal) {
    logger.warn({ refusal: message.refusal }, "model refused to answer");
    return { ok: false, reason: "refused" };
  }
  if (!message?.parsed) {
    logger.warn("model reply has no content");
    return { ok: false, reason: "malformed" };
  }
  const proposed = message.parsed.sentences;
  if (proposed.length === 0) return { ok: false, reason: "empty" };

  const byLabel = new Map(input.sources.map((hit, i): [string, Hit] => [label(i), hit]));
  const used = new Set<Hit>();
  const kept: string[] = [];
  let length = 0;
  for (const sentence of proposed) {
    const labels = [...new Set(sentence.sources.map((s) => s.trim().toUpperCase()))];
    const hits = labels.map((l) => byLabel.get(l));
    const text = cleanSentence(sentence.text);
    if (labels.length === 0 || text === "" || hits.some((hit) => hit === undefined)) {
      logger.warn({ sources: sentence.sources, text: sentence.text }, "dropped a sentence resting on no known source");
      continue;
    }
    const cited = cite(text, formatCitation(hits.flatMap((hit) => hit!.refs)));
    // Whole sentences only: a cut one could end in half a citation.
    if (length + cited.length + 1 > MAX_ANSWER_CHARS) break;
    kept.push(cited);
    length += cited.length + 1;
    for (const hit of hits) used.add(hit!);
  }
  if (kept.length === 0) return { ok: false, reason: "unsupported" };
  const text = kept.join(" ");
  return {
    ok: true,
    text,
    citations: parseCitations(text),
    usedSourceIds: input.sources.filter((hit) => used.has(hit)).map((hit) => hit.id),
  };
}
