/**
 * Thin typed accessors for the non-quiz parts of the state: guild settings, answer feedback, the records
 * behind "Show sources", and thread conversations. Each write goes through `store.update`; the caps keep
 * the file from growing without bound.
 */
import { type AskRecord, GuildSettings, type Turn, type Vote } from "./schema.ts";
import type { Store } from "./store.ts";

/** How many ask records are kept; older answers lose their "Show sources" button. */
export const MAX_ASK_RECORDS = 2000;
/** Turns kept per thread: enough context for a follow-up, small enough for a prompt. */
export const MAX_TURNS_PER_CONVERSATION = 6;
/** Threads remembered; the ones quiet the longest are forgotten first. */
export const MAX_CONVERSATIONS = 500;
/**
 * Characters of an answer kept in a turn: enough for a follow-up to refer back to it, and it keeps the
 * conversations (up to {@link MAX_CONVERSATIONS} × {@link MAX_TURNS_PER_CONVERSATION} turns) from
 * dominating the state file.
 */
export const MAX_TURN_ANSWER_CHARS = 1500;

/** A guild's settings, with the defaults when an admin has set nothing. */
export function getGuildSettings(store: Store, guildId: string): GuildSettings {
  return store.data.guilds[guildId] ?? GuildSettings.parse({});
}

/** Changes some of a guild's settings; returns the result. */
export function updateGuildSettings(
  store: Store,
  guildId: string,
  patch: Partial<GuildSettings>,
): Promise<GuildSettings> {
  return store.update((data) => {
    const next = GuildSettings.parse({ ...getGuildSettings(store, guildId), ...patch });
    data.guilds[guildId] = next;
    return next;
  });
}

/** Votes on an answer: one vote per user, a second vote replaces the first. Returns the new counts. */
export function recordVote(store: Store, answerId: string, userId: string, vote: Vote): Promise<VoteCounts> {
  return store.update((data) => {
    (data.feedback[answerId] ??= {})[userId] = vote;
    return countVotes(store, answerId);
  });
}

/** Up and down votes on one answer. */
export interface VoteCounts {
  up: number;
  down: number;
}

/** The votes on an answer so far. */
export function countVotes(store: Store, answerId: string): VoteCounts {
  const votes = Object.values(store.data.feedback[answerId] ?? {});
  return { up: votes.filter((v) => v === "up").length, down: votes.filter((v) => v === "down").length };
}

/**
 * Remembers what an answer rested on, dropping the oldest records beyond {@link MAX_ASK_RECORDS} together
 * with the votes on those answers.
 */
export function recordAsk(store: Store, answerId: string, record: AskRecord): Promise<void> {
  return store.update((data) => {
    data.askRecords[answerId] = record;
    const ids = Object.keys(data.askRecords);
    if (ids.length <= MAX_ASK_RECORDS) return;
    // Sorted by time rather than trusting key order: a re-recorded answer keeps its old key position, and
    // small numeric keys are ordered by value, not by insertion.
    ids.sort((a, b) => data.askRecords[a]!.createdAt.localeCompare(data.askRecords[b]!.createdAt));
    for (const id of ids.slice(0, ids.length - MAX_ASK_RECORDS)) {
      delete data.askRecords[id];
      delete data.feedback[id];
    }
  });
}

/** The record behind an answer, or null if it was never kept or has been dropped. */
export function getAskRecord(store: Store, answerId: string): AskRecord | null {
  return store.data.askRecords[answerId] ?? null;
}

/**
 * Adds a turn to a thread's conversation, keeping its last {@link MAX_TURNS_PER_CONVERSATION} turns and
 * at most {@link MAX_CONVERSATIONS} threads. An answer longer than {@link MAX_TURN_ANSWER_CHARS} is cut,
 * with "…" marking the cut.
 */
export function appendTurn(store: Store, threadId: string, turn: Turn): Promise<void> {
  const answer =
    turn.answer.length <= MAX_TURN_ANSWER_CHARS ? turn.answer : `${turn.answer.slice(0, MAX_TURN_ANSWER_CHARS - 1)}…`;
  return store.update((data) => {
    const turns = [...(data.conversations[threadId] ?? []), { ...turn, answer }].slice(-MAX_TURNS_PER_CONVERSATION);
    data.conversations[threadId] = turns;
    const ids = Object.keys(data.conversations);
    if (ids.length <= MAX_CONVERSATIONS) return;
    const lastAt = (id: string) => data.conversations[id]!.at(-1)?.at ?? "";
    ids.sort((a, b) => lastAt(a).localeCompare(lastAt(b)));
    for (const id of ids.slice(0, ids.length - MAX_CONVERSATIONS)) delete data.conversations[id];
  });
}

/** A thread's recent turns, oldest first. */
export function getConversation(store: Store, threadId: string): Turn[] {
  return store.data.conversations[threadId] ?? [];
}
