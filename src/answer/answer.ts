/**
 * The answer every front end renders: the `ask` result of the command-line contract.
 */
import { z } from "zod";
import { Hit } from "../search/hit.ts";

/**
 * How the answer was written: picked from the review's own sentences (or rows), or by the model under the same
 * rules; or no answer from the review: declined, a help card for small talk, a question back ("clarify").
 */
export const AnswerMode = z.enum(["extractive", "model", "declined", "help", "clarify"]);
export type AnswerMode = z.infer<typeof AnswerMode>;

/** A cited answer. Every number in `citations` appears inline in `answer` as `[n]` and is carried by a source. */
export const Answer = z.object({
  question: z.string(),
  /** The reply a person reads, citations inline as `[n]`. */
  answer: z.string(),
  /** False when the review does not answer the question; then `citations` is empty. */
  grounded: z.boolean(),
  citations: z.array(z.number().int()),
  sources: z.array(Hit),
  mode: AnswerMode,
});
export type Answer = z.infer<typeof Answer>;
