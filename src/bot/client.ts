/**
 * The discord.js client: intents for slash commands, guild messages with their content and DMs; the partials
 * that let DMs through; REST pointed at `config.discord.apiUrl` (a fake Discord in tests); and no mentions
 * by default. The `error` listeners matter: an EventEmitter "error" with no listener kills the process.
 */
import { once } from "node:events";
import { Client, Events, GatewayIntentBits, Partials, type RateLimitData, RESTEvents } from "discord.js";
import type { Config } from "../config.ts";
import type { Logger } from "../log.ts";
import { NO_MENTIONS } from "./discord/payload.ts";

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
    rest: { api: config.discord.apiUrl },
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

/**
 * `log` for the first event of each window; the events after it in the same window are only counted, and the
 * count goes out with the next line. A burst of 20,000 throttled calls is one line, not 20,000.
 */
export function oncePerWindow<T>(
  windowMs: number,
  log: (event: T, moreSinceLastLine: number) => void,
  now: () => number = Date.now,
): (event: T) => void {
  let windowStart = Number.NEGATIVE_INFINITY;
  let more = 0;
  return (event) => {
    const t = now();
    if (t - windowStart < windowMs) {
      more++;
      return;
    }
    log(event, more);
    windowStart = t;
    more = 0;
  };
}

/** Logs in and resolves once the client is ready (guilds received). */
export async function login(client: Client, token: string): Promise<void> {
  await Promise.all([once(client, Events.ClientReady), client.login(token)]);
}
