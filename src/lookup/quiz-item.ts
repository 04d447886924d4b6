/**
 * A quiz item as the `quiz` verb of the command-line contract shows it: its sources resolved to hits, so its
 * citations can be checked against what it rests on.
 */

import type { Knowledge } from "../knowledge/load.ts";
import type { QuizItem } from "../knowledge/quiz-bank.ts";
import type { SearchEngine } from "../search/engine.ts";
import type { Hit } from "../search/hit.ts";

/** A quiz item with the hits its explanation rests on. */
export type QuizItemView = Omit<QuizItem, "sourceIds"> & { sources: Hit[] };

/**
 * The item with its sources as hits: a sentence as itself (the one sentence the item rests on, not the whole
 * passage around it), a table row or figure as its document.
 */
export function quizItemView(core: { knowledge: Knowledge; engine: SearchEngine }, item: QuizItem): QuizItemView {
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
