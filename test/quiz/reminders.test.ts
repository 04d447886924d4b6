/** DM reminders for due practice reviews, with the fake clock: once a day at most, only when due, stopped by one click, kept across a restart. */
import { describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { createPractice } from "../../src/quiz/practice.ts";
import { createPracticeReminders, type ReminderSender } from "../../src/quiz/reminders.ts";
import { openJsonStore } from "../../src/store/json-store.ts";
import { capturingLogger } from "../store/helpers.ts";
import { FakeClock, quizFixture, seededRandom } from "./helpers.ts";

const HOUR = 60 * 60_000;

/** A sender that records each DM; `failFor` makes those users' DMs throw (closed DMs). */
function recordingSender(failFor: string[] = []) {
  const sent: Array<{ userId: string; due: number }> = [];
  const sender: ReminderSender = {
    async remind(userId, due) {
      if (failFor.includes(userId)) throw new Error("Cannot send messages to this user");
      sent.push({ userId, due });
    },
  };
  return { sent, sender };
}

async function remindersFixture() {
  const f = await quizFixture({ start: "2026-06-10T08:00:00Z" });
  const practice = createPractice({ store: f.store, bank: f.bank, clock: f.clock.now, random: seededRandom(2) });
  const reminders = createPracticeReminders({
    store: f.store,
    bank: f.bank,
    logger: silentLogger(),
    clock: f.clock.now,
  });
  return { ...f, practice, reminders };
}

describe("practice reminders", () => {
  it("DMs an opted-in member once when reviews are due, not again within a day, again the next day", async () => {
    const f = await remindersFixture();
    await f.practice.grade("due", "igf1r-bypass", false); // due again in minutes
    await f.practice.grade("due", "igfbp3-loss", false);
    await f.practice.grade("quiet", "igf1r-bypass", false); // due too, but never opted in
    expect(await f.reminders.set("due", true)).toBe(true);
    expect(await f.reminders.set("due", true)).toBe(false);
    const { sent, sender } = recordingSender();

    expect(await f.reminders.run(sender)).toEqual([]); // nothing due yet
    f.clock.advance(HOUR);
    expect(await f.reminders.run(sender)).toEqual(["due"]);
    f.clock.advance(24 * HOUR - 60_000);
    expect(await f.reminders.run(sender)).toEqual([]);
    f.clock.advance(60_000);
    expect(await f.reminders.run(sender)).toEqual(["due"]);
    expect(sent).toEqual([
      { userId: "due", due: 2 },
      { userId: "due", due: 2 },
    ]);
  });

  it("stops at one click, and remembers both the choice and the last DM across a restart", async () => {
    const f = await remindersFixture();
    await f.practice.grade("u1", "igf1r-bypass", false);
    await f.reminders.set("u1", true);
    f.clock.advance(HOUR);
    const { sent, sender } = recordingSender();
    await f.reminders.run(sender);
    await f.store.close();

    const store = await openJsonStore(f.file, silentLogger(), { lock: false });
    const clock = new FakeClock(new Date(f.clock.now().getTime() + HOUR));
    const again = createPracticeReminders({ store, bank: f.bank, logger: silentLogger(), clock: clock.now });
    expect(await again.isOn("u1")).toBe(true);
    expect(await again.run(sender)).toEqual([]); // reminded an hour ago, before the restart
    expect(await again.set("u1", false)).toBe(true);
    clock.advance(48 * HOUR);
    expect(await again.run(sender)).toEqual([]);
    expect(sent).toHaveLength(1);
  });

  it("counts a DM that could not be sent as the day's reminder, and logs it", async () => {
    const f = await remindersFixture();
    const { logger, lines } = capturingLogger();
    const reminders = createPracticeReminders({ store: f.store, bank: f.bank, logger, clock: f.clock.now });
    await f.practice.grade("closed", "igf1r-bypass", false);
    await reminders.set("closed", true);
    f.clock.advance(HOUR);
    const { sender } = recordingSender(["closed"]);
    expect(await reminders.run(sender)).toEqual([]);
    expect(lines.some((l) => l.msg === "Could not send a practice reminder" && l.userId === "closed")).toBe(true);
    expect((await f.store.reminders.get("closed"))?.lastSentAt).toBe(f.clock.now().toISOString());
  });
});
