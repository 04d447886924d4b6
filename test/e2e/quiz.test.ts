/**
 * The daily quiz end to end: the real discord.js client, started by `startDiscordBot` as in `npm start`,
 * against the fake Discord, with the quiz on a fake clock. Ticks are driven directly instead of waiting for
 * croner; the last test starts `src/main.ts` itself to show the scheduler is wired and stops cleanly.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  ApplicationCommandOptionType,
  ComponentType,
  InteractionResponseType,
  PermissionFlagsBits,
} from "discord-api-types/v10";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { type DiscordBot, startDiscordBot } from "../../src/bot/discord/bot.ts";
import { nonceFor } from "../../src/bot/discord/publish.ts";
import { createQuizPublisher, createReminderSender } from "../../src/bot/discord/quiz-publisher.ts";
import { createQuizContext, type QuizContext } from "../../src/bot/quiz.ts";
import { type Config, loadConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/log.ts";
import { loadQuizBank, type QuizBank, type QuizPublisher } from "../../src/quiz/index.ts";
import { openStore, type Store } from "../../src/store/index.ts";
import { LIVE_MENTION, testCore } from "../bot/helpers.ts";
import { FakeClock, seededRandom } from "../quiz/helpers.ts";
import { isolatedEnv } from "../support/env.ts";
import { type FakeDiscord, type OutgoingMessage, startFakeDiscord } from "./fake-discord.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Monday 10 March 2025, 07:00 in Berlin (UTC+1 until the end of March). */
const START = "2025-03-10T06:00:00Z";
const DATE = "2025-03-10";
/** 08:30 and 20:00 in Berlin that day. */
const POST_AT = "2025-03-10T07:30:00Z";
const CLOSE_AT = "2025-03-10T19:00:00Z";

let fake: FakeDiscord;
let config: Config;
let bank: QuizBank;
const clock = new FakeClock(new Date(START));
const HOUR = 60 * 60_000;

/** One run of the bot: what a process holds between a start and a stop. */
interface Running {
  store: Store;
  quiz: QuizContext;
  bot: DiscordBot;
  publisher: QuizPublisher;
}
let running: Running;

async function start(): Promise<Running> {
  const logger = silentLogger();
  const store = await openStore(config, logger);
  const quiz = createQuizContext({ store, bank, logger, clock: clock.now, random: seededRandom(7) });
  const bot = await startDiscordBot({ config, core: testCore(), store, logger, commands, quiz });
  return {
    store,
    quiz,
    bot,
    publisher: createQuizPublisher({ client: bot.client, core: testCore(), quiz: quiz.service }),
  };
}

async function stop(run: Running): Promise<void> {
  await run.bot.stop(2000);
  await run.store.close();
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  config = loadConfig({
    DISCORD_TOKEN: "test-token",
    DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DATA_FILE: path.join(mkdtempSync(path.join(tmpdir(), "quiz-e2e-")), "state.json"),
    RATE_LIMIT_PER_MINUTE: "1000",
  });
  bank = await loadQuizBank(config.quizBankFile);
  running = await start();
});

// Every body the bot sent must be one Discord accepts.
afterEach(() => expect(fake.schemaViolations).toEqual([]));

afterAll(async () => {
  if (running) await stop(running);
  await fake?.close();
});

const embed = (body: OutgoingMessage): APIEmbed => body.embeds![0]!;
/** The first row of buttons: a question's four options. */
const optionRow = (body: OutgoingMessage) => buttons(body).filter((b) => !/^quiz-(report|notify)/.test(b.custom_id));
const buttons = (body: OutgoingMessage) =>
  (body.components ?? []).flatMap((row): unknown[] =>
    "components" in row ? row.components : [],
  ) as APIButtonComponentWithCustomId[];

describe("the daily quiz on Discord", () => {
  const roundId = () => `${fake.fixtures.guild.id}:${DATE}`;
  let messageId = "";
  let answer = -1;
  const channelId = () => fake.fixtures.qaChannel.id;
  const click = async (userId: string, choice: number) =>
    fake.interactionResponse(fake.sendButtonClick({ customId: `quiz:${roundId()}:${choice}`, messageId, userId }));

  it("an admin sets it up with /config quiz set; a bad zone is refused plainly; zones autocomplete", async () => {
    const typed = (timezone: string) => [
      { name: "channel", type: ApplicationCommandOptionType.Channel as const, value: channelId() },
      { name: "time", type: ApplicationCommandOptionType.String as const, value: "08:30" },
      { name: "timezone", type: ApplicationCommandOptionType.String as const, value: timezone },
      { name: "close-hour", type: ApplicationCommandOptionType.Integer as const, value: 20 },
    ];
    const set = (timezone: string) =>
      fake.interactionResponse(
        fake.sendSlashCommand({
          name: "config",
          subcommandGroup: "quiz",
          subcommand: "set",
          options: typed(timezone),
          userId: fake.fixtures.admin.id,
        }),
      );
    const bad = await set("Mars/Olympus");
    expect(bad.ephemeral).toBe(true);
    expect(bad.body.content).toBe(
      '"Mars/Olympus" is not a time zone I know. Use a name like Europe/Berlin or America/New_York.',
    );

    const ok = await set("Europe/Berlin");
    expect(ok.ephemeral).toBe(true);
    expect(ok.body.content).toBe(
      `The daily question will be posted in <#${channelId()}> every day at 08:30 (Europe/Berlin), closing at 20:00.`,
    );

    const zones = await fake.autocompleteChoices(
      fake.sendAutocomplete({ name: "config", subcommand: "set", focused: "timezone", value: "berl" }),
    );
    expect(zones).toEqual([{ name: "Europe/Berlin", value: "Europe/Berlin" }]);
  });

  it("a tick before the local post time posts nothing; at 08:30 Berlin the question goes to the channel with four buttons", async () => {
    const since = fake.mark();
    await running.quiz.service.tick(running.publisher);
    expect(fake.requests.slice(since).filter((r) => r.method === "POST" && r.path.startsWith("/channels/"))).toEqual(
      [],
    );

    clock.set(POST_AT);
    await running.quiz.service.tick(running.publisher);
    const post = await fake.waitForChannelMessage(channelId(), { since });
    const body = post.body!;
    const round = (await running.quiz.service.round(roundId()))!;
    answer = round.item.answer;
    messageId = round.messageId!;
    expect((post.response as { id: string }).id).toBe(messageId);
    expect(embed(body).title).toBe(`Question of the day · ${DATE}`);
    expect(embed(body).description).toContain(round.item.question);
    expect(embed(body).description).toContain(`Answers close at <t:${Date.parse(CLOSE_AT) / 1000}:t>`);
    expect(embed(body).fields?.map((f) => f.name)).toEqual(["Topic", "Difficulty"]);
    const shown = optionRow(body);
    expect(shown.map((b) => b.custom_id)).toEqual([0, 1, 2, 3].map((i) => `quiz:${roundId()}:${i}`));
    expect(
      buttons(body)
        .slice(4)
        .map((b) => b.custom_id),
    ).toEqual([`quiz-report:daily:${round.item.id}`]);
    expect(shown.map((b) => b.label!.slice(0, 3))).toEqual(["A. ", "B. ", "C. ", "D. "]);
    for (const b of shown) expect(b.label!.length).toBeLessThanOrEqual(80);
    expect(body.allowed_mentions?.parse).toEqual([]);
    // A stable nonce Discord enforces: a retry of a post that was created but not confirmed returns it.
    expect(body.nonce).toBe(nonceFor(`quiz-post:${roundId()}`));
    expect(String(body.nonce).length).toBeLessThanOrEqual(25);
    expect((body as { enforce_nonce?: boolean }).enforce_nonce).toBe(true);
  });

  it("each click gets a private reply at once; a second click is 'already answered'", async () => {
    const { member, admin, owner } = fake.fixtures;
    const wrong = (answer + 1) % 4;
    const right = await click(member.id, answer);
    expect(right.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(right.ephemeral).toBe(true);
    expect(embed(right.body).title).toBe("✅ Right!");
    expect(embed(right.body).description).toMatch(/The answer is \*\*[A-D]\. .+\*\*[\s\S]*\[\d+/);
    expect(embed(right.body).description).toContain("Your streak: **1**");

    const missed = await click(admin.id, wrong);
    expect(embed(missed.body).title).toBe("❌ Not this time");
    expect(embed(missed.body).description).toContain("Your streak: **0**");
    expect((await click(owner.id, answer)).ephemeral).toBe(true);

    const again = await click(member.id, wrong);
    expect(again.ephemeral).toBe(true);
    expect(again.body.content).toMatch(
      /^You have already answered this question: you chose [A-D]\. .+, which was right\. Your first answer stands\./,
    );
  });

  it("a restart between post and close keeps the answers and still closes the round by editing the message", async () => {
    await stop(running);
    running = await start();
    expect(await running.quiz.service.tally(roundId())).toMatchObject({ total: 3, correct: 2 });
    const late = fake.addMember({ user: { username: "late" } }).user!;
    expect(embed((await click(late.id, answer)).body).title).toBe("✅ Right!");

    clock.set(CLOSE_AT);
    const since = fake.mark();
    await running.quiz.service.tick(running.publisher);
    const edit = await fake.waitForRequest<OutgoingMessage>(
      { method: "PATCH", path: `/channels/${channelId()}/messages/${messageId}` },
      { since },
    );
    const body = edit.body;
    expect(embed(body).title).toBe(`Question of the day · ${DATE} · closed`);
    expect(embed(body).description).toContain(`✅ **${"ABCD"[answer]}.** 3 (75%)`);
    expect(embed(body).description).toContain("4 answered, 3 right.");
    expect(embed(body).fields?.some((f) => f.name.startsWith("Source 1:"))).toBe(true);
    expect(optionRow(body).every((b) => b.disabled)).toBe(true);
    expect(optionRow(body)[answer]!.emoji?.name).toBe("✅");
    // Reporting stays open after the reveal, when a wrong key is easiest to see.
    expect(
      buttons(body)
        .slice(4)
        .map((b) => [b.custom_id.split(":")[0], b.disabled ?? false]),
    ).toEqual([["quiz-report", false]]);
    expect(JSON.stringify(body)).not.toMatch(LIVE_MENTION);
    expect(await running.quiz.service.round(roundId())).toMatchObject({ status: "closed", reveal: { done: true } });

    const tooLate = await click(fake.fixtures.member.id, answer);
    expect(tooLate.body.content).toMatch(/^This question is closed/);
  });

  it("/quiz leaderboard and /quiz stats show the results, without pinging anyone", async () => {
    const { member, admin, owner } = fake.fixtures;
    const board = await fake.interactionResponse(fake.sendSlashCommand({ name: "quiz", subcommand: "leaderboard" }));
    expect(board.ephemeral).toBe(false);
    const lines = embed(board.body).description!.split("\n");
    expect(lines).toHaveLength(4);
    expect(embed(board.body).title).toBe(`Daily quiz leaderboard · this week (since ${DATE})`);
    expect(lines.at(-1)).toBe(`**4.** <@${admin.id}> · 0 right of 1 · 0% · streak 0 (best 0)`);
    expect(lines.slice(0, 3).every((l) => l.includes(" · 1 right of 1 · 100% · streak 1 (best 1)"))).toBe(true);
    expect(lines.join("\n")).toContain(`<@${member.id}>`);
    expect(lines.join("\n")).toContain(`<@${owner.id}>`);
    expect(board.body.allowed_mentions?.parse).toEqual([]);
    const allTime = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "leaderboard", options: { period: "all" } }),
    );
    expect(embed(allTime.body).title).toBe("Daily quiz leaderboard · all time");
    expect(embed(allTime.body).description).toBe(embed(board.body).description);

    const stats = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "stats", userId: member.id }),
    );
    expect(stats.ephemeral).toBe(true);
    expect(embed(stats.body).fields?.map((f) => `${f.name}: ${f.value}`)).toEqual([
      "Answered: 1",
      "Right: 1",
      "Accuracy: 100%",
      "Current streak: 1",
      "Best streak: 1",
    ]);

    const inDm = await fake.interactionResponse(fake.sendSlashCommand({ name: "quiz", subcommand: "stats", dm: true }));
    expect(inDm.body.content).toMatch(/runs in a server/);
  });

  it("/quiz practice works in a DM: a question with four buttons, a graded click, then the next question", async () => {
    const question = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "practice", dm: true }),
    );
    expect(question.ephemeral).toBe(true);
    const options = optionRow(question.body);
    expect(options).toHaveLength(4);
    expect(options[0]!.custom_id).toMatch(/^quiz-practice:[a-z0-9-]+:0:0$/);

    const graded = await fake.interactionResponse(
      fake.sendButtonClick({ customId: options[0]!.custom_id, messageId: question.message.id, dm: true }),
    );
    expect(graded.type).toBe(InteractionResponseType.UpdateMessage);
    expect(embed(graded.body).description).toMatch(/This question comes back <t:\d+:R>/);
    expect(buttons(graded.body).map((b) => [b.custom_id, b.label])).toEqual([
      ["quiz-practice:next", "Next question"],
      ["quiz-practice:end", "End session"],
      [`quiz-report:practice:${options[0]!.custom_id.split(":")[1]}`, "Report"],
    ]);

    const next = await fake.interactionResponse(
      fake.sendButtonClick({ customId: "quiz-practice:next", messageId: question.message.id, dm: true }),
    );
    expect(optionRow(next.body)).toHaveLength(4);
    expect(optionRow(next.body)[0]!.type).toBe(ComponentType.Button);
    expect(fake.unknownRequests).toEqual([]);
  });
});

describe("the notify role", () => {
  it("🔔 Notify me toggles the role an admin picked, and the daily post pings that role alone", async () => {
    const { admin, member, botRole } = fake.fixtures;
    const role = fake.addRole({ name: "Quiz pings", position: 1 });
    const setRole = await fake.interactionResponse(
      fake.sendSlashCommand({
        name: "config",
        subcommandGroup: "quiz",
        subcommand: "notify-role",
        options: [{ name: "role", type: ApplicationCommandOptionType.Role, value: role.id }],
        userId: admin.id,
      }),
    );
    expect(setRole.body.content).toMatch(new RegExp(`^The daily question will ping <@&${role.id}>`));

    clock.set("2025-03-11T07:30:00Z"); // the next day's post time in Berlin
    const since = fake.mark();
    await running.quiz.service.tick(running.publisher);
    const post = await fake.waitForRequest<OutgoingMessage>(
      { method: "POST", path: `/channels/${fake.fixtures.qaChannel.id}/messages` },
      { since },
    );
    expect(post.body.content).toBe(`<@&${role.id}> the question of the day is up.`);
    expect(post.body.allowed_mentions).toEqual({ parse: [], replied_user: false, roles: [role.id] });
    const notify = buttons(post.body).find((b) => b.custom_id === "quiz-notify")!;
    expect([notify.label, notify.emoji?.name]).toEqual(["Notify me", "🔔"]);
    const postId = (post.response as { id: string }).id;

    const press = () =>
      fake.interactionResponse(fake.sendButtonClick({ customId: "quiz-notify", messageId: postId, userId: member.id }));
    // Without Manage Roles the bot cannot give the role: the member is told, and nothing changes.
    const refused = await press();
    expect(refused.ephemeral).toBe(true);
    expect(refused.body.content).toMatch(/Manage Roles/);
    expect(fake.getMember(member.id)!.roles).toEqual([]);

    botRole.permissions = (BigInt(botRole.permissions) | PermissionFlagsBits.ManageRoles).toString();
    const on = await press();
    expect(on.body.content).toMatch(/^You will be pinged/);
    expect(on.body.allowed_mentions?.parse).toEqual([]);
    expect(fake.getMember(member.id)!.roles).toEqual([role.id]);
    const off = await press();
    expect(off.body.content).toBe("You will no longer be pinged for the question of the day.");
    expect(fake.getMember(member.id)!.roles).toEqual([]);
  });
});

describe("the discussion thread", () => {
  it("opens under the daily question once its answer is revealed, when an admin turned it on", async () => {
    const turnOn = await fake.interactionResponse(
      fake.sendSlashCommand({
        name: "config",
        subcommandGroup: "quiz",
        subcommand: "discussion",
        options: { state: "on" },
        userId: fake.fixtures.admin.id,
      }),
    );
    expect(turnOn.body.content).toMatch(/^Each daily question will get a discussion thread/);
    const roundId = `${fake.fixtures.guild.id}:2025-03-11`; // posted by the notify role's test
    const { messageId, channelId } = (await running.quiz.service.round(roundId))!;
    clock.set("2025-03-11T19:00:00Z"); // 20:00 in Berlin, the close hour
    const since = fake.mark();
    await running.quiz.service.tick(running.publisher);
    const thread = await fake.waitForRequest<{ name: string }>(
      { method: "POST", path: `/channels/${channelId}/messages/${messageId}/threads` },
      { since },
    );
    expect(thread.body.name).toBe("Discuss · question of 2025-03-11");
    const edit = fake.requests.find(
      (r) => r.index >= since && r.method === "PATCH" && r.path === `/channels/${channelId}/messages/${messageId}`,
    );
    expect(edit!.index).toBeLessThan(thread.index); // the reveal first: no answers in the thread before it
    expect(await running.quiz.service.round(roundId)).toMatchObject({ status: "closed", reveal: { done: true } });
  });
});

describe("reports on quiz questions", () => {
  it("an admin lists them with /config quiz reports and retires an item with /config quiz retire", async () => {
    // Report under today's question: the button opens a form, the form's text is kept with the item.
    const round = (await running.quiz.service.round(`${fake.fixtures.guild.id}:2025-03-11`))!;
    const item = round.item;
    const question = fake.getMessage(round.messageId!)!;
    const report = buttons(question as OutgoingMessage).find((b) => b.custom_id.startsWith("quiz-report:"))!;
    expect([report.custom_id, report.label]).toEqual([`quiz-report:daily:${item.id}`, "Report"]);
    const form = await fake.waitForInteractionCallback(
      fake.sendButtonClick({ customId: report.custom_id, messageId: question.id }),
    );
    expect(form.body).toMatchObject({
      type: InteractionResponseType.Modal,
      data: { custom_id: `quiz-report-form:daily:${item.id}`, title: "Report this question" },
    });
    const submitted = await fake.interactionResponse(
      fake.sendModalSubmit({
        customId: `quiz-report-form:daily:${item.id}`,
        fields: { text: "@everyone the explanation cites the wrong reference" },
        messageId: question.id,
      }),
    );
    expect(submitted.ephemeral).toBe(true);
    expect(submitted.body.content).toMatch(/^Thank you: your report is kept/);
    const config = (subcommand: string, options?: Record<string, string>) =>
      fake.interactionResponse(
        fake.sendSlashCommand({
          name: "config",
          subcommandGroup: "quiz",
          subcommand,
          userId: fake.fixtures.admin.id,
          ...(options ? { options } : {}),
        }),
      );
    const list = await config("reports");
    expect(list.ephemeral).toBe(true);
    const [field] = embed(list.body).fields!;
    expect(field!.name).toBe(item.id);
    expect(field!.value).toContain(`<@${fake.fixtures.member.id}>`);
    expect(field!.value).toContain("the explanation cites the wrong reference");
    // The reporter is shown as a mention that pings nobody; the text's @everyone is made inert too.
    expect(field!.value).not.toMatch(/@everyone/);
    expect(list.body.allowed_mentions?.parse).toEqual([]);

    const retire = await config("retire", { item: item.id });
    expect(retire.body.content).toBe(
      `Retired ${item.id}: it is no longer posted as a daily question nor offered in practice.`,
    );
    expect(embed((await config("reports")).body).fields![0]!.name).toBe(`${item.id} · retired`);
    expect((await config("retire", { item: "no-such-item" })).body.content).toMatch(/^No quiz item has the id/);

    const member = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "config", subcommandGroup: "quiz", subcommand: "reports" }),
    );
    expect(member.body.content).toMatch(/Manage Server/);
  });
});

describe("practice by choice", () => {
  it("offers the bank's topics, keeps a session to its topic and difficulty, and ends it with a summary", async () => {
    const topics = await fake.autocompleteChoices(
      fake.sendAutocomplete({ name: "quiz", subcommand: "practice", focused: "topic", value: "clin", dm: true }),
    );
    expect(topics.map((c) => c.value)).toEqual(["clinical trials"]);

    // Another member than the other practice tests, so the session and cards are this test's alone.
    const member = { dm: true, userId: fake.fixtures.admin.id };
    const options = { topic: "clinical trials", difficulty: "hard" };
    const first = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "practice", options, ...member }),
    );
    const shown: string[] = [];
    let message = first;
    for (let i = 0; i < 3; i++) {
      const [option] = buttons(message.body);
      const itemId = option!.custom_id!.split(":")[1]!;
      shown.push(itemId);
      const graded = await fake.interactionResponse(
        fake.sendButtonClick({ customId: option!.custom_id!, messageId: first.message.id, ...member }),
      );
      if (i === 2) break;
      message = await fake.interactionResponse(
        fake.sendButtonClick({ customId: buttons(graded.body)[0]!.custom_id!, messageId: first.message.id, ...member }),
      );
    }
    for (const id of shown) {
      expect(bank.items.find((item) => item.id === id)).toMatchObject({ topic: "clinical trials", difficulty: "hard" });
    }

    const summary = await fake.interactionResponse(
      fake.sendButtonClick({ customId: "quiz-practice:end", messageId: first.message.id, ...member }),
    );
    const card = embed(summary.body);
    expect(card.title).toBe("Practice · session summary");
    expect(card.description).toMatch(/Session ended \(on clinical trials, hard\)/);
    const fields = Object.fromEntries((card.fields ?? []).map((f) => [f.name, f.value]));
    const right = shown.filter((id) => bank.items.find((item) => item.id === id)!.answer === 0).length;
    expect(fields).toMatchObject({
      Answered: "3",
      Right: String(right),
      "Due by this time tomorrow": expect.any(String),
    });
    expect(fields["Weakest topic"]).toBe(right < 3 ? "clinical trials" : "none: every answer right");
    expect(buttons(summary.body).map((b) => b.custom_id)).toEqual(["quiz-remind:on"]);
  });

  it("/quiz export sends the member's deck as a TSV file Anki reads, and the whole bank on request", async () => {
    const member = { dm: true, userId: fake.fixtures.admin.id };
    const deck = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "export", ...member }),
    );
    expect(deck.ephemeral).toBe(true);
    // The three practised above, and the daily questions this member got wrong or missed.
    const inDeck = await running.quiz.practice.deck(member.userId);
    expect(
      inDeck.filter((i) => i.topic === "clinical trials" && i.difficulty === "hard").length,
    ).toBeGreaterThanOrEqual(3);
    expect(deck.body.content).toMatch(
      new RegExp(`^${inDeck.length} questions from your practice deck, tab-separated for Anki`),
    );
    expect(deck.callback.files.map((f) => f.name)).toEqual(["igf-quiz-deck.tsv"]);
    const lines = deck.callback.files[0]!.data.toString("utf8").trimEnd().split("\n");
    expect(lines.slice(0, 2)).toEqual(["#separator:tab", "#html:true"]);
    const cards = lines.filter((line) => !line.startsWith("#")).map((line) => line.split("\t"));
    expect(cards.map((card) => card.length)).toEqual(inDeck.map(() => 4));
    expect(cards.map((card) => card[3])).toEqual(inDeck.map((i) => `${i.topic.replace(/ /g, "_")} ${i.difficulty}`));
    for (const card of cards) expect(card[2]).toMatch(/\[\d+\]/);

    const whole = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "export", options: { what: "bank" }, ...member }),
    );
    const bankLines = whole.callback.files[0]!.data.toString("utf8").trimEnd().split("\n");
    expect(bankLines.filter((line) => !line.startsWith("#"))).toHaveLength(bank.items.length);

    const empty = await fake.interactionResponse(
      // Someone who never practised nor played the daily quiz.
      fake.sendSlashCommand({
        name: "quiz",
        subcommand: "export",
        userId: fake.addMember({ user: { username: "newcomer" } }).user!.id,
        dm: true,
      }),
    );
    expect(empty.body.content).toMatch(/^Your practice deck is empty/);
    expect(empty.callback.files).toEqual([]);
  });

  it("⏰ under the summary turns DM reminders on: one DM when reviews are due, none again that day, 🔕 stops them", async () => {
    const member = { dm: true, userId: fake.fixtures.admin.id };
    const on = await fake.interactionResponse(fake.sendButtonClick({ customId: "quiz-remind:on", ...member }));
    expect(on.ephemeral).toBe(true);
    expect(on.body.content).toMatch(/^I will DM you when practice reviews are due, at most once a day/);

    const sender = createReminderSender(running.bot.client);
    const later = new Date(clock.now().getTime() + 2 * HOUR); // the practice above is due again by now
    const since = fake.mark();
    expect(await running.quiz.reminders.run(sender, later)).toEqual([member.userId]);
    const dm = await fake.waitForChannelMessage(fake.dmChannel(member.userId).id, { since });
    expect(dm.body.content).toMatch(/^⏰ \d+ practice questions? (is|are) due for review\. Run \/quiz practice/);
    expect(dm.body.allowed_mentions?.parse).toEqual([]);
    const [stop] = buttons(dm.body);
    expect([stop!.custom_id, stop!.label]).toEqual(["quiz-remind:off", "Stop reminders"]);
    expect(await running.quiz.reminders.run(sender, new Date(later.getTime() + HOUR))).toEqual([]);

    const messageId = (dm.response as { id: string }).id;
    const off = await fake.interactionResponse(
      fake.sendButtonClick({ customId: stop!.custom_id, messageId, ...member }),
    );
    expect(off.body.content).toBe("Reminders are off: I will not DM you about practice reviews.");
    expect(await running.quiz.reminders.run(sender, new Date(later.getTime() + 48 * HOUR))).toEqual([]);
    expect(
      fake.requests.filter(
        (r) =>
          r.index >= since &&
          r.path.startsWith(`/channels/${fake.dmChannel(member.userId).id}/messages`) &&
          r.method === "POST",
      ),
    ).toHaveLength(1);
  });

  it("tells a member a difficulty or topic the bank does not have, privately", async () => {
    const reply = await fake.interactionResponse(
      fake.sendSlashCommand({ name: "quiz", subcommand: "practice", options: { topic: "astrology" }, dm: true }),
    );
    expect(reply.ephemeral).toBe(true);
    expect(JSON.stringify(reply.body)).toMatch(/no topic \\"astrology\\"/);
  });
});

describe("npm start with a token", () => {
  it("starts the quiz scheduler: a question due at start is posted at once, and SIGTERM stops cleanly", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "quiz-main-"));
    const dataFile = path.join(dir, "state.json");
    const guildId = fake.fixtures.guild.id;
    // Due since midnight UTC today and not posted yet, so the scheduler's first tick posts it.
    const quiz = {
      channelId: fake.fixtures.textChannel.id,
      time: "00:00",
      timezone: "UTC",
      paused: false,
      closeHour: null,
    };
    writeFileSync(dataFile, JSON.stringify({ guilds: { [guildId]: { quiz } } }));
    const rounds = () =>
      Object.values(
        (
          JSON.parse(readFileSync(dataFile, "utf8")) as {
            quiz?: { rounds: Record<string, { status: string; messageId: string }> };
          }
        ).quiz?.rounds ?? {},
      );
    const since = fake.mark();
    const env = isolatedEnv({
      DISCORD_TOKEN: "test-token",
      DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DATA_FILE: dataFile,
      LOG_LEVEL: "warn",
    });
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: ROOT, env });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const post = await fake.waitForChannelMessage(fake.fixtures.textChannel.id, { since, timeoutMs: 15_000 });
      expect(embed(post.body!).title).toMatch(/^Question of the day · \d{4}-\d{2}-\d{2}$/);
      // Written as soon as the post is confirmed.
      await expect
        .poll(() => rounds().map((r) => r.messageId), { timeout: 5000 })
        .toEqual([(post.response as { id: string }).id]);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe("");
    expect(rounds()).toEqual([expect.objectContaining({ status: "open" })]);
  }, 30_000);
});
