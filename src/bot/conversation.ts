/**
 * Which earlier turns a new question is read with (issue 9's conversation rules, on the Discord side): a
 * thread keeps its conversation until someone presses "New question" under a reply there; a DM or the
 * console forgets it after half an hour of silence; `/ask` outside a thread starts fresh.
 */
import type { Turn } from "../store/index.ts";

/** Silence after which a DM's or the console's conversation is over. */
export const CONVERSATION_IDLE_MS = 30 * 60_000;

/** The turns to pass as history: all of a thread's, a DM's only while its last turn is recent. */
export function liveTurns(turns: readonly Turn[], options: { inThread: boolean; now: Date }): readonly Turn[] {
  if (options.inThread) return turns;
  const last = turns.at(-1);
  if (!last) return [];
  return options.now.getTime() - Date.parse(last.at) > CONVERSATION_IDLE_MS ? [] : turns;
}
