/**
 * Answer quality over the chat-style held-out sets in test/fixtures (written from the review without reading
 * this code), scored by the rule of ../shared/eval/natural.mjs: an on-topic item is correct when it is answered
 * (grounded), its citations or sources carry the evidence, every expected name appears in the answer and an
 * expected count appears as a number or a word; an off-topic item is correct when declined. A conversation
 * ("turns") is asked turn by turn with the earlier turns and their answers as history, as the CLI contract
 * does. The floors sit a few points under what main reaches today.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Answer } from "../../src/answer/answer.ts";
import { askConversation } from "../../src/answer/ask.ts";
import { testCore } from "../support/core.ts";

interface NaturalItem {
  id: string;
  category: string;
  question?: string;
  turns?: string[];
  off_topic?: boolean;
  refs_any?: number[];
  text_any?: string[];
  expect_names?: string[];
  expect_count?: number;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s\-‐–]+/g, "");
const COUNT_WORDS = "zero one two three four five six seven eight nine ten eleven twelve".split(" ");
const hasCount = (text: string, n: number) =>
  new RegExp(`\\b${n}\\b`).test(text) ||
  (COUNT_WORDS[n] !== undefined && new RegExp(`\\b${COUNT_WORDS[n]}\\b`, "i").test(text));

/** The answer to the item's question, or to the last turn of its conversation. */
function answerOf(item: NaturalItem): Promise<Answer> {
  const [first, ...rest] = item.turns ?? [item.question!.replace(/\s+/g, " ")];
  return askConversation(testCore().ask, [first!, ...rest]);
}

/** natural.mjs's rule for an on-topic answer that is grounded. */
function isCorrect(item: NaturalItem, answer: Answer): boolean {
  const refs = item.refs_any ?? [];
  const texts = item.text_any ?? [];
  const cited = new Set(answer.citations);
  const sourceText = `${answer.sources.map((s) => s.text).join(" ")} ${answer.answer}`;
  const refsOk = refs.length === 0 || refs.some((n) => cited.has(n));
  const textOk = texts.some((t) => sourceText.includes(t));
  const evidence = refs.length ? refsOk || textOk : textOk || texts.length === 0;
  const namesOk = (item.expect_names ?? []).every((n) => norm(answer.answer).includes(norm(n)));
  const countOk = item.expect_count === undefined || hasCount(answer.answer, item.expect_count);
  return evidence && namesOk && countOk;
}

describe.each([
  // main reaches 57/64 correct (89.1%), 62/64 answered, 12/12 declined (eval-natural-2)
  ["test/fixtures/eval-natural-2.json", { correct: 82, answered: 60, offTopicAnswered: [] as string[] }],
  // main reaches 58/64 correct (90.6%), 64/64 answered, 12/12 declined (eval-natural-3)
  ["test/fixtures/eval-natural-3.json", { correct: 85, answered: 62, offTopicAnswered: [] }],
  // main reaches 58/64 correct (90.6%), 63/64 answered, 12/12 declined (eval-natural-4)
  ["test/fixtures/eval-natural-4.json", { correct: 84, answered: 61, offTopicAnswered: [] }],
  // main reaches 51/64 correct (79.7%), 63/64 answered, 11/12 declined (eval-natural-5, written after the
  // others). Answered: ctDNA testing (the review's resistance passages match every word but "ctDNA").
  ["test/fixtures/eval-natural-5.json", { correct: 76, answered: 61, offTopicAnswered: ["z12"] }],
])("chat-style questions of %s", (file, floors) => {
  const items = JSON.parse(readFileSync(file, "utf8")).items as NaturalItem[];
  const onTopic = items.filter((i) => !i.off_topic);
  const offTopic = items.filter((i) => i.off_topic);

  it(`answers ≥ ${floors.answered} of the on-topic questions, ≥ ${floors.correct}% correctly, and declines the off-topic ones`, async () => {
    expect(onTopic.length).toBeGreaterThanOrEqual(60);
    expect(offTopic.length).toBeGreaterThanOrEqual(8);
    const wrong: string[] = [];
    const unanswered: string[] = [];
    for (const item of onTopic) {
      const answer = await answerOf(item);
      if (answer.grounded !== true) unanswered.push(item.id);
      else if (!isCorrect(item, answer)) wrong.push(item.id);
    }
    const answered = onTopic.length - unanswered.length;
    const correct = answered - wrong.length;
    expect(answered, `declined: ${unanswered.join(" ")}`).toBeGreaterThanOrEqual(floors.answered);
    expect((100 * correct) / onTopic.length, `wrong: ${wrong.join(" ")}`).toBeGreaterThanOrEqual(floors.correct);

    const answeredOffTopic: string[] = [];
    for (const item of offTopic) if ((await answerOf(item)).grounded !== false) answeredOffTopic.push(item.id);
    // No off-topic question is answered beyond the known ones.
    expect(answeredOffTopic.filter((id) => !floors.offTopicAnswered.includes(id))).toEqual([]);
  });
});
