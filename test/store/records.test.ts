/** State records: guild settings, feedback votes and conversations through the store. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import {
  appendTurn,
  countVotes,
  getAskRecord,
  getConversation,
  getGuildSettings,
  MAX_ASK_RECORDS,
  MAX_CONVERSATIONS,
  MAX_TURN_ANSWER_CHARS,
  MAX_TURNS_PER_CONVERSATION,
  recordAsk,
  recordVote,
  updateGuildSettings,
} from "../../src/store/records.ts";
import { openStore } from "../../src/store/store.ts";
import { tempDir } from "./helpers.ts";

const open = () => openStore(path.join(tempDir(), "bot.json"), silentLogger());
/** The ISO instant `n` seconds after a fixed start, so records sort by age. */
const second = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
/** A Discord-like id (19 digits). */
const snowflake = (n: number) => `1${String(n).padStart(18, "0")}`;

describe("guild settings", () => {
  it("defaults for an unknown guild and merges a patch", async () => {
    const store = await open();
    expect(getGuildSettings(store, "g")).toEqual({ qaChannelIds: [], useModel: true, quiz: null });
    await updateGuildSettings(store, "g", { qaChannelIds: ["c1"] });
    expect(await updateGuildSettings(store, "g", { useModel: false })).toEqual({
      qaChannelIds: ["c1"],
      useModel: false,
      quiz: null,
    });
  });
});

describe("feedback", () => {
  it("keeps one vote per user per answer; a second vote replaces the first", async () => {
    const store = await open();
    await recordVote(store, "a1", "u1", "up");
    await recordVote(store, "a1", "u2", "up");
    expect(await recordVote(store, "a1", "u1", "down")).toEqual({ up: 1, down: 1 });
    expect(countVotes(store, "a1")).toEqual({ up: 1, down: 1 });
    expect(countVotes(store, "other")).toEqual({ up: 0, down: 0 });
  });
});

describe("ask records", () => {
  it("keeps the newest records up to the cap", async () => {
    const store = await open();
    // Filled directly: two thousand separate writes would only slow the test down.
    await store.update((data) => {
      for (let i = 0; i < MAX_ASK_RECORDS; i++) {
        data.askRecords[snowflake(i)] = { question: `q${i}`, userId: "u", sourceIds: [], createdAt: second(i) };
      }
    });
    await recordVote(store, snowflake(0), "u1", "up");
    await recordVote(store, snowflake(1), "u1", "down");
    await recordAsk(store, "newest", {
      question: "q",
      userId: "u",
      sourceIds: ["sec-4.1-p1-s5"],
      createdAt: second(MAX_ASK_RECORDS),
    });
    expect(Object.keys(store.data.askRecords)).toHaveLength(MAX_ASK_RECORDS);
    expect(getAskRecord(store, snowflake(0))).toBeNull();
    expect(getAskRecord(store, snowflake(1))).not.toBeNull();
    // The votes go with the answer they were on.
    expect(store.data.feedback[snowflake(0)]).toBeUndefined();
    expect(countVotes(store, snowflake(1))).toEqual({ up: 0, down: 1 });
    expect(getAskRecord(store, "newest")!.sourceIds).toEqual(["sec-4.1-p1-s5"]);
  });
});

describe("conversations", () => {
  it("keeps the last turns of a thread, oldest first", async () => {
    const store = await open();
    for (let i = 0; i < MAX_TURNS_PER_CONVERSATION + 2; i++) {
      await appendTurn(store, "t", { question: `q${i}`, answer: `a${i}`, at: second(i) });
    }
    const turns = getConversation(store, "t");
    expect(turns.map((t) => t.question)).toEqual(
      Array.from({ length: MAX_TURNS_PER_CONVERSATION }, (_, i) => `q${i + 2}`),
    );
    expect(getConversation(store, "unknown")).toEqual([]);
  });

  it("keeps at most MAX_TURN_ANSWER_CHARS of an answer, marking the cut", async () => {
    const store = await open();
    await appendTurn(store, "t", { question: "q", answer: "x".repeat(MAX_TURN_ANSWER_CHARS * 3), at: second(0) });
    await appendTurn(store, "t", { question: "q2", answer: "short", at: second(1) });
    const [long, short] = getConversation(store, "t");
    expect(long!.answer).toHaveLength(MAX_TURN_ANSWER_CHARS);
    expect(long!.answer.endsWith("…")).toBe(true);
    expect(short!.answer).toBe("short");
  });

  it("forgets the threads quiet the longest beyond the cap", async () => {
    const store = await open();
    await store.update((data) => {
      for (let i = 0; i < MAX_CONVERSATIONS; i++)
        data.conversations[`t${i}`] = [{ question: "q", answer: "a", at: second(i) }];
    });
    await appendTurn(store, "t0", { question: "again", answer: "a", at: second(MAX_CONVERSATIONS) }); // t0 is now recent
    await appendTurn(store, "new", { question: "q", answer: "a", at: second(MAX_CONVERSATIONS + 1) });
    expect(Object.keys(store.data.conversations)).toHaveLength(MAX_CONVERSATIONS);
    expect(getConversation(store, "t0")).toHaveLength(2);
    expect(getConversation(store, "t1")).toEqual([]);
    expect(getConversation(store, "new")).toHaveLength(1);
  });
});
