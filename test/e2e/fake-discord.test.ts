/**
 * Proves that test/e2e/fake-discord.ts works with the REAL discord.js Client (no bot code involved):
 * the handlers below are written inline, the way a bot would answer.
 */
import { once } from "node:events";
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  HTTPError,
  type Interaction,
  type Message,
  MessageFlags,
  Partials,
  PermissionFlagsBits,
  type ThreadChannel,
} from "discord.js";
import { GatewayDispatchEvents, InteractionResponseType } from "discord-api-types/v10";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeDiscord, startFakeDiscord } from "./fake-discord.ts";

const INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

/** Settles handler results by key (interaction id or message id), whichever side comes first. */
class Outcomes {
  private readonly entries = new Map<
    string,
    { promise: Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  private entry(key: string) {
    let entry = this.entries.get(key);
    if (!entry) {
      let resolve!: (v: unknown) => void;
      let reject!: (e: unknown) => void;
      const promise = new Promise<unknown>((res, rej) => ((resolve = res), (reject = rej)));
      promise.catch(() => undefined); // reported through of(), never as unhandled
      entry = { promise, resolve, reject };
      this.entries.set(key, entry);
    }
    return entry;
  }
  settle(key: string, work: Promise<unknown>): void {
    const entry = this.entry(key);
    work.then(entry.resolve, entry.reject);
  }
  /** The handler's result for `key` (rejects with the handler's error). */
  of(key: string, timeoutMs = 3000): Promise<unknown> {
    return Promise.race([
      this.entry(key).promise,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no handler outcome for ${key}`)), timeoutMs).unref(),
      ),
    ]);
  }
}

async function loginClient(fake: FakeDiscord, partials: Partials[] = [Partials.Channel]): Promise<Client> {
  const client = new Client({ intents: INTENTS, partials, rest: { api: fake.apiUrl } });
  client.on(Events.Error, (error) => console.error("client error", error));
  client.on(Events.ShardError, (error) => console.error("shard error", error));
  await Promise.all([once(client, Events.ClientReady), client.login("fake-bot-token")]);
  return client;
}

const tcpHandles = () => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP")).length;

describe("fake Discord with a real discord.js Client", () => {
  let fake: FakeDiscord;
  let client: Client;
  let baselineTcpHandles: number;
  let destroyed = false;
  const outcomes = new Outcomes();
  const interactionHandlers = new Map<string, (interaction: Interaction) => Promise<unknown>>();
  let onMessage: ((message: Message) => Promise<unknown>) | undefined;
  const botEchoes: string[] = [];
  const threadEvents: { id: string; newlyCreated: boolean }[] = [];

  beforeAll(async () => {
    baselineTcpHandles = tcpHandles();
    fake = await startFakeDiscord();
    client = await loginClient(fake);
    client.on(Events.InteractionCreate, (interaction) => {
      const key =
        interaction.isChatInputCommand() || interaction.isAutocomplete()
          ? interaction.commandName
          : interaction.isButton()
            ? interaction.customId
            : "?";
      const handler = interactionHandlers.get(key);
      outcomes.settle(
        interaction.id,
        handler ? handler(interaction) : Promise.reject(new Error(`no handler for ${key}`)),
      );
    });
    client.on(Events.MessageCreate, (message) => {
      if (message.author.bot) {
        botEchoes.push(message.id); // Discord echoes the bot's own messages; a bot must ignore them
        return;
      }
      outcomes.settle(message.id, onMessage ? onMessage(message) : Promise.reject(new Error("no message handler")));
    });
    client.on(Events.ThreadCreate, (thread, newlyCreated) => threadEvents.push({ id: thread.id, newlyCreated }));
  });

  afterAll(async () => {
    if (!destroyed) await client?.destroy();
    await fake?.close();
  });

  it("gets ready on the guilds it was sent (not on discord.js's wait for missing ones), uncompressed JSON, with the fixtures cached", async () => {
    expect(fake.gatewayConnections).toEqual([{ v: "10", encoding: "json" }]);
    const identify = await fake.waitForIdentify();
    expect(identify.compress).toBe(false);
    expect(identify.token).toBe("fake-bot-token");
    expect(client.user?.id).toBe(fake.fixtures.bot.id);
    expect(client.application?.id).toBe(fake.fixtures.applicationId);
    const guild = client.guilds.cache.get(fake.fixtures.guild.id);
    expect(guild?.name).toBe(fake.fixtures.guild.name);
    expect(guild?.available).toBe(true);
    expect(guild?.ownerId).toBe(fake.fixtures.owner.id);
    expect(guild?.members.me?.id).toBe(fake.fixtures.bot.id);
    expect(client.channels.cache.get(fake.fixtures.qaChannel.id)?.type).toBe(ChannelType.GuildText);
    const me = guild!.members.me!;
    expect(
      guild!.channels.cache
        .get(fake.fixtures.textChannel.id)!
        .permissionsFor(me)
        ?.has(PermissionFlagsBits.SendMessages),
    ).toBe(true);
    const admin = guild!.members.cache.get(fake.fixtures.admin.id)!;
    expect(admin.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(true);
    expect(guild!.members.cache.get(fake.fixtures.member.id)!.permissions.has(PermissionFlagsBits.ManageGuild)).toBe(
      false,
    );
  });

  it("answers a body that breaks Discord's schema with 400 Invalid Form Body, and records why", async () => {
    const channel = client.channels.cache.get(fake.fixtures.textChannel.id);
    if (!channel?.isSendable()) throw new Error("the fixture channel is not sendable");
    const tooLong = channel.send({
      content: "x".repeat(2001),
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, custom_id: "a", label: "A" },
            { type: 2, style: 1, custom_id: "a", label: "B" },
          ],
        },
      ],
    });
    await expect(tooLong).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(fake.schemaViolations.at(-1)?.violations).toEqual([
      "content has 2001 characters (a bot may send 2000)",
      'custom_id "a" is used twice in one message',
    ]);
    (fake.schemaViolations as unknown[]).length = 0;
  });

  it("registers commands (global and guild) and uses their ids in interactions", async () => {
    const global = await client.application!.commands.set([
      {
        name: "ask",
        description: "Ask a question",
        options: [{ type: 3, name: "question", description: "q", required: true }],
      },
    ]);
    await client.guilds.cache.get(fake.fixtures.guild.id)!.commands.set([{ name: "admin", description: "Admin only" }]);
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(["ask"]);
    expect(fake.registeredCommands(fake.fixtures.guild.id).map((c) => c.name)).toEqual(["admin"]);
    const fetched = await client.application!.commands.fetch();
    expect([...fetched.keys()]).toEqual([...global.keys()]);
    const askId = global.first()!.id;

    interactionHandlers.set("ask", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      return interaction.reply(`id=${interaction.commandId}`);
    });
    const handle = fake.sendSlashCommand({ name: "ask", options: { question: "x" } });
    const reply = await fake.interactionResponse(handle);
    expect(reply.body.content).toBe(`id=${askId}`);
  });

  it("slash command: deferReply then editReply with an embed", async () => {
    const seen: { question: string | null; count: number | null; manageGuild: boolean | undefined }[] = [];
    interactionHandlers.set("explain", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      seen.push({
        question: interaction.options.getString("question"),
        count: interaction.options.getInteger("count"),
        manageGuild: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild),
      });
      await interaction.deferReply();
      await interaction.editReply({
        embeds: [
          new EmbedBuilder().setTitle("IGF-1R").setDescription(`about ${interaction.options.getString("question")}`),
        ],
      });
    });

    const handle = fake.sendSlashCommand({ name: "explain", options: { question: "what is IGF?", count: 3 } });
    const reply = await fake.interactionResponse(handle);
    expect(reply.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(reply.callback.body).toEqual({ type: 5, data: { flags: 0 } });
    expect(reply.callback.query).toEqual({ with_response: "false" });
    expect(reply.callback.headers.authorization).toBeUndefined(); // interaction callbacks are sent without auth
    expect(reply.edit?.method).toBe("PATCH");
    expect(reply.edit?.path).toBe(`/webhooks/${fake.fixtures.applicationId}/${handle.token}/messages/@original`);
    expect(reply.body.embeds?.[0]).toMatchObject({ title: "IGF-1R", description: "about what is IGF?" });
    expect(reply.message.embeds[0]?.title).toBe("IGF-1R");
    expect(reply.ephemeral).toBe(false);
    await outcomes.of(handle.interactionId);
    expect(seen).toEqual([{ question: "what is IGF?", count: 3, manageGuild: false }]);

    // The admin member carries Manage Guild in member.permissions.
    const adminHandle = fake.sendSlashCommand({
      name: "explain",
      options: { question: "q" },
      userId: fake.fixtures.admin.id,
    });
    await fake.interactionResponse(adminHandle);
    await outcomes.of(adminHandle.interactionId);
    expect(seen[1]?.manageGuild).toBe(true);
  });

  it("slash command: reply, withResponse, fetchReply and a follow-up with a file", async () => {
    interactionHandlers.set("quiz", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      const response = await interaction.reply({ content: "Question 1", withResponse: true });
      const fetched = await interaction.fetchReply();
      await interaction.followUp({
        content: "Hint",
        files: [{ attachment: Buffer.from("a hint"), name: "hint.txt" }],
        flags: MessageFlags.Ephemeral,
      });
      return { responseMessageId: response.resource?.message?.id, fetchedId: fetched.id };
    });
    const handle = fake.sendSlashCommand({ name: "quiz" });
    const reply = await fake.interactionResponse(handle);
    expect(reply.type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(reply.body.content).toBe("Question 1");
    const followUp = await fake.waitForFollowUp(handle);
    expect(followUp.query).toEqual({ wait: "true" });
    expect(followUp.body.content).toBe("Hint");
    expect(followUp.body.flags).toBe(MessageFlags.Ephemeral);
    expect(followUp.files).toHaveLength(1);
    expect(followUp.files[0]).toMatchObject({ field: "files[0]", name: "hint.txt" });
    expect(followUp.files[0]!.data.toString()).toBe("a hint");
    expect(await outcomes.of(handle.interactionId)).toEqual({
      responseMessageId: reply.message.id,
      fetchedId: reply.message.id,
    });
  });

  it("autocomplete answered with respond()", async () => {
    interactionHandlers.set("drug", async (interaction) => {
      if (!interaction.isAutocomplete()) throw new Error("expected autocomplete");
      const focused = interaction.options.getFocused(true);
      const names = ["linsitinib", "lapatinib", "erlotinib"].filter((n) => n.startsWith(focused.value));
      await interaction.respond(names.map((name) => ({ name, value: name })));
      return focused.name;
    });
    const handle = fake.sendAutocomplete({ name: "drug", focused: "name", value: "l", options: { detail: true } });
    expect(await fake.autocompleteChoices(handle)).toEqual([
      { name: "linsitinib", value: "linsitinib" },
      { name: "lapatinib", value: "lapatinib" },
    ]);
    expect(await outcomes.of(handle.interactionId)).toBe("name");
  });

  it("button click on the bot's reply answered with an ephemeral reply", async () => {
    interactionHandlers.set("card", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId("reveal").setLabel("Reveal").setStyle(ButtonStyle.Primary),
      );
      await interaction.reply({ content: "Front of the card", components: [row] });
    });
    interactionHandlers.set("reveal", async (interaction) => {
      if (!interaction.isButton()) throw new Error("expected button");
      await interaction.reply({
        content: `Back of the card (for ${interaction.user.username})`,
        flags: MessageFlags.Ephemeral,
      });
      return interaction.message.id;
    });
    const card = await fake.interactionResponse(fake.sendSlashCommand({ name: "card" }));
    expect(card.message.components?.[0]).toMatchObject({ type: 1, components: [{ type: 2, custom_id: "reveal" }] });

    const click = fake.sendButtonClick({
      customId: "reveal",
      messageId: card.message.id,
      userId: fake.fixtures.admin.id,
    });
    const reply = await fake.interactionResponse(click);
    expect(reply.body).toMatchObject({ content: "Back of the card (for mod)", flags: 64 });
    expect(reply.ephemeral).toBe(true);
    expect(await outcomes.of(click.interactionId)).toBe(card.message.id);

    // update() on a synthetic message: callback type 7
    interactionHandlers.set("next", async (interaction) => {
      if (!interaction.isButton()) throw new Error("expected button");
      await interaction.update({ content: "Card 2", components: [] });
    });
    const next = await fake.interactionResponse(fake.sendButtonClick({ customId: "next" }));
    expect(next.type).toBe(InteractionResponseType.UpdateMessage);
    expect(next.message.content).toBe("Card 2");
  });

  it("a mention in a guild channel handled by messageCreate with message.reply()", async () => {
    onMessage = async (message) => {
      if (!message.mentions.has(client.user!)) return "ignored";
      await message.reply(`you said: ${message.content.replace(/<@!?\d+>\s*/, "")}`);
      return "answered";
    };
    const since = fake.mark();
    const ignored = fake.sendMessage({ content: "just chatting" });
    expect(await outcomes.of(ignored.id)).toBe("ignored");
    const sent = fake.sendMessage({
      content: "what is IGF-1R?",
      mentionsBot: true,
      channelId: fake.fixtures.qaChannel.id,
    });
    expect(sent.content).toBe(`<@${fake.fixtures.bot.id}> what is IGF-1R?`);
    const reply = await fake.waitForChannelMessage(fake.fixtures.qaChannel.id, { since });
    expect(reply.body.content).toBe("you said: what is IGF-1R?");
    expect(reply.body.message_reference).toMatchObject({ message_id: sent.id }); // discord.js 14.28 sends no `type`
    expect(await outcomes.of(sent.id)).toBe("answered");
    const stored = fake.getMessage((reply.response as { id: string }).id);
    expect(stored?.referenced_message?.id).toBe(sent.id);
    await expect.poll(() => botEchoes.includes(stored!.id)).toBe(true);
  });

  it("typing, reactions, a file reply and a thread started from a message", async () => {
    onMessage = async (message) => {
      if (!message.channel.isSendable()) throw new Error("not sendable");
      await message.channel.sendTyping();
      await message.react("👍");
      const thread: ThreadChannel = await message.startThread({ name: "Discussion" });
      await thread.send({
        content: "Let's talk here",
        files: [{ attachment: Buffer.from("notes"), name: "notes.md" }],
      });
      return thread.id;
    };
    const since = fake.mark();
    const sent = fake.sendMessage({ content: "start a thread please", authorId: fake.fixtures.admin.id });
    const threadId = (await outcomes.of(sent.id)) as string;
    expect(threadId).toBe(sent.id); // a thread started from a message has the message's id
    const channelId = fake.fixtures.textChannel.id;
    await fake.waitForRequest({ method: "POST", path: `/channels/${channelId}/typing` }, { since });
    await fake.waitForRequest(
      { method: "PUT", path: `/channels/${channelId}/messages/${sent.id}/reactions/👍/@me` },
      { since },
    );
    const threadMessage = await fake.waitForChannelMessage(threadId, { since });
    expect(threadMessage.body.content).toBe("Let's talk here");
    expect(threadMessage.files.map((f) => f.name)).toEqual(["notes.md"]);
    expect(fake.getMessage((threadMessage.response as { id: string }).id)?.attachments[0]?.filename).toBe("notes.md");
    expect(client.channels.cache.get(threadId)?.isThread()).toBe(true);
    // threadCreate fires from the REST answer (newly_created absent → false); the THREAD_CREATE that follows is a no-op.
    expect(threadEvents).toEqual([{ id: threadId, newlyCreated: false }]);
    await fake.waitForRequest({ method: "POST", path: `/channels/${threadId}/messages` }, { since });
    expect(threadEvents).toHaveLength(1);
  });

  it("a DM (channel_type 1 + Partials.Channel) and user.send()", async () => {
    onMessage = async (message) => {
      expect(message.guild).toBeNull();
      expect(message.channel.type).toBe(ChannelType.DM);
      await message.reply("hello in DM");
      await message.author.send("a second DM via user.send()"); // reuses the DM channel cached from the message
      await client.users.send(fake.fixtures.owner.id, "a DM to a user the bot never talked to"); // opens a DM first
      return message.channelId;
    };
    const since = fake.mark();
    const dm = fake.dmChannel(fake.fixtures.member.id);
    const sent = fake.sendMessage({ content: "hi bot", dm: true });
    expect(sent.guild_id).toBeUndefined();
    expect(sent.channel_type).toBe(ChannelType.DM);
    expect(await outcomes.of(sent.id)).toBe(dm.id);
    const reply = await fake.waitForChannelMessage(dm.id, { since });
    expect(reply.body.content).toBe("hello in DM");
    const second = await fake.waitForChannelMessage(dm.id, { since: reply.index + 1 });
    expect(second.body.content).toBe("a second DM via user.send()");
    const opened = await fake.waitForRequest({ method: "POST", path: "/users/@me/channels" }, { since });
    expect(opened.body).toEqual({ recipient_id: fake.fixtures.owner.id });
    expect(opened.index).toBeGreaterThan(second.index);
    const ownerDm = fake.dmChannel(fake.fixtures.owner.id);
    expect((await fake.waitForChannelMessage(ownerDm.id, { since })).body.content).toBe(
      "a DM to a user the bot never talked to",
    );
  });

  it("a slash command in a DM carries user instead of member", async () => {
    interactionHandlers.set("dmcmd", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      await interaction.reply({
        content: `guild=${interaction.guildId} user=${interaction.user.id} dm=${interaction.channel?.isDMBased()}`,
      });
    });
    const handle = fake.sendSlashCommand({ name: "dmcmd", dm: true });
    expect("member" in handle.payload).toBe(false);
    const reply = await fake.interactionResponse(handle);
    expect(reply.body.content).toBe(`guild=null user=${fake.fixtures.member.id} dm=true`);
  });

  it("a 429 on the interaction reply route is retried and still delivered", async () => {
    interactionHandlers.set("slow", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      await interaction.reply("delivered");
      return "ok";
    });
    const rule = fake.failNext({
      method: "POST",
      path: "/interactions/:id/:token/callback",
      status: 429,
      retryAfter: 0.05,
    });
    const handle = fake.sendSlashCommand({ name: "slow" });
    const reply = await fake.interactionResponse(handle);
    expect(reply.body.content).toBe("delivered");
    expect(await outcomes.of(handle.interactionId)).toBe("ok");
    expect(rule.remaining).toBe(0);
    expect(rule.hits).toHaveLength(1);
    const attempts = fake.requests.filter((r) => r.path.startsWith(`/interactions/${handle.interactionId}/`));
    expect(attempts.map((r) => r.status)).toEqual([429, 204]);
  });

  it("a 429 on a channel message is retried too", async () => {
    onMessage = async (message) => message.reply("after rate limit");
    const rule = fake.failNext({ method: "POST", path: "/channels/:id/messages", status: 429, retryAfter: 0.05 });
    const sent = fake.sendMessage({ content: "hello" });
    await outcomes.of(sent.id);
    expect(rule.hits.map((r) => r.status)).toEqual([429]);
    expect(fake.requests.at(-1)).toMatchObject({ method: "POST", status: 200, body: { content: "after rate limit" } });
  });

  it("5xx: retried 3 times by discord.js, then an HTTPError reaches the handler; 4xx: a DiscordAPIError", async () => {
    onMessage = async (message) => message.reply("will fail");
    const since = fake.mark();
    const rule = fake.failNext({ method: "POST", path: "/channels/:id/messages", status: 500, times: 4 });
    const sent = fake.sendMessage({ content: "trigger 500" });
    const error = await outcomes.of(sent.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).status).toBe(500);
    expect(rule.hits).toHaveLength(4);
    expect(
      fake.requests
        .slice(since)
        .filter((r) => r.method === "POST")
        .map((r) => r.status),
    ).toEqual([500, 500, 500, 500]);

    interactionHandlers.set("forbidden", async (interaction) => {
      if (!interaction.isChatInputCommand()) throw new Error("expected chat input");
      await interaction.deferReply();
      await interaction.editReply("never seen");
    });
    fake.failNext({
      method: "PATCH",
      path: /\/messages\/@original$/,
      status: 403,
      code: 50013,
      message: "Missing Permissions",
    });
    const handle = fake.sendSlashCommand({ name: "forbidden" });
    const apiError = await outcomes.of(handle.interactionId).catch((e: unknown) => e);
    expect(apiError).toBeInstanceOf(DiscordAPIError);
    expect((apiError as DiscordAPIError).code).toBe(50013);
    expect((apiError as DiscordAPIError).status).toBe(403);
  });

  it("dispatch() sends arbitrary typed events", async () => {
    const role = fake.addRole({ name: "Quizmasters" });
    await expect.poll(() => client.guilds.cache.get(fake.fixtures.guild.id)?.roles.cache.has(role.id)).toBe(true);
    const channel = fake.addTextChannel({ name: "quiz" });
    await expect.poll(() => client.channels.cache.has(channel.id)).toBe(true);
    const member = fake.addMember({ user: { username: "newcomer" } });
    await expect
      .poll(() => client.guilds.cache.get(fake.fixtures.guild.id)?.members.cache.has(member.user.id))
      .toBe(true);
    fake.dispatch(GatewayDispatchEvents.GuildRoleDelete, { guild_id: fake.fixtures.guild.id, role_id: role.id });
    await expect.poll(() => client.guilds.cache.get(fake.fixtures.guild.id)?.roles.cache.has(role.id)).toBe(false);
  });

  it("unknown routes answer 404 { code: 0 } and are recorded; GET /applications/@me works", async () => {
    const application = await client.application!.fetch();
    expect(application.id).toBe(fake.fixtures.applicationId);
    const error = await client.rest.get("/not/a/route").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(404);
    expect((error as DiscordAPIError).code).toBe(0);
    // Everything else the client did in this file hit a known route.
    expect(fake.unknownRequests.map((r) => `${r.method} ${r.path}`)).toEqual(["GET /not/a/route"]);
  });

  it("client.destroy() and fake.close() leave no open sockets", async () => {
    await client.destroy();
    destroyed = true;
    await fake.close();
    await expect.poll(tcpHandles).toBe(baselineTcpHandles);
  });
});

describe("gateway details", () => {
  it("ACKs heartbeats (no zombie reconnect)", async () => {
    const fake = await startFakeDiscord({ heartbeatIntervalMs: 40 });
    const client = await loginClient(fake);
    try {
      await expect.poll(() => fake.heartbeats, { timeout: 2000 }).toBeGreaterThanOrEqual(3);
      expect(client.ws.ping).toBeGreaterThanOrEqual(0);
      expect(fake.gatewayConnections).toHaveLength(1); // a missed ACK would make the client reconnect
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it("without Partials.Channel, DMs arrive only after a CHANNEL_CREATE for the DM channel", async () => {
    const fake = await startFakeDiscord();
    const client = await loginClient(fake, []);
    const received: string[] = [];
    client.on(Events.MessageCreate, (message) => received.push(message.content));
    try {
      fake.sendMessage({ content: "dropped", dm: true });
      fake.sendMessage({ content: "guild message" }); // a later event proves the DM was processed (and dropped)
      await expect.poll(() => received).toEqual(["guild message"]);
      fake.sendMessage({ content: "delivered", dm: true, announceDmChannel: true });
      await expect.poll(() => received).toEqual(["guild message", "delivered"]);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });

  it("with Partials.Channel, a DM MESSAGE_CREATE without channel_type is dropped", async () => {
    const fake = await startFakeDiscord();
    const client = await loginClient(fake);
    const received: string[] = [];
    client.on(Events.MessageCreate, (message) => received.push(message.content));
    try {
      const { channel_type: _omitted, ...withoutType } = fake.sendMessage({ content: "with channel_type", dm: true });
      fake.dispatch(GatewayDispatchEvents.MessageCreate, {
        ...withoutType,
        id: fake.nextId(),
        channel_id: fake.nextId(),
        content: "without channel_type",
      });
      fake.sendMessage({ content: "guild message" });
      await expect.poll(() => received).toEqual(["with channel_type", "guild message"]);
    } finally {
      await client.destroy();
      await fake.close();
    }
  });
});

describe("fake Discord serving two shards", () => {
  it("asks for two shards, gives each client its guilds by Discord's rule, routes events, refuses a client that counts shards otherwise", async () => {
    const fake = await startFakeDiscord({ shards: 2 });
    const clients: Client[] = [];
    try {
      const home = fake.fixtures.guild.id;
      const other = fake.addGuild({ name: "Other", shard: 1 - fake.shardOf(home) });
      expect(fake.shardOf(other.id)).not.toBe(fake.shardOf(home));
      for (const shard of [0, 1]) {
        const client = new Client({ intents: INTENTS, rest: { api: fake.apiUrl }, shards: [shard], shardCount: 2 });
        client.on(Events.ShardError, () => {});
        await Promise.all([once(client, Events.ClientReady), client.login("fake-bot-token")]);
        clients.push(client);
      }
      const guildsOf = (shard: number) => [...clients[shard]!.guilds.cache.keys()];
      expect(guildsOf(fake.shardOf(home))).toEqual([home]);
      expect(guildsOf(fake.shardOf(other.id))).toEqual([other.id]);

      // Each message goes to one shard only: had the first also gone to the home shard, it would have come
      // there before the second, on the same socket.
      const seen: Array<[number, string]> = [];
      const received = clients.map(
        (client, shard) =>
          new Promise<void>((resolve) =>
            // Raw packets: discord.js drops a message in a channel it does not know, which would hide a misroute.
            client.on(Events.Raw, (packet: { t: string; d: { content?: string } }) => {
              if (packet.t !== "MESSAGE_CREATE") return;
              seen.push([shard, packet.d.content!]);
              resolve();
            }),
          ),
      );
      fake.sendMessage({ content: "one", channelId: other.textChannel.id });
      fake.sendMessage({ content: "two", channelId: fake.fixtures.textChannel.id });
      await Promise.all(received);
      expect(seen.sort()).toEqual(
        [
          [fake.shardOf(other.id), "one"],
          [fake.shardOf(home), "two"],
        ].sort(),
      );

      // A client that disagrees on the number of shards is refused (4010 Invalid shard) and cannot connect.
      const unsharded = new Client({ intents: INTENTS, rest: { api: fake.apiUrl }, shards: [0], shardCount: 1 });
      clients.push(unsharded);
      await expect(unsharded.login("fake-bot-token")).rejects.toThrow();
    } finally {
      await Promise.all(clients.map((client) => client.destroy()));
      await fake.close();
    }
  });
});
