/** The lowdb store: ordered updates, coalesced writes, rollback, and a corrupt file moved aside. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { AtomicJsonFile, openStateFile } from "../../src/store/state-file.ts";
import { capturingLogger, tempDir } from "./helpers.ts";

/** A state file that counts its writes and fails the next `failNext` of them. */
class CountingFile extends AtomicJsonFile {
  writes = 0;
  failNext = 0;
  override async write(data: unknown): Promise<void> {
    this.writes += 1;
    if (this.failNext > 0) {
      this.failNext -= 1;
      throw new Error("disk full");
    }
    await super.write(data);
  }
}

describe("openStateFile", () => {
  it("creates a missing file and its folder, with the empty state", async () => {
    const file = path.join(tempDir(), "nested", "deeper", "bot.json");
    const store = await openStateFile(file, silentLogger());
    expect(fs.existsSync(file)).toBe(true);
    expect(store.data).toEqual({
      guilds: {},
      feedback: {},
      feedbackNotes: [],
      askRecords: {},
      conversations: {},
      quiz: { rounds: {}, used: {}, players: {} },
      practice: {},
      practiceSessions: {},
      quizReports: [],
      retiredItems: {},
      reminders: {},
    });
    expect(JSON.parse(fs.readFileSync(file, "utf8"))).toEqual(store.data);
  });

  it("writes every update and reads it back after a reopen", async () => {
    const file = path.join(tempDir(), "bot.json");
    const store = await openStateFile(file, silentLogger());
    const result = await store.update((data) => {
      data.conversations.t1 = [{ question: "q", answer: "a", at: "2026-01-01T00:00:00.000Z" }];
      return "done";
    });
    expect(result).toBe("done");
    await store.close();
    const reopened = await openStateFile(file, silentLogger());
    expect(reopened.data.conversations.t1).toHaveLength(1);
  });

  it("loses none of many concurrent updates, in memory or on disk", async () => {
    const file = path.join(tempDir(), "bot.json");
    const store = await openStateFile(file, silentLogger());
    await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        store.update((data) => {
          (data.feedback.answer ??= {})[`user${i}`] = i % 2 ? "up" : "down";
        }),
      ),
    );
    expect(Object.keys(store.data.feedback.answer!)).toHaveLength(100);
    const onDisk = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(Object.keys(onDisk.feedback.answer)).toHaveLength(100);
  });

  it("saves a burst of concurrent updates in a few shared writes, each resolving only once written", async () => {
    const file = path.join(tempDir(), "bot.json");
    const adapter = new CountingFile(file);
    const store = await openStateFile(file, silentLogger(), { adapter });
    const before = adapter.writes;
    const onDiskWhenResolved: boolean[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store
          .update((data) => void (data.practice[`user${i}`] = {}))
          .then(() => onDiskWhenResolved.push(`user${i}` in JSON.parse(fs.readFileSync(file, "utf8")).practice)),
      ),
    );
    // One write for the first update, one for the 49 applied while it was in flight.
    expect(adapter.writes - before).toBeLessThanOrEqual(2);
    expect(onDiskWhenResolved).toEqual(Array(50).fill(true));
    await store.close();
    const reopened = await openStateFile(file, silentLogger());
    expect(Object.keys(reopened.data.practice)).toHaveLength(50);
  });

  it("rejects the updates a failed write carried, keeps them in memory, and saves them with the next write", async () => {
    const file = path.join(tempDir(), "bot.json");
    const adapter = new CountingFile(file);
    const store = await openStateFile(file, silentLogger(), { adapter, retryDelaysMs: [] });
    adapter.failNext = 1;
    await expect(store.update((data) => void (data.feedback.a = { u: "up" }))).rejects.toThrow(/could not be saved/);
    expect(store.data.feedback.a).toEqual({ u: "up" });
    await store.update((data) => void (data.feedback.b = { u: "down" }));
    expect(JSON.parse(fs.readFileSync(file, "utf8")).feedback).toEqual({ a: { u: "up" }, b: { u: "down" } });
  });

  it("runs updates one at a time, in the order they were queued", async () => {
    const store = await openStateFile(path.join(tempDir(), "bot.json"), silentLogger());
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => store.update(() => void order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it("rejects an update that throws, and carries on", async () => {
    const store = await openStateFile(path.join(tempDir(), "bot.json"), silentLogger());
    const failing = store.update(() => {
      throw new Error("boom");
    });
    const after = store.update((data) => void (data.feedback.a = { u: "up" }));
    await expect(failing).rejects.toThrow("boom");
    await after;
    expect(store.data.feedback.a).toEqual({ u: "up" });
  });

  it("fills in defaults for an older, partial file", async () => {
    const file = path.join(tempDir(), "bot.json");
    fs.writeFileSync(file, JSON.stringify({ guilds: { g: { qaChannelIds: ["c1"] } } }));
    const store = await openStateFile(file, silentLogger());
    expect(store.data.guilds.g).toEqual({ qaChannelIds: ["c1"], useModel: true, quiz: null });
    expect(store.data.quiz).toEqual({ rounds: {}, used: {}, players: {} });
  });

  it.each([
    ["is not JSON", "{ this is not json"],
    ["fails the schema", JSON.stringify({ guilds: { g: { qaChannelIds: "not-an-array" } } })],
  ])("moves a file that %s aside, logs one error line and starts empty", async (_, content) => {
    const dir = tempDir();
    const file = path.join(dir, "bot.json");
    fs.writeFileSync(file, content);
    const { logger, lines } = capturingLogger();
    const store = await openStateFile(file, logger, { now: () => new Date("2026-03-29T08:30:00.000Z") });

    const aside = `${file}.corrupt-2026-03-29T08-30-00.000Z`;
    expect(fs.readFileSync(aside, "utf8")).toBe(content);
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.movedTo).toBe(aside);
    expect(String(errors[0]!.msg)).toContain(aside);
    expect(store.data.guilds).toEqual({});
    expect(JSON.parse(fs.readFileSync(file, "utf8")).guilds).toEqual({});
  });

  it("waits for pending writes on close and refuses updates afterwards", async () => {
    const file = path.join(tempDir(), "bot.json");
    const store = await openStateFile(file, silentLogger());
    const pending = store.update((data) => void (data.feedback.a = { u: "down" }));
    await store.close();
    await pending;
    expect(JSON.parse(fs.readFileSync(file, "utf8")).feedback).toEqual({ a: { u: "down" } });
    await expect(store.update(() => undefined)).rejects.toThrow(/closed/);
  });
});
