/**
 * The bot end to end: the real discord.js client, started by the same `startDiscordBot` as `npm start`,
 * against the fake Discord on 127.0.0.1.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SlashCommandBuilder } from "discord.js";
import {
  type APIEmbed,
  ApplicationCommandOptionType,
  ChannelType,
  InteractionResponseType,
  MessageFlags,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import type { Command } from "../../src/bot/command.ts";
import { type DiscordBot, startDiscordBot } from "../../src/bot/discord/bot.ts";
import { editMessage, postMessage } from "../../src/bot/discord/publish.ts";
import { GENERIC_ERROR } from "../../src/bot/errors.ts";
import { registerCommands } from "../../src/bot/register.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/log.ts";
import { loadQuizBank } from "../../src/quiz/index.ts";
import { openStore, Round, type Store } from "../../src/store/index.ts";
import { LIVE_MENTION, testCore } from "../bot/helpers.ts";
import { type FakeDiscord, type OutgoingMessage, startFakeDiscord } from "./fake-discord.ts";
import { measureInteractionLatency } from "./latency.ts";

/** A command that fails like a bug would: the error split must hide it. */
const broken: Command = {
  data: new SlashCommandBuilder().setName("broken").setDescription("always fails"),
  async execute() {
    throw new Error("internal detail that must not reach the user");
  },
};

let fake: FakeDiscord;
let bot: DiscordBot;
let store: Store;
let config: Config;

beforeAll(async () => {
  fake = await startFakeDiscord();
  const dir = mkdtempSync(path.join(tmpdir(), "bot-e2e-"));
  config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DATA_FILE: path.join(dir, "state.json"),
    RATE_LIMIT_PER_MINUTE: "1000",
  });
  store = await openStore(config, silentLogger());
  bot = await startDiscordBot({
    config,
    core: testCore(),
    store,
    logger: silentLogger(),
    commands: [...commands, broken],
  });
});

// Every body the bot sent must be one Discord accepts.
afterEach(() => expect(fake.schemaViolations).toEqual([]));

afterAll(async () => {
  await bot?.stop(2000);
  await store?.close();
  await fake?.close();
});

/** Channel options as Discord sends them (type 7), with any other options in the short form's types. */
function channelOptions(options: Record<string, string>) {
  return Object.entries(options).map(([name, value]) =>
    name === "channel"
      ? { name, type: ApplicationCommandOptionType.Channel as const, value }
      : { name, type: ApplicationCommandOptionType.String as const, value },
  );
}

/** The text of everything a message shows. */
const shown = (body: OutgoingMessage) =>
  JSON.stringify({ content: body.content, embeds: body.embeds, components: body.components });
const embed = (body: OutgoingMessage): APIEmbed => body.embeds![0]!;
const ids = (body: OutgoingMessage) => JSON.stringify(body.components).match(/"custom_id":"[^"]+"/g) ?? [];

/** No mention parsed and, for a reply to someone's message, no ping of its author either. */
function expectNoPings(body: OutgoingMessage) {
  expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
}

describe("slash commands", () => {
  it("/ask defers, then edits in the cited answer with its buttons", async () => {
    const handle = fake.sendSlashCommand({ name: "ask", options: { question: "How does IGFBP7 inhibit apoptosis?" } });
    const reply = await fake.interactionResponse(handle);
    expect(reply.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(embed(reply.body).description).toMatch(/\[71\]/);
    expect(embed(reply.body).footer?.text).toContain("Peng & Tan 2023, CC BY 4.0");
    expect(ids(reply.body)).toEqual([
      `"custom_id":"feedback:up:${handle.interactionId}"`,
      `"custom_id":"feedback:down:${handle.interactionId}"`,
      `"custom_id":"sources:${handle.interactionId}"`,
    ]);
    expectNoPings(reply.body);
  });

  it.each([
    ["drug", { name: "osimertinib" }, /Osimertinib/],
    ["trial", { query: "NCT00673049" }, /clinicaltrials\.gov\/study\/NCT00673049/],
    ["ref", { n: "42" }, /Combined inhibition of IGFR/],
    ["section", { section: "4.1" }, /Activation of Compensatory Signaling Pathway/],
    ["search", { query: "IGFBP3 osimertinib", k: 3 }, /IGFBP3/],
    ["glossary", { term: "NSCLC" }, /non-small cell lung cancer/],
    ["about", {}, /CC BY 4\.0/],
    ["help", {}, /\/drug/],
  ])("/%s replies with an embed", async (name, options, expected) => {
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name, options }));
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shown(reply.body)).toMatch(expected);
    expectNoPings(reply.body);
  });

  it("/ref out of range is the user's mistake: a plain private message", async () => {
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name: "ref", options: { n: "999" } }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe("The review has references 1 to 182; there is no [999].");
  });

  it("/config is refused at run time for a member without Manage Server", async () => {
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name: "config", subcommand: "show" }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toMatch(/Manage Server/);
  });

  it("/config model off works for an admin and is stored", async () => {
    const reply = await fake.interactionResponse(
      fake.sendSlashCommand({
        name: "config",
        subcommand: "model",
        options: { state: "off" },
        userId: fake.fixtures.admin.id,
      }),
    );
    expect(reply.ephemeral).toBe(true);
    expect((await store.settings.get(fake.fixtures.guild.id)).useModel).toBe(false);
  });

  it("a handler that throws shows the generic line, privately, without details", async () => {
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name: "broken" }));
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toBe(GENERIC_ERROR);
    expect(shown(reply.body)).not.toContain("internal detail");
  });
});

describe("private look-ups, public conversations", () => {
  it("/drug answers privately in a server; Post in channel posts the card for everyone, saying who shared it", async () => {
    const lookup = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "drug", options: { name: "osimertinib" } }),
    );
    expect(lookup.ephemeral).toBe(true);
    expect(ids(lookup.body)).toContain('"custom_id":"share:post"');
    const shared = await fake.interactionResponse(
      fake.sendButtonClick({ customId: "share:post", messageId: lookup.message.id }),
    );
    expect(shared.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(shared.ephemeral).toBe(false);
    expect(shared.body.content).toBe(`Shared by <@${fake.fixtures.member.id}>`);
    expect(embed(shared.body).title).toBe(embed(lookup.body).title);
    expectNoPings(shared.body);
  });

  it("/search shows ids and scores only with debug", async () => {
    const plain = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "search", options: { query: "IGFBP3", k: 2 } }),
    );
    expect(shown(plain.body)).not.toMatch(/score \d|sec-\d/);
    const debug = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "search", options: { query: "IGFBP3", k: 2, debug: true } }),
    );
    expect(shown(debug.body)).toMatch(/score \d+\.\d\d/);
  });

  it("/ask is public and opens a thread from its answer, where a follow-up is read with it; New question forgets it", async () => {
    const asked = fake.mark();
    const ask = fake.sendSlashCommand({
      name: "ask",
      options: { question: "What does IGFBP3 deficiency do to osimertinib?" },
    });
    const answer = await fake.interactionResponse(ask);
    expect(answer.ephemeral).toBe(false);
    const threadId = answer.message.id;
    await fake.waitForRequest({
      method: "POST",
      path: `/channels/${fake.fixtures.textChannel.id}/messages/${threadId}/threads`,
    });
    // The thread opens on the message the edit returned, not on a second fetch of it.
    expect(fake.requests.slice(asked).filter((r) => r.method === "GET")).toEqual([]);
    await expect.poll(async () => (await store.turns.recent(threadId)).length).toBe(1);

    const since = fake.mark();
    fake.sendMessage({ content: "and why?", channelId: threadId });
    const followUp = await fake.waitForChannelMessage(threadId, { since });
    await expect
      .poll(async () => (await store.turns.recent(threadId)).map((t) => t.question))
      .toEqual(["What does IGFBP3 deficiency do to osimertinib?", "and why?"]);
    expect(ids(followUp.body!)).toContain(`"custom_id":"new-question:${threadId}"`);

    const fresh = await fake.interactionResponse(
      fake.sendButtonClick({ customId: `new-question:${threadId}`, channelId: threadId }),
    );
    expect(fresh.ephemeral).toBe(true);
    expect(await store.turns.recent(threadId)).toEqual([]);
  });

  it("an error after /ask's public thinking… removes it and tells only the asker", async () => {
    const rule = fake.failNext({
      method: "PATCH",
      path: /^\/webhooks\/[^/]+\/[^/]+\/messages\/@original$/,
      status: 403,
      code: 50013,
    });
    const since = fake.mark();
    const ask = fake.sendSlashCommand({ name: "ask", options: { question: "How does IGFBP7 inhibit apoptosis?" } });
    await fake.waitForRequest({ method: "DELETE", path: /\/messages\/@original$/ }, { since });
    const error = await fake.waitForFollowUp(ask, { since });
    expect(rule.hits).toHaveLength(1);
    expect((error.body!.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(error.body!.content).toMatch(/missing a permission/);
  });
});

describe("/config checks the bot's own permissions, and forums", () => {
  it("refuses a channel where the bot cannot post, naming what is missing", async () => {
    const locked = fake.addTextChannel({
      name: "read-only",
      permissionOverwrites: [
        {
          id: fake.fixtures.botRole.id,
          type: 0,
          allow: "0",
          deny: String(PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks),
        },
      ],
    });
    await expect.poll(() => bot.client.channels.cache.has(locked.id)).toBe(true);
    for (const [subcommandGroup, subcommand, options] of [
      ["qa-channel", "add", { channel: locked.id }],
      ["quiz", "set", { channel: locked.id, time: "08:30", timezone: "Europe/Berlin" }],
    ] as const) {
      const reply = await fake.interactionResponse(
        fake.sendSlashCommand({
          name: "config",
          subcommandGroup,
          subcommand,
          options: channelOptions(options),
          userId: fake.fixtures.admin.id,
        }),
      );
      expect(reply.ephemeral).toBe(true);
      expect(reply.body.content).toBe(
        `I cannot work in <#${locked.id}>: my role is missing Send Messages, Embed Links there. Give it those permissions (channel settings → Permissions) and try again.`,
      );
    }
    const settings = await store.settings.get(fake.fixtures.guild.id);
    expect(settings.qaChannelIds).not.toContain(locked.id);
    expect(settings.quiz?.channelId).not.toBe(locked.id);
  });

  it("accepts a forum as a Q&A channel and answers a new post inside the post", async () => {
    const forum = fake.addForumChannel({ name: "ask-the-review" });
    await expect.poll(() => bot.client.channels.cache.has(forum.id)).toBe(true);
    const added = await fake.interactionResponse(
      fake.sendSlashCommand({
        name: "config",
        subcommandGroup: "qa-channel",
        subcommand: "add",
        options: channelOptions({ channel: forum.id }),
        userId: fake.fixtures.admin.id,
      }),
    );
    expect(added.body.content).toMatch(/is now a question/);
    // Discord itself offers only the channel types a command declares.
    type Options = { name: string; channel_types?: number[]; options?: Options }[];
    const json = commands.find((c) => c.data.name === "config")!.data.toJSON() as { options: Options };
    const qaAdd = json.options.find((o) => o.name === "qa-channel") as { options: Options };
    expect(qaAdd.options.find((o) => o.name === "add")?.options?.[0]?.channel_types).toEqual([
      ChannelType.GuildText,
      ChannelType.GuildForum,
    ]);
    const since = fake.mark();
    const { thread, message } = fake.addForumPost({
      forumId: forum.id,
      name: "IGFBP7",
      content: "How does IGFBP7 inhibit apoptosis?",
    });
    const answer = await fake.waitForChannelMessage(thread.id, { since });
    expect(answer.body!.message_reference?.message_id).toBe(message.id);
    expect(embed(answer.body!).description).toMatch(/\[71\]/);
    expect(fake.requests.slice(since).filter((r) => r.path.endsWith("/threads"))).toEqual([]);
  });

  it("/config show shows the quiz post that is failing", async () => {
    const [item] = (await loadQuizBank(config.quizBankFile)).items;
    const round = Round.parse({
      id: `${fake.fixtures.guild.id}:2026-01-05`,
      guildId: fake.fixtures.guild.id,
      channelId: fake.fixtures.qaChannel.id,
      localDate: "2026-01-05",
      item,
      status: "posting",
      createdAt: "2026-01-05T07:30:00.000Z",
      post: { attempts: 3, lastError: "Missing Access", nextAttemptAt: "2026-01-05T08:00:00.000Z" },
    });
    expect(await store.rounds.create(round, [item!.id])).toBe(true);
    const reply = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "config", subcommand: "show", userId: fake.fixtures.admin.id }),
    );
    const field = embed(reply.body).fields?.find((f) => f.name === "Last quiz post failure");
    expect(field?.value).toBe(
      `<#${fake.fixtures.qaChannel.id}>, 2026-01-05, after 3 attempt(s): Missing Access. Next try <t:1767600000:R>.`,
    );
    await store.rounds.update(round.id, (r) => ({ ...r, status: "failed" }));
  });
});

describe("Ask the review (a message's menu)", () => {
  it("answers the message's text privately, with Post in channel", async () => {
    const message = fake.sendMessage({ content: "How does IGFBP7 inhibit apoptosis?" });
    const handle = fake.sendMessageCommand({ name: "Ask the review", targetMessageId: message.id });
    const reply = await fake.interactionResponse(handle);
    expect(reply.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(reply.ephemeral).toBe(true);
    expect(embed(reply.body).description).toMatch(/\[71\]/);
    expect(ids(reply.body)).toContain('"custom_id":"share:post"');
  });
});

describe("autocomplete", () => {
  it("suggests drugs, sections and glossary terms within 25 choices", async () => {
    const drugs = await fake.autocompleteChoices(
      fake.sendAutocomplete({ name: "drug", focused: "name", value: "osim" }),
    );
    expect(drugs.map((c) => c.value)).toContain("Osimertinib");
    const all = await fake.autocompleteChoices(fake.sendAutocomplete({ name: "drug", focused: "name", value: "" }));
    expect(all.length).toBeLessThanOrEqual(25);
    for (const c of all) expect(c.name.length).toBeLessThanOrEqual(100);
    const sections = await fake.autocompleteChoices(
      fake.sendAutocomplete({ name: "section", focused: "section", value: "4." }),
    );
    expect(sections.map((c) => c.value)).toEqual(["4.1", "4.2", "4.3"]);
    const terms = await fake.autocompleteChoices(
      fake.sendAutocomplete({ name: "glossary", focused: "term", value: "nsc" }),
    );
    expect(terms.map((c) => c.value)).toContain("NSCLC");
  });

  it("suggests references by number, author or title words, and trials by drug, partner, cancer, phase or NCT id", async () => {
    const refs = (value: string) =>
      fake.autocompleteChoices(fake.sendAutocomplete({ name: "ref", focused: "n", value }));
    expect((await refs("42")).map((c) => c.value)).toEqual(["42"]);
    const byAuthor = await refs("Choi");
    expect(byAuthor.map((c) => c.value)).toContain("42");
    for (const c of byAuthor) expect(c.name).toMatch(/Choi/i);
    const byTitle = await refs("IGFR inhibition combined");
    expect(byTitle.map((c) => c.value)).toContain("42");

    const trials = (value: string) =>
      fake.autocompleteChoices(fake.sendAutocomplete({ name: "trial", focused: "query", value }));
    expect((await trials("NCT00673049")).map((c) => c.value)).toEqual(["NCT00673049"]);
    for (const [typed, shown] of [
      ["ganitumab", /ganitumab/i],
      ["sarcoma", /sarcoma/i],
      ["phase iii", /phase (?:\w+\/)?III\b/],
      ["gemcitabine", /\+ .*gemcitabine/i],
    ] as const) {
      const choices = await trials(typed);
      expect(choices.length, typed).toBeGreaterThan(0);
      for (const c of choices) expect(c.name, typed).toMatch(shown);
    }
  });
});

describe("free-text questions", () => {
  it("a mention opens a thread with the answer; a message in that thread is a follow-up with history", async () => {
    const since = fake.mark();
    const question = fake.sendMessage({ content: "What does IGFBP3 deficiency do to osimertinib?", mentionsBot: true });
    const threadId = question.id; // the fake gives a thread started from a message that message's id
    await fake.waitForRequest({ method: "POST", path: `/channels/${fake.fixtures.textChannel.id}/typing` }, { since });
    await fake.waitForRequest(
      { method: "POST", path: `/channels/${fake.fixtures.textChannel.id}/messages/${question.id}/threads` },
      { since },
    );
    const answer = await fake.waitForChannelMessage(threadId, { since });
    expect(embed(answer.body!).description).toMatch(/\[68\]/);
    expect(embed(answer.body!).title).not.toContain("<@");
    expectNoPings(answer.body!);

    const next = fake.mark();
    fake.sendMessage({ content: "and why?", channelId: threadId });
    const followUp = await fake.waitForChannelMessage(threadId, { since: next });
    expectNoPings(followUp.body!);
    // The turn is stored right after the reply is sent, so wait for it rather than race it.
    await expect
      .poll(async () => (await store.turns.recent(threadId)).map((t) => t.question))
      .toEqual(["What does IGFBP3 deficiency do to osimertinib?", "and why?"]);
  });

  it("answers a DM in the DM channel", async () => {
    const since = fake.mark();
    const dm = fake.sendMessage({ content: "Which drugs target IGF-1R?", dm: true });
    const answer = await fake.waitForChannelMessage(dm.channel_id, { since });
    expect(answer.body!.embeds).toHaveLength(1);
    expectNoPings(answer.body!);
  });

  it("never pings @everyone from a question that contains it", async () => {
    const since = fake.mark();
    const question = fake.sendMessage({
      content: "@everyone how does IGF-1R cause resistance to gefitinib?",
      mentionsBot: true,
    });
    const answer = await fake.waitForChannelMessage(question.id, { since });
    expectNoPings(answer.body!);
    expect(shown(answer.body!)).not.toMatch(LIVE_MENTION);
    expect(embed(answer.body!).title).toContain("@\u200Beveryone");
  });

  it("ignores a message that neither mentions the bot nor is in a Q&A channel, and one with no text in its thread", async () => {
    // Each ignored message is followed by one that is answered: messages are handled in the order they
    // arrive, so a reply to the first would have been sent before the answer to the second.
    const since = fake.mark();
    const chat = fake.sendMessage({ content: "just chatting about IGF-1R" });
    const question = fake.sendMessage({ content: "How does IGFBP7 inhibit apoptosis?", mentionsBot: true });
    const answer = await fake.waitForChannelMessage(question.id, { since });
    const postsBefore = (from: number, to: number) => fake.requests.slice(from, to).filter((r) => r.method === "POST");
    const concerns = (id: string) => (r: { path: string; body?: unknown }) =>
      r.path.includes(id) || JSON.stringify(r.body ?? null).includes(id);
    expect(postsBefore(since, answer.index).filter(concerns(chat.id))).toEqual([]);
    expect(postsBefore(since, answer.index).filter((r) => r.path.endsWith("/typing"))).toHaveLength(1);

    // An image alone (no text) in the bot's thread, then a follow-up.
    const next = fake.mark();
    const empty = fake.sendMessage({ content: "", channelId: question.id });
    const followUp = fake.sendMessage({ content: "and why?", channelId: question.id });
    const reply = await fake.waitForChannelMessage(question.id, { since: next });
    expect(reply.body!.message_reference?.message_id).toBe(followUp.id);
    expect(postsBefore(next, reply.index).filter(concerns(empty.id))).toEqual([]);
  });
});

describe("buttons", () => {
  it("feedback counts one vote per user, and Show sources works from the store", async () => {
    const ask = fake.sendSlashCommand({ name: "ask", options: { question: "How does IGFBP7 inhibit apoptosis?" } });
    const answer = await fake.interactionResponse(ask);
    const answerId = ask.interactionId;
    const messageId = answer.message.id;

    const vote = async (customId: string) =>
      (await fake.interactionResponse(fake.sendButtonClick({ customId, messageId }))).body.content;
    expect(await vote(`feedback:up:${answerId}`)).toMatch(/1 👍 · 0 👎/);
    // 👎 replaces the vote and asks what was wrong: a form, and the vote is counted before it opens.
    const down = await fake.waitForInteractionCallback(
      fake.sendButtonClick({ customId: `feedback:down:${answerId}`, messageId }),
    );
    expect(down.body.type).toBe(InteractionResponseType.Modal);
    expect(await store.votes.cast(answerId, fake.fixtures.admin.id, "up")).toEqual({ up: 1, down: 1 });

    const sources = await fake.interactionResponse(
      fake.sendButtonClick({ customId: `sources:${answerId}`, messageId }),
    );
    expect(sources.ephemeral).toBe(true);
    expect(shown(sources.body)).toMatch(/IGFBP7/);
  });

  it("👎 asks What was wrong?; the text is kept with the question and answer, and admins read it in /config feedback", async () => {
    const ask = fake.sendSlashCommand({ name: "ask", options: { question: "How does IGFBP7 inhibit apoptosis?" } });
    const answer = await fake.interactionResponse(ask);
    const form = await fake.waitForInteractionCallback(
      fake.sendButtonClick({ customId: `feedback:down:${ask.interactionId}`, messageId: answer.message.id }),
    );
    expect(form.body).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: `feedback-note:${ask.interactionId}`, title: "What was wrong?" },
    });
    const submitted = await fake.interactionResponse(
      fake.sendModalSubmit({
        customId: `feedback-note:${ask.interactionId}`,
        fields: { text: "It left out reference 72." },
        messageId: answer.message.id,
      }),
    );
    expect(submitted.ephemeral).toBe(true);
    expect((await store.notes.recent(fake.fixtures.guild.id, 1))[0]).toMatchObject({
      answerId: ask.interactionId,
      guildId: fake.fixtures.guild.id,
      question: "How does IGFBP7 inhibit apoptosis?",
      answer: embed(answer.body).description,
      text: "It left out reference 72.",
    });
    const feedback = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "config", subcommand: "feedback", userId: fake.fixtures.admin.id }),
    );
    expect(feedback.ephemeral).toBe(true);
    expect(shown(feedback.body)).toContain("It left out reference 72.");
  });

  it("Next on a section page updates the message to page 2", async () => {
    const click = fake.sendButtonClick({ customId: "section:3:1" });
    const reply = await fake.interactionResponse(click);
    expect(reply.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embed(reply.body).footer?.text).toMatch(/^Page 2 of/);
  });
});

describe("Discord failures", () => {
  it("a 429 on the reply is waited out and retried", async () => {
    const rule = fake.failNext({
      method: "POST",
      path: "/interactions/:id/:token/callback",
      status: 429,
      retryAfter: 0.05,
    });
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name: "ref", options: { n: "42" } }));
    expect(rule.hits).toHaveLength(1);
    expect(shown(reply.body)).toMatch(/\[42\]/);
  });

  it("a lasting 500 on the reply is logged and the user gets the friendly Discord line", async () => {
    const rule = fake.failNext({ method: "POST", path: "/interactions/:id/:token/callback", status: 500, times: 4 });
    const handle = fake.sendSlashCommand({ name: "about" });
    const reply = await fake.interactionResponse(handle, { timeoutMs: 8000 });
    expect(rule.hits).toHaveLength(4);
    expect(reply.ephemeral).toBe(true);
    expect(reply.body.content).toMatch(/Discord is having trouble/);
    expect((reply.message.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  });
});

describe("publishing outside interactions", () => {
  it("posts and edits a message in a channel through the running client, without pings", async () => {
    const channelId = fake.fixtures.qaChannel.id;
    const since = fake.mark();
    const messageId = await postMessage(bot.client, channelId, {
      content: "Daily question @everyone",
      buttons: [[{ customId: "quiz:1", label: "A" }]],
    });
    const posted = await fake.waitForChannelMessage(channelId, { since });
    expectNoPings(posted.body!);
    await editMessage(bot.client, channelId, messageId, { embeds: [{ title: "Revealed" }] });
    expect(fake.getMessage(messageId)?.embeds[0]?.title).toBe("Revealed");
    expect(fake.getMessage(messageId)?.content).toBe("");
  });
});

describe("pictures", () => {
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

  it("/figure sends the diagram as an attachment shown in the embed, with its alt text", async () => {
    const handle = fake.sendSlashCommand({ name: "figure", options: { which: "routes" } });
    const reply = await fake.interactionResponse(handle);
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(embed(reply.body).image?.url).toBe("attachment://figure-routes.png");
    expect(reply.callback.files).toHaveLength(1);
    expect(reply.callback.files[0]!.data.subarray(0, 4)).toEqual(PNG);
    const [attachment] = reply.message.attachments;
    expect(attachment?.filename).toBe("figure-routes.png");
    expect(attachment?.description).toMatch(/^Map of section 4's three routes/);
    // The sources the arrows cite are shown with the picture.
    expect(JSON.stringify(embed(reply.body).fields)).toContain("`sec-4.1-p1-s5` IGF pathway");
    expectNoPings(reply.body);
  });

  it("an edit replaces the picture of a channel message (the quiz reveal's path) and drops it when gone", async () => {
    const channelId = fake.fixtures.qaChannel.id;
    const messageId = await postMessage(bot.client, channelId, { embeds: [{ title: "Question" }] });
    const image = { name: "quiz-answers.png", bytes: new Uint8Array([...PNG, 1, 2]), alt: "How the server answered" };
    await editMessage(bot.client, channelId, messageId, { embeds: [{ title: "Revealed" }], image });
    const revealed = fake.getMessage(messageId)!;
    expect(revealed.embeds[0]?.image?.url).toBe("attachment://quiz-answers.png");
    expect(revealed.attachments.map((a) => [a.filename, a.description])).toEqual([
      ["quiz-answers.png", "How the server answered"],
    ]);
    await editMessage(bot.client, channelId, messageId, { embeds: [{ title: "Plain again" }] });
    expect(fake.getMessage(messageId)!.attachments).toEqual([]);
  });

  it("the fake refuses an embed whose attachment:// picture is not attached", async () => {
    const channel = await bot.client.channels.fetch(fake.fixtures.qaChannel.id);
    if (!channel?.isSendable()) throw new Error("expected a sendable channel");
    await expect(
      channel.send({ embeds: [{ title: "x", image: { url: "attachment://missing.png" } }] }),
    ).rejects.toThrow(/missing\.png is not attached/);
  });
});

describe("registration and latency", () => {
  it("registers every command in the configured guild", async () => {
    const result = await registerCommands(
      { discord: { ...config.discord, guildId: fake.fixtures.guild.id } },
      commands,
    );
    expect(result).toEqual({ scope: "guild", guildId: fake.fixtures.guild.id, count: commands.length });
    const registered = fake.registeredCommands(fake.fixtures.guild.id);
    expect(registered.map((c) => c.name).sort()).toEqual(commands.map((c) => c.data.name).sort());
    expect(registered.find((c) => c.name === "config")?.default_member_permissions).toBe("32");
  });

  it("/help mentions each command by the id Discord gave it, so it can be clicked", async () => {
    await registerCommands({ discord: { ...config.discord, guildId: fake.fixtures.guild.id } }, commands);
    const id = (name: string) => fake.registeredCommands(fake.fixtures.guild.id).find((c) => c.name === name)!.id;
    const reply = await fake.interactionResponse(fake.sendSlashCommand({ name: "help" }));
    const text = shown(reply.body);
    expect(text).toContain(`</drug:${id("drug")}> \`<name>\``);
    expect(text).toContain(`</config show:${id("config")}>`);
    expect(text).toContain(`</quiz practice:${id("quiz")}>`);
  });

  it("refuses to register without an application id", async () => {
    await expect(
      registerCommands({ discord: { ...config.discord, applicationId: undefined } }, commands),
    ).rejects.toThrow(/DISCORD_APPLICATION_ID/);
  });

  it("measures INTERACTION_CREATE → callback latency", async () => {
    const latencies = await measureInteractionLatency(fake, { name: "ref", options: { n: "1" } }, 3);
    expect(latencies).toHaveLength(3);
    for (const ms of latencies) expect(Number.isFinite(ms)).toBe(true);
    expect(fake.unknownRequests).toEqual([]);
  });
});
