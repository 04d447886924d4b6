/**
 * What counts as a question: text a person typed, trimmed, of a sensible length. Anything else is the user's
 * mistake and gets a plain message.
 */
import { UserError } from "../errors.ts";

/** Longest question accepted: a paragraph, not a pasted paper. */
export const MAX_QUESTION_CHARS = 1000;

/**
 * The question as the engine reads it: control characters removed, whitespace folded. Throws a
 * {@link UserError} for an empty, junk or over-long question.
 */
export function normalizeQuestion(raw: string): string {
  const cleaned = raw
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\uFFFD]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (cleaned.length === 0) throw new UserError("Please ask a question: the message was empty.");
  if (cleaned.length > MAX_QUESTION_CHARS) {
    throw new UserError(
      `That question is ${cleaned.length} characters long; please keep it under ${MAX_QUESTION_CHARS}.`,
    );
  }
  if (!/[\p{L}\p{N}]{2,}/u.test(cleaned)) throw new UserError("That does not look like a question: please use words.");
  return cleaned;
}
