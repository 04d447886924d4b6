/**
 * The embedded engine's file: the whole state as one JSON document, read once into memory, locked to one
 * process, and written atomically (a temporary file of this process's own, then a rename). Changes are
 * applied to memory one at a time, in order, so two can never overwrite each other; the file is written one
 * write at a time, and every change made while a write is in flight is saved by the next single write (a
 * burst costs two writes, not one each). A change costs what it touches: nothing is copied per update.
 *
 * A write that fails is retried with back-off (a missing folder is made again first); if it still fails,
 * the changes it carried reject with a {@link StoreWriteError} (their users are told), stay in memory and
 * are saved by the next write that works, the failure is logged once until the disk recovers, and `close`
 * throws a {@link StoreUnsavedError} if they never were.
 */
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";
import type { Logger } from "../log.ts";
import { StoreUnsavedError, StoreWriteError } from "./ports.ts";
import { emptyState, type State, StateSchema } from "./schema.ts";

/** Reads and writes the file's text; tests swap in one that counts or fails writes. */
export interface StateFileAdapter {
  /** The JSON value in the file, or null when there is no file. */
  read(): Promise<unknown>;
  write(data: unknown): Promise<void>;
}

/** Atomic JSON writes through a temporary file unique to this process and write, then a rename. */
export class AtomicJsonFile implements StateFileAdapter {
  constructor(readonly file: string) {}

  async read(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return JSON.parse(text);
  }

  async write(data: unknown): Promise<void> {
    // Unique per process and write: two writers (or a writer and a crashed one's leftovers) never share one.
    const temp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      await writeFile(temp, JSON.stringify(data, null, 2));
      await rename(temp, this.file);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => {});
      throw error;
    }
  }
}

/** The state in memory and its file. */
export interface StateFile {
  readonly file: string;
  /** The current state. Treat it as read-only: change it only inside {@link StateFile.update}. */
  readonly data: State;
  /**
   * Runs `fn` on the state at once (after every earlier update, whose changes it sees), then resolves with
   * what `fn` returned once a write that includes the change has completed. `fn` must be synchronous, must
   * not call `update`, and must throw, if at all, before it changes anything (nothing is copied to roll back
   * to). If the write fails even after retries, the promise rejects with a {@link StoreWriteError} and the
   * change stays in memory for the next write.
   */
  update<T>(fn: (data: State) => T): Promise<T>;
  /** Resolves when every update queued so far has been written or has failed for good. */
  flush(): Promise<void>;
  /**
   * Waits for pending writes, tries once more if changes are unsaved, refuses further updates and releases
   * the lock. @throws StoreUnsavedError when changes remain unsaved.
   */
  close(): Promise<void>;
}

/** Options for tests; production calls `openStateFile(file, logger)`. */
export interface StateFileOptions {
  /** The clock that stamps a set-aside corrupt file. */
  now?: () => Date;
  /** Reads and writes the file; an {@link AtomicJsonFile} on `file` unless a test wants to count or fail writes. */
  adapter?: StateFileAdapter;
  /** Pauses before each retry of a failed write; the number of entries is the number of retries. */
  retryDelaysMs?: readonly number[];
  /**
   * Whether to lock the file to this process (default true). Only tests that play a crash and a restart
   * inside one process turn it off.
   */
  lock?: boolean;
}

/** A start-up problem with the store, as one line naming the setting (DATA_FILE or DATABASE_URL). */
export class StoreOpenError extends Error {
  override readonly name = "StoreOpenError";
}

/** What the lock folder holds, so a second process can say who has the file. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

const DEFAULT_RETRY_DELAYS_MS = [50, 250, 1000];

/**
 * Opens (or creates, with its folder) the state file and locks it to this process. A file that is not JSON
 * or does not fit the schema is renamed to `<file>.corrupt-<timestamp>`, logged once at error level, and the
 * store starts empty: a damaged file must never keep the bot from starting, nor be overwritten before
 * someone can look at it.
 * @throws StoreOpenError when another process holds the file, or the file or its folder cannot be used.
 */
export async function openStateFile(file: string, logger: Logger, options: StateFileOptions = {}): Promise<StateFile> {
  const now = options.now ?? (() => new Date());
  const adapter = options.adapter ?? new AtomicJsonFile(file);
  const retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const folder = path.dirname(path.resolve(file));
  const unusable = (error: unknown) =>
    new StoreOpenError(`DATA_FILE ${file} cannot be used: ${error instanceof Error ? error.message : String(error)}`);

  try {
    await mkdir(folder, { recursive: true });
  } catch (error) {
    throw unusable(error);
  }
  let lockLost = false;
  /** A retake of the lost lock failed and was reported: later failures are not (one line per outage). */
  let lockRetakeFailing = false;
  const release =
    options.lock === false
      ? async () => {}
      : await takeLock(file, () => {
          lockLost = true;
        });
  let state: State;
  try {
    state = await readState(adapter, file, logger, now);
    // Writing at once creates a missing file and fills in defaults, so the file on disk always parses.
    await adapter.write(state);
  } catch (error) {
    await release();
    throw error instanceof StoreOpenError ? error : unusable(error);
  }

  /** Updates applied to memory and not yet carried by a write that has started. */
  let waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  /** The running write loop; null when every applied update has been written (or has failed to be). */
  let writing: Promise<void> | null = null;
  /** Changes in memory that no successful write has carried yet. */
  let unsaved = 0;
  /** The failure being reported; null while the disk works. Logged once per outage. */
  let failing: string | null = null;
  let applying = false;
  let closed = false;

  /** One write, retried with back-off; a missing folder is made again before each retry. */
  const writeWithRetries = async (): Promise<void> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await adapter.write(state);
        return;
      } catch (error) {
        const delay = retryDelaysMs[attempt];
        if (delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
        await mkdir(folder, { recursive: true }).catch(() => {});
      }
    }
  };

  /** Writes until no update is waiting; each write carries every update applied before it started. */
  const writeLoop = async (): Promise<void> => {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      const carried = unsaved;
      try {
        await writeWithRetries();
        unsaved -= carried;
        if (failing !== null) {
          logger.info({ file }, `State file ${file} is writable again; every change is saved`);
          failing = null;
        }
        if (lockLost) {
          lockLost = !(await retakeLock(file, logger, !lockRetakeFailing));
          lockRetakeFailing = lockLost;
        }
        for (const w of batch) w.resolve();
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if (failing === null) {
          logger.error(
            { file, err: error },
            `State file ${file} cannot be written (${reason}); changes are kept in memory and saved when it can be`,
          );
        }
        failing = reason;
        const refusal = new StoreWriteError(
          "That could not be saved: the bot's storage is failing right now. Please try again later.",
          error,
        );
        for (const w of batch) w.reject(refusal);
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
      let result: T;
      applying = true;
      try {
        result = fn(state);
      } catch (error) {
        return Promise.reject(error);
      } finally {
        applying = false;
      }
      unsaved += 1;
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
      // Changes left by a failed write get one more chance: the disk may be back.
      if (unsaved > 0) {
        try {
          await writeWithRetries();
          unsaved = 0;
        } catch (error) {
          await release().catch(() => {});
          throw new StoreUnsavedError(
            `${unsaved} change(s) to ${file} could not be saved (${error instanceof Error ? error.message : String(error)})`,
          );
        }
      }
      await release().catch(() => {});
    },
  };
}

const lockOptions = (onCompromised: (error: Error) => void): lockfile.LockOptions => ({
  realpath: false,
  stale: 10_000,
  update: 2_000,
  onCompromised,
});

/**
 * Locks `file` to this process (proper-lockfile: an atomic `mkdir` of `<file>.lock`, kept fresh while we
 * run, so it also works across machines sharing a folder). A lock left by a dead process on this host is
 * taken over at once rather than after it goes stale, and with `reclaim` so is one this very process left.
 * Returns the release.
 */
async function takeLock(file: string, onLost: () => void, reclaim = false): Promise<() => Promise<void>> {
  const lockDir = `${file}.lock`;
  const ownerFile = path.join(lockDir, "owner.json");
  const acquire = () => lockfile.lock(file, lockOptions(onLost));
  let release: () => Promise<void>;
  try {
    release = await acquire();
  } catch (error) {
    // ENOTEMPTY: proper-lockfile found the folder stale and could not remove it, our owner line being inside.
    if (!["ELOCKED", "ENOTEMPTY"].includes((error as NodeJS.ErrnoException).code ?? "")) {
      throw new StoreOpenError(`DATA_FILE ${file} cannot be locked: ${(error as Error).message}`);
    }
    const owner = await readOwner(ownerFile);
    // Our own lock, left behind when proper-lockfile gave it up as compromised, is ours to take back.
    const ours = reclaim && owner?.host === hostname() && owner.pid === process.pid;
    if (!ours && (!owner || owner.host !== hostname() || isAlive(owner.pid))) {
      const who = owner ? `process ${owner.pid} on ${owner.host}, since ${owner.since}` : "another process";
      throw new StoreOpenError(
        `DATA_FILE ${file} is in use by ${who}; stop that bot first, or give this one another DATA_FILE`,
      );
    }
    await rm(lockDir, { recursive: true, force: true });
    release = await acquire();
  }
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // Writing into the folder moves its mtime, which proper-lockfile reads as someone else's hand on the lock
  // (compromised at its next refresh): the folder gets back the mtime proper-lockfile gave it.
  const { atime, mtime } = await stat(lockDir);
  await writeFile(ownerFile, JSON.stringify(owner));
  await utimes(lockDir, atime, mtime);
  return async () => {
    await rm(ownerFile, { force: true });
    // A lock proper-lockfile took for compromised (its refresh came late on a loaded machine) is still ours.
    await release().catch(() => rm(lockDir, { recursive: true, force: true }));
  };
}

/**
 * After the lock was lost (its folder vanished, or a stall made proper-lockfile give it up): lock again. Returns success; a failure
 * is logged only when `report` (the first of an outage), since every write tries again.
 */
async function retakeLock(file: string, logger: Logger, report: boolean): Promise<boolean> {
  try {
    await takeLock(file, () => {}, true);
    logger.warn({ file }, `The lock on ${file} was lost and has been taken again`);
    return true;
  } catch (error) {
    if (report) logger.error({ file, err: error }, `The lock on ${file} was lost and could not be taken again`);
    return false;
  }
}

async function readOwner(ownerFile: string): Promise<LockOwner | null> {
  try {
    return JSON.parse(await readFile(ownerFile, "utf8")) as LockOwner;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Reads and validates the file; sets it aside and returns an empty state if it is unusable. */
async function readState(adapter: StateFileAdapter, file: string, logger: Logger, now: () => Date): Promise<State> {
  let raw: unknown;
  let problem: string;
  try {
    raw = await adapter.read();
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
