/**
 * The quiz's Discord side without Discord: renderers over every item of the real bank (limits, citations
 * carried by the sources shown, no pings), the custom ids, /quiz and /config quiz through the router, the
 * option and practice buttons, time-zone suggestions and the publisher's choice between edit and post.
 */
import type { Client } from "discord.js";
import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { components } from "../../src/bot/components/index.ts";
import { quizAnswerHandler } from "../../src/bot/components/quiz.ts";
import { interactionPayload, messagePayload } from "../../src/bot/discord/payload.ts";
import { createQuizPublisher } from "../../src/bot/discord/quiz-publisher.ts";
import { renderPracticeQuestion, renderPracticeResult } from "../../src/bot/render/quiz-practice.ts";
import { renderRoundAnswer, renderRoundQuestion, renderRoundReveal } from "../../src/bot/render/quiz-round.ts";
import { renderLeaderboard } from "../../src/bot/render/quiz-scores.ts";
import type { Reply } from "../../src/bot/reply.ts";
import { createRouter } from "../../src/bot/router.ts";
import { suggestTimezones } from "../../src/bot/timezones.ts";
import { parseCitations } from "../../src/knowledge/citations.ts";
import { quizItemView } from "../../src/lookup/quiz-item.ts";
import { loadQuizBank, type QuizItem, type Tally } from "../../src/quiz/index.ts";
import type { Round } from "../../src/store/index.ts";
import { FakeClock } from "../quiz/helpers.ts";
import {
  LIVE_MENTION,
  limitViolations,
  recordingCommand,
  recordingComponent,
  replyText,
  testContext,
  testCore,
} from "./helpers.ts";

const bank = await loadQuizBank("knowledge/quiz-bank.json");
const core = testCore();
const GUILD = "123456789012345678901"; // longer than any real snowflake, for the custom-id length
const ROUND = { id: `${GUILD}:2025-03-10`, localDate: "2025-03-10" };
const BIG_TALLY: Tally = { counts: [1234, 56789, 3, 0], total: 58026, correct: 56789 };
const MANAGE_GUILD = 32n;

/** Every [n] a reply shows. */
const citedIn = (reply: Reply) => parseCitations(replyText(reply));

function expectCarried(reply: Reply, item: QuizItem): void {
  const carried = new Set(quizItemView(core, item).sources.flatMap((hit) => hit.refs));
  for (const n of item.citations) expect(citedIn(reply)).toContain(n);
  for (const n of citedIn(reply)) expect(carried.has(n), `[${n}] of ${item.id} is carried by a source`).toBe(true);
}

describe("quiz renderers over the whole bank", () => {
  it("the posted question fits Discord, has four option buttons within 80 characters and 100-character ids", () => {
    for (const item of bank.items) {
      const reply = renderRoundQuestion(core.knowledge, item, ROUND, new Date("2025-03-10T19:00:00Z"));
      expect(limitViolations(reply), item.id).toEqual([]);
      const [options, extra] = reply.buttons! as Array<Array<{ customId: string; label: string }>>;
      expect(options!.map((b) => b.label[0])).toEqual(["A", "B", "C", "D"]);
      expect(extra!.map((b) => b.customId)).toEqual([`quiz-report:daily:${item.id}`]);
      for (const b of [...options!, ...extra!]) {
        expect(b.label.length).toBeLessThanOrEqual(80);
        expect(b.customId.length).toBeLessThanOrEqual(100);
      }
      expect(reply.embeds![0]!.description).toContain("Answers close at <t:1741633200:t>");
      expect(replyText(reply)).not.toMatch(LIVE_MENTION);
    }
  });

  it("the reveal, the click reply and the practice result fit, and every [n] they show is carried by a source shown", () => {
    for (const item of bank.items) {
      const view = quizItemView(core, item);
      const replies = [
        renderRoundReveal(core.knowledge, view, ROUND, BIG_TALLY),
        renderRoundAnswer(core.knowledge, view, {
          status: "recorded",
          item,
          choice: (item.answer + 1) % 4,
          correct: false,
          yourStreak: 0,
        }),
        renderPracticeResult(core.knowledge, view, item.answer, new Date("2025-03-11T00:00:00Z")),
      ];
      for (const reply of replies) {
        expect(limitViolations(reply), item.id).toEqual([]);
        expect(
          reply.embeds![0]!.fields?.some((f) => f.name.startsWith("Source 1:")),
          item.id,
        ).toBe(true);
        expectCarried(reply, item);
        expect(replyText(reply)).not.toMatch(LIVE_MENTION);
      }
      expect(limitViolations(renderPracticeQuestion(core.knowledge, { kind: "new", item, reps: 0 })), item.id).toEqual(
        [],
      );
    }
  });

  it("the reveal disables every button and marks the right one", () => {
    const item = bank.items[0]!;
    const reveal = renderRoundReveal(core.knowledge, quizItemView(core, item), ROUND, BIG_TALLY);
    const buttons = reveal.buttons![0]!;
    expect(buttons.every((b) => "disabled" in b && b.disabled)).toBe(true);
    expect(buttons.map((b) => ("style" in b ? b.style : null))).toEqual(
      [0, 1, 2, 3].map((i) => (i === item.answer ? "success" : "secondary")),
    );
    expect(reveal.embeds![0]!.description).toContain("58026 answered, 56789 right.");
  });

  it("text from the bank cannot ping, and the leaderboard's mentions go out with mentions off", () => {
    const hostile: QuizItem = {
      ...bank.items[0]!,
      question: "@everyone what now?",
      explanation: "Ask <@123456789012345678> [1].",
    };
    const text =
      replyText(renderRoundQuestion(core.knowledge, hostile, ROUND, null)) +
      replyText(renderRoundReveal(core.knowledge, quizItemView(core, hostile), ROUND, BIG_TALLY));
    expect(text).not.toMatch(LIVE_MENTION);
    const board = renderLeaderboard({
      period: "week",
      since: "2025-03-10",
      entries: [
        {
          rank: 1,
          userId: "123456789012345678",
          answered: 2,
          correct: 1,
          accuracy: 0.5,
          currentStreak: 1,
          bestStreak: 1,
        },
      ],
    });
    expect(board.embeds![0]!.title).toBe("Daily quiz leaderboard · this week (since 2025-03-10)");
    expect(board.embeds![0]!.description).toBe("**1.** <@123456789012345678> · 1 right of 2 · 50% · streak 1 (best 1)");
    expect(messagePayload(board).allowedMentions).toMatchObject({ parse: [] });
    expect(interactionPayload(board).allowedMentions).toMatchObject({ parse: [] });
  });
});

describe("round custom ids", () => {
  it("survive the router's split at every ':'", () => {
    const [, ...args] = quizAnswerHandler.build({ roundId: ROUND.id, choice: 2 }).split(":");
    expect(quizAnswerHandler.parse(args)).toEqual({ roundId: ROUND.id, choice: 2 });
  });

  it.each([[[]], [["2"]], [["g", "2025-03-10", "4"]], [["g", "2025-03-10", "x"]]])("refuse %j", (args) => {
    expect(quizAnswerHandler.parse(args)).toBeNull();
  });
});

/** A router over the real commands and buttons, with the quiz on `clock`. */
async function quizRouter(clock = new FakeClock(new Date("2025-03-10T06:00:00Z"))) {
  const ctx = await testContext({}, { clock: clock.now, random: () => 0 });
  return { router: createRouter({ commands, components, ctx }), ctx, clock };
}

const adminIn = (guildId: string | null) => ({ guildId, memberPermissions: MANAGE_GUILD });

describe("/quiz and its buttons through the router", () => {
  it("stats and leaderboard need a server and say so plainly; in a server they answer", async () => {
    const { router } = await quizRouter();
    const dm = recordingCommand("quiz", {}, { subcommand: "leaderboard" });
    await router.handleCommand(dm);
    expect(dm.calls[0]!.reply).toMatchObject({ content: expect.stringMatching(/runs in a server/), ephemeral: true });

    const board = recordingCommand("quiz", {}, { subcommand: "leaderboard", guildId: "g1" });
    await router.handleCommand(board);
    expect(board.calls[0]!.reply).toEqual({
      content: "Nobody has answered a daily question in this server this week yet.",
    });

    const stats = recordingCommand("quiz", {}, { subcommand: "stats", guildId: "g1" });
    await router.handleCommand(stats);
    expect(stats.calls[0]!.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/not answered/) });
  });

  it("practice: a question, a graded click that replaces it, then the next question", async () => {
    const { router, ctx } = await quizRouter();
    const start = recordingCommand("quiz", {}, { subcommand: "practice" });
    await router.handleCommand(start);
    const shown = start.calls[0]!.reply!;
    expect(shown.ephemeral).toBe(true);
    const first = bank.items[0]!; // random() = 0 picks the first new item
    expect(shown.buttons![0]!.map((b) => ("customId" in b ? b.customId : ""))).toEqual(
      [0, 1, 2, 3].map((i) => `quiz-practice:${first.id}:${i}:0`),
    );

    const wrong = (first.answer + 1) % 4;
    const click = recordingComponent(`quiz-practice:${first.id}:${wrong}:0`);
    await router.handleComponent(click);
    expect(click.calls[0]!.method).toBe("update");
    expect(click.calls[0]!.reply!.embeds![0]!.title).toBe("❌ Not this time");
    expect((await ctx.store.practice.cards("u1")).get(first.id)).toMatchObject({ reps: 1 });

    // A second click on the same message, before the first replaced it, grades nothing.
    const again = recordingComponent(`quiz-practice:${first.id}:${first.answer}:0`);
    await router.handleComponent(again);
    expect(again.calls[0]!.reply).toMatchObject({
      content: expect.stringMatching(/^You already answered this question/),
      ephemeral: true,
    });
    expect((await ctx.store.practice.cards("u1")).get(first.id)).toMatchObject({ reps: 1 });

    const next = recordingComponent("quiz-practice:next");
    await router.handleComponent(next);
    expect(next.calls[0]!.method).toBe("update");
    expect(next.calls[0]!.reply!.buttons![0]).toHaveLength(4);

    const gone = recordingComponent("quiz-practice:no-such-item:1");
    await router.handleComponent(gone);
    expect(gone.calls[0]!.reply).toMatchObject({
      content: expect.stringMatching(/no longer in the quiz bank/),
      ephemeral: true,
    });
  });

  it("an option click on an unknown round or a broken id is answered plainly", async () => {
    const { router } = await quizRouter();
    const unknown = recordingComponent("quiz:g1:2025-01-01:1", { guildId: "g1" });
    await router.handleComponent(unknown);
    expect(unknown.calls[0]!.reply).toMatchObject({
      content: expect.stringMatching(/^I do not know this question/),
      ephemeral: true,
    });
    const broken = recordingComponent("quiz:g1:9", { guildId: "g1" });
    await router.handleComponent(broken);
    expect(broken.calls[0]!.reply).toMatchObject({
      content: expect.stringMatching(/^This button is broken/),
      ephemeral: true,
    });
  });
});

describe("/config quiz", () => {
  const set = (values: Record<string, string | number>) =>
    recordingCommand("config", values, { ...adminIn("g1"), subcommandGroup: "quiz", subcommand: "set" });
  /** Runs one /config subcommand as an admin on a fresh router and returns the reply. */
  const run = async (name: string, values: Record<string, string | number> = {}, group: string | null = "quiz") => {
    const { router } = await quizRouter();
    const i = recordingCommand("config", values, {
      ...adminIn("g1"),
      ...(group ? { subcommandGroup: group } : {}),
      subcommand: name,
    });
    await router.handleCommand(i);
    return i.calls[0]!.reply!;
  };

  it("refuses a bad time or zone with the domain's plain message", async () => {
    expect((await run("set", { channel: "c1", time: "25:00", timezone: "Europe/Berlin" })).content).toBe(
      '"25:00" is not a time of day. Use HH:MM on a 24-hour clock, for example 08:30.',
    );
    expect((await run("set", { channel: "c1", time: "08:30", timezone: "Berlin" })).content).toMatch(
      /^"Berlin" is not a time zone I know/,
    );
    expect((await run("pause")).content).toBe(
      "The daily quiz is not set up in this server yet; use /config quiz set first.",
    );
  });

  it("sets, pauses, resumes and shows the schedule; a close hour before the post time runs to the next post", async () => {
    const { router, ctx } = await quizRouter();
    const exec = async (i: ReturnType<typeof recordingCommand>) => (await router.handleCommand(i), i.calls[0]!.reply!);
    expect((await exec(set({ channel: "c1", time: "9:05", timezone: "europe/berlin", "close-hour": 8 }))).content).toBe(
      "The daily question will be posted in <#c1> every day at 09:05 (Europe/Berlin), closing when the next question is posted.",
    );
    expect(await ctx.quiz.service.settings("g1")).toMatchObject({
      channelId: "c1",
      time: "09:05",
      timezone: "Europe/Berlin",
      closeHour: 8,
    });
    const pause = recordingCommand("config", {}, { ...adminIn("g1"), subcommandGroup: "quiz", subcommand: "pause" });
    expect((await exec(pause)).content).toMatch(/^The daily quiz is paused/);
    const show = recordingCommand("config", {}, { ...adminIn("g1"), subcommand: "show" });
    const field = (await exec(show)).embeds![0]!.fields!.find((f) => f.name === "Daily quiz");
    expect(field?.value).toBe(
      "Paused. When resumed: in <#c1> every day at 09:05 (Europe/Berlin), closing when the next question is posted",
    );
    const resume = recordingCommand("config", {}, { ...adminIn("g1"), subcommandGroup: "quiz", subcommand: "resume" });
    expect((await exec(resume)).content).toMatch(/^The daily quiz is back on/);
  });

  it("/config show says when the quiz is not set up", async () => {
    const field = (await run("show", {}, null)).embeds![0]!.fields!.find((f) => f.name === "Daily quiz");
    expect(field?.value).toBe("Not set up: use /config quiz set");
  });
});

describe("time-zone suggestions", () => {
  it("offer common zones first, filter by what is typed, and stay valid", () => {
    const common = suggestTimezones("");
    expect(common.length).toBeLessThanOrEqual(25);
    expect(common[0]).toEqual({ name: "UTC", value: "UTC" });
    expect(suggestTimezones("new y").map((c) => c.value)).toEqual(["America/New_York"]);
    expect(
      suggestTimezones("europe/")
        .map((c) => c.value)
        .slice(0, 3),
    ).toEqual(["Europe/London", "Europe/Berlin", "Europe/Paris"]);
    expect(suggestTimezones("zzzz")).toEqual([]);
  });
});

describe("the Discord publisher", () => {
  /** A client whose one channel records what is sent and edited. */
  function fakeClient() {
    const sent: unknown[] = [];
    const edited: Array<{ id: string; payload: unknown }> = [];
    const channel = {
      isSendable: () => true,
      send: async (payload: unknown) => (sent.push(payload), { id: `m${sent.length}` }),
      messages: { edit: async (id: string, payload: unknown) => void edited.push({ id, payload }) },
    };
    const client = { channels: { fetch: async () => channel } } as unknown as Client;
    return { client, sent, edited };
  }
  const item = bank.items[0]!;
  const round = (messageId: string | null): Round => ({
    id: ROUND.id,
    guildId: GUILD,
    channelId: "c1",
    localDate: ROUND.localDate,
    item,
    status: "closed",
    messageId,
    createdAt: "2025-03-10T07:30:00.000Z",
    postedAt: null,
    closedAt: null,
    post: { attempts: 1, inFlight: false, lastError: null, nextAttemptAt: null, claimedBy: null },
    reveal: { done: false, attempts: 0 },
  });
  const tally: Tally = { counts: [0, 0, 0, 0], total: 0, correct: 0 };
  const settings = {
    channelId: "c1",
    time: "08:30",
    timezone: "Europe/Berlin",
    paused: false,
    closeHour: 20,
    weekStart: "monday" as const,
    notifyRoleId: null,
    discussionThread: false,
  };

  it("posts the question with its close time and returns the message id", async () => {
    const { client, sent } = fakeClient();
    const publisher = createQuizPublisher({ client, core, quiz: { settings: async () => settings } });
    expect(await publisher.post(GUILD, "c1", item, round(null))).toEqual({ messageId: "m1" });
    expect(JSON.stringify(sent[0])).toContain("<t:1741633200:t>");
  });

  it("edits the posted message on close, and posts the reveal anew when the post was never confirmed", async () => {
    const { client, sent, edited } = fakeClient();
    const publisher = createQuizPublisher({ client, core, quiz: { settings: async () => null } });
    await publisher.close(round("m9"), tally);
    expect(edited.map((e) => e.id)).toEqual(["m9"]);
    expect(JSON.stringify(edited[0]!.payload)).toContain("Nobody answered.");
    await publisher.close(round(null), tally);
    expect(sent).toHaveLength(1);
  });
});
