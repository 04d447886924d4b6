/**
 * Posting and editing messages in a channel outside any interaction — what a scheduled publisher (the daily
 * quiz) needs — with the same neutral {@link Reply} and the same no-mentions rule as every other reply.
 */
import { createHash } from "node:crypto";
import type { Client } from "discord.js";
import type { Reply } from "../reply.ts";
import { messageEditPayload, messagePayload } from "./payload.ts";

async function sendableChannel(client: Client, channelId: string) {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not one the bot can post in`);
  return channel;
}

/**
 * Posts `reply` in a channel and returns the new message's id. Discord errors propagate (DiscordAPIError,
 * HTTPError). With a `nonce` (at most 25 characters) Discord enforces it: a second post with the same
 * nonce within a few minutes returns the message the first one created instead of posting again, so
 * retrying a request that failed after Discord had acted on it cannot post twice.
 */
export async function postMessage(client: Client, channelId: string, reply: Reply, nonce?: string): Promise<string> {
  const channel = await sendableChannel(client, channelId);
  const message = await channel.send({ ...messagePayload(reply), ...(nonce ? { nonce, enforceNonce: true } : {}) });
  return message.id;
}

/** A stable nonce for Discord (at most 25 characters) derived from any key, e.g. a quiz round's id. */
export function nonceFor(key: string): string {
  return createHash("sha256").update(key).digest("base64url").slice(0, 25);
}

/** Replaces a message the bot posted earlier (e.g. to reveal a quiz answer). */
export async function editMessage(client: Client, channelId: string, messageId: string, reply: Reply): Promise<void> {
  const channel = await sendableChannel(client, channelId);
  await channel.messages.edit(messageId, messageEditPayload(reply));
}
