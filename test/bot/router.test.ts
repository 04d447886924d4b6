/** The router: Skyra's error split, the rate limit and shutdown, for commands, buttons and messages. */
import { DiscordAPIError, HTTPError, PermissionFlagsBits, SlashCommandBuilder } from "discord.js";
import { describe, expect, it, vi } from "vitest";
import { commands } from "../../commands/index.ts";
import type { Command } from "../../src/bot/command.ts";
import { components } from "../../src/bot/components/index.ts";
import { GENERIC_ERROR } from "../../src/bot/errors.ts";
import { createRateLimiter } from "../../src/bot/rate-limit.ts";
import { createRouter } from "../../src/bot/router.ts";
import { UserError } from "../../src/errors.ts";
import { recordingCommand, recordingComponent, testContext } from "./helpers.ts";

/** A command that runs `fn`, optionally after deferring. */
function failing(name: string, fn: () => never, defer: false | "public" | "private" = false): Command {
  return {
    data: new SlashCommandBuilder().setName(name).setDescription("test"),
    async execute(interaction) {
      if (defer) await interaction.defer({ ephemeral: defer === "private" });
      fn();
    },
  };
}

async function routerWith(extra: Command[], limit = 100, queue = { concurrency: 4, capacity: 500 }) {
  const ctx = await testContext();
  const errors: unknown[] = [];
  const logger = ctx.logger;
  vi.spyOn(logger, "error").mockImplementation(((obj: unknown) => void errors.push(obj)) as never);
  const router = createRouter({
    commands: [...commands, ...extra],
    components,
    ctx,
    limiter: createRateLimiter(limit),
    queue,
  });
  return { router, ctx, errors };
}

describe("router error split", () => {
  it("shows a UserError's message plainly and privately, and logs nothing", async () => {
    const { router, errors } = await routerWith([
      failing("oops", () => {
        throw new UserError("You typed it wrong.");
      }),
    ]);
    const i = recordingCommand("oops");
    await router.handleCommand(i);
    expect(i.calls).toEqual([
      { method: "reply", reply: expect.objectContaining({ content: "You typed it wrong.", ephemeral: true }) },
    ]);
    expect(errors).toEqual([]);
  });

  it("logs a bug with its stack and shows only the generic line", async () => {
    const { router, errors } = await routerWith([
      failing("boom", () => {
        throw new TypeError("secret internals");
      }),
    ]);
    const i = recordingCommand("boom");
    await router.handleCommand(i);
    expect(i.calls[0]!.reply).toMatchObject({ content: GENERIC_ERROR, ephemeral: true });
    expect(JSON.stringify(i.calls)).not.toContain("secret internals");
    expect(errors).toHaveLength(1);
    expect((errors[0] as { err: Error }).err.stack).toContain("secret internals");
  });

  it("edits a private deferral into the error instead of replying twice", async () => {
    const late = () => {
      throw new Error("late");
    };
    const { router } = await routerWith([failing("slow", late, "private")]);
    const i = recordingCommand("slow");
    await router.handleCommand(i);
    expect(i.calls.map((c) => c.method)).toEqual(["defer", "editReply"]);
    expect(i.calls[1]!.reply!.content).toBe(GENERIC_ERROR);
  });

  it("after a public deferral, removes the thinking… and tells only the user", async () => {
    const late = () => {
      throw new Error("late");
    };
    const { router } = await routerWith([failing("slow", late, "public")]);
    const i = recordingCommand("slow");
    await router.handleCommand(i);
    expect(i.calls.map((c) => c.method)).toEqual(["defer", "deleteReply", "followUp"]);
    expect(i.calls[2]!.reply).toMatchObject({ content: GENERIC_ERROR, ephemeral: true });
  });

  it("follows up when the command had already replied", async () => {
    const twice: Command = {
      data: new SlashCommandBuilder().setName("twice").setDescription("test"),
      async execute(interaction) {
        await interaction.reply({ content: "first" });
        throw new UserError("then a problem");
      },
    };
    const { router } = await routerWith([twice]);
    const i = recordingCommand("twice");
    await router.handleCommand(i);
    expect(i.calls.map((c) => c.method)).toEqual(["reply", "followUp"]);
    expect(i.calls[1]!.reply).toMatchObject({ content: "then a problem", ephemeral: true });
  });

  it("maps Discord's errors to friendly words", async () => {
    const denied = new DiscordAPIError({ code: 50013, message: "Missing Permissions" }, 50013, 403, "POST", "/x", {
      body: undefined,
      files: undefined,
    });
    const down = new HTTPError(503, "Service Unavailable", "POST", "/x", { body: undefined, files: undefined });
    const { router, errors } = await routerWith([
      failing("denied", () => {
        throw denied;
      }),
      failing("down", () => {
        throw down;
      }),
    ]);
    const a = recordingCommand("denied");
    const b = recordingCommand("down");
    await router.handleCommand(a);
    await router.handleCommand(b);
    expect(a.calls[0]!.reply!.content).toMatch(/missing a permission/);
    expect(b.calls[0]!.reply!.content).toMatch(/Discord is having trouble/);
    expect(errors).toEqual([]);
  });
});

describe("router rate limit and shutdown", () => {
  it("refuses a user over the limit with a plain private message, and not another user", async () => {
    const { router } = await routerWith([], 1);
    const first = recordingCommand("about", {}, { userId: "a" });
    const second = recordingCommand("about", {}, { userId: "a" });
    const other = recordingCommand("about", {}, { userId: "b" });
    await router.handleCommand(first);
    await router.handleCommand(second);
    await router.handleCommand(other);
    expect(first.calls[0]!.reply!.embeds).toHaveLength(1);
    expect(second.calls[0]!.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/wait \d+ s/) });
    expect(other.calls[0]!.reply!.embeds).toHaveLength(1);
  });

  it("waits for work in flight on close, then refuses new work", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow: Command = {
      data: new SlashCommandBuilder().setName("slow").setDescription("test"),
      async execute(interaction) {
        await gate;
        await interaction.reply({ content: "done" });
      },
    };
    const { router } = await routerWith([slow]);
    const running = recordingCommand("slow");
    const work = router.handleCommand(running);
    const closing = router.close(5000);
    const late = recordingCommand("about");
    await router.handleCommand(late);
    expect(late.calls[0]!.reply!.content).toMatch(/restarting/);
    release();
    await work;
    expect(await closing).toBe(true);
    expect(running.calls[0]!.reply!.content).toBe("done");
  });
});

/** A free-text question that records what it was answered. */
function question(id: string, text: string, userId = "u") {
  const replies: Array<{ content?: string }> = [];
  return {
    replies,
    message: {
      kind: "question" as const,
      id,
      text,
      user: { id: userId, name: userId },
      guildId: null,
      channelId: "c",
      conversationId: null,
      showWorking: async () => undefined,
      reply: async (reply: { content?: string }) => {
        replies.push(reply);
        return { conversationId: null };
      },
    },
  };
}

/** A command that waits for `release` before it replies "done". */
function gated(name: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const command: Command = {
    data: new SlashCommandBuilder().setName(name).setDescription("test"),
    async execute(interaction) {
      await gate;
      await interaction.reply({ content: "done" });
    },
  };
  return { command, release };
}

describe("router limits by kind of work", () => {
  it("charges free-text questions too, and says so once per wait, not once per message", async () => {
    const { router, ctx } = await routerWith([], 1);
    const ask = vi.spyOn(ctx.core, "ask");
    const asked = [
      question("m1", "How does IGFBP7 inhibit apoptosis?"),
      question("m2", "and IGFBP3?"),
      question("m3", "and IGFBP5?"),
    ];
    for (const { message } of asked) await router.handleQuestion(message);
    expect(ask).toHaveBeenCalledTimes(1);
    expect(asked[1]!.replies).toEqual([{ content: expect.stringMatching(/faster than I can answer/) }]);
    expect(asked[2]!.replies).toEqual([]);
    ask.mockRestore();
  });

  it("does not charge buttons or page turns against the question limit", async () => {
    const { router } = await routerWith([], 1);
    await router.handleCommand(recordingCommand("about"));
    const pages = [recordingComponent("section:4.1:1"), recordingComponent("section:4.1:0")];
    for (const page of pages) await router.handleComponent(page);
    for (const page of pages)
      expect(page.calls).toEqual([{ method: "update", reply: expect.objectContaining({ embeds: expect.any(Array) }) }]);
  });

  it("drops a command whose acknowledgement deadline passed before it arrived, without working on it", async () => {
    const { router } = await routerWith([]);
    const late = recordingCommand("about", {}, { acknowledgeBy: Date.now() - 1 });
    await router.handleCommand(late);
    expect(late.calls).toEqual([]);
  });

  it("defers a command that must wait at once, answers it in its turn, and tells the next one the bot is busy", async () => {
    const slow = gated("slow");
    const { router } = await routerWith([slow.command], 100, { concurrency: 1, capacity: 1 });
    const deadline = Date.now() + 60_000;
    const running = recordingCommand("slow", {}, { acknowledgeBy: deadline });
    const waiting = recordingCommand("about", {}, { acknowledgeBy: deadline });
    const refused = recordingCommand("about", {}, { acknowledgeBy: deadline });
    const work = [router.handleCommand(running), router.handleCommand(waiting), router.handleCommand(refused)];
    await vi.waitFor(() => expect(refused.calls).toHaveLength(1));
    expect(waiting.calls).toEqual([{ method: "defer" }]);
    expect(refused.calls[0]!.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/busy/) });
    slow.release();
    await Promise.all(work);
    expect(running.calls.map((c) => c.method)).toEqual(["reply"]);
    expect(waiting.calls.map((c) => c.method)).toEqual(["defer", "editReply"]);
  });

  it("never starts a queued command whose turn comes after its deadline unacknowledged", async () => {
    const slow = gated("slow");
    let clock = 0;
    const ctx = await testContext();
    const router = createRouter({
      commands: [...commands, slow.command],
      components,
      ctx,
      limiter: null,
      queue: { concurrency: 1, capacity: 5 },
      now: () => clock,
    });
    const running = recordingCommand("slow", {}, { acknowledgeBy: 3000 });
    const waiting = recordingCommand("about", {}, { acknowledgeBy: 3000 });
    // Discord refuses the deferral: the token died on the way.
    waiting.defer = async () => {
      throw new Error("Unknown interaction");
    };
    const work = [router.handleCommand(running), router.handleCommand(waiting)];
    clock = 5000;
    slow.release();
    await Promise.all(work);
    expect(waiting.calls).toEqual([]);
  });

  it("tells a burst it is busy through a bounded lane, and never sends what could no longer arrive in time; one log line for all", async () => {
    const slow = gated("slow");
    let clock = 0;
    const ctx = await testContext();
    const warnings: string[] = [];
    vi.spyOn(ctx.logger, "warn").mockImplementation(((_: unknown, msg: string) => void warnings.push(msg)) as never);
    const router = createRouter({
      commands: [...commands, slow.command],
      components,
      ctx,
      limiter: null,
      queue: { concurrency: 1, capacity: 0 },
      acknowledgementsInFlight: 1,
      now: () => clock,
    });
    const running = recordingCommand("slow", {}, { acknowledgeBy: 3000 });
    const [first, ...late] = [1, 2, 3].map(() => recordingCommand("about", {}, { acknowledgeBy: 3000 }));
    // The first "busy" takes 2.5 s to reach Discord (a loaded machine): the lane is full meanwhile.
    let arrive!: () => void;
    first!.reply = (reply) => {
      first!.calls.push({ method: "reply", reply });
      return new Promise<void>((resolve) => (arrive = resolve));
    };
    const work = [running, first!, ...late].map((i) => router.handleCommand(i));
    await vi.waitFor(() => expect(first!.calls).toHaveLength(1));
    expect(first!.calls[0]!.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/busy/) });
    clock = 2500;
    arrive();
    slow.release();
    await Promise.all(work);
    for (const i of late) expect(i.calls).toEqual([]);
    expect(warnings.filter((w) => /dropped/.test(w))).toHaveLength(1);
  });

  it("tells everyone still queued that the bot is restarting when it shuts down", async () => {
    const slow = gated("slow");
    const { router } = await routerWith([slow.command], 100, { concurrency: 1, capacity: 10 });
    const running = recordingCommand("slow");
    const queuedCommand = recordingCommand("about", {}, { acknowledgeBy: Date.now() + 60_000 });
    const asked = question("m1", "How does IGFBP7 inhibit apoptosis?");
    const work = [
      router.handleCommand(running),
      router.handleCommand(queuedCommand),
      router.handleQuestion(asked.message),
    ];
    await vi.waitFor(() => expect(queuedCommand.calls).toEqual([{ method: "defer" }]));
    const closing = router.close(5000);
    await vi.waitFor(() => expect(asked.replies).toHaveLength(1));
    expect(asked.replies[0]!.content).toMatch(/restarting/);
    expect(queuedCommand.calls.at(-1)).toMatchObject({
      method: "editReply",
      reply: { content: expect.stringMatching(/restarting/) },
    });
    slow.release();
    await Promise.all(work);
    expect(await closing).toBe(true);
    expect(running.calls[0]!.reply!.content).toBe("done");
  });
});

describe("router questions and components", () => {
  it("decides which messages are questions", async () => {
    const { router, ctx } = await routerWith([]);
    const base = {
      fromBot: false,
      system: false,
      text: "why?",
      mentionInText: false,
      isDM: false,
      mentionsBot: false,
      guildId: "100000000000000001",
      channelId: "200000000000000001",
      inBotThread: false,
    };
    expect(await router.isQuestion(base)).toBe(false);
    expect(await router.isQuestion({ ...base, mentionsBot: true })).toBe(true);
    expect(await router.isQuestion({ ...base, isDM: true, guildId: null })).toBe(true);
    expect(await router.isQuestion({ ...base, inBotThread: true })).toBe(true);
    expect(await router.isQuestion({ ...base, mentionsBot: true, fromBot: true })).toBe(false);
    await ctx.store.settings.update(base.guildId, (settings) => ({ ...settings, qaChannelIds: [base.channelId] }));
    expect(await router.isQuestion(base)).toBe(true);
  });

  it("ignores Discord's own messages and messages with no text, unless the bot is mentioned in so many words", async () => {
    const { router } = await routerWith([]);
    const base = {
      fromBot: false,
      system: false,
      text: "why?",
      mentionInText: false,
      isDM: false,
      mentionsBot: false,
      guildId: "100000000000000001",
      channelId: "200000000000000001",
      inBotThread: true,
    };
    expect(await router.isQuestion(base)).toBe(true);
    // A pin notice or "added to the thread" in a bot thread.
    expect(await router.isQuestion({ ...base, system: true, text: "" })).toBe(false);
    expect(await router.isQuestion({ ...base, system: true, isDM: true, guildId: null })).toBe(false);
    // An image alone, in a bot thread, in a DM, or as a reply pinging the bot.
    expect(await router.isQuestion({ ...base, text: "" })).toBe(false);
    expect(await router.isQuestion({ ...base, text: "", isDM: true, guildId: null })).toBe(false);
    expect(await router.isQuestion({ ...base, text: "", inBotThread: false, mentionsBot: true })).toBe(false);
    // A bare "@bot" gets the hint to ask a question.
    expect(
      await router.isQuestion({ ...base, text: "", inBotThread: false, mentionsBot: true, mentionInText: true }),
    ).toBe(true);
  });

  it("takes Q&A channels from the configuration too", async () => {
    const ctx = await testContext({ QA_CHANNEL_IDS: "300000000000000003" });
    const router = createRouter({ commands, components, ctx });
    const facts = {
      fromBot: false,
      system: false,
      text: "why?",
      mentionInText: false,
      isDM: false,
      mentionsBot: false,
      guildId: "100000000000000001",
      channelId: "300000000000000003",
      inBotThread: false,
    };
    expect(await router.isQuestion(facts)).toBe(true);
  });

  it("answers a question, records the turn in the conversation, and passes it as history next time", async () => {
    const { router, ctx } = await routerWith([]);
    const replies: unknown[] = [];
    const ask = vi.spyOn(ctx.core, "ask");
    const message = (id: string, text: string, conversationId: string | null) => ({
      kind: "question" as const,
      id,
      text,
      user: { id: "u", name: "u" },
      guildId: null,
      channelId: "c",
      conversationId,
      showWorking: async () => undefined,
      reply: async (reply: unknown) => (replies.push(reply), { conversationId: "thread-1" }),
    });
    await router.handleQuestion(message("m1", "How does IGFBP7 inhibit apoptosis?", null));
    await router.handleQuestion(message("m2", "and in breast cancer?", "thread-1"));
    expect(replies).toHaveLength(2);
    expect(ask.mock.calls[1]![1]!.history).toEqual([
      { question: "How does IGFBP7 inhibit apoptosis?", answer: expect.any(String) },
    ]);
    ask.mockRestore();
  });

  it("forgets a DM's conversation after 30 minutes of silence, never a thread's", async () => {
    const ctx = await testContext();
    let now = new Date();
    const router = createRouter({ commands, components, ctx, now: () => now.getTime() });
    const ask = vi.spyOn(ctx.core, "ask");
    const message = (text: string, conversationId: string, inThread: boolean) => ({
      kind: "question" as const,
      id: `m-${Math.random()}`,
      text,
      user: { id: "u", name: "u" },
      guildId: null,
      channelId: conversationId,
      conversationId,
      inThread,
      showWorking: async () => undefined,
      reply: async () => ({ conversationId }),
    });
    for (const [id, inThread] of [
      ["dm-1", false],
      ["thread-1", true],
    ] as const) {
      now = new Date();
      await router.handleQuestion(message("How does IGFBP7 inhibit apoptosis?", id, inThread));
      now = new Date(Date.now() + 29 * 60_000);
      await router.handleQuestion(message("and why?", id, inThread));
      now = new Date(Date.now() + 29 * 60_000 + 31 * 60_000);
      await router.handleQuestion(message("and in breast cancer?", id, inThread));
    }
    const histories = ask.mock.calls.map((call) => call[1]!.history?.length ?? 0);
    expect(histories).toEqual([0, 1, 0, 0, 1, 2]);
    ask.mockRestore();
  });

  it("says when a button's prefix is unknown", async () => {
    const { router } = await routerWith([]);
    const i = {
      ...recordingCommand("x"),
      kind: "component" as const,
      customId: "nope:1",
      update: async () => undefined,
    };
    await router.handleComponent(i as never);
    expect(i.calls[0]!.reply).toMatchObject({ content: "This button no longer works.", ephemeral: true });
  });
});

describe("/config permission check at run time", () => {
  it("refuses a member without Manage Server even though Discord let the command through", async () => {
    const { router } = await routerWith([]);
    const i = recordingCommand(
      "config",
      {},
      { guildId: "100000000000000001", memberPermissions: PermissionFlagsBits.SendMessages, subcommand: "show" },
    );
    await router.handleCommand(i);
    expect(i.calls[0]!.reply).toMatchObject({ ephemeral: true, content: expect.stringMatching(/Manage Server/) });
  });

  it("lets an admin turn the model off for the server", async () => {
    const { router, ctx } = await routerWith([]);
    const guildId = "100000000000000001";
    const i = recordingCommand(
      "config",
      { state: "off" },
      { guildId, memberPermissions: PermissionFlagsBits.ManageGuild, subcommand: "model" },
    );
    await router.handleCommand(i);
    expect(i.calls[0]!.reply!.ephemeral).toBe(true);
    expect((await ctx.store.settings.get(guildId)).useModel).toBe(false);
  });
});
