/**
 * A quiz item as the `quiz` verb of the command-line contract shows it: its sources resolved to hits, so its
 * citations can be checked against what it rests on.
 */
import { readFileSync } from "node:fs";
import type { Core } from "../core.ts";
import { parseQuizBank, type QuizItem } from "../quiz/bank.ts";
import type { Hit } from "../search/hit.ts";

/** A quiz item with the hits its explanation rests on. */
export type QuizItemView = Omit<QuizItem, "sourceIds"> & { sources: Hit[] };

/** Reads and validates the quiz bank file. */
export function loadQuizItems(file: string): QuizItem[] {
  return parseQuizBank(JSON.parse(readFileSync(file, "utf8")), file).items;
}

/**
 * The item with its sources as hits: a sentence as itself (the one sentence the item rests on, not the whole
 * passage around it), a table row or figure as its document.
 */
export function quizItemView(core: Core, item: QuizItem): QuizItemView {
  const { sourceIds, ...rest } = item;
  const sources = sourceIds.flatMap((id): Hit[] => {
    const sentence = core.knowledge.sentenceById.get(id);
    if (sentence) {
      const { text, refs, section } = sentence;
      return [{ id, kind: "passage", section, table: null, drug: null, text, refs, score: 1 }];
    }
    const doc = core.engine.get(id);
    return doc ? [{ ...doc.hit, score: 1 }] : [];
  });
  return { ...rest, sources };
}
