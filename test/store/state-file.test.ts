/**
 * The JSON state file under a second process and a failing disk: the lock, the retries, and what a user
 * and the operator are told.
 */
import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openJsonStore } from "../../src/store/json-store.ts";
import { StoreUnsavedError, StoreWriteError } from "../../src/store/ports.ts";
import { openStateFile, StoreOpenError } from "../../src/store/state-file.ts";
import { capturingLogger, tempDir } from "./helpers.ts";

const HOLDER = path.join(import.meta.dirname, "fixtures", "state-file-holder.ts");
const children: ChildProcessWithoutNullStreams[] = [];
const frozen: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill();
  for (const dir of frozen.splice(0)) unfreeze(dir);
});

/** Runs the holder on `file`; resolves with its first line of output and the child. */
function holder(file: string, votes: number): Promise<{ line: string; child: ChildProcessWithoutNullStreams }> {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", HOLDER, file, String(votes)], { env });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve({ line: out.trim(), child });
    });
    child.on("error", reject);
  });
}

/** Makes `dir` unwritable: as root (CI), chmod does not stop writes, so the immutable flag does. */
function freeze(dir: string): void {
  frozen.push(dir);
  if (process.getuid?.() === 0) execFileSync("chattr", ["+i", dir]);
  else fs.chmodSync(dir, 0o500);
}

function unfreeze(dir: string): void {
  if (process.getuid?.() === 0) execFileSync("chattr", ["-i", dir]);
  else fs.chmodSync(dir, 0o700);
}

const NO_WAIT = { retryDelaysMs: [0, 0] };

describe("one process per state file", () => {
  it("refuses a second bot on the same file with one line naming the file and the running process; nothing is lost", async () => {
    const file = path.join(tempDir(), "bot.json");
    const first = await holder(file, 30);
    expect(first.line).toBe("ready");
    const second = await holder(file, 30);
    expect(second.line).toBe(
      `DATA_FILE ${file} is in use by process ${first.child.pid} on ${(await import("node:os")).hostname()}, since ${
        JSON.parse(fs.readFileSync(`${file}.lock/owner.json`, "utf8")).since
      }; stop that bot first, or give this one another DATA_FILE`,
    );
    first.child.stdin.write("close\n");
    await new Promise((resolve) => first.child.once("exit", resolve));
    expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).feedback.a)).toHaveLength(30);
    // Once the first is gone, a new one opens the file and sees every vote.
    const store = await openJsonStore(file, capturingLogger().logger);
    expect(await store.votes.cast("a", "late", "down")).toEqual({ up: 30, down: 1 });
    await store.close();
  });

  it("takes over the lock of a process that died without releasing it", async () => {
    const file = path.join(tempDir(), "bot.json");
    const first = await holder(file, 1);
    first.child.kill("SIGKILL");
    await new Promise((resolve) => first.child.once("exit", resolve));
    const store = await openJsonStore(file, capturingLogger().logger);
    expect(await store.votes.cast("a", "u1", "down")).toEqual({ up: 1, down: 1 }); // u0 voted up before the kill
    await store.close();
  });

  it("keeps its lock through the refreshes after start (the owner line written into the folder does not count as a rival)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const file = path.join(tempDir(), "bot.json");
      const { logger, lines } = capturingLogger();
      const store = await openJsonStore(file, logger);
      const lockDir = `${file}.lock`;
      const before = fs.statSync(lockDir).mtimeMs;
      // proper-lockfile's first refresh: it stats the folder and, if the mtime is still the one it set, renews it.
      await vi.advanceTimersByTimeAsync(2_100);
      await vi.waitFor(() => expect(fs.statSync(lockDir).mtimeMs).not.toBe(before));
      await store.votes.cast("a", "u1", "up");
      await store.close();
      expect(lines.filter((l) => String(l.msg).includes("lock"))).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("takes back its own lock once proper-lockfile gave it up (a stall past the refresh), with one line", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      const file = path.join(tempDir(), "bot.json");
      const { logger, lines } = capturingLogger();
      const store = await openJsonStore(file, logger);
      // Someone else's mtime on the folder: at its next refresh proper-lockfile calls the lock compromised.
      const past = new Date(2000, 0, 1);
      fs.utimesSync(`${file}.lock`, past, past);
      await vi.advanceTimersByTimeAsync(2_100);
      await vi.waitFor(async () => {
        await store.votes.cast("a", `u${Math.random()}`, "up");
        expect(lines.filter((l) => String(l.msg).includes("lock"))).not.toEqual([]);
      });
      for (const user of ["x1", "x2", "x3"]) await store.votes.cast("a", user, "up");
      await store.close();
      expect(lines.filter((l) => String(l.msg).includes("lock")).map((l) => [l.level, l.msg])).toEqual([
        [40, `The lock on ${file} was lost and has been taken again`],
      ]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("leaves no temporary file behind and names each one for its process", async () => {
    const dir = tempDir();
    const store = await openJsonStore(path.join(dir, "bot.json"), capturingLogger().logger);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.votes.cast("a", `u${i}`, "up")));
    await store.close();
    expect(fs.readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("a failing disk", () => {
  it("recreates a data directory removed while running, and saves every change", async () => {
    const dir = path.join(tempDir(), "data");
    const file = path.join(dir, "bot.json");
    const store = await openJsonStore(file, capturingLogger().logger, NO_WAIT);
    await store.votes.cast("a", "u1", "up");
    fs.rmSync(dir, { recursive: true, force: true });
    await store.votes.cast("a", "u2", "up");
    expect(JSON.parse(fs.readFileSync(file, "utf8")).feedback.a).toEqual({ u1: "up", u2: "up" });
    await store.close();
  });

  it("tells the user a change was not saved, logs the failing disk once, and saves it all when the disk is back", async () => {
    const dir = path.join(tempDir(), "data");
    const file = path.join(dir, "bot.json");
    const { logger, lines } = capturingLogger();
    const store = await openJsonStore(file, logger, NO_WAIT);
    await store.votes.cast("a", "u1", "up");
    freeze(dir);
    const refusals = await Promise.allSettled([1, 2, 3].map((i) => store.votes.cast("a", `late${i}`, "up")));
    await expect(store.votes.cast("a", "u9", "down")).rejects.toThrow(/could not be saved/);
    expect(refusals.every((r) => r.status === "rejected" && r.reason instanceof StoreWriteError)).toBe(true);
    expect(lines.filter((l) => l.level === 50 && String(l.msg).includes("cannot be written"))).toHaveLength(1);
    unfreeze(dir);
    frozen.pop();
    await store.votes.cast("a", "u10", "up");
    expect(Object.keys(JSON.parse(fs.readFileSync(file, "utf8")).feedback.a)).toHaveLength(6);
    expect(lines.filter((l) => l.level === 30 && String(l.msg).includes("writable again"))).toHaveLength(1);
    await store.close();
  });

  it("on close with changes it could not save, fails with one line saying how many and where", async () => {
    const dir = path.join(tempDir(), "data");
    const file = path.join(dir, "bot.json");
    const store = await openJsonStore(file, capturingLogger().logger, NO_WAIT);
    freeze(dir);
    await expect(store.votes.cast("a", "u1", "up")).rejects.toThrow(StoreWriteError);
    const closing = store.close();
    await expect(closing).rejects.toThrow(StoreUnsavedError);
    await expect(closing).rejects.toThrow(new RegExp(`^1 change\\(s\\) to ${file} could not be saved \\(`));
  });

  it("names DATA_FILE in one line when the file cannot be used at start", async () => {
    const dir = tempDir();
    freeze(dir);
    const file = path.join(dir, "bot.json");
    const opening = openStateFile(file, capturingLogger().logger);
    await expect(opening).rejects.toThrow(StoreOpenError);
    await expect(opening).rejects.toThrow(new RegExp(`^DATA_FILE ${file} cannot be`));
  });
});
