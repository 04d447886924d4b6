/**
 * The state store: one JSON file, read once into memory and written atomically (lowdb's JSONFile writes
 * through steno: a temporary file, then a rename). Reads are synchronous from memory; every change goes
 * through {@link Store.update}. Changes are applied to memory one at a time, in the order they are
 * queued, so two concurrent changes can never overwrite each other; the file is written one write at a
 * time, and every change made while a write is in flight is saved by the next single write. So a burst
 * of changes costs two writes, not one write each, and no caller waits behind a queue of whole-file
 * writes.
 */
import { mkdir, rename } from "node:fs/promises";
import path from "node:path";
import { type Adapter, Low } from "lowdb";
import { JSONFile } from "lowdb/node";
import type { Logger } from "../log.ts";
import { emptyState, type State, StateSchema } from "./schema.ts";

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
   * Runs `fn` on the state at once (after every earlier update, whose changes it sees), then resolves with
   * what `fn` returned once a write that includes the change has completed. `fn` must be synchronous, so
   * nothing else can interleave with it, and must not call `update` itself. If `fn` throws, its partial
   * changes are dropped (the state goes back to a copy taken just before `fn` ran, so earlier changes,
   * written or not, stay) and the promise rejects with that error. If the write fails, every update it
   * carried rejects, their changes stay in memory, and the next successful write saves them.
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
  /** Reads and writes the file; a JSONFile on `file` unless a test wants to count or fail writes. */
  adapter?: Adapter<unknown>;
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
  const db = new Low<unknown>(options.adapter ?? new JSONFile<unknown>(file), null);
  let state = await readState(db, file, logger, now);
  db.data = state;
  // Writing at once creates a missing file and fills in defaults, so the file on disk always parses.
  await db.write();

  /** Updates applied to memory and not yet carried by a write that has started. */
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  /** The running write loop; null when every applied update has been written (or has failed to be). */
  let writing: Promise<void> | null = null;
  let applying = false;
  let closed = false;

  /** Writes until no update is waiting; each write carries every update applied before it started. */
  const writeLoop = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        // JSONFile serializes synchronously, so this write holds exactly the changes of `batch`.
        await db.write();
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    writing = null;
  };

  return {
    file,
    get data() {
      return state;
    },
    update<T>(fn: (data: State) => T): Promise<T> {
      if (closed) return Promise.reject(new Error(`The store ${file} is closed`));
      if (applying) return Promise.reject(new Error("store.update was called from inside an update"));
      // A copy of the state as every earlier update left it: what a throwing `fn` rolls back to. Copying
      // plain JSON data (sharing its strings) is far cheaper than writing the file.
      const before = copyJson(state);
      let result: T;
      applying = true;
      try {
        result = fn(state);
      } catch (error) {
        state = before;
        db.data = state;
        return Promise.reject(error);
      } finally {
        applying = false;
      }
      return new Promise<T>((resolve, reject) => {
        waiting.push({ resolve: () => resolve(result), reject });
        writing ??= writeLoop();
      });
    },
    async flush() {
      await writing;
    },
    async close() {
      closed = true;
      await writing;
    },
  };
}

/** A deep copy of JSON data: objects and arrays are copied, everything else (strings above all) shared. */
function copyJson<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copyJson((value as Record<string, unknown>)[key]);
  return out as T;
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
  logger.error(
    { file, movedTo: aside, problem },
    `State file ${file} is unreadable (${problem}); moved it to ${aside} and started empty`,
  );
  return emptyState();
}
