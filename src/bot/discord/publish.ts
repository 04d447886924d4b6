/**
 * Posting and editing messages in a channel outside any interaction — what a scheduled publisher (the daily
 * quiz) needs — with the same neutral {@link Reply} and the same no-mentions rule as every other reply.
 */
import type { Client } from "discord.js";
import type { Reply } from "../reply.ts";
import { messageEditPayload, messagePayload } from "./payload.ts";

async function sendableChannel(client: Client, channelId: string) {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`channel ${channelId} is not one the bot can post in`);
  return channel;
}

/** Posts `reply` in a channel and returns the new message's id. Discord errors propagate (DiscordAPIError, HTTPError). */
export async function postMessage(client: Client, channelId: string, reply: Reply): Promise<string> {
  const channel = await sendableChannel(client, channelId);
  const message = await channel.send(messagePayload(reply));
  return message.id;
}

/** Replaces a message the bot posted earlier (e.g. to reveal a quiz answer). */
export async function editMessage(client: Client, channelId: string, messageId: string, reply: Reply): Promise<void> {
  const channel = await sendableChannel(client, channelId);
  await channel.messages.edit(messageId, messageEditPayload(reply));
}
