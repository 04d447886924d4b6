/**
 * The state store: one JSON file, read once into memory and written atomically (lowdb's JSONFile writes
 * through steno: a temporary file, then a rename). Reads are synchronous from memory; every change goes
 * through {@link Store.update}, which runs changes one at a time and writes after each, so two concurrent
 * changes can never overwrite each other.
 */
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import type { Logger } from "../log.ts";
import { StateSchema, emptyState, type State } from "./schema.ts";

/** The bot's persistent state. */
export interface Store {
  /** The file the state lives in. */
  readonly file: string;
  /**
   * The current state, straight from memory. Treat it as read-only: a change made here and not through
   * {@link Store.update} is neither queued nor saved.
   */
  readonly data: State;
  /**
   * Queues `fn`, runs it on the state when every earlier update has been written, then writes the file and
   * resolves with what `fn` returned. `fn` must be synchronous, so nothing else can interleave with it. If
   * `fn` throws, its partial changes are dropped (the state is reloaded from the file, which holds exactly
   * the last committed state) and the promise rejects with that error. If the write itself fails, the
   * change stays in memory, the promise rejects, and the next successful write saves it.
   */
  update<T>(fn: (data: State) => T): Promise<T>;
  /** Resolves when every update queued so far has been written. */
  flush(): Promise<void>;
  /** Waits for pending writes, then refuses further updates. */
  close(): Promise<void>;
}

/** Options for tests; production calls `openStore(file, logger)`. */
export interface StoreOptions {
  /** The clock that stamps a set-aside corrupt file. */
  now?: () => Date;
}

/**
 * Opens (or creates, with its folder) the state file. A file that is not JSON or does not fit the schema
 * is renamed to `<file>.corrupt-<timestamp>`, logged once at error level, and the store starts empty: a
 * damaged file must never keep the bot from starting, and must never be overwritten before someone can
 * look at it.
 */
export async function openStore(file: string, logger: Logger, options: StoreOptions = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Low<unknown>(new JSONFile<unknown>(file), null);
  let state = await readState(db, file, logger, now);
  db.data = state;
  // Writing at once creates a missing file and fills in defaults, so the file on disk always parses and
  // always matches memory: that is what makes reloading it a correct rollback.
  await db.write();

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;

  const run = async <T>(fn: (data: State) => T): Promise<T> => {
    let result: T;
    try {
      result = fn(state);
    } catch (error) {
      state = StateSchema.parse(await db.adapter.read());
      db.data = state;
      throw error;
    }
    await db.write();
    return result;
  };

  return {
    file,
    get data() {
      return state;
    },
    update<T>(fn: (data: State) => T): Promise<T> {
      if (closed) return Promise.reject(new Error(`The store ${file} is closed`));
      const next = queue.then(() => run(fn));
      // The queue must go on after a failed update; the caller still sees the failure through `next`.
      queue = next.catch(() => undefined);
      return next;
    },
    async flush() {
      await queue;
    },
    async close() {
      closed = true;
      await queue;
    },
  };
}

/** Reads and validates the file; sets it aside and returns an empty state if it is unusable. */
async function readState(db: Low<unknown>, file: string, logger: Logger, now: () => Date): Promise<State> {
  let raw: unknown;
  let problem: string;
  try {
    raw = await db.adapter.read();
    if (raw === null) return emptyState();
    const parsed = StateSchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0]!;
    problem = `${issue.path.join(".") || "(top level)"}: ${issue.message}`;
  } catch (error) {
    // Only a file that is there but is not JSON is corrupt; a file the process cannot read is a setup
    // problem that moving it would not fix.
    if (!(error instanceof SyntaxError)) throw error;
    problem = `not JSON: ${error.message}`;
  }
  // Colons are not allowed in Windows file names, so the ISO timestamp uses dashes for them.
  const aside = `${file}.corrupt-${now().toISOString().replaceAll(":", "-")}`;
  await rename(file, aside);
  logger.error({ file, movedTo: aside, problem }, `State file ${file} is unreadable (${problem}); moved it to ${aside} and started empty`);
  return emptyState();
}
