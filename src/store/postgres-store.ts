/**
 * The PostgreSQL engine: the same ports, one transaction per change, each touching only the rows it
 * changes (a click inserts one answer and updates one player). The rules that must hold across processes
 * are the database's: a primary key makes one answer per member per round, a unique key one round per
 * guild per day, and row locks order a click against the close of its round.
 *
 * Client: `postgres` (porsager), not `pg`: no dependencies, queries are tagged templates so every value is
 * a bound parameter by construction, `sql.begin` pins a connection for a transaction and rolls back on a
 * throw, and it is the faster of the two. Migrations are plain SQL files (migrations/NNN_name.sql) applied
 * in order at start under an advisory lock, each recorded in `schema_migrations`: no tool to learn, and
 * the schema is read where it is written.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import postgres from "postgres";
import { isUserError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { AnswerCounts, Store, Submission } from "./ports.ts";
import { StoreWriteError } from "./ports.ts";
import {
  DEFAULT_LIMITS,
  MAX_FEEDBACK_NOTES,
  MAX_TURNS_PER_CONVERSATION,
  type StoreLimits,
  trimTurn,
} from "./records.ts";
import {
  AskRecord,
  FeedbackNote,
  GuildSettings,
  MAX_QUIZ_REPORTS,
  PlayerStats,
  PracticeReminder,
  PracticeSession,
  QuizReport,
  RetiredItem,
  Round,
  RoundAnswer,
  SerializedCard,
  Turn,
} from "./schema.ts";

/**
 * The part of the `postgres` client the engine uses: tagged-template queries, transactions, jsonb values,
 * a raw script (migrations) and the end. Kept this narrow so tests can also run the engine on PGlite
 * in-process, through an adapter of a few lines.
 */
export interface SqlClient {
  (strings: TemplateStringsArray, ...values: unknown[]): Promise<postgres.Row[]>;
  begin<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** A value to store as jsonb. */
  json(value: unknown): unknown;
  /** Runs a script of several statements, with no parameters. */
  unsafe(script: string): Promise<unknown>;
  end(options?: { timeout?: number }): Promise<void>;
}
type Sql = SqlClient;
type Tx = SqlClient;

/** Options for {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** The caps (tests use small ones). */
  limits?: StoreLimits;
  /** A schema of its own (made if missing) instead of the user's default: several bots or tests on one database. */
  schema?: string;
}

const MIGRATIONS_DIR = path.join(import.meta.dirname, "migrations");
/** Any constant shared by every process of the bot: the key of the advisory lock migrations run under. */
const MIGRATION_LOCK_KEY = 4_711_015;
/** Errors after which a transaction is simply run again: a lost race on a new row, a deadlock, a conflict. */
const RETRYABLE = new Set(["23505", "40001", "40P01"]);
const MAX_TX_ATTEMPTS = 5;

/** Applies the migrations not applied yet, in order, each in its own transaction. */
export async function migrate(sql: SqlClient): Promise<void> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d+_.*\.sql$/.test(f)).sort();
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`;
    const done = new Set((await tx`SELECT name FROM schema_migrations`).map((r) => r.name as string));
    for (const file of files.filter((f) => !done.has(f))) {
      await tx.unsafe(await readFile(path.join(MIGRATIONS_DIR, file), "utf8"));
      await tx`INSERT INTO schema_migrations (name) VALUES (${file})`;
    }
  });
}

/** The URL with its password hidden, for logs. */
function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "postgres://(unparsable URL)";
  }
}

/** Connects, migrates, and returns the ports. */
export async function openPostgresStore(
  url: string,
  logger: Logger,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const client = postgres(url, {
    max: options.maxConnections ?? 10,
    onnotice: () => {},
    ...(options.schema ? { connection: { search_path: options.schema } } : {}),
  });
  const sql = client as unknown as SqlClient;
  try {
    if (options.schema) await client`CREATE SCHEMA IF NOT EXISTS ${client(options.schema)}`;
    await migrate(sql);
  } catch (error) {
    await sql.end({ timeout: 1 });
    throw error;
  }
  return postgresStore(sql, describeUrl(url), logger, options.limits);
}

const json = (sql: SqlClient, value: unknown) => sql.json(value);

/** The ports over a connected, migrated database. Closing the store ends `sql`. */
export function postgresStore(
  sql: SqlClient,
  location: string,
  logger: Logger,
  limits: StoreLimits = DEFAULT_LIMITS,
): Store {
  /** Runs `fn` in one transaction, again on a retryable conflict; a database failure becomes a StoreWriteError. */
  async function transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await sql.begin(fn);
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (attempt < MAX_TX_ATTEMPTS && typeof code === "string" && RETRYABLE.has(code)) continue;
        if (isUserError(error) || !isDatabaseFailure(error)) throw error;
        logger.error({ err: error, location }, "A change could not be saved in the database");
        throw new StoreWriteError(
          "That could not be saved: the bot's database is failing right now. Please try again later.",
          error,
        );
      }
    }
  }

  /** A player's row as the schema reads it (topics come back as JSON, or as text from some drivers). */
  function playerOf(row: Record<string, unknown>): PlayerStats {
    const topics = typeof row.topics === "string" ? JSON.parse(row.topics) : (row.topics ?? {});
    return PlayerStats.parse({
      answered: row.answered,
      correct: row.correct,
      currentStreak: row.current_streak,
      bestStreak: row.best_streak,
      topics,
    });
  }

  async function playerRow(tx: Tx | Sql, guildId: string, userId: string, lock: boolean): Promise<PlayerStats | null> {
    const rows = lock
      ? await tx`SELECT answered, correct, current_streak, best_streak, topics FROM players
                 WHERE guild_id = ${guildId} AND user_id = ${userId} FOR UPDATE`
      : await tx`SELECT answered, correct, current_streak, best_streak, topics FROM players
                 WHERE guild_id = ${guildId} AND user_id = ${userId}`;
    const row = rows[0];
    return row ? playerOf(row) : null;
  }

  const readRound = (row: postgres.Row) => Round.parse(row.round);

  return {
    location,

    settings: {
      async get(guildId) {
        const [row] = await sql`SELECT settings FROM guild_settings WHERE guild_id = ${guildId}`;
        return GuildSettings.parse(row?.settings ?? {});
      },
      update(guildId, change) {
        return transaction(async (tx) => {
          // A missing row is made first, so the lock below always has a row to hold.
          await tx`INSERT INTO guild_settings (guild_id, settings) VALUES (${guildId}, ${json(tx, GuildSettings.parse({}))})
                   ON CONFLICT DO NOTHING`;
          const [row] = await tx`SELECT settings FROM guild_settings WHERE guild_id = ${guildId} FOR UPDATE`;
          const next = GuildSettings.parse(change(GuildSettings.parse(row!.settings)));
          await tx`UPDATE guild_settings SET settings = ${json(tx, next)} WHERE guild_id = ${guildId}`;
          return next;
        });
      },
      async quizGuilds() {
        const rows = await sql`SELECT guild_id, settings FROM guild_settings WHERE settings->'quiz' <> 'null'::jsonb`;
        return new Map(rows.map((r) => [r.guild_id as string, GuildSettings.parse(r.settings).quiz!]));
      },
    },

    rounds: {
      async get(roundId) {
        const [row] = await sql`SELECT round FROM rounds WHERE id = ${roundId}`;
        return row ? readRound(row) : null;
      },
      async unfinished(guildIds) {
        const rows = guildIds
          ? await sql`SELECT round FROM rounds WHERE guild_id = ANY(${[...guildIds]})
                        AND (status IN ('posting', 'open') OR (status = 'closed' AND NOT revealed))`
          : await sql`SELECT round FROM rounds
                      WHERE status IN ('posting', 'open') OR (status = 'closed' AND NOT revealed)`;
        return rows.map(readRound);
      },
      async latestDate(guildId) {
        const [row] = await sql`SELECT max(local_date) AS latest FROM rounds WHERE guild_id = ${guildId}`;
        return (row?.latest as string | null) ?? null;
      },
      async usedItems(guildId) {
        const [row] = await sql`SELECT item_ids FROM used_items WHERE guild_id = ${guildId}`;
        return (row?.item_ids as string[] | undefined) ?? [];
      },
      create(round, used) {
        return transaction(async (tx) => {
          const inserted = await tx`
            INSERT INTO rounds (id, guild_id, local_date, status, revealed, round)
            VALUES (${round.id}, ${round.guildId}, ${round.localDate}, ${round.status}, ${round.reveal.done},
                    ${json(tx, round)})
            ON CONFLICT DO NOTHING RETURNING id`;
          if (inserted.length === 0) return false;
          await tx`INSERT INTO used_items (guild_id, item_ids) VALUES (${round.guildId}, ${json(tx, used)})
                   ON CONFLICT (guild_id) DO UPDATE SET item_ids = EXCLUDED.item_ids`;
          return true;
        });
      },
      update(roundId, change) {
        return transaction(async (tx) => {
          const [row] = await tx`SELECT round FROM rounds WHERE id = ${roundId} FOR UPDATE`;
          const next = row ? change(readRound(row)) : null;
          if (!next) return null;
          await tx`UPDATE rounds SET round = ${json(tx, next)}, status = ${next.status}, revealed = ${next.reveal.done}
                   WHERE id = ${roundId}`;
          return next;
        });
      },
      close(roundId, at) {
        return transaction(async (tx) => {
          const [row] = await tx`SELECT round FROM rounds WHERE id = ${roundId} FOR UPDATE`;
          if (!row) return null;
          const round = readRound(row);
          if (round.status === "posting") {
            const failed: Round = { ...round, status: "failed", post: { ...round.post, nextAttemptAt: null } };
            await tx`UPDATE rounds SET round = ${json(tx, failed)}, status = 'failed' WHERE id = ${roundId}`;
            await tx`UPDATE used_items SET item_ids = COALESCE(
                       (SELECT jsonb_agg(id) FROM jsonb_array_elements_text(item_ids) AS id WHERE id <> ${round.item.id}),
                       '[]'::jsonb)
                     WHERE guild_id = ${round.guildId}`;
            return "failed";
          }
          if (round.status !== "open") return null;
          const closed: Round = { ...round, status: "closed", closedAt: at };
          await tx`UPDATE rounds SET round = ${json(tx, closed)}, status = 'closed' WHERE id = ${roundId}`;
          const [answered] = await tx`SELECT EXISTS (SELECT 1 FROM answers WHERE round_id = ${roundId}) AS any`;
          if (round.messageId !== null || answered!.any) {
            await tx`UPDATE players SET current_streak = 0
                     WHERE guild_id = ${round.guildId} AND current_streak <> 0
                       AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = ${roundId} AND a.user_id = players.user_id)`;
          }
          return "closed";
        });
      },
      async prune(guildId, beforeLocalDate) {
        await transaction(
          (tx) => tx`DELETE FROM rounds WHERE guild_id = ${guildId} AND status IN ('closed', 'failed')
                     AND local_date < ${beforeLocalDate}`,
        );
      },
    },

    answers: {
      submit(roundId, userId, rules) {
        return transaction(async (tx): Promise<Submission> => {
          // A shared lock: clicks go on side by side, but not past a close of the round, which locks it.
          const [row] = await tx`SELECT round FROM rounds WHERE id = ${roundId} FOR SHARE`;
          if (!row) return { kind: "unknown-round" };
          const round = readRound(row);
          const answer = rules.answerFor(round);
          if (!answer) return { kind: "refused", round };
          const inserted = await tx`
            INSERT INTO answers (round_id, user_id, choice, correct, at)
            VALUES (${roundId}, ${userId}, ${answer.choice}, ${answer.correct}, ${answer.at})
            ON CONFLICT DO NOTHING RETURNING 1`;
          if (inserted.length === 0) {
            const [earlier] = await tx`SELECT choice, correct, at FROM answers
                                       WHERE round_id = ${roundId} AND user_id = ${userId}`;
            const player = (await playerRow(tx, round.guildId, userId, false)) ?? PlayerStats.parse({});
            return { kind: "duplicate", round, earlier: RoundAnswer.parse(earlier), player };
          }
          await tx`INSERT INTO players (guild_id, user_id) VALUES (${round.guildId}, ${userId}) ON CONFLICT DO NOTHING`;
          const player = (await playerRow(tx, round.guildId, userId, true))!;
          const scored = rules.score(player, answer);
          await tx`UPDATE players SET answered = ${scored.answered}, correct = ${scored.correct},
                     current_streak = ${scored.currentStreak}, best_streak = ${scored.bestStreak},
                     topics = ${sql.json(scored.topics)}
                   WHERE guild_id = ${round.guildId} AND user_id = ${userId}`;
          return { kind: "recorded", round, answer, player: scored };
        });
      },
      async counts(roundId) {
        const rows = await sql`SELECT choice, count(*)::int AS n, count(*) FILTER (WHERE correct)::int AS right
                               FROM answers WHERE round_id = ${roundId} GROUP BY choice`;
        const counts: AnswerCounts = { byChoice: [0, 0, 0, 0], correct: 0 };
        for (const r of rows) {
          counts.byChoice[r.choice as 0 | 1 | 2 | 3] = r.n;
          counts.correct += r.right;
        }
        return counts;
      },
      async missed(roundId) {
        const rows = await sql`
          SELECT p.user_id FROM rounds r JOIN players p ON p.guild_id = r.guild_id
          WHERE r.id = ${roundId} AND p.answered > 0
            AND NOT EXISTS (SELECT 1 FROM answers a WHERE a.round_id = r.id AND a.user_id = p.user_id)
          ORDER BY p.user_id COLLATE "C"`;
        return rows.map((r) => r.user_id as string);
      },
    },

    players: {
      get: (guildId, userId) => playerRow(sql, guildId, userId, false),
      async top(guildId, limit, sinceLocalDate) {
        const rows =
          sinceLocalDate === undefined
            ? await sql`
          SELECT user_id, answered, correct, current_streak, best_streak, topics FROM players
          WHERE guild_id = ${guildId} AND answered > 0
          ORDER BY correct DESC, correct::float8 / answered DESC, best_streak DESC, user_id COLLATE "C"
          LIMIT ${Math.max(0, limit)}`
            : await sql`
          SELECT user_id, answered, correct, current_streak, best_streak, '{}'::jsonb AS topics FROM (
            SELECT p.user_id, count(*)::int AS answered, (count(*) FILTER (WHERE a.correct))::int AS correct,
                   p.current_streak, p.best_streak
            FROM rounds r JOIN answers a ON a.round_id = r.id
                 JOIN players p ON p.guild_id = r.guild_id AND p.user_id = a.user_id
            WHERE r.guild_id = ${guildId} AND r.local_date >= ${sinceLocalDate}
            GROUP BY p.user_id, p.current_streak, p.best_streak) AS period
          ORDER BY correct DESC, correct::float8 / answered DESC, best_streak DESC, user_id COLLATE "C"
          LIMIT ${Math.max(0, limit)}`;
        return rows.map((r) => ({ userId: r.user_id as string, stats: playerOf(r) }));
      },
    },

    practice: {
      async cards(userId) {
        const rows = await sql`SELECT item_id, card FROM practice_cards WHERE user_id = ${userId}`;
        return new Map(rows.map((r) => [r.item_id as string, SerializedCard.parse(r.card)]));
      },
      update(userId, itemId, change) {
        return transaction(async (tx) => {
          const [row] = await tx`SELECT card FROM practice_cards WHERE user_id = ${userId} AND item_id = ${itemId}
                                 FOR UPDATE`;
          const before = row ? SerializedCard.parse(row.card) : null;
          const after = change(before);
          if (!after) return { before, after: before };
          // No row to lock for a first card: a concurrent first insert makes this one fail on the key, and
          // the transaction runs again, now seeing (and locking) that card.
          if (row) {
            await tx`UPDATE practice_cards SET card = ${json(tx, after)} WHERE user_id = ${userId} AND item_id = ${itemId}`;
          } else {
            await tx`INSERT INTO practice_cards (user_id, item_id, card) VALUES (${userId}, ${itemId}, ${json(tx, after)})`;
          }
          return { before, after };
        });
      },
    },

    practiceSessions: {
      async get(userId) {
        const [row] = await sql`SELECT session FROM practice_sessions WHERE user_id = ${userId}`;
        return row ? PracticeSession.parse(row.session) : null;
      },
      update(userId, change) {
        return transaction(async (tx) => {
          const [row] = await tx`SELECT session FROM practice_sessions WHERE user_id = ${userId} FOR UPDATE`;
          const current = row ? PracticeSession.parse(row.session) : null;
          const next = change(current ? structuredClone(current) : null);
          if (!next) return current;
          const parsed = PracticeSession.parse(next);
          // A concurrent first session makes the insert conflict; the update branch then keeps the later one.
          await tx`INSERT INTO practice_sessions (user_id, session) VALUES (${userId}, ${json(tx, parsed)})
                   ON CONFLICT (user_id) DO UPDATE SET session = EXCLUDED.session`;
          return parsed;
        });
      },
    },

    quizReports: {
      async add(report) {
        const r = QuizReport.parse(report);
        await transaction(async (tx) => {
          await tx`INSERT INTO quiz_reports (id, at, report) VALUES (${r.id}, ${r.at}, ${json(tx, r)})`;
          await tx`DELETE FROM quiz_reports WHERE id IN (
                     SELECT id FROM quiz_reports ORDER BY at DESC, id COLLATE "C" OFFSET ${MAX_QUIZ_REPORTS})`;
        });
      },
      async recent(limit) {
        const rows = await sql`SELECT report FROM quiz_reports ORDER BY at DESC, id COLLATE "C"
                               LIMIT ${Math.max(0, limit)}`;
        return rows.map((r) => QuizReport.parse(r.report));
      },
    },

    retiredItems: {
      async retire(itemId, retired) {
        const r = RetiredItem.parse(retired);
        const inserted = await transaction(
          (tx) => tx`INSERT INTO retired_items (item_id, retired) VALUES (${itemId}, ${json(tx, r)})
                     ON CONFLICT (item_id) DO NOTHING RETURNING item_id`,
        );
        return inserted.length > 0;
      },
      async all() {
        const rows = await sql`SELECT item_id, retired FROM retired_items`;
        return new Map(rows.map((r) => [r.item_id as string, RetiredItem.parse(r.retired)]));
      },
    },

    reminders: {
      async get(userId) {
        const [row] = await sql`SELECT reminder FROM practice_reminders WHERE user_id = ${userId}`;
        return row ? PracticeReminder.parse(row.reminder) : null;
      },
      update(userId, change) {
        return transaction(async (tx) => {
          const [row] = await tx`SELECT reminder FROM practice_reminders WHERE user_id = ${userId} FOR UPDATE`;
          const current = row ? PracticeReminder.parse(row.reminder) : null;
          const next = change(current ? structuredClone(current) : null);
          if (!next) return { after: current, changed: false };
          const parsed = PracticeReminder.parse(next);
          // A concurrent first record makes the insert conflict, and the transaction runs again seeing it.
          if (row) {
            await tx`UPDATE practice_reminders SET opted_in = ${parsed.optedIn}, reminder = ${json(tx, parsed)}
                     WHERE user_id = ${userId}`;
          } else {
            await tx`INSERT INTO practice_reminders (user_id, opted_in, reminder)
                     VALUES (${userId}, ${parsed.optedIn}, ${json(tx, parsed)})`;
          }
          return { after: parsed, changed: true };
        });
      },
      async optedIn() {
        const rows = await sql`SELECT user_id FROM practice_reminders WHERE opted_in ORDER BY user_id COLLATE "C"`;
        return rows.map((r) => r.user_id as string);
      },
    },

    votes: {
      cast(answerId, userId, vote) {
        return transaction(async (tx) => {
          await tx`INSERT INTO votes (answer_id, user_id, vote) VALUES (${answerId}, ${userId}, ${vote})
                   ON CONFLICT (answer_id, user_id) DO UPDATE SET vote = EXCLUDED.vote`;
          const [counts] = await tx`SELECT count(*) FILTER (WHERE vote = 'up')::int AS up,
                                           count(*) FILTER (WHERE vote = 'down')::int AS down
                                    FROM votes WHERE answer_id = ${answerId}`;
          return { up: counts!.up as number, down: counts!.down as number };
        });
      },
    },

    asks: {
      async put(answerId, record) {
        await transaction(async (tx) => {
          await tx`INSERT INTO ask_records (answer_id, created_at, record)
                   VALUES (${answerId}, ${record.createdAt}, ${json(tx, record)})
                   ON CONFLICT (answer_id) DO UPDATE SET created_at = EXCLUDED.created_at, record = EXCLUDED.record`;
          const dropped = await tx`DELETE FROM ask_records WHERE answer_id IN (
                                     SELECT answer_id FROM ask_records ORDER BY created_at DESC, answer_id
                                     OFFSET ${limits.askRecords})
                                   RETURNING answer_id`;
          if (dropped.length > 0) {
            await tx`DELETE FROM votes WHERE answer_id = ANY(${dropped.map((r) => r.answer_id as string)})`;
          }
        });
      },
      async get(answerId) {
        const [row] = await sql`SELECT record FROM ask_records WHERE answer_id = ${answerId}`;
        return row ? AskRecord.parse(row.record) : null;
      },
    },

    turns: {
      async append(threadId, turn) {
        const kept = trimTurn(turn);
        await transaction(async (tx) => {
          const [row] = await tx`SELECT turns FROM conversations WHERE thread_id = ${threadId} FOR UPDATE`;
          const turns = [...(row ? Turn.array().parse(row.turns) : []), kept].slice(-MAX_TURNS_PER_CONVERSATION);
          // As with practice cards: a concurrent first turn makes the insert fail and the transaction rerun.
          if (row) {
            await tx`UPDATE conversations SET turns = ${json(tx, turns)}, last_at = ${kept.at} WHERE thread_id = ${threadId}`;
          } else {
            await tx`INSERT INTO conversations (thread_id, last_at, turns) VALUES (${threadId}, ${kept.at}, ${json(tx, turns)})`;
          }
          await tx`DELETE FROM conversations WHERE thread_id IN (
                     SELECT thread_id FROM conversations ORDER BY last_at DESC, thread_id OFFSET ${limits.conversations})`;
        });
      },
      async recent(threadId) {
        const [row] = await sql`SELECT turns FROM conversations WHERE thread_id = ${threadId}`;
        return row ? Turn.array().parse(row.turns) : [];
      },
      async clear(threadId) {
        await sql`DELETE FROM conversations WHERE thread_id = ${threadId}`;
      },
    },

    notes: {
      async add(note) {
        await transaction(async (tx) => {
          await tx`INSERT INTO feedback_notes (guild_id, at, note) VALUES (${note.guildId}, ${note.at}, ${json(tx, note)})`;
          await tx`DELETE FROM feedback_notes WHERE id IN (
                     SELECT id FROM feedback_notes ORDER BY id DESC OFFSET ${MAX_FEEDBACK_NOTES})`;
        });
      },
      async recent(guildId, limit) {
        const rows =
          await sql`SELECT note FROM feedback_notes WHERE guild_id = ${guildId} ORDER BY id DESC LIMIT ${limit}`;
        return rows.map((r) => FeedbackNote.parse(r.note));
      },
    },

    // Every change resolves only after its commit, so there is nothing buffered to flush.
    flush: async () => {},
    close: () => sql.end({ timeout: 5 }),
  };
}

/** True for a failure of the database or the connection to it, as opposed to a bug in our own code. */
function isDatabaseFailure(error: unknown): boolean {
  if (error instanceof postgres.PostgresError) return true;
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && (code.startsWith("E") || code.startsWith("CONNECT"));
}
