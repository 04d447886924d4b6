/**
 * The caps both engines keep, so the state never grows without bound, and the helpers that keep lookups by
 * user-controlled keys (answer ids from button ids, thread ids) safe on plain objects: a key such as
 * `__proto__` or `constructor` must read and write an own property, never Object.prototype.
 */
import type { Turn } from "./schema.ts";

/** How many ask records are kept; older answers lose their "Show sources" button. */
export const MAX_ASK_RECORDS = 2000;
/** Turns kept per thread: enough context for a follow-up, small enough for a prompt. */
export const MAX_TURNS_PER_CONVERSATION = 6;
/** Threads remembered; the ones quiet the longest are forgotten first. */
export const MAX_CONVERSATIONS = 500;
/**
 * Characters of an answer kept in a turn: enough for a follow-up to refer back to it, and it keeps the
 * conversations (up to {@link MAX_CONVERSATIONS} × {@link MAX_TURNS_PER_CONVERSATION} turns) from
 * dominating the state.
 */
export const MAX_TURN_ANSWER_CHARS = 1500;

/** Feedback notes kept, over every server; the oldest go first. */
export const MAX_FEEDBACK_NOTES = 500;

/** The caps a store keeps; the defaults above unless a test wants small ones. */
export interface StoreLimits {
  askRecords: number;
  conversations: number;
}

/** The caps in production. */
export const DEFAULT_LIMITS: StoreLimits = { askRecords: MAX_ASK_RECORDS, conversations: MAX_CONVERSATIONS };

/** A turn with its answer cut to {@link MAX_TURN_ANSWER_CHARS}, "…" marking the cut. */
export function trimTurn(turn: Turn): Turn {
  if (turn.answer.length <= MAX_TURN_ANSWER_CHARS) return turn;
  return { ...turn, answer: `${turn.answer.slice(0, MAX_TURN_ANSWER_CHARS - 1)}…` };
}

/** The record's own value under `key` (never an inherited member such as `constructor`). */
export function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Sets the record's own `key`, even `__proto__`, without touching any prototype. */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The record's own value under `key`, created by `make` when missing. */
export function ownOrSet<V>(record: Record<string, V>, key: string, make: () => V): V {
  const found = own(record, key);
  if (found !== undefined) return found;
  const made = make();
  setOwn(record, key, made);
  return made;
}
