/**
 * The embedded engine: the ports over one JSON state file (see state-file.ts). Reads come straight from
 * memory; each change is one synchronous step on the state (so it is atomic: nothing else runs between its
 * read and its write) and resolves once a write carrying it has completed. A read-only outcome (a duplicate
 * click, a declined change) writes nothing. Keys that come from users are read and written as own
 * properties only (records.ts), so an id like `__proto__` is just an id.
 */
import type { Logger } from "../log.ts";
import type { AnswerCounts, Store, Submission, VoteCounts } from "./ports.ts";
import {
  DEFAULT_LIMITS,
  MAX_FEEDBACK_NOTES,
  MAX_TURNS_PER_CONVERSATION,
  own,
  ownOrSet,
  type StoreLimits,
  setOwn,
  trimTurn,
} from "./records.ts";
import {
  GuildSettings,
  MAX_QUIZ_REPORTS,
  type PlayerStats,
  PracticeReminder,
  PracticeSession,
  QuizReport,
  type QuizSettings,
  RetiredItem,
  type Round,
  type StoredRound,
} from "./schema.ts";
import { openStateFile, type StateFile, type StateFileOptions } from "./state-file.ts";

/** Opens the JSON file engine on `file` (locked to this process until `close`). */
export async function openJsonStore(
  file: string,
  logger: Logger,
  options: StateFileOptions & { limits?: StoreLimits } = {},
): Promise<Store> {
  return jsonStore(await openStateFile(file, logger, options), options.limits);
}

/** The round without its answers, as a copy the caller may keep. */
function roundOf(stored: StoredRound): Round {
  const { answers: _answers, ...round } = stored;
  return structuredClone(round);
}

/** Sorts ids as PostgreSQL's `COLLATE "C"` does: by UTF-16 code units. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A fresh all-zero player record. */
function noStats(): PlayerStats {
  return { answered: 0, correct: 0, currentStreak: 0, bestStreak: 0, topics: {} };
}

/** The ports over an open state file. */
export function jsonStore(state: StateFile, limits: StoreLimits = DEFAULT_LIMITS): Store {
  const rounds = () => state.data.quiz.rounds;
  const settingsOf = (guildId: string) => structuredClone(own(state.data.guilds, guildId) ?? GuildSettings.parse({}));
  const guildRounds = (guildId: string) => Object.values(rounds()).filter((r) => r.guildId === guildId);

  return {
    location: state.file,

    settings: {
      async get(guildId) {
        return settingsOf(guildId);
      },
      async update(guildId, change) {
        // Read and changed in the same synchronous step as the write below: no other change can come between.
        const next = GuildSettings.parse(change(settingsOf(guildId)));
        return state.update((data) => {
          setOwn(data.guilds, guildId, next);
          return structuredClone(next);
        });
      },
      async quizGuilds() {
        const found = new Map<string, QuizSettings>();
        for (const [guildId, settings] of Object.entries(state.data.guilds)) {
          if (settings.quiz) found.set(guildId, structuredClone(settings.quiz));
        }
        return found;
      },
    },

    rounds: {
      async get(roundId) {
        const stored = own(rounds(), roundId);
        return stored ? roundOf(stored) : null;
      },
      async unfinished(guildIds) {
        return Object.values(rounds())
          .filter((r) => !guildIds || guildIds.has(r.guildId))
          .filter((r) => r.status === "posting" || r.status === "open" || (r.status === "closed" && !r.reveal.done))
          .map(roundOf);
      },
      async latestDate(guildId) {
        return guildRounds(guildId).reduce<string | null>(
          (max, r) => (max === null || r.localDate > max ? r.localDate : max),
          null,
        );
      },
      async usedItems(guildId) {
        return [...(own(state.data.quiz.used, guildId) ?? [])];
      },
      async create(round, used) {
        if (own(rounds(), round.id)) return false;
        return state.update((data) => {
          setOwn(data.quiz.rounds, round.id, { ...structuredClone(round), answers: {} });
          setOwn(data.quiz.used, round.guildId, [...used]);
          return true;
        });
      },
      async update(roundId, change) {
        const stored = own(rounds(), roundId);
        const next = stored ? change(roundOf(stored)) : null;
        if (!stored || !next) return null;
        return state.update((data) => {
          setOwn(data.quiz.rounds, roundId, { ...structuredClone(next), answers: stored.answers });
          return structuredClone(next);
        });
      },
      async close(roundId, at) {
        const stored = own(rounds(), roundId);
        if (!stored || (stored.status !== "open" && stored.status !== "posting")) return null;
        return state.update((data) => {
          if (stored.status === "posting") {
            stored.status = "failed";
            stored.post.nextAttemptAt = null;
            const used = own(data.quiz.used, stored.guildId) ?? [];
            setOwn(
              data.quiz.used,
              stored.guildId,
              used.filter((id) => id !== stored.item.id),
            );
            return "failed";
          }
          stored.status = "closed";
          stored.closedAt = at;
          const seen = stored.messageId !== null || Object.keys(stored.answers).length > 0;
          if (seen) {
            for (const [userId, player] of Object.entries(own(data.quiz.players, stored.guildId) ?? {})) {
              if (!own(stored.answers, userId)) player.currentStreak = 0;
            }
          }
          return "closed";
        });
      },
      async prune(guildId, beforeLocalDate) {
        const old = guildRounds(guildId).filter(
          (r) => (r.status === "closed" || r.status === "failed") && r.localDate < beforeLocalDate,
        );
        if (old.length === 0) return;
        await state.update((data) => {
          for (const round of old) delete data.quiz.rounds[round.id];
        });
      },
    },

    answers: {
      async submit(roundId, userId, rules): Promise<Submission> {
        const stored = own(rounds(), roundId);
        if (!stored) return { kind: "unknown-round" };
        const round = roundOf(stored);
        const answer = rules.answerFor(round);
        if (!answer) return { kind: "refused", round };
        const player = own(own(state.data.quiz.players, round.guildId) ?? {}, userId) ?? noStats();
        const earlier = own(stored.answers, userId);
        if (earlier) return { kind: "duplicate", round, earlier: { ...earlier }, player: { ...player } };
        const scored = rules.score({ ...player }, answer);
        return state.update((data) => {
          setOwn(stored.answers, userId, answer);
          setOwn(
            ownOrSet(data.quiz.players, round.guildId, () => ({})),
            userId,
            scored,
          );
          return { kind: "recorded", round, answer, player: { ...scored } };
        });
      },
      async counts(roundId): Promise<AnswerCounts> {
        const byChoice: AnswerCounts["byChoice"] = [0, 0, 0, 0];
        let correct = 0;
        for (const answer of Object.values(own(rounds(), roundId)?.answers ?? {})) {
          byChoice[answer.choice] += 1;
          if (answer.correct) correct += 1;
        }
        return { byChoice, correct };
      },
      async missed(roundId) {
        const stored = own(rounds(), roundId);
        if (!stored) return [];
        return Object.entries(own(state.data.quiz.players, stored.guildId) ?? {})
          .filter(([userId, player]) => player.answered > 0 && !own(stored.answers, userId))
          .map(([userId]) => userId)
          .sort(byCodeUnits);
      },
    },

    players: {
      async get(guildId, userId) {
        const stats = own(own(state.data.quiz.players, guildId) ?? {}, userId);
        return stats ? { ...stats } : null;
      },
      async top(guildId, limit, sinceLocalDate) {
        const players = Object.entries(own(state.data.quiz.players, guildId) ?? {});
        const counted =
          sinceLocalDate === undefined
            ? players
            : players.map(([userId, player]): [string, PlayerStats] => {
                const period = { ...player, answered: 0, correct: 0, topics: {} };
                for (const round of guildRounds(guildId)) {
                  const answer = round.localDate >= sinceLocalDate ? own(round.answers, userId) : undefined;
                  if (!answer) continue;
                  period.answered += 1;
                  if (answer.correct) period.correct += 1;
                }
                return [userId, period];
              });
        return counted
          .filter(([, s]) => s.answered > 0)
          .sort(([ua, a], [ub, b]) => compareForLeaderboard(a, b) || byCodeUnits(ua, ub))
          .slice(0, Math.max(0, limit))
          .map(([userId, stats]) => ({ userId, stats: { ...stats } }));
      },
    },

    practice: {
      async cards(userId) {
        return new Map(Object.entries(structuredClone(own(state.data.practice, userId) ?? {})));
      },
      async update(userId, itemId, change) {
        const before = own(own(state.data.practice, userId) ?? {}, itemId) ?? null;
        const after = change(before ? { ...before } : null);
        if (!after) return { before, after: before };
        return state.update((data) => {
          setOwn(
            ownOrSet(data.practice, userId, () => ({})),
            itemId,
            after,
          );
          return { before, after: { ...after } };
        });
      },
    },

    practiceSessions: {
      async get(userId) {
        return structuredClone(own(state.data.practiceSessions, userId) ?? null);
      },
      async update(userId, change) {
        const current = structuredClone(own(state.data.practiceSessions, userId) ?? null);
        const next = change(current ? structuredClone(current) : null);
        if (!next) return current;
        const parsed = PracticeSession.parse(next);
        return state.update((data) => {
          setOwn(data.practiceSessions, userId, parsed);
          return structuredClone(parsed);
        });
      },
    },

    quizReports: {
      async add(report) {
        const parsed = QuizReport.parse(report);
        await state.update((data) => {
          data.quizReports.push(parsed);
          data.quizReports.splice(0, Math.max(0, data.quizReports.length - MAX_QUIZ_REPORTS));
        });
      },
      async recent(limit) {
        return [...state.data.quizReports]
          .sort((a, b) => b.at.localeCompare(a.at) || byCodeUnits(a.id, b.id))
          .slice(0, Math.max(0, limit))
          .map((r) => structuredClone(r));
      },
    },

    retiredItems: {
      async retire(itemId, retired) {
        if (own(state.data.retiredItems, itemId)) return false;
        const parsed = RetiredItem.parse(retired);
        return state.update((data) => {
          setOwn(data.retiredItems, itemId, parsed);
          return true;
        });
      },
      async all() {
        return new Map(Object.entries(structuredClone(state.data.retiredItems)));
      },
    },

    reminders: {
      async get(userId) {
        return structuredClone(own(state.data.reminders, userId) ?? null);
      },
      async update(userId, change) {
        const current = structuredClone(own(state.data.reminders, userId) ?? null);
        const next = change(current ? structuredClone(current) : null);
        if (!next) return { after: current, changed: false };
        const parsed = PracticeReminder.parse(next);
        return state.update((data) => {
          setOwn(data.reminders, userId, parsed);
          return { after: structuredClone(parsed), changed: true };
        });
      },
      async optedIn() {
        return Object.entries(state.data.reminders)
          .filter(([, r]) => r.optedIn)
          .map(([userId]) => userId)
          .sort(byCodeUnits);
      },
    },

    votes: {
      cast(answerId, userId, vote) {
        return state.update((data): VoteCounts => {
          const votes = ownOrSet(data.feedback, answerId, () => ({}));
          setOwn(votes, userId, vote);
          const all = Object.values(votes);
          return { up: all.filter((v) => v === "up").length, down: all.filter((v) => v === "down").length };
        });
      },
    },

    asks: {
      put(answerId, record) {
        return state.update((data) => {
          setOwn(data.askRecords, answerId, structuredClone(record));
          const ids = Object.keys(data.askRecords);
          if (ids.length <= limits.askRecords) return;
          // Sorted by time rather than trusting key order: a re-recorded answer keeps its old key position,
          // and small numeric keys are ordered by value, not by insertion.
          ids.sort((a, b) => data.askRecords[a]!.createdAt.localeCompare(data.askRecords[b]!.createdAt));
          for (const id of ids.slice(0, ids.length - limits.askRecords)) {
            delete data.askRecords[id];
            delete data.feedback[id];
          }
        });
      },
      async get(answerId) {
        const record = own(state.data.askRecords, answerId);
        return record ? structuredClone(record) : null;
      },
    },

    turns: {
      append(threadId, turn) {
        const kept = trimTurn(turn);
        return state.update((data) => {
          const turns = [...(own(data.conversations, threadId) ?? []), kept].slice(-MAX_TURNS_PER_CONVERSATION);
          setOwn(data.conversations, threadId, turns);
          const ids = Object.keys(data.conversations);
          if (ids.length <= limits.conversations) return;
          const lastAt = (id: string) => data.conversations[id]!.at(-1)?.at ?? "";
          ids.sort((a, b) => lastAt(a).localeCompare(lastAt(b)));
          for (const id of ids.slice(0, ids.length - limits.conversations)) delete data.conversations[id];
        });
      },
      async recent(threadId) {
        return structuredClone(own(state.data.conversations, threadId) ?? []);
      },
      clear(threadId) {
        return state.update((data) => {
          if (Object.hasOwn(data.conversations, threadId)) delete data.conversations[threadId];
        });
      },
    },

    notes: {
      add(note) {
        return state.update((data) => {
          data.feedbackNotes = [...data.feedbackNotes, structuredClone(note)].slice(-MAX_FEEDBACK_NOTES);
        });
      },
      async recent(guildId, limit) {
        return structuredClone(
          state.data.feedbackNotes
            .filter((n) => n.guildId === guildId)
            .slice(-limit)
            .reverse(),
        );
      },
    },

    flush: () => state.flush(),
    close: () => state.close(),
  };
}

/** Most right answers first, then accuracy, then best streak; 0 for a tie. */
function compareForLeaderboard(a: PlayerStats, b: PlayerStats): number {
  const accuracy = (s: PlayerStats) => (s.answered === 0 ? 0 : s.correct / s.answered);
  return b.correct - a.correct || accuracy(b) - accuracy(a) || b.bestStreak - a.bestStreak;
}
