/**
 * A small, typed fake of Discord (REST API + gateway) that a REAL discord.js 14 `Client` can connect to,
 * for end-to-end tests without any network access beyond 127.0.0.1.
 *
 * ```ts
 * const fake = await startFakeDiscord();
 * const client = new Client({
 *   intents: [Guilds, GuildMessages, MessageContent, DirectMessages],
 *   partials: [Partials.Channel],          // needed to receive DMs, see below
 *   rest: { api: fake.apiUrl },            // REST goes to `${apiUrl}/v10/...`
 * });
 * client.on(Events.ShardError, () => {});  // gateway errors; REST errors reject the caller's promise instead
 * await Promise.all([once(client, Events.ClientReady), client.login("any-token")]);
 * const { interactionId } = fake.sendSlashCommand({ name: "ask", options: { question: "hi" } });
 * const reply = await fake.interactionResponse(interactionId);   // → { type, body, message, ... }
 * await client.destroy(); await fake.close();
 * ```
 *
 * One HTTP server on 127.0.0.1 (random port) serves REST under `/api/v10/...` and the gateway as a
 * WebSocket upgrade on `/gateway`.
 *
 * ## Facts verified against discord.js 14.28.1 / @discordjs/ws 1.2.3 / @discordjs/rest 2.x
 *
 * - **Wiring.** `rest: { api }` makes REST go to `${api}/v10${route}`. There is no gateway option: the client
 *   calls `GET /v10/gateway/bot` and connects to `${url}?v=10&encoding=json`, so `url` must not carry a
 *   query string. The gateway info is cached for `session_start_limit.reset_after` ms (5 s if 0), and
 *   `max_concurrency` drives the identify throttle (the first identify is not delayed).
 * - **Compression.** discord.js only asks for `compress=zlib-stream` when the optional `zlib-sync` package is
 *   installed (it is not here); otherwise the URL has no `compress` param and IDENTIFY has
 *   `compress: false`. The fake answers uncompressed JSON text frames and refuses (close 4000) a
 *   connection that asks for compression or a non-JSON encoding, so a change there is noticed.
 * - **Gateway.** HELLO (op 10) → client IDENTIFY (op 2) → READY dispatch (op 0, `s` = sequence). READY needs
 *   `user`, `application: { id, flags }`, `guilds` (unavailable), `session_id`, `resume_gateway_url`.
 *   Every guild in READY must be followed by GUILD_CREATE or `clientReady` waits `waitGuildTimeout`
 *   (15 s). The first client heartbeat happens after `heartbeat_interval * random()`; every op 1 gets an
 *   op 11 ACK here. A RESUME (op 6) is answered with INVALID_SESSION(false), so the client re-identifies.
 *   discord.js 14.28 renamed the `ready` event to `clientReady` (`Events.ClientReady`); listening on
 *   `ready` prints a deprecation warning.
 * - **Messages.** MESSAGE_CREATE reaches `messageCreate` only for channels the client knows (cached from
 *   GUILD_CREATE / THREAD_CREATE / a REST answer). Mentions come from the `mentions` array (the fake fills
 *   it from `<@id>` in the content), not from parsing content.
 * - **DMs.** Real Discord sends no CHANNEL_CREATE for DMs. With `partials: [Partials.Channel]`, discord.js
 *   builds the DM channel from MESSAGE_CREATE **only if the payload has `channel_type: 1`** (it then uses
 *   the author as recipient); without `channel_type` the message is dropped ("unknown type for channel").
 *   Without the partial, DMs are dropped unless a CHANNEL_CREATE with the DM channel (type 1, `recipients`)
 *   arrived first — `sendMessage({ dm: true, announceDmChannel: true })` does that (it is not something
 *   real Discord does, discord-api-types does not even type it).
 * - **Threads.** `message.startThread()` caches the thread from the REST answer of
 *   `POST /channels/:id/messages/:mid/threads` (the thread id equals the message id) and emits
 *   `threadCreate` right then, with `newlyCreated === false` (the REST answer has no `newly_created`). The fake
 *   also dispatches THREAD_CREATE (`newly_created: true`), as Discord does, but only after the HTTP answer,
 *   so for discord.js it is a no-op; on real Discord the order of the two is not guaranteed.
 * - **Interactions.** INTERACTION_CREATE needs `entitlements`, `authorizing_integration_owners`,
 *   `app_permissions`, `locale`, `attachment_size_limit`, a `channel` object, and `member` (guild) or
 *   `user` (DM). Answers go to `POST /interactions/:id/:token/callback?with_response=false` (no auth header,
 *   answered 204; with `with_response=true` the fake returns the callback object with the message). A
 *   deferred reply is completed by `PATCH /webhooks/:app/:token/messages/@original` (the path arrives as
 *   `%40original`; the fake decodes paths), which must return a message. Follow-ups are
 *   `POST /webhooks/:app/:token?wait=true`. Autocomplete answers are callback type 8, button updates
 *   type 7, `deferUpdate()` type 6.
 * - **Errors.** @discordjs/rest retries a 429 after `Retry-After` (header, seconds, fractions work) and
 *   never surfaces it. A 5xx is retried `rest.retries` times (default 3, i.e. 4 attempts) and then thrown as
 *   **`HTTPError`**, not `DiscordAPIError`; only 4xx answers become `DiscordAPIError` (with `code`).
 *   `fake.failNext({ status: 500, times: 4 })` therefore makes a request fail for good with default options.
 *   Such errors reject the promise of the call (`reply()`, `send()`...); discord.js does not emit them as a
 *   client `error` event (14.28 emits `error` only from sharding), so a handler that does not catch them
 *   produces an unhandled rejection, which ends a Node process by default. Gateway errors go to `shardError`.
 * - **Bodies.** Requests with files are `multipart/form-data` with `payload_json` + `files[n]`; otherwise
 *   JSON. An embed's `attachment://name` picture must name a file of its message. Both are recorded the same way (`body` = the JSON payload, `files` = uploaded parts).
 * - **Teardown.** `client.destroy()` closes the gateway socket; REST keep-alive sockets are closed by
 *   `fake.close()` (it calls `closeAllConnections()`). Destroy the client before closing the fake, or it
 *   will try to reconnect.
 *
 * @module
 */
import { once } from "node:events";
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import {
  type APIAllowedMentions,
  type APIApplication,
  type APIApplicationCommand,
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIApplicationCommandInteractionDataOption,
  type APIApplicationCommandOptionChoice,
  type APIAttachment,
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIDMChannel,
  type APIEmbed,
  type APIGuildForumChannel,
  type APIGuildMember,
  type APIGuildMemberNoUser,
  type APIInteraction,
  type APIInteractionGuildMember,
  type APIInteractionResponse,
  type APIMessage,
  type APIMessageApplicationCommandInteraction,
  type APIMessageComponentButtonInteraction,
  type APIMessageTopLevelComponent,
  type APIModalSubmitInteraction,
  type APIOverwrite,
  type APIRole,
  type APITextChannel,
  type APIThreadChannel,
  type APIUser,
  type APIUserWithMember,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type ApplicationFlags,
  ApplicationIntegrationType,
  ButtonStyle,
  ChannelType,
  ComponentType,
  ForumLayoutType,
  GatewayDispatchEvents,
  type GatewayDispatchPayload,
  type GatewayGuildCreateDispatchData,
  type GatewayIdentifyData,
  type GatewayMessageCreateDispatchData,
  GatewayOpcodes,
  type GatewayReadyDispatchData,
  type GatewayReceivePayload,
  type GatewaySendPayload,
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  type GuildHubType,
  type GuildMemberFlags,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  type GuildSystemChannelFlags,
  GuildVerificationLevel,
  InteractionContextType,
  InteractionResponseType,
  InteractionType,
  Locale,
  MessageFlags,
  MessageReferenceType,
  MessageType,
  PermissionFlagsBits,
  type RESTAPIAttachment,
  type RESTGetAPIGatewayBotResult,
  type RESTPostAPIApplicationCommandsJSONBody,
  type RESTPostAPIInteractionCallbackWithResponseResult,
  type RoleFlags,
  type Snowflake,
  SortOrderType,
  ThreadAutoArchiveDuration,
  type ThreadMemberFlags,
} from "discord-api-types/v10";
import { type RawData, WebSocket, WebSocketServer } from "ws";
import { requestViolations } from "./discord-schema.ts";

// ───────────────────────────── public types ─────────────────────────────

/** Options for {@link startFakeDiscord}. All optional. */
export interface FakeDiscordOptions {
  /** `heartbeat_interval` sent in HELLO, in ms. Default 45 000 (tests rarely see a heartbeat). */
  heartbeatIntervalMs?: number;
  /** If set, IDENTIFY with another token is closed with 4004 (Authentication failed). Default: accept any token. */
  token?: string;
  /** Dispatch MESSAGE_CREATE for messages the bot posts with `POST /channels/:id/messages`, as Discord does. Default true. */
  echoBotMessages?: boolean;
  /** Name of the default guild. Default "Fake Guild". */
  guildName?: string;
  /** Name of the bot user. Default "FakeBot". */
  botName?: string;
  /** Permissions of the bot's role in the default guild. Default: view, send, threads, embeds, files, history, reactions. */
  botPermissions?: bigint;
  /** Log every request and gateway frame to stderr. Default false (or env `FAKE_DISCORD_DEBUG=1`). */
  debug?: boolean;
  /**
   * Shards Discord asks for (`GET /gateway/bot`'s `shards`). With more than one, an IDENTIFY must carry
   * `shard: [id, count]` with this count (else close 4011 Sharding required / 4010 Invalid shard), and each
   * connection gets only its shard's guilds, `(guild_id >> 22) % count`, as Discord routes them; events
   * without a guild (DMs) go to shard 0. Default 1.
   */
  shards?: number;
}

/** The fixtures created at start. All ids are valid snowflakes, unique per fake instance. */
export interface FakeFixtures {
  /** The application id (equal to the bot user id, as for real bots). */
  applicationId: Snowflake;
  /** The bot user (`bot: true`). */
  bot: APIUser;
  /** The default guild. `ownerId` is {@link FakeFixtures.owner}. */
  guild: { id: Snowflake; name: string; ownerId: Snowflake };
  /** The @everyone role (id = guild id). */
  everyoneRole: APIRole;
  /** A role with Manage Guild + Manage Messages, held by {@link FakeFixtures.admin}. */
  adminRole: APIRole;
  /** The bot's managed role. */
  botRole: APIRole;
  /** `#general`, a text channel. */
  textChannel: APITextChannel;
  /** `#q-and-a`, a second text channel. */
  qaChannel: APITextChannel;
  /** The guild owner (has every permission by ownership). */
  owner: APIUser;
  /** A normal member: only @everyone permissions. Default user of the interaction/message builders. */
  member: APIUser;
  /** A member with the admin role (Manage Guild). */
  admin: APIUser;
}

/**
 * Discord's rules for pictures in embeds: an `attachment://name` image or thumbnail must name a file of the
 * same message (else the picture would show outside the embed, or not at all), and an attachment's
 * description (its alt text) is at most 1,024 characters.
 */
function checkAttachedImages(embeds: readonly APIEmbed[], attachments: readonly APIAttachment[]): void {
  for (const attachment of attachments) {
    if ((attachment.description?.length ?? 0) > 1024)
      throw new HttpError(400, 50035, "Invalid Form Body (attachments.description: at most 1024 characters)");
  }
  for (const embed of embeds) {
    for (const url of [embed.image?.url, embed.thumbnail?.url]) {
      const name = url?.startsWith("attachment://") ? url.slice("attachment://".length) : null;
      if (name !== null && !attachments.some((a) => a.filename === name))
        throw new HttpError(400, 50035, `Invalid Form Body (embeds: ${url} is not attached to the message)`);
    }
  }
}

/** A file part of a multipart request. */
export interface RecordedFile {
  /** Form field name, e.g. `files[0]`. */
  field: string;
  /** File name given by the client. */
  name: string;
  contentType: string;
  data: Buffer;
}

/** One REST request as the fake saw it (also failed and injected ones). */
export interface RecordedRequest<Body = unknown> {
  /** Position in {@link FakeDiscord.requests}; pass `since: index + 1` to wait for later ones. */
  index: number;
  /** Upper-case HTTP method. */
  method: string;
  /** Decoded path below `/api/v10`, without query, e.g. `/webhooks/1/tok/messages/@original`. */
  path: string;
  /** The raw URL path as received (still percent-encoded, with `/api/v10`). */
  rawPath: string;
  /** Query parameters (last value wins). */
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or `payload_json` of a multipart body; `undefined` if none. */
  body: Body;
  /** Files of a multipart body. */
  files: RecordedFile[];
  /** HTTP status the fake answered. */
  status: number;
  /** The JSON the fake answered (undefined for 204). */
  response: unknown;
  /** True if the answer came from a {@link FailureRule}. */
  injected: boolean;
  /** `Date.now()` when received. */
  at: number;
}

/** Body of an outgoing bot message, the common subset of channel messages, interaction replies and webhook edits. */
export interface OutgoingMessage {
  content?: string | null;
  embeds?: APIEmbed[] | null;
  components?: APIMessageTopLevelComponent[] | null;
  flags?: number | null;
  allowed_mentions?: APIAllowedMentions | null;
  attachments?: RESTAPIAttachment[] | null;
  message_reference?: {
    message_id?: Snowflake;
    channel_id?: Snowflake;
    guild_id?: Snowflake;
    type?: MessageReferenceType;
    fail_if_not_exists?: boolean;
  };
  tts?: boolean;
  nonce?: string | number;
  /** Files uploaded with the message (multipart), copied from the request. */
  files?: RecordedFile[];
}

/** Matches requests: a predicate, or method and/or path (exact string, `:param` pattern, or RegExp on the decoded path). */
export type RequestMatcher = ((request: RecordedRequest) => boolean) | { method?: string; path?: string | RegExp };

/** Options for the `waitFor*` helpers. */
export interface WaitOptions {
  /** Give up after this many ms (rejects with a list of the last requests). Default 3000. */
  timeoutMs?: number;
  /** Only consider requests with `index >= since`. Default 0 (already-recorded requests count). Use `fake.mark()`. */
  since?: number;
}

/** A failure to inject, see {@link FakeDiscord.failNext}. */
export interface FailureSpec {
  /** HTTP method to match (any if omitted). */
  method?: string;
  /** Decoded path to match: exact, `:param` pattern (e.g. `/interactions/:id/:token/callback`) or RegExp. */
  path: string | RegExp;
  /** Status to answer: 429 (rate limit), 5xx (retried by discord.js), or any 4xx (→ DiscordAPIError). */
  status: number;
  /** How many matching requests fail. Default 1. */
  times?: number;
  /** For 429: seconds in `Retry-After` / `retry_after`. Default 0.05. */
  retryAfter?: number;
  /** For 429: mark the limit as global (`X-RateLimit-Global`). Default false. */
  global?: boolean;
  /** For 4xx: the Discord JSON error code. Default 0. */
  code?: number;
  /** Error message in the JSON body. */
  message?: string;
}

/** A registered failure; `remaining` counts down as requests fail. */
export interface FailureRule extends Readonly<FailureSpec> {
  remaining: number;
  /** Requests answered by this rule so far. */
  readonly hits: RecordedRequest[];
}

/** Identifies a sent interaction. */
export interface InteractionHandle {
  interactionId: Snowflake;
  token: string;
  applicationId: Snowflake;
  /** The exact INTERACTION_CREATE payload that was dispatched. */
  payload: APIInteraction;
}

/** Value of a slash command option in the short form: strings → STRING, integers → INTEGER, other numbers → NUMBER, booleans → BOOLEAN. */
export type SimpleOptionValue = string | number | boolean;

/** Common options of the interaction builders. */
export interface InteractionTarget {
  /** Acting user id. Default: {@link FakeFixtures.member}. Must be a known user. */
  userId?: Snowflake;
  /** Channel the interaction comes from. Default: the default text channel (or the user's DM channel with `dm`). */
  channelId?: Snowflake;
  /** Send from the user's DM with the bot (no guild, `user` instead of `member`). */
  dm?: boolean;
  /** Locale of the user. Default en-US. */
  locale?: Locale;
}

/** Input of {@link FakeDiscord.sendSlashCommand}. */
export interface SlashCommandSpec extends InteractionTarget {
  name: string;
  /** Options: short form `{ question: "hi", count: 3 }`, or raw typed options. */
  options?:
    | Record<string, SimpleOptionValue>
    | APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>[];
  /** Put the options under this subcommand. */
  subcommand?: string;
  /** Put the subcommand under this group (requires `subcommand`). */
  subcommandGroup?: string;
}

/** Input of {@link FakeDiscord.sendAutocomplete}. */
export interface AutocompleteSpec extends InteractionTarget {
  name: string;
  /** Name of the focused option. */
  focused: string;
  /** What the user typed so far in the focused option. */
  value: string;
  /** Type of the focused option. Default STRING. */
  focusedType?:
    | ApplicationCommandOptionType.String
    | ApplicationCommandOptionType.Integer
    | ApplicationCommandOptionType.Number;
  /** Other, already filled options (short form). */
  options?: Record<string, SimpleOptionValue>;
  subcommand?: string;
}

/** Input of {@link FakeDiscord.sendButtonClick}. */
export interface ButtonClickSpec extends InteractionTarget {
  customId: string;
  /** The message carrying the button: a message the fake knows (e.g. a bot reply's id). Default: a synthetic bot message. */
  messageId?: Snowflake;
}

/** Input of {@link FakeDiscord.sendModalSubmit}. */
export interface ModalSubmitSpec extends InteractionTarget {
  customId: string;
  /** The text boxes' values by custom id. */
  fields: Record<string, string>;
  /** The message whose button opened the modal. */
  messageId?: Snowflake;
}

/** Input of {@link FakeDiscord.sendMessageCommand}. */
export interface MessageCommandSpec extends InteractionTarget {
  name: string;
  /** A message the fake knows. */
  targetMessageId: Snowflake;
}

/** Input of {@link FakeDiscord.sendMessage}: a message written by a user. `<@id>` mentions in `content` fill `mentions`. */
export interface UserMessageSpec {
  content: string;
  /** Author id. Default {@link FakeFixtures.member}. */
  authorId?: Snowflake;
  /** Channel (text channel, thread or DM channel id). Default: the default text channel, or the author's DM with `dm`. */
  channelId?: Snowflake;
  /** Prefix `<@bot>` to the content if not mentioned yet. */
  mentionsBot?: boolean;
  /** Send as a DM from the author to the bot. */
  dm?: boolean;
  /** For DMs: dispatch CHANNEL_CREATE for the DM channel first (needed only without `Partials.Channel`). Default false. */
  announceDmChannel?: boolean;
  /** Make it a reply to this message id (must be known to the fake). */
  replyTo?: Snowflake;
}

/** Result of {@link FakeDiscord.interactionResponse}. */
export interface InteractionReply {
  /** The callback type (4 reply, 5 deferred, 6 deferred update, 7 update). */
  type: InteractionResponseType;
  /** What the user ends up seeing according to the bot's last relevant request: callback data (4/7) or the `@original` edit (5/6). */
  body: OutgoingMessage;
  /** The resulting message as stored by the fake (edits merged, Loading flag cleared). */
  message: APIMessage;
  /** True if the message has the Ephemeral flag. */
  ephemeral: boolean;
  callback: RecordedRequest<APIInteractionResponse>;
  /** The `PATCH .../@original` request, for deferred replies. */
  edit?: RecordedRequest<OutgoingMessage>;
}

/** Event data type of a gateway dispatch event. */
export type DispatchData<E extends GatewayDispatchEvents> = Extract<GatewayDispatchPayload, { t: E }>["d"];

/** The running fake. Create with {@link startFakeDiscord}. */
export interface FakeDiscord {
  /** Value for `new Client({ rest: { api } })`, e.g. `http://127.0.0.1:PORT/api`. */
  readonly apiUrl: string;
  /** Gateway URL handed out by `GET /gateway/bot`, e.g. `ws://127.0.0.1:PORT/gateway`. */
  readonly gatewayUrl: string;
  readonly port: number;
  readonly fixtures: FakeFixtures;
  /** Every REST request so far, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Requests that hit no route (answered 404 `{ code: 0 }`). Tests should usually assert this is empty. */
  readonly unknownRequests: readonly RecordedRequest[];
  /**
   * Requests whose body breaks Discord's published API schema (see ./discord-schema.ts), answered 400
   * "Invalid Form Body" as Discord would. Every end-to-end test asserts this is empty.
   */
  readonly schemaViolations: readonly { method: string; path: string; violations: string[] }[];
  /** Every payload a client sent over the gateway. */
  readonly gatewayReceived: readonly GatewaySendPayload[];
  /** Number of heartbeats received (all acknowledged). */
  readonly heartbeats: number;
  /** Query of each gateway connection, e.g. `{ v: "10", encoding: "json" }`. */
  readonly gatewayConnections: readonly Record<string, string>[];
  /** Resolves on the first READY sent (i.e. after a client identified). */
  readonly ready: Promise<void>;

  /** Current number of recorded requests; pass as `since` to wait only for later requests. */
  mark(): number;
  /** Resolves with the first IDENTIFY payload (already received or future). */
  waitForIdentify(timeoutMs?: number): Promise<GatewayIdentifyData>;
  /** Resolves with the first request matching `matcher` with `index >= since`. */
  waitForRequest<Body = unknown>(matcher: RequestMatcher, options?: WaitOptions): Promise<RecordedRequest<Body>>;
  /** Waits for a successful `POST /channels/:channelId/messages` (default channel: the default text channel). */
  waitForChannelMessage(channelId?: Snowflake, options?: WaitOptions): Promise<RecordedRequest<OutgoingMessage>>;
  /** Makes the next `times` requests matching `spec` fail with `spec.status`. */
  failNext(spec: FailureSpec): FailureRule;

  /** The shard that holds `guildId`: `(guild_id >> 22) % shards`, Discord's rule. */
  shardOf(guildId: Snowflake): number;
  /** Sends a gateway dispatch (op 0) to every identified connection of the shard it belongs to. Throws if none. */
  dispatch<E extends GatewayDispatchEvents>(event: E, data: DispatchData<E>): void;
  /** Sends a raw gateway payload (e.g. op 7 Reconnect) to every open connection. */
  sendRaw(payload: GatewayReceivePayload): void;

  /** Dispatches a chat-input INTERACTION_CREATE. */
  sendSlashCommand(spec: SlashCommandSpec): InteractionHandle;
  /** Dispatches an autocomplete INTERACTION_CREATE. */
  sendAutocomplete(spec: AutocompleteSpec): InteractionHandle;
  /** Dispatches a button click (component interaction type 3, component_type 2). */
  sendButtonClick(spec: ButtonClickSpec): InteractionHandle;
  /** Dispatches the submission of a modal (interaction type 5) opened from a button on `messageId`. */
  sendModalSubmit(spec: ModalSubmitSpec): InteractionHandle;
  /** Dispatches a message context-menu command (application command type 3) used on `targetMessageId`. */
  sendMessageCommand(spec: MessageCommandSpec): InteractionHandle;
  /** Dispatches MESSAGE_CREATE from a user and returns the payload (also stored, so the bot can reply/react). */
  sendMessage(spec: UserMessageSpec): GatewayMessageCreateDispatchData;

  /** Waits for the successful interaction callback of an interaction. */
  waitForInteractionCallback(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<RecordedRequest<APIInteractionResponse>>;
  /**
   * Waits for the callback and, for deferred ones (5/6), for the `PATCH @original` edit (the first one, or the first
   * for which `until(body)` is true). Throws for autocomplete/modal callbacks.
   */
  interactionResponse(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions & { until?: (body: OutgoingMessage) => boolean },
  ): Promise<InteractionReply>;
  /** Waits for an autocomplete callback (type 8) and returns its choices. */
  autocompleteChoices(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<APIApplicationCommandOptionChoice[]>;
  /** Waits for a follow-up message (`POST /webhooks/:app/:token`) of an interaction. */
  waitForFollowUp(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<RecordedRequest<OutgoingMessage>>;

  /** Adds a user (not a guild member). */
  addUser(user: Partial<APIUser> & { username: string }): APIUser;
  /** Adds a member to a guild (default guild if omitted), creating the user if needed; dispatches GUILD_MEMBER_ADD when connected. */
  addMember(spec: {
    user: APIUser | (Partial<APIUser> & { username: string });
    roles?: Snowflake[];
    nick?: string;
    guildId?: Snowflake;
  }): APIGuildMember;
  /**
   * Adds a guild holding the bot (with its managed role), the default guild's owner and member, and one text
   * channel `general`; with `shard`, its id is one Discord routes to that shard. Add guilds before a client
   * connects (nothing is dispatched).
   */
  addGuild(spec: { name: string; shard?: number }): { id: Snowflake; textChannel: APITextChannel };
  /** Adds a role (above the others unless `position` says where); dispatches GUILD_ROLE_CREATE when connected. */
  addRole(spec: { name: string; permissions?: bigint; guildId?: Snowflake; position?: number }): APIRole;
  /** A guild member as the fake holds it (roles included), or undefined. */
  getMember(userId: Snowflake, guildId?: Snowflake): APIGuildMember | undefined;
  /** Adds a guild text channel (with permission overwrites, e.g. one that denies the bot's role); dispatches CHANNEL_CREATE when connected. */
  addTextChannel(spec: {
    name: string;
    guildId?: Snowflake;
    topic?: string;
    permissionOverwrites?: APIOverwrite[];
  }): APITextChannel;
  /** Adds a forum channel; dispatches CHANNEL_CREATE when connected. */
  addForumChannel(spec: { name: string; guildId?: Snowflake }): APIGuildForumChannel;
  /** Opens a post in a forum as `authorId` (a thread and its first message, whose ids are equal), as a member does. */
  addForumPost(spec: { forumId: Snowflake; name: string; content: string; authorId?: Snowflake }): {
    thread: APIThreadChannel;
    message: GatewayMessageCreateDispatchData;
  };
  /** The DM channel between the bot and a user (created on first use). */
  dmChannel(userId: Snowflake): APIDMChannel;
  /** A message the fake knows (sent by a user or the bot). */
  getMessage(messageId: Snowflake): APIMessage | undefined;
  /** Any channel the fake knows. */
  getChannel(channelId: Snowflake): APIChannel | undefined;
  /** Commands registered via `PUT/POST /applications/:app(/guilds/:gid)/commands` (global if no guild id). */
  registeredCommands(guildId?: Snowflake): APIApplicationCommand[];
  /** Permissions of a member in a guild (roles + ownership; channel overwrites are not modelled). */
  permissionsOf(userId: Snowflake, guildId?: Snowflake): bigint;
  /** New unique snowflake. */
  nextId(): Snowflake;

  /** Closes every socket and the server; pending waits are rejected. Idempotent. */
  close(): Promise<void>;
}

// ───────────────────────────── helpers ─────────────────────────────

const DISCORD_EPOCH = 1_420_070_400_000n;
const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((a, b) => a | b, 0n);
const EVERYONE_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.CreatePublicThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis |
  PermissionFlagsBits.UseApplicationCommands |
  PermissionFlagsBits.ChangeNickname;
const DEFAULT_BOT_PERMISSIONS =
  EVERYONE_PERMISSIONS | PermissionFlagsBits.ManageThreads | PermissionFlagsBits.ManageMessages;
const DM_APP_PERMISSIONS =
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseExternalEmojis;
const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function compilePath(pattern: string): RegExp {
  const source = pattern
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "([^/]+)" : segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("/");
  return new RegExp(`^${source}$`);
}

function pathMatches(path: string, expected: string | RegExp): boolean {
  if (expected instanceof RegExp) return expected.test(path);
  return expected.includes("/:") ? compilePath(expected).test(path) : path === expected;
}

function toMatcher(matcher: RequestMatcher): (request: RecordedRequest) => boolean {
  if (typeof matcher === "function") return matcher;
  const method = matcher.method?.toUpperCase();
  return (request) =>
    (method === undefined || request.method === method) &&
    (matcher.path === undefined || pathMatches(request.path, matcher.path));
}

function describeRequests(requests: readonly RecordedRequest[]): string {
  const tail = requests.slice(-15);
  if (tail.length === 0) return "  (no requests recorded)";
  return tail
    .map((r) => `  #${r.index} ${r.method} ${r.path} → ${r.status}${r.injected ? " (injected)" : ""}`)
    .join("\n");
}

function timestampOf(id: Snowflake): string {
  return new Date(Number((BigInt(id) >> 22n) + DISCORD_EPOCH)).toISOString();
}

function simpleOptions(
  options: Record<string, SimpleOptionValue>,
): APIApplicationCommandInteractionDataBasicOption<InteractionType.ApplicationCommand>[] {
  return Object.entries(options).map(([name, value]) => {
    if (typeof value === "string") return { name, type: ApplicationCommandOptionType.String, value };
    if (typeof value === "boolean") return { name, type: ApplicationCommandOptionType.Boolean, value };
    return Number.isInteger(value)
      ? { name, type: ApplicationCommandOptionType.Integer, value }
      : { name, type: ApplicationCommandOptionType.Number, value };
  });
}

function stringifyRecord(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of query) out[key] = value;
  return out;
}

function log(enabled: boolean, ...parts: unknown[]): void {
  if (enabled) console.error("[fake-discord]", ...parts);
}

// ───────────────────────────── implementation ─────────────────────────────

interface GuildState {
  id: Snowflake;
  name: string;
  ownerId: Snowflake;
  roles: Map<Snowflake, APIRole>;
  members: Map<Snowflake, APIGuildMember>;
  joinedAt: string;
}

interface InteractionState {
  id: Snowflake;
  token: string;
  type: InteractionType;
  commandType?: ApplicationCommandType;
  commandName?: string;
  user: APIUser;
  channelId: Snowflake;
  guildId?: Snowflake;
  /** For component interactions: the message the component is on. */
  messageId?: Snowflake;
  acknowledged: boolean;
  /** The message that `@original` designates. */
  originalId?: Snowflake;
}

interface GatewayClient {
  socket: WebSocket;
  sequence: number;
  identified: boolean;
  /** The shard it identified as, [id, count]. */
  shard: [number, number];
}

interface Waiter {
  test: (request: RecordedRequest) => boolean;
  since: number;
  resolve: (request: RecordedRequest) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

interface RouteContext {
  params: string[];
  body: unknown;
  files: RecordedFile[];
  query: Record<string, string>;
}

interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Run after the HTTP answer was written (e.g. gateway dispatches that follow a REST action). */
  after?: () => void;
}

interface Route {
  method: string;
  regex: RegExp;
  handler: (ctx: RouteContext) => RouteResult;
}

class FakeDiscordImpl implements FakeDiscord {
  apiUrl = "";
  gatewayUrl = "";
  port = 0;
  readonly fixtures: FakeFixtures;
  readonly requests: RecordedRequest[] = [];
  readonly unknownRequests: RecordedRequest[] = [];
  readonly schemaViolations: { method: string; path: string; violations: string[] }[] = [];
  readonly gatewayReceived: GatewaySendPayload[] = [];
  readonly gatewayConnections: Record<string, string>[] = [];
  heartbeats = 0;
  readonly ready: Promise<void>;

  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly clients = new Set<GatewayClient>();
  private readonly waiters = new Set<Waiter>();
  private readonly failures: FailureRule[] = [];
  private readonly routes: Route[] = [];
  private readonly users = new Map<Snowflake, APIUser>();
  private readonly guilds = new Map<Snowflake, GuildState>();
  private readonly channels = new Map<Snowflake, APIChannel>();
  private readonly dmChannels = new Map<Snowflake, APIDMChannel>();
  private readonly announcedDms = new Set<Snowflake>();
  private readonly messages = new Map<Snowflake, APIMessage>();
  private readonly interactions = new Map<Snowflake, InteractionState>();
  private readonly commands = new Map<string, APIApplicationCommand[]>();
  private readonly commandIds = new Map<string, Snowflake>();
  private identifyPayload: GatewayIdentifyData | undefined;
  private identifyWaiters: {
    resolve: (data: GatewayIdentifyData) => void;
    reject: (error: Error) => void;
    timer: NodeJS.Timeout;
  }[] = [];
  private resolveReady!: () => void;
  private closed = false;
  private idCounter = 0n;
  private readonly debug: boolean;
  private readonly heartbeatIntervalMs: number;
  private readonly shardCount: number;

  constructor(private readonly options: FakeDiscordOptions) {
    this.debug = options.debug ?? process.env.FAKE_DISCORD_DEBUG === "1";
    this.heartbeatIntervalMs = options.heartbeatIntervalMs ?? 45_000;
    this.shardCount = options.shards ?? 1;
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.fixtures = this.createFixtures();
    this.defineRoutes();
    this.server = createServer((req, res) => {
      this.onHttpRequest(req, res).catch((error: unknown) => {
        console.error("[fake-discord] request failed", error);
        if (!res.headersSent) res.writeHead(500).end();
      });
    });
    this.server.keepAliveTimeout = 60_000;
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  async listen(): Promise<void> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.port = (this.server.address() as AddressInfo).port;
    this.apiUrl = `http://127.0.0.1:${this.port}/api`;
    this.gatewayUrl = `ws://127.0.0.1:${this.port}/gateway`;
  }

  // ── ids, fixtures, state ──

  nextId(): Snowflake {
    this.idCounter += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (this.idCounter & 0x3fffffn)).toString();
  }

  shardOf(guildId: Snowflake): number {
    return Number((BigInt(guildId) >> 22n) % BigInt(this.shardCount));
  }

  /** A fresh id that {@link shardOf} puts on `shard`: its timestamp part moved forward to the next that does. */
  private idOnShard(shard: number): Snowflake {
    const id = BigInt(this.nextId());
    const count = BigInt(this.shardCount);
    const step = (BigInt(shard) - ((id >> 22n) % count) + count) % count;
    return (id + (step << 22n)).toString();
  }

  addGuild(spec: { name: string; shard?: number }): { id: Snowflake; textChannel: APITextChannel } {
    const id = spec.shard === undefined ? this.nextId() : this.idOnShard(spec.shard);
    const { owner, member, bot } = this.fixtures;
    this.guilds.set(id, {
      id,
      name: spec.name,
      ownerId: owner.id,
      roles: new Map(),
      members: new Map(),
      joinedAt: new Date().toISOString(),
    });
    this.addRole({ name: "@everyone", permissions: EVERYONE_PERMISSIONS, guildId: id, id, position: 0 });
    const botRole = this.addRole({
      name: bot.username,
      permissions: this.options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      guildId: id,
      managed: true,
    });
    this.addMember({ user: bot, roles: [botRole.id], guildId: id });
    this.addMember({ user: owner, guildId: id });
    this.addMember({ user: member, guildId: id });
    return { id, textChannel: this.addTextChannel({ name: "general", guildId: id, position: 0 }) };
  }

  private createFixtures(): FakeFixtures {
    const makeUser = (username: string, bot = false): APIUser => {
      const user: APIUser = {
        id: this.nextId(),
        username,
        discriminator: "0",
        global_name: bot ? null : username,
        avatar: null,
        ...(bot ? { bot: true } : {}),
      };
      this.users.set(user.id, user);
      return user;
    };
    const bot = makeUser(this.options.botName ?? "FakeBot", true);
    const owner = makeUser("owner");
    const member = makeUser("alice");
    const admin = makeUser("mod");
    const guildId = this.nextId();
    const guild: GuildState = {
      id: guildId,
      name: this.options.guildName ?? "Fake Guild",
      ownerId: owner.id,
      roles: new Map(),
      members: new Map(),
      joinedAt: new Date().toISOString(),
    };
    this.guilds.set(guildId, guild);
    const everyoneRole = this.addRole({
      name: "@everyone",
      permissions: EVERYONE_PERMISSIONS,
      guildId,
      id: guildId,
      position: 0,
    });
    const adminRole = this.addRole({
      name: "Moderators",
      permissions:
        PermissionFlagsBits.ManageGuild | PermissionFlagsBits.ManageMessages | PermissionFlagsBits.ManageThreads,
      guildId,
    });
    const botRole = this.addRole({
      name: bot.username,
      permissions: this.options.botPermissions ?? DEFAULT_BOT_PERMISSIONS,
      guildId,
      managed: true,
    });
    this.addMember({ user: bot, roles: [botRole.id], guildId });
    this.addMember({ user: owner, guildId });
    this.addMember({ user: member, guildId });
    this.addMember({ user: admin, roles: [adminRole.id], guildId });
    const textChannel = this.addTextChannel({ name: "general", guildId, position: 0 });
    const qaChannel = this.addTextChannel({ name: "q-and-a", guildId, position: 1, topic: "Questions and answers" });
    return {
      applicationId: bot.id,
      bot,
      guild: { id: guildId, name: guild.name, ownerId: owner.id },
      everyoneRole,
      adminRole,
      botRole,
      textChannel,
      qaChannel,
      owner,
      member,
      admin,
    };
  }

  private get connected(): boolean {
    return [...this.clients].some((c) => c.identified && c.socket.readyState === WebSocket.OPEN);
  }

  private guildState(guildId: Snowflake | undefined): GuildState {
    const id = guildId ?? this.fixtures.guild.id;
    const guild = this.guilds.get(id);
    if (!guild) throw new Error(`fake-discord: unknown guild ${id}`);
    return guild;
  }

  private user(userId: Snowflake): APIUser {
    const user = this.users.get(userId);
    if (!user) throw new Error(`fake-discord: unknown user ${userId}; add it with fake.addUser()/addMember()`);
    return user;
  }

  addUser(user: Partial<APIUser> & { username: string }): APIUser {
    const full: APIUser = { id: this.nextId(), discriminator: "0", global_name: user.username, avatar: null, ...user };
    this.users.set(full.id, full);
    return full;
  }

  addRole(spec: {
    name: string;
    permissions?: bigint;
    guildId?: Snowflake;
    id?: Snowflake;
    position?: number;
    managed?: boolean;
  }): APIRole {
    const guild = this.guildState(spec.guildId);
    const role: APIRole = {
      id: spec.id ?? this.nextId(),
      name: spec.name,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      icon: null,
      unicode_emoji: null,
      position: spec.position ?? guild.roles.size,
      permissions: (spec.permissions ?? 0n).toString(),
      managed: spec.managed ?? false,
      mentionable: false,
      flags: 0 as RoleFlags,
    };
    guild.roles.set(role.id, role);
    if (this.fixtures !== undefined && this.connected)
      this.dispatch(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guild.id, role });
    return role;
  }

  addMember(spec: {
    user: APIUser | (Partial<APIUser> & { username: string });
    roles?: Snowflake[];
    nick?: string;
    guildId?: Snowflake;
  }): APIGuildMember {
    const guild = this.guildState(spec.guildId);
    const user =
      spec.user.id !== undefined && this.users.has(spec.user.id) ? this.user(spec.user.id) : this.addUser(spec.user);
    const member: APIGuildMember = {
      user,
      nick: spec.nick ?? null,
      avatar: null,
      banner: null,
      roles: spec.roles ?? [],
      joined_at: new Date().toISOString(),
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
    };
    guild.members.set(user.id, member);
    if (this.fixtures !== undefined && this.connected)
      this.dispatch(GatewayDispatchEvents.GuildMemberAdd, { ...member, guild_id: guild.id });
    return member;
  }

  addTextChannel(spec: {
    name: string;
    guildId?: Snowflake;
    topic?: string;
    position?: number;
    permissionOverwrites?: APIOverwrite[];
  }): APITextChannel {
    const guild = this.guildState(spec.guildId);
    const channel: APITextChannel = {
      id: this.nextId(),
      type: ChannelType.GuildText,
      guild_id: guild.id,
      name: spec.name,
      position:
        spec.position ?? [...this.channels.values()].filter((c) => "guild_id" in c && c.guild_id === guild.id).length,
      permission_overwrites: spec.permissionOverwrites ?? [],
      nsfw: false,
      topic: spec.topic ?? null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
    };
    this.channels.set(channel.id, channel);
    if (this.fixtures !== undefined && this.connected) {
      this.dispatch(GatewayDispatchEvents.ChannelCreate, channel as DispatchData<GatewayDispatchEvents.ChannelCreate>);
    }
    return channel;
  }

  addForumChannel(spec: { name: string; guildId?: Snowflake }): APIGuildForumChannel {
    const guild = this.guildState(spec.guildId);
    const channel: APIGuildForumChannel = {
      id: this.nextId(),
      type: ChannelType.GuildForum,
      guild_id: guild.id,
      name: spec.name,
      position: this.channels.size,
      permission_overwrites: [],
      nsfw: false,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
      parent_id: null,
      default_auto_archive_duration: ThreadAutoArchiveDuration.OneDay,
      available_tags: [],
      default_reaction_emoji: null,
      default_thread_rate_limit_per_user: 0,
      default_sort_order: SortOrderType.LatestActivity,
      default_forum_layout: ForumLayoutType.ListView,
    };
    this.channels.set(channel.id, channel);
    if (this.connected)
      this.dispatch(GatewayDispatchEvents.ChannelCreate, channel as DispatchData<GatewayDispatchEvents.ChannelCreate>);
    return channel;
  }

  addForumPost(spec: { forumId: Snowflake; name: string; content: string; authorId?: Snowflake }): {
    thread: APIThreadChannel;
    message: GatewayMessageCreateDispatchData;
  } {
    const authorId = spec.authorId ?? this.fixtures.member.id;
    const thread = this.createThread(spec.forumId, this.nextId(), { name: spec.name });
    thread.owner_id = authorId;
    delete thread.member;
    this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
    return { thread, message: this.sendMessage({ content: spec.content, authorId, channelId: thread.id }) };
  }

  dmChannel(userId: Snowflake): APIDMChannel {
    const existing = this.dmChannels.get(userId);
    if (existing) return existing;
    const channel: APIDMChannel = {
      id: this.nextId(),
      type: ChannelType.DM,
      recipients: [this.user(userId)],
      last_message_id: null,
      name: null,
    };
    this.dmChannels.set(userId, channel);
    this.channels.set(channel.id, channel);
    return channel;
  }

  getMessage(messageId: Snowflake): APIMessage | undefined {
    return this.messages.get(messageId);
  }

  getChannel(channelId: Snowflake): APIChannel | undefined {
    return this.channels.get(channelId);
  }

  registeredCommands(guildId?: Snowflake): APIApplicationCommand[] {
    return this.commands.get(guildId ?? "global") ?? [];
  }

  getMember(userId: Snowflake, guildId?: Snowflake): APIGuildMember | undefined {
    return this.guildState(guildId).members.get(userId);
  }

  permissionsOf(userId: Snowflake, guildId?: Snowflake): bigint {
    const guild = this.guildState(guildId);
    if (guild.ownerId === userId) return ALL_PERMISSIONS;
    const member = guild.members.get(userId);
    let permissions = BigInt(guild.roles.get(guild.id)?.permissions ?? "0");
    for (const roleId of member?.roles ?? []) permissions |= BigInt(guild.roles.get(roleId)?.permissions ?? "0");
    return permissions & PermissionFlagsBits.Administrator ? ALL_PERMISSIONS : permissions;
  }

  private guildIdOf(channelId: Snowflake): Snowflake | undefined {
    const channel = this.channels.get(channelId);
    return channel && "guild_id" in channel ? channel.guild_id : undefined;
  }

  private memberNoUser(guildId: Snowflake, userId: Snowflake): APIGuildMemberNoUser | undefined {
    const member = this.guilds.get(guildId)?.members.get(userId);
    if (!member) return undefined;
    const { user: _user, ...rest } = member;
    return rest;
  }

  // ── recording and waiting ──

  mark(): number {
    return this.requests.length;
  }

  private record(request: RecordedRequest): void {
    this.requests.push(request);
    log(this.debug, `${request.method} ${request.path} → ${request.status}${request.injected ? " (injected)" : ""}`);
    for (const waiter of [...this.waiters]) {
      if (request.index >= waiter.since && waiter.test(request)) {
        this.waiters.delete(waiter);
        clearTimeout(waiter.timer);
        waiter.resolve(request);
      }
    }
  }

  waitForRequest<Body = unknown>(matcher: RequestMatcher, options: WaitOptions = {}): Promise<RecordedRequest<Body>> {
    const test = toMatcher(matcher);
    const since = options.since ?? 0;
    const existing = this.requests.find((r) => r.index >= since && test(r));
    if (existing) return Promise.resolve(existing as RecordedRequest<Body>);
    if (this.closed) return Promise.reject(new Error("fake-discord is closed"));
    const timeoutMs = options.timeoutMs ?? 3000;
    const description =
      typeof matcher === "function" ? "predicate" : `${matcher.method ?? "*"} ${String(matcher.path ?? "*")}`;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
        since,
        resolve: (r) => resolve(r as RecordedRequest<Body>),
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(
              `fake-discord: no request matching ${description} (since #${since}) within ${timeoutMs} ms. Last requests:\n${describeRequests(this.requests)}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  waitForChannelMessage(channelId?: Snowflake, options?: WaitOptions): Promise<RecordedRequest<OutgoingMessage>> {
    const path = `/channels/${channelId ?? this.fixtures.textChannel.id}/messages`;
    return this.waitForRequest<OutgoingMessage>(
      (r) => r.method === "POST" && r.path === path && r.status < 300,
      options,
    );
  }

  waitForIdentify(timeoutMs = 3000): Promise<GatewayIdentifyData> {
    if (this.identifyPayload) return Promise.resolve(this.identifyPayload);
    if (this.closed) return Promise.reject(new Error("fake-discord is closed"));
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          this.identifyWaiters = this.identifyWaiters.filter((w) => w !== waiter);
          reject(new Error(`fake-discord: no IDENTIFY within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.identifyWaiters.push(waiter);
    });
  }

  failNext(spec: FailureSpec): FailureRule {
    const rule: FailureRule = { ...spec, remaining: spec.times ?? 1, hits: [] };
    this.failures.push(rule);
    return rule;
  }

  // ── HTTP ──

  private async onHttpRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = (req.method ?? "GET").toUpperCase();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const record: RecordedRequest = {
      index: this.requests.length,
      method,
      path: "",
      rawPath: url.pathname,
      query: stringifyRecord(url.searchParams),
      headers: req.headers,
      body: undefined,
      files: [],
      status: 0,
      response: undefined,
      injected: false,
      at: Date.now(),
    };
    let result: RouteResult;
    try {
      const prefix = "/api/v10";
      if (!url.pathname.startsWith(`${prefix}/`)) throw new HttpError(404, 0, `Not under ${prefix}`);
      record.path = url.pathname
        .slice(prefix.length)
        .split("/")
        .map((segment) => decodeURIComponent(segment))
        .join("/");
      await this.parseBody(req.headers["content-type"], raw, record);
      result = this.injectedFailure(record) ?? this.invalidBody(record) ?? this.route(record);
    } catch (error) {
      if (error instanceof HttpError) {
        result = { status: error.status, body: { message: error.message, code: error.code } };
      } else {
        result = { status: 500, body: { message: `fake-discord internal error: ${String(error)}`, code: 0 } };
        console.error("[fake-discord] handler error", error);
      }
    }
    record.status = result.status;
    record.response = result.body;
    record.index = this.requests.length;
    this.record(record);
    if (result.status === 404 && (result.body as { code?: number } | undefined)?.code === 0 && !record.injected) {
      this.unknownRequests.push(record);
    }
    const headers: Record<string, string> = { ...result.headers };
    if (result.body !== undefined) headers["content-type"] = "application/json";
    res.writeHead(result.status, headers);
    res.end(result.body === undefined ? undefined : JSON.stringify(result.body));
    try {
      result.after?.();
    } catch (error) {
      console.error("[fake-discord] follow-up dispatch failed", error);
    }
  }

  private async parseBody(contentType: string | undefined, raw: Buffer, record: RecordedRequest): Promise<void> {
    if (raw.length === 0) return;
    if (contentType?.startsWith("multipart/form-data")) {
      const form = await new Response(raw, { headers: { "content-type": contentType } }).formData();
      for (const [field, value] of form) {
        if (typeof value === "string") {
          if (field === "payload_json") record.body = JSON.parse(value);
        } else {
          record.files.push({
            field,
            name: value.name,
            contentType: value.type,
            data: Buffer.from(await value.arrayBuffer()),
          });
        }
      }
      return;
    }
    const text = raw.toString("utf8");
    try {
      record.body = JSON.parse(text);
    } catch {
      record.body = text;
    }
  }

  /** Discord's 400 for a body that breaks its schema; the violation is recorded for the test to fail on. */
  private invalidBody(record: RecordedRequest): RouteResult | undefined {
    const violations = requestViolations(record.method, record.path, record.body);
    if (violations.length === 0) return undefined;
    this.schemaViolations.push({ method: record.method, path: record.path, violations });
    console.error(`[fake-discord] ${record.method} ${record.path} breaks Discord's schema:`, violations);
    return { status: 400, body: { message: "Invalid Form Body", code: 50035, errors: violations } };
  }

  private injectedFailure(record: RecordedRequest): RouteResult | undefined {
    const rule = this.failures.find(
      (r) =>
        r.remaining > 0 &&
        (r.method === undefined || r.method.toUpperCase() === record.method) &&
        pathMatches(record.path, r.path),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    rule.hits.push(record);
    record.injected = true;
    if (rule.status === 429) {
      const retryAfter = rule.retryAfter ?? 0.05;
      return {
        status: 429,
        headers: {
          "retry-after": String(retryAfter),
          "x-ratelimit-scope": rule.global ? "global" : "user",
          ...(rule.global ? { "x-ratelimit-global": "true" } : {}),
        },
        body: {
          message: rule.message ?? "You are being rate limited.",
          retry_after: retryAfter,
          global: rule.global ?? false,
          code: 0,
        },
      };
    }
    return { status: rule.status, body: { message: rule.message ?? `Injected ${rule.status}`, code: rule.code ?? 0 } };
  }

  private route(record: RecordedRequest): RouteResult {
    for (const route of this.routes) {
      if (route.method !== record.method) continue;
      const match = route.regex.exec(record.path);
      if (!match) continue;
      return route.handler({ params: match.slice(1), body: record.body, files: record.files, query: record.query });
    }
    return {
      status: 404,
      body: { message: `Unknown (fake-discord has no route for ${record.method} ${record.path})`, code: 0 },
    };
  }

  private on(method: string, pattern: string, handler: (ctx: RouteContext) => RouteResult): void {
    this.routes.push({ method, regex: compilePath(pattern), handler });
  }

  private defineRoutes(): void {
    const ok = (body: unknown): RouteResult => ({ status: 200, body });
    const noContent: RouteResult = { status: 204 };
    const app = () => this.fixtures.applicationId;

    // gateway & users
    this.on("GET", "/gateway/bot", () => {
      const result: RESTGetAPIGatewayBotResult = {
        url: this.gatewayUrl,
        shards: this.shardCount,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
      };
      return ok(result);
    });
    this.on("GET", "/gateway", () => ok({ url: this.gatewayUrl }));
    this.on("GET", "/users/@me", () => ok(this.fixtures.bot));
    this.on("GET", "/applications/@me", () => {
      const application: APIApplication = {
        id: app(),
        name: this.fixtures.bot.username,
        icon: null,
        description: "",
        bot_public: false,
        bot_require_code_grant: false,
        bot: this.fixtures.bot,
        owner: this.fixtures.owner,
        summary: "",
        verify_key: "0".repeat(64),
        team: null,
        flags: 0 as ApplicationFlags,
        flags_new: "0",
      };
      return ok(application);
    });
    this.on("GET", "/users/:id", ({ params: [id] }) => ok(this.userOr404(id!)));
    this.on("POST", "/users/@me/channels", ({ body }) => {
      const recipient = (body as { recipient_id?: Snowflake } | undefined)?.recipient_id;
      if (!recipient || !this.users.has(recipient))
        throw new HttpError(400, 50007, "Cannot send messages to this user");
      return ok(this.dmChannel(recipient));
    });

    // guilds
    this.on("GET", "/guilds/:gid", ({ params: [gid] }) => ok(this.guildPayload(this.guildOr404(gid!))));
    this.on("GET", "/guilds/:gid/channels", ({ params: [gid] }) => {
      this.guildOr404(gid!);
      return ok(
        [...this.channels.values()].filter(
          (c) => "guild_id" in c && c.guild_id === gid && c.type === ChannelType.GuildText,
        ),
      );
    });
    this.on("GET", "/guilds/:gid/roles", ({ params: [gid] }) => ok([...this.guildOr404(gid!).roles.values()]));
    this.on("GET", "/guilds/:gid/members/:uid", ({ params: [gid, uid] }) => {
      const member = this.guildOr404(gid!).members.get(uid!);
      if (!member) throw new HttpError(404, 10007, "Unknown Member");
      return ok(member);
    });
    // A member's roles, as Discord guards them: Manage Roles, and only roles below the bot's highest.
    for (const method of ["PUT", "DELETE"] as const) {
      this.on(method, "/guilds/:gid/members/:uid/roles/:rid", ({ params: [gid, uid, rid] }) => {
        const guild = this.guildOr404(gid!);
        const member = guild.members.get(uid!);
        if (!member) throw new HttpError(404, 10007, "Unknown Member");
        const role = guild.roles.get(rid!);
        if (!role) throw new HttpError(404, 10011, "Unknown Role");
        const bot = this.fixtures.bot.id;
        const highest = Math.max(
          0,
          ...(guild.members.get(bot)?.roles ?? []).map((r) => guild.roles.get(r)?.position ?? 0),
        );
        if (!(this.permissionsOf(bot, gid) & PermissionFlagsBits.ManageRoles) || role.position >= highest)
          throw new HttpError(403, 50013, "Missing Permissions");
        const roles = member.roles.filter((r) => r !== rid);
        member.roles = method === "PUT" ? [...roles, rid!] : roles;
        return noContent;
      });
    }

    // channels & messages
    this.on("GET", "/channels/:cid", ({ params: [cid] }) => ok(this.channelOr404(cid!)));
    this.on("POST", "/channels/:cid/typing", ({ params: [cid] }) => {
      this.channelOr404(cid!);
      return noContent;
    });
    this.on("GET", "/channels/:cid/messages", ({ params: [cid], query }) => {
      this.channelOr404(cid!);
      const limit = Number(query.limit ?? 50);
      const list = [...this.messages.values()]
        .filter((m) => m.channel_id === cid)
        .reverse()
        .slice(0, limit);
      return ok(list);
    });
    this.on("GET", "/channels/:cid/messages/:mid", ({ params: [cid, mid] }) => ok(this.messageOr404(cid!, mid!)));
    this.on("POST", "/channels/:cid/messages", ({ params: [cid], body, files }) => {
      const channel = this.channelOr404(cid!);
      const message = this.createBotMessage(channel.id, (body ?? {}) as OutgoingMessage, files);
      const echo = this.options.echoBotMessages ?? true;
      return {
        status: 200,
        body: message,
        after: echo && this.connected ? () => this.dispatchMessageCreate(message) : undefined,
      };
    });
    this.on("PATCH", "/channels/:cid/messages/:mid", ({ params: [cid, mid], body, files }) => {
      const message = this.messageOr404(cid!, mid!);
      return ok(this.editMessage(message, (body ?? {}) as OutgoingMessage, files));
    });
    this.on("DELETE", "/channels/:cid/messages/:mid", ({ params: [cid, mid] }) => {
      this.messageOr404(cid!, mid!);
      this.messages.delete(mid!);
      return noContent;
    });
    this.on("PUT", "/channels/:cid/messages/:mid/reactions/:emoji/@me", ({ params: [cid, mid] }) => {
      this.messageOr404(cid!, mid!);
      return noContent;
    });
    this.on("DELETE", "/channels/:cid/messages/:mid/reactions/:emoji/@me", ({ params: [cid, mid] }) => {
      this.messageOr404(cid!, mid!);
      return noContent;
    });
    this.on("POST", "/channels/:cid/messages/:mid/threads", ({ params: [cid, mid], body }) => {
      this.messageOr404(cid!, mid!);
      const thread = this.createThread(
        cid!,
        mid!,
        (body ?? {}) as { name?: string; auto_archive_duration?: ThreadAutoArchiveDuration },
      );
      return this.threadResult(thread);
    });
    this.on("POST", "/channels/:cid/threads", ({ params: [cid], body }) => {
      this.channelOr404(cid!);
      const spec = (body ?? {}) as {
        name?: string;
        auto_archive_duration?: ThreadAutoArchiveDuration;
        type?: ChannelType;
      };
      const thread = this.createThread(cid!, this.nextId(), spec);
      return this.threadResult(thread);
    });

    // application commands
    const putCommands = (scope: string, guildId: Snowflake | undefined, body: unknown): RouteResult => {
      if (!Array.isArray(body)) throw new HttpError(400, 50035, "Invalid Form Body");
      const list = (body as RESTPostAPIApplicationCommandsJSONBody[]).map((c) => this.toCommand(c, guildId));
      this.commands.set(scope, list);
      return ok(list);
    };
    const postCommand = (scope: string, guildId: Snowflake | undefined, body: unknown): RouteResult => {
      const command = this.toCommand(body as RESTPostAPIApplicationCommandsJSONBody, guildId);
      const list = (this.commands.get(scope) ?? []).filter((c) => c.name !== command.name);
      this.commands.set(scope, [...list, command]);
      return { status: 201, body: command };
    };
    const checkApp = (id: string | undefined) => {
      if (id !== app()) throw new HttpError(404, 10002, "Unknown Application");
    };
    this.on("GET", "/applications/:app/commands", ({ params: [id] }) => (checkApp(id), ok(this.registeredCommands())));
    this.on(
      "PUT",
      "/applications/:app/commands",
      ({ params: [id], body }) => (checkApp(id), putCommands("global", undefined, body)),
    );
    this.on(
      "POST",
      "/applications/:app/commands",
      ({ params: [id], body }) => (checkApp(id), postCommand("global", undefined, body)),
    );
    this.on(
      "GET",
      "/applications/:app/guilds/:gid/commands",
      ({ params: [id, gid] }) => (checkApp(id), ok(this.registeredCommands(gid))),
    );
    this.on(
      "PUT",
      "/applications/:app/guilds/:gid/commands",
      ({ params: [id, gid], body }) => (checkApp(id), putCommands(gid!, gid, body)),
    );
    this.on(
      "POST",
      "/applications/:app/guilds/:gid/commands",
      ({ params: [id, gid], body }) => (checkApp(id), postCommand(gid!, gid, body)),
    );
    const deleteCommand = (scope: string, commandId: string | undefined): RouteResult => {
      const list = this.commands.get(scope) ?? [];
      if (!list.some((c) => c.id === commandId)) throw new HttpError(404, 10063, "Unknown application command");
      this.commands.set(
        scope,
        list.filter((c) => c.id !== commandId),
      );
      return noContent;
    };
    this.on(
      "DELETE",
      "/applications/:app/commands/:cmd",
      ({ params: [id, cmd] }) => (checkApp(id), deleteCommand("global", cmd)),
    );
    this.on(
      "DELETE",
      "/applications/:app/guilds/:gid/commands/:cmd",
      ({ params: [id, gid, cmd] }) => (checkApp(id), deleteCommand(gid!, cmd)),
    );

    // interactions
    this.on("POST", "/interactions/:id/:token/callback", (ctx) => this.interactionCallback(ctx));
    this.on("GET", "/webhooks/:app/:token/messages/:mid", ({ params: [id, token, mid] }) =>
      ok(this.webhookMessage(id!, token!, mid!)),
    );
    this.on("PATCH", "/webhooks/:app/:token/messages/:mid", ({ params: [id, token, mid], body, files }) => {
      const message = this.webhookMessage(id!, token!, mid!);
      return ok(this.editMessage(message, (body ?? {}) as OutgoingMessage, files));
    });
    this.on("DELETE", "/webhooks/:app/:token/messages/:mid", ({ params: [id, token, mid] }) => {
      const message = this.webhookMessage(id!, token!, mid!);
      this.messages.delete(message.id);
      return noContent;
    });
    this.on("POST", "/webhooks/:app/:token", ({ params: [id, token], body, files }) => {
      const interaction = this.interactionByToken(id!, token!);
      if (!interaction.acknowledged) throw new HttpError(404, 10015, "Unknown Webhook");
      const message = this.createInteractionMessage(interaction, (body ?? {}) as OutgoingMessage, files);
      return ok(message);
    });
  }

  private userOr404(id: Snowflake): APIUser {
    const user = this.users.get(id);
    if (!user) throw new HttpError(404, 10013, "Unknown User");
    return user;
  }

  private guildOr404(id: Snowflake): GuildState {
    const guild = this.guilds.get(id);
    if (!guild) throw new HttpError(404, 10004, "Unknown Guild");
    return guild;
  }

  private channelOr404(id: Snowflake): APIChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new HttpError(404, 10003, "Unknown Channel");
    return channel;
  }

  private messageOr404(channelId: Snowflake, messageId: Snowflake): APIMessage {
    this.channelOr404(channelId);
    const message = this.messages.get(messageId);
    if (!message || message.channel_id !== channelId) throw new HttpError(404, 10008, "Unknown Message");
    return message;
  }

  private toCommand(
    body: RESTPostAPIApplicationCommandsJSONBody,
    guildId: Snowflake | undefined,
  ): APIApplicationCommand {
    const key = `${guildId ?? "global"}:${body.name}`;
    let id = this.commandIds.get(key);
    if (!id) {
      id = this.nextId();
      this.commandIds.set(key, id);
    }
    const { default_member_permissions, ...rest } = body;
    return {
      ...rest,
      id,
      application_id: this.fixtures.applicationId,
      ...(guildId ? { guild_id: guildId } : {}),
      type: body.type ?? ApplicationCommandType.ChatInput,
      description: "description" in body && body.description !== undefined ? body.description : "",
      default_member_permissions: default_member_permissions ?? null,
      version: this.nextId(),
    } as APIApplicationCommand;
  }

  // ── messages ──

  private attachmentsFrom(body: OutgoingMessage, files: RecordedFile[], keep: APIAttachment[] = []): APIAttachment[] {
    const kept = body.attachments ? keep.filter((a) => body.attachments!.some((b) => String(b.id) === a.id)) : keep;
    const added = files.map((file, i): APIAttachment => {
      const meta = body.attachments?.find((a) => String(a.id) === String(i));
      const id = this.nextId();
      return {
        id,
        filename: meta?.filename ?? file.name,
        size: file.data.length,
        url: `https://cdn.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.name)}`,
        proxy_url: `https://media.fake-discord.invalid/attachments/${id}/${encodeURIComponent(file.name)}`,
        content_type: file.contentType,
        ...(meta?.description ? { description: meta.description } : {}),
      };
    });
    return [...kept, ...added];
  }

  private mentionsIn(
    content: string,
    guildId: Snowflake | undefined,
  ): { users: APIUserWithMember[]; roles: Snowflake[]; everyone: boolean } {
    const users: APIUserWithMember[] = [];
    for (const [, id] of content.matchAll(/<@!?(\d+)>/g)) {
      const user = id ? this.users.get(id) : undefined;
      if (!user || users.some((u) => u.id === user.id)) continue;
      const member = guildId ? this.memberNoUser(guildId, user.id) : undefined;
      users.push(member ? { ...user, member } : { ...user });
    }
    const roles = [...content.matchAll(/<@&(\d+)>/g)].map((m) => m[1]!).filter((id, i, all) => all.indexOf(id) === i);
    return { users, roles, everyone: /@(everyone|here)\b/.test(content) };
  }

  private buildMessage(spec: {
    channelId: Snowflake;
    author: APIUser;
    body: OutgoingMessage;
    files?: RecordedFile[];
    type?: MessageType;
    webhookId?: Snowflake;
    interaction?: InteractionState;
  }): APIMessage {
    const { body } = spec;
    const id = this.nextId();
    const guildId = this.guildIdOf(spec.channelId);
    const content = body.content ?? "";
    const mentions = this.mentionsIn(content, guildId);
    const reference = body.message_reference?.message_id
      ? this.messages.get(body.message_reference.message_id)
      : undefined;
    const attachments = this.attachmentsFrom(body, spec.files ?? []);
    checkAttachedImages(body.embeds ?? [], attachments);
    const message: APIMessage = {
      id,
      channel_id: spec.channelId,
      author: spec.author,
      content,
      timestamp: timestampOf(id),
      edited_timestamp: null,
      tts: body.tts ?? false,
      mention_everyone: mentions.everyone,
      mentions: mentions.users,
      mention_roles: mentions.roles,
      attachments,
      embeds: body.embeds ?? [],
      components: (body.components ?? []) as APIMessage["components"],
      pinned: false,
      type: spec.type ?? (reference ? MessageType.Reply : MessageType.Default),
      flags: body.flags ?? 0,
      ...(body.nonce !== undefined ? { nonce: body.nonce } : {}),
      ...(spec.webhookId ? { webhook_id: spec.webhookId, application_id: this.fixtures.applicationId } : {}),
      ...(reference
        ? {
            message_reference: {
              type: MessageReferenceType.Default,
              message_id: reference.id,
              channel_id: reference.channel_id,
              ...(guildId ? { guild_id: guildId } : {}),
            },
            referenced_message: reference,
          }
        : {}),
      ...(spec.interaction
        ? {
            interaction_metadata: {
              id: spec.interaction.id,
              type: spec.interaction.type as InteractionType.ApplicationCommand,
              user: spec.interaction.user,
              authorizing_integration_owners: {
                [ApplicationIntegrationType.GuildInstall]: spec.interaction.guildId ?? "0",
              },
            },
          }
        : {}),
    };
    this.messages.set(id, message);
    const channel = this.channels.get(spec.channelId);
    if (channel && "last_message_id" in channel) channel.last_message_id = id;
    return message;
  }

  private createBotMessage(channelId: Snowflake, body: OutgoingMessage, files: RecordedFile[]): APIMessage {
    return this.buildMessage({ channelId, author: this.fixtures.bot, body, files });
  }

  private editMessage(message: APIMessage, body: OutgoingMessage, files: RecordedFile[]): APIMessage {
    if (body.content !== undefined) message.content = body.content ?? "";
    if (body.embeds !== undefined) message.embeds = body.embeds ?? [];
    if (body.components !== undefined) message.components = (body.components ?? []) as APIMessage["components"];
    if (body.flags !== undefined && body.flags !== null)
      message.flags = ((message.flags ?? 0) & MessageFlags.Ephemeral) | body.flags;
    if (body.attachments !== undefined || files.length > 0)
      message.attachments = this.attachmentsFrom(body, files, message.attachments);
    checkAttachedImages(message.embeds, message.attachments);
    message.flags = (message.flags ?? 0) & ~MessageFlags.Loading;
    const mentions = this.mentionsIn(message.content, this.guildIdOf(message.channel_id));
    message.mentions = mentions.users;
    message.mention_roles = mentions.roles;
    message.edited_timestamp = new Date().toISOString();
    return message;
  }

  private dispatchMessageCreate(message: APIMessage): void {
    const guildId = this.guildIdOf(message.channel_id);
    const channel = this.channels.get(message.channel_id);
    const member = guildId ? this.memberNoUser(guildId, message.author.id) : undefined;
    const data: GatewayMessageCreateDispatchData = {
      ...message,
      mentions: message.mentions,
      ...(guildId ? { guild_id: guildId } : {}),
      ...(member ? { member } : {}),
      ...(channel ? { channel_type: channel.type as GatewayMessageCreateDispatchData["channel_type"] & number } : {}),
    };
    this.dispatch(GatewayDispatchEvents.MessageCreate, data);
  }

  private createThread(
    parentId: Snowflake,
    threadId: Snowflake,
    spec: { name?: string; auto_archive_duration?: ThreadAutoArchiveDuration; type?: ChannelType },
  ): APIThreadChannel {
    const guildId = this.guildIdOf(parentId);
    if (!guildId) throw new HttpError(400, 50024, "Cannot execute action on this channel type");
    if (this.channels.has(threadId))
      throw new HttpError(400, 160004, "A thread has already been created for this message");
    const now = new Date().toISOString();
    const thread: APIThreadChannel = {
      id: threadId,
      type: spec.type === ChannelType.PrivateThread ? ChannelType.PrivateThread : ChannelType.PublicThread,
      guild_id: guildId,
      parent_id: parentId,
      owner_id: this.fixtures.bot.id,
      name: spec.name ?? "thread",
      last_message_id: null,
      rate_limit_per_user: 0,
      message_count: 0,
      member_count: 1,
      total_message_sent: 0,
      applied_tags: [],
      thread_metadata: {
        archived: false,
        auto_archive_duration: spec.auto_archive_duration ?? ThreadAutoArchiveDuration.OneDay,
        archive_timestamp: now,
        locked: false,
        create_timestamp: now,
      },
      member: { id: threadId, user_id: this.fixtures.bot.id, join_timestamp: now, flags: 0 as ThreadMemberFlags },
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  private threadResult(thread: APIThreadChannel): RouteResult {
    return {
      status: 201,
      body: thread,
      after: () => {
        if (this.connected) this.dispatch(GatewayDispatchEvents.ThreadCreate, { ...thread, newly_created: true });
      },
    };
  }

  // ── interactions (REST side) ──

  private interactionByToken(appId: Snowflake, token: string): InteractionState {
    const interaction = [...this.interactions.values()].find((i) => i.token === token);
    if (!interaction || appId !== this.fixtures.applicationId) throw new HttpError(404, 10015, "Unknown Webhook");
    return interaction;
  }

  private webhookMessage(appId: Snowflake, token: string, messageId: Snowflake): APIMessage {
    const interaction = this.interactionByToken(appId, token);
    const id = messageId === "@original" ? interaction.originalId : messageId;
    const message = id ? this.messages.get(id) : undefined;
    if (!message) throw new HttpError(404, 10008, "Unknown Message");
    return message;
  }

  private createInteractionMessage(
    interaction: InteractionState,
    body: OutgoingMessage,
    files: RecordedFile[],
  ): APIMessage {
    return this.buildMessage({
      channelId: interaction.channelId,
      author: this.fixtures.bot,
      body,
      files,
      webhookId: this.fixtures.applicationId,
      interaction,
      type:
        interaction.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
    });
  }

  private interactionCallback({ params: [id, token], body, files, query }: RouteContext): RouteResult {
    const interaction = this.interactions.get(id!);
    if (!interaction || interaction.token !== token) throw new HttpError(404, 10062, "Unknown interaction");
    if (interaction.acknowledged) throw new HttpError(400, 40060, "Interaction has already been acknowledged.");
    const response = body as APIInteractionResponse;
    let message: APIMessage | undefined;
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        message = this.createInteractionMessage(interaction, response.data, files);
        break;
      case InteractionResponseType.DeferredChannelMessageWithSource:
        message = this.createInteractionMessage(
          interaction,
          { content: "", flags: (response.data?.flags ?? 0) | MessageFlags.Loading },
          [],
        );
        break;
      case InteractionResponseType.DeferredMessageUpdate:
      case InteractionResponseType.UpdateMessage: {
        if (interaction.type !== InteractionType.MessageComponent && interaction.type !== InteractionType.ModalSubmit) {
          throw new HttpError(400, 40004, "Interaction callback type not valid for this interaction");
        }
        message = interaction.messageId ? this.messages.get(interaction.messageId) : undefined;
        if (message && response.type === InteractionResponseType.UpdateMessage && response.data)
          this.editMessage(message, response.data, files);
        break;
      }
      case InteractionResponseType.ApplicationCommandAutocompleteResult:
        if (interaction.type !== InteractionType.ApplicationCommandAutocomplete)
          throw new HttpError(400, 40004, "Not an autocomplete interaction");
        break;
      case InteractionResponseType.Modal:
      case InteractionResponseType.Pong:
      case InteractionResponseType.PremiumRequired:
      case InteractionResponseType.LaunchActivity:
        break;
      default:
        throw new HttpError(400, 50035, "Invalid Form Body (unknown callback type)");
    }
    interaction.acknowledged = true;
    if (message) interaction.originalId = message.id;
    if (query.with_response !== "true") return { status: 204 };
    const result: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: interaction.id,
        type: interaction.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: response.type === InteractionResponseType.DeferredChannelMessageWithSource,
              response_message_ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type: response.type, ...(message ? { message } : {}) },
    };
    return { status: 200, body: result };
  }

  // ── interactions (gateway side) ──

  private resolveTarget(target: InteractionTarget): { user: APIUser; channel: APIChannel; guildId?: Snowflake } {
    const user = this.user(target.userId ?? this.fixtures.member.id);
    if (target.dm)
      return { user, channel: target.channelId ? this.channelOrThrow(target.channelId) : this.dmChannel(user.id) };
    const channel = this.channelOrThrow(target.channelId ?? this.fixtures.textChannel.id);
    const guildId = "guild_id" in channel ? channel.guild_id : undefined;
    return guildId ? { user, channel, guildId } : { user, channel };
  }

  private channelOrThrow(channelId: Snowflake): APIChannel {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`fake-discord: unknown channel ${channelId}`);
    return channel;
  }

  /** Fields shared by all interaction payloads; typed against the base interaction of each builder. */
  private interactionBase(target: InteractionTarget, type: InteractionType) {
    const { user, channel, guildId } = this.resolveTarget(target);
    const id = this.nextId();
    const token = `fake-interaction-token.${id}.${Math.random().toString(36).slice(2)}`;
    const state: InteractionState = {
      id,
      token,
      type,
      user,
      channelId: channel.id,
      acknowledged: false,
      ...(guildId ? { guildId } : {}),
    };
    this.interactions.set(id, state);
    const common = {
      id,
      application_id: this.fixtures.applicationId,
      token,
      version: 1 as const,
      locale: target.locale ?? Locale.EnglishUS,
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
      channel: channel as APIChatInputApplicationCommandInteraction["channel"],
      channel_id: channel.id,
    };
    if (guildId) {
      const guild = this.guildState(guildId);
      const member = guild.members.get(user.id);
      if (!member)
        throw new Error(`fake-discord: user ${user.id} is not a member of guild ${guildId}; use fake.addMember()`);
      const interactionMember: APIInteractionGuildMember = {
        ...member,
        user,
        permissions: this.permissionsOf(user.id, guildId).toString(),
      };
      return {
        state,
        fields: {
          ...common,
          guild_id: guildId,
          guild: { id: guildId, locale: Locale.EnglishUS, features: [] },
          guild_locale: Locale.EnglishUS,
          member: interactionMember,
          app_permissions: this.permissionsOf(this.fixtures.bot.id, guildId).toString(),
          authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guildId },
          context: InteractionContextType.Guild,
        },
      };
    }
    return {
      state,
      fields: {
        ...common,
        user,
        app_permissions: DM_APP_PERMISSIONS.toString(),
        authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: "0" },
        context: InteractionContextType.BotDM,
      },
    };
  }

  private commandId(name: string, guildId: Snowflake | undefined): Snowflake {
    const registered = [...(guildId ? this.registeredCommands(guildId) : []), ...this.registeredCommands()].find(
      (c) => c.name === name,
    );
    if (registered) return registered.id;
    const key = `${guildId ?? "global"}:${name}`;
    let id = this.commandIds.get(key);
    if (!id) {
      id = this.nextId();
      this.commandIds.set(key, id);
    }
    return id;
  }

  private nestOptions<T>(options: T[], subcommand: string | undefined, group: string | undefined): T[] {
    if (!subcommand) return options;
    const sub = { name: subcommand, type: ApplicationCommandOptionType.Subcommand, options } as unknown as T;
    return group
      ? [{ name: group, type: ApplicationCommandOptionType.SubcommandGroup, options: [sub] } as unknown as T]
      : [sub];
  }

  sendSlashCommand(spec: SlashCommandSpec): InteractionHandle {
    const { state, fields } = this.interactionBase(spec, InteractionType.ApplicationCommand);
    const raw = Array.isArray(spec.options) ? spec.options : simpleOptions(spec.options ?? {});
    const options = this.nestOptions<APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommand>>(
      raw,
      spec.subcommand,
      spec.subcommandGroup,
    );
    state.commandType = ApplicationCommandType.ChatInput;
    state.commandName = spec.name;
    const payload: APIChatInputApplicationCommandInteraction = {
      ...fields,
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.commandId(spec.name, state.guildId),
        type: ApplicationCommandType.ChatInput,
        name: spec.name,
        ...(options.length > 0 ? { options } : {}),
        ...(state.guildId && this.registeredCommands(state.guildId).some((c) => c.name === spec.name)
          ? { guild_id: state.guildId }
          : {}),
      },
    };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { interactionId: state.id, token: state.token, applicationId: this.fixtures.applicationId, payload };
  }

  sendAutocomplete(spec: AutocompleteSpec): InteractionHandle {
    const { state, fields } = this.interactionBase(spec, InteractionType.ApplicationCommandAutocomplete);
    type AutocompleteOption =
      APIApplicationCommandInteractionDataOption<InteractionType.ApplicationCommandAutocomplete>;
    const others = simpleOptions(spec.options ?? {}).map((o) => ({
      ...o,
      ...(typeof o.value === "number" ? { value: String(o.value) } : {}),
    })) as AutocompleteOption[];
    const focusedType = spec.focusedType ?? ApplicationCommandOptionType.String;
    const focused = { name: spec.focused, type: focusedType, value: spec.value, focused: true } as AutocompleteOption;
    const options = this.nestOptions<AutocompleteOption>([...others, focused], spec.subcommand, undefined);
    state.commandType = ApplicationCommandType.ChatInput;
    state.commandName = spec.name;
    const payload: APIApplicationCommandAutocompleteInteraction = {
      ...fields,
      type: InteractionType.ApplicationCommandAutocomplete,
      data: {
        id: this.commandId(spec.name, state.guildId),
        type: ApplicationCommandType.ChatInput,
        name: spec.name,
        options,
      },
    };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { interactionId: state.id, token: state.token, applicationId: this.fixtures.applicationId, payload };
  }

  sendButtonClick(spec: ButtonClickSpec): InteractionHandle {
    let channelId = spec.channelId;
    const known = spec.messageId ? this.messages.get(spec.messageId) : undefined;
    if (spec.messageId && !known) throw new Error(`fake-discord: unknown message ${spec.messageId}`);
    if (known) channelId = known.channel_id;
    const { state, fields } = this.interactionBase(
      { ...spec, ...(channelId ? { channelId } : {}) },
      InteractionType.MessageComponent,
    );
    const message =
      known ??
      this.buildMessage({
        channelId: state.channelId,
        author: this.fixtures.bot,
        body: {
          content: "",
          components: [
            {
              type: ComponentType.ActionRow,
              components: [
                {
                  type: ComponentType.Button,
                  style: ButtonStyle.Primary,
                  custom_id: spec.customId,
                  label: spec.customId,
                },
              ],
            },
          ],
        },
      });
    state.messageId = message.id;
    const payload: APIMessageComponentButtonInteraction = {
      ...fields,
      type: InteractionType.MessageComponent,
      message,
      data: { custom_id: spec.customId, component_type: ComponentType.Button },
    };
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { interactionId: state.id, token: state.token, applicationId: this.fixtures.applicationId, payload };
  }

  sendModalSubmit(spec: ModalSubmitSpec): InteractionHandle {
    const known = spec.messageId ? this.messages.get(spec.messageId) : undefined;
    if (spec.messageId && !known) throw new Error(`fake-discord: unknown message ${spec.messageId}`);
    const target = known ? { ...spec, channelId: known.channel_id } : spec;
    const { state, fields } = this.interactionBase(target, InteractionType.ModalSubmit);
    if (known) state.messageId = known.id;
    const payload = {
      ...fields,
      type: InteractionType.ModalSubmit,
      ...(known ? { message: known } : {}),
      data: {
        custom_id: spec.customId,
        components: Object.entries(spec.fields).map(([customId, value]) => ({
          type: ComponentType.ActionRow,
          components: [{ type: ComponentType.TextInput, custom_id: customId, value }],
        })),
      },
    } as APIModalSubmitInteraction;
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { interactionId: state.id, token: state.token, applicationId: this.fixtures.applicationId, payload };
  }

  sendMessageCommand(spec: MessageCommandSpec): InteractionHandle {
    const target = this.messages.get(spec.targetMessageId);
    if (!target) throw new Error(`fake-discord: unknown message ${spec.targetMessageId}`);
    const { state, fields } = this.interactionBase(
      { ...spec, channelId: target.channel_id },
      InteractionType.ApplicationCommand,
    );
    state.commandType = ApplicationCommandType.Message;
    state.commandName = spec.name;
    const payload = {
      ...fields,
      type: InteractionType.ApplicationCommand,
      data: {
        id: this.commandId(spec.name, state.guildId),
        type: ApplicationCommandType.Message,
        name: spec.name,
        target_id: target.id,
        resolved: { messages: { [target.id]: target } },
      },
    } as APIMessageApplicationCommandInteraction;
    this.dispatch(GatewayDispatchEvents.InteractionCreate, payload);
    return { interactionId: state.id, token: state.token, applicationId: this.fixtures.applicationId, payload };
  }

  sendMessage(spec: UserMessageSpec): GatewayMessageCreateDispatchData {
    const author = this.user(spec.authorId ?? this.fixtures.member.id);
    const channel = spec.dm
      ? spec.channelId
        ? this.channelOrThrow(spec.channelId)
        : this.dmChannel(author.id)
      : this.channelOrThrow(spec.channelId ?? this.fixtures.textChannel.id);
    const botMention = `<@${this.fixtures.bot.id}>`;
    const content =
      spec.mentionsBot && !new RegExp(`<@!?${this.fixtures.bot.id}>`).test(spec.content)
        ? `${botMention} ${spec.content}`
        : spec.content;
    if (spec.replyTo && !this.messages.has(spec.replyTo))
      throw new Error(`fake-discord: unknown message ${spec.replyTo}`);
    const message = this.buildMessage({
      channelId: channel.id,
      author,
      body: { content, ...(spec.replyTo ? { message_reference: { message_id: spec.replyTo } } : {}) },
    });
    if (channel.type === ChannelType.DM && spec.announceDmChannel && !this.announcedDms.has(channel.id)) {
      this.announcedDms.add(channel.id);
      // Not something Discord does for DMs (and not typed by discord-api-types): only for clients without Partials.Channel.
      this.dispatch(
        GatewayDispatchEvents.ChannelCreate,
        channel as unknown as DispatchData<GatewayDispatchEvents.ChannelCreate>,
      );
    }
    const guildId = this.guildIdOf(channel.id);
    const member = guildId ? this.memberNoUser(guildId, author.id) : undefined;
    const data: GatewayMessageCreateDispatchData = {
      ...message,
      channel_type: channel.type as NonNullable<GatewayMessageCreateDispatchData["channel_type"]>,
      ...(guildId ? { guild_id: guildId } : {}),
      ...(member ? { member } : {}),
    };
    this.dispatch(GatewayDispatchEvents.MessageCreate, data);
    return data;
  }

  // ── interaction waiting helpers ──

  private interactionState(interaction: InteractionHandle | Snowflake): InteractionState {
    const id = typeof interaction === "string" ? interaction : interaction.interactionId;
    const state = this.interactions.get(id);
    if (!state) throw new Error(`fake-discord: unknown interaction ${id}`);
    return state;
  }

  waitForInteractionCallback(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<RecordedRequest<APIInteractionResponse>> {
    const state = this.interactionState(interaction);
    const path = `/interactions/${state.id}/${state.token}/callback`;
    return this.waitForRequest<APIInteractionResponse>(
      (r) => r.method === "POST" && r.path === path && r.status < 300,
      options,
    );
  }

  async interactionResponse(
    interaction: InteractionHandle | Snowflake,
    options: WaitOptions & { until?: (body: OutgoingMessage) => boolean } = {},
  ): Promise<InteractionReply> {
    const state = this.interactionState(interaction);
    const callback = await this.waitForInteractionCallback(interaction, options);
    const response = callback.body;
    const finish = (body: OutgoingMessage, edit?: RecordedRequest<OutgoingMessage>): InteractionReply => {
      const message = state.originalId ? this.messages.get(state.originalId) : undefined;
      if (!message)
        throw new Error(`fake-discord: interaction ${state.id} has no message after callback type ${response.type}`);
      const files = edit?.files ?? callback.files;
      return {
        type: response.type,
        body: files.length > 0 ? { ...body, files } : body,
        message,
        ephemeral: ((message.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
        callback,
        ...(edit ? { edit } : {}),
      };
    };
    switch (response.type) {
      case InteractionResponseType.ChannelMessageWithSource:
        return finish(response.data);
      case InteractionResponseType.UpdateMessage:
        return finish(response.data ?? {});
      case InteractionResponseType.DeferredChannelMessageWithSource:
      case InteractionResponseType.DeferredMessageUpdate: {
        const path = `/webhooks/${this.fixtures.applicationId}/${state.token}/messages/@original`;
        const altPath = state.originalId
          ? `/webhooks/${this.fixtures.applicationId}/${state.token}/messages/${state.originalId}`
          : path;
        const edit = await this.waitForRequest<OutgoingMessage>(
          (r) =>
            r.method === "PATCH" &&
            (r.path === path || r.path === altPath) &&
            r.status < 300 &&
            (!options.until || options.until((r.body ?? {}) as OutgoingMessage)),
          { ...options, since: callback.index + 1 },
        );
        return finish(edit.body ?? {}, edit);
      }
      default:
        throw new Error(
          `fake-discord: interaction ${state.id} was answered with callback type ${response.type} (not a message); use autocompleteChoices()/waitForInteractionCallback()`,
        );
    }
  }

  async autocompleteChoices(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<APIApplicationCommandOptionChoice[]> {
    const callback = await this.waitForInteractionCallback(interaction, options);
    if (callback.body.type !== InteractionResponseType.ApplicationCommandAutocompleteResult) {
      throw new Error(`fake-discord: expected an autocomplete result (8), got callback type ${callback.body.type}`);
    }
    return callback.body.data.choices ?? [];
  }

  waitForFollowUp(
    interaction: InteractionHandle | Snowflake,
    options?: WaitOptions,
  ): Promise<RecordedRequest<OutgoingMessage>> {
    const state = this.interactionState(interaction);
    const path = `/webhooks/${this.fixtures.applicationId}/${state.token}`;
    return this.waitForRequest<OutgoingMessage>(
      (r) => r.method === "POST" && r.path === path && r.status < 300,
      options,
    );
  }

  // ── gateway ──

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (url.pathname !== "/gateway" && url.pathname !== "/gateway/") {
      socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, stringifyRecord(url.searchParams)));
  }

  private onConnection(socket: WebSocket, query: Record<string, string>): void {
    this.gatewayConnections.push(query);
    log(this.debug, "gateway connection", query);
    if (this.closed) {
      socket.close(1001, "fake-discord closing");
      return;
    }
    if (query.compress || (query.encoding ?? "json") !== "json") {
      console.error(`[fake-discord] gateway asked for unsupported ${JSON.stringify(query)}; closing with 4000`);
      socket.close(4000, "fake-discord supports only uncompressed JSON");
      return;
    }
    const client: GatewayClient = { socket, sequence: 0, identified: false, shard: [0, 1] };
    this.clients.add(client);
    socket.on("close", () => this.clients.delete(client));
    socket.on("error", () => this.clients.delete(client));
    socket.on("message", (data) => this.onGatewayMessage(client, data));
    this.send(client, {
      op: GatewayOpcodes.Hello,
      d: { heartbeat_interval: this.heartbeatIntervalMs },
      s: null,
      t: null,
    });
  }

  private send(
    client: GatewayClient,
    payload: GatewayReceivePayload | { op: GatewayOpcodes.Dispatch; t: string; s: number; d: unknown },
  ): void {
    if (client.socket.readyState !== WebSocket.OPEN) return;
    log(this.debug, "→ gateway", payload.t ?? `op ${payload.op}`);
    client.socket.send(JSON.stringify(payload));
  }

  private sendDispatch(client: GatewayClient, event: string, data: unknown): void {
    client.sequence += 1;
    this.send(client, { op: GatewayOpcodes.Dispatch, t: event, s: client.sequence, d: data });
  }

  private onGatewayMessage(client: GatewayClient, data: RawData): void {
    let payload: GatewaySendPayload;
    try {
      payload = JSON.parse(data.toString()) as GatewaySendPayload;
    } catch {
      client.socket.close(4002, "Decode error");
      return;
    }
    this.gatewayReceived.push(payload);
    log(this.debug, "← gateway op", payload.op);
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.heartbeats += 1;
        this.send(client, { op: GatewayOpcodes.HeartbeatAck, d: undefined, s: null, t: null });
        break;
      case GatewayOpcodes.Identify: {
        if (this.options.token !== undefined && payload.d.token !== this.options.token) {
          client.socket.close(4004, "Authentication failed.");
          return;
        }
        const [shardId, shardCount] = payload.d.shard ?? [0, 1];
        if (shardCount !== this.shardCount || shardId < 0 || shardId >= shardCount) {
          if (payload.d.shard) client.socket.close(4010, "Invalid shard.");
          else client.socket.close(4011, "Sharding required.");
          return;
        }
        client.shard = [shardId, shardCount];
        const guilds = [...this.guilds.values()].filter((guild) => this.shardOf(guild.id) === shardId);
        this.identifyPayload ??= payload.d;
        for (const waiter of this.identifyWaiters.splice(0)) {
          clearTimeout(waiter.timer);
          waiter.resolve(payload.d);
        }
        client.identified = true;
        const ready: GatewayReadyDispatchData = {
          v: 10,
          user: this.fixtures.bot,
          guilds: guilds.map(({ id }) => ({ id, unavailable: true })),
          session_id: `fake-session-${this.nextId()}`,
          resume_gateway_url: this.gatewayUrl,
          shard: client.shard,
          application: { id: this.fixtures.applicationId, flags: 0 as ApplicationFlags, flags_new: "0" },
        };
        this.sendDispatch(client, GatewayDispatchEvents.Ready, ready);
        for (const guild of guilds)
          this.sendDispatch(client, GatewayDispatchEvents.GuildCreate, this.guildCreatePayload(guild));
        this.resolveReady();
        break;
      }
      case GatewayOpcodes.Resume:
        // Sessions are not kept: make the client identify again.
        this.send(client, { op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null });
        break;
      default:
        // Presence updates, member requests, voice state... are only recorded.
        break;
    }
  }

  private guildPayload(guild: GuildState) {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: guild.ownerId,
      afk_channel_id: null,
      afk_timeout: 300 as const,
      verification_level: GuildVerificationLevel.None,
      default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
      explicit_content_filter: GuildExplicitContentFilter.Disabled,
      roles: [...guild.roles.values()],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: GuildMFALevel.None,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0 as GuildSystemChannelFlags,
      rules_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: GuildPremiumTier.None,
      premium_subscription_count: 0,
      preferred_locale: Locale.EnglishUS,
      public_updates_channel_id: null,
      max_video_channel_users: 25,
      max_stage_video_channel_users: 50,
      nsfw_level: GuildNSFWLevel.Default,
      premium_progress_bar_enabled: false,
      hub_type: null as GuildHubType | null,
      safety_alerts_channel_id: null,
      incidents_data: null,
    };
  }

  private guildCreatePayload(guild: GuildState): GatewayGuildCreateDispatchData {
    const guildChannels = [...this.channels.values()].filter((c) => "guild_id" in c && c.guild_id === guild.id);
    const isThread = (c: APIChannel): c is APIThreadChannel =>
      c.type === ChannelType.PublicThread ||
      c.type === ChannelType.PrivateThread ||
      c.type === ChannelType.AnnouncementThread;
    return {
      ...this.guildPayload(guild),
      joined_at: guild.joinedAt,
      large: false,
      unavailable: false,
      member_count: guild.members.size,
      voice_states: [],
      members: [...guild.members.values()],
      channels: guildChannels.filter((c) => !isThread(c)) as GatewayGuildCreateDispatchData["channels"],
      threads: guildChannels.filter(isThread) as GatewayGuildCreateDispatchData["threads"],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  dispatch<E extends GatewayDispatchEvents>(event: E, data: DispatchData<E>): void {
    // Tests also send malformed payloads (null, a number): those go to shard 0, as an event without a guild.
    const guildId = typeof data === "object" && data !== null ? (data as { guild_id?: unknown }).guild_id : undefined;
    const shard = typeof guildId === "string" && /^\d+$/.test(guildId) ? this.shardOf(guildId) : 0;
    const targets = [...this.clients].filter(
      (c) => c.identified && c.socket.readyState === WebSocket.OPEN && c.shard[0] === shard,
    );
    if (targets.length === 0)
      throw new Error(`fake-discord: cannot dispatch ${event}: no identified gateway connection`);
    for (const client of targets) this.sendDispatch(client, event, data);
  }

  sendRaw(payload: GatewayReceivePayload): void {
    for (const client of this.clients) this.send(client, payload);
  }

  // ── teardown ──

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("fake-discord closed while waiting"));
    }
    this.waiters.clear();
    for (const waiter of this.identifyWaiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error("fake-discord closed while waiting for IDENTIFY"));
    }
    for (const client of this.clients) client.socket.terminate();
    this.clients.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

/**
 * Starts a fake Discord on 127.0.0.1 (random port). Pass `fake.apiUrl` as `rest.api` of the discord.js `Client`;
 * the client finds the gateway through `GET /gateway/bot`. Remember `await fake.close()` (after `client.destroy()`).
 */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscordImpl(options);
  await fake.listen();
  return fake;
}
