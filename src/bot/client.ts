/**
 * The discord.js client: intents for slash commands, guild messages with their content and DMs; the partials
 * that let DMs through; REST pointed at `config.discord.apiUrl` (a fake Discord in tests); and no mentions
 * by default. The `error` listeners matter: an EventEmitter "error" with no listener kills the process.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials, type RateLimitData, RESTEvents } from "discord.js";
import { Agent } from "undici";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { NO_MENTIONS } from "./discord/payload.ts";
import { oncePerWindow } from "./once-per-window.ts";

/** Connections to Discord's API that REST calls share; see {@link restAgent}. */
const REST_CONNECTIONS = 128;

/**
 * The HTTP agent for REST calls. Without a limit undici opens a connection per concurrent request: a burst of
 * 4,000 interactions opened 4,000 sockets, and connecting them cost more than the requests (a fifth of the
 * bot's CPU in the burst, with the garbage they left). A bounded pool of kept-alive connections serves the
 * acknowledgement lane (router.ts, as many in flight) and the answers' edits, which can wait their turn.
 */
function restAgent(): Agent {
  return new Agent({ connections: REST_CONNECTIONS, connect: { timeout: 30_000 } });
}

/** A client configured for this bot, not logged in yet. */
export function createClient(config: Pick<Config, "discord">, logger: Logger): Client {
  const client = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
      GatewayIntentBits.DirectMessages,
    ],
    // Discord sends no CHANNEL_CREATE for DMs: without the Channel partial, DM messages are dropped.
    partials: [Partials.Channel, Partials.Message],
    rest: { api: config.discord.apiUrl, agent: restAgent() },
    allowedMentions: NO_MENTIONS,
  });
  client.on(Events.Error, (error) => logger.error({ err: error }, "discord client error"));
  client.on(Events.ShardError, (error, shardId) => logger.error({ err: error, shardId }, "discord gateway error"));
  client.on(Events.Warn, (message) => logger.warn({ discord: message }, "discord warning"));
  // @discordjs/rest waits out a 429 by itself; logging it shows when the bot is being throttled, once a minute.
  const throttled = oncePerWindow(60_000, (info: RateLimitData, more: number) =>
    logger.warn(
      { route: info.route, retryAfterMs: info.retryAfter, global: info.global, moreSinceLastLine: more },
      "discord rate limit (one line a minute; the others are counted)",
    ),
  );
  client.rest.on(RESTEvents.RateLimited, throttled);
  return client;
}

/** Logs in and resolves once the client is ready (guilds received). */
export async function login(client: Client, token: string): Promise<void> {
  await Promise.all([once(client, Events.ClientReady), client.login(token)]);
}
