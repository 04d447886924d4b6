/**
 * discord.js objects → the neutral interaction port. Each adapter keeps its own replied/deferred state, so
 * the router's reply-or-edit choice follows what this process actually did.
 */
import {
  ApplicationCommandOptionType,
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  DiscordAPIError,
  type AutocompleteInteraction as DjsAutocomplete,
  type Message,
  MessageFlags,
  PermissionFlagsBits,
  ThreadAutoArchiveDuration,
} from "discord.js";
import type { Logger } from "../../log.ts";
import { truncate } from "../../safe-text.ts";
import {
  type Actor,
  type AutocompleteInteraction,
  type CommandInteraction,
  type ComponentInteraction,
  type QuestionMessage,
  type Replyable,
  trackReplies,
} from "../interaction.ts";
import { editPayload, interactionPayload, messagePayload } from "./payload.ts";

type Repliable = ChatInputCommandInteraction | ButtonInteraction;

/** How long Discord waits for an interaction's first response. */
const INTERACTION_WINDOW_MS = 3000;

function actor(user: { id: string; username: string }): Actor {
  return { id: user.id, name: user.username };
}

/** The replying half, shared by commands and buttons. */
function replyable(i: Repliable): Replyable & { markReplied(): void } {
  return trackReplies({
    async reply(reply) {
      await i.reply(interactionPayload(reply));
    },
    async defer(options) {
      await i.deferReply(options?.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    },
    async editReply(reply) {
      await i.editReply(editPayload(reply));
    },
    async followUp(reply) {
      await i.followUp(interactionPayload(reply));
    },
  });
}

/** A slash command. */
export function commandPort(i: ChatInputCommandInteraction): CommandInteraction {
  const base = replyable(i);
  return Object.assign(base, {
    kind: "command" as const,
    id: i.id,
    commandName: i.commandName,
    user: actor(i.user),
    guildId: i.guildId,
    channelId: i.channelId,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    // The id is a snowflake holding Discord's creation time; a clock ahead of ours cannot grant more than 3 s.
    acknowledgeBy: Math.min(i.createdTimestamp, Date.now()) + INTERACTION_WINDOW_MS,
    options: {
      subcommandGroup: i.options.getSubcommandGroup(false),
      subcommand: i.options.getSubcommand(false),
      getString: (name: string) => i.options.getString(name),
      getInteger: (name: string) => i.options.getInteger(name),
      // The option's value is the channel's id: reading it needs no resolved channel object, which Discord
      // sends but a channel the client has not cached (or a test payload) may lack.
      getChannelId(name: string) {
        const option = i.options.get(name);
        return option?.type === ApplicationCommandOptionType.Channel && option.value !== undefined
          ? String(option.value)
          : null;
      },
    },
  });
}

/** An autocomplete request. */
export function autocompletePort(i: DjsAutocomplete): AutocompleteInteraction {
  const focused = i.options.getFocused(true);
  return {
    kind: "autocomplete",
    commandName: i.commandName,
    focused: { name: focused.name, value: String(focused.value) },
    user: actor(i.user),
    guildId: i.guildId,
    respond: (choices) => i.respond(choices),
  };
}

/** A button click. */
export function componentPort(i: ButtonInteraction): ComponentInteraction {
  const base = replyable(i);
  return Object.assign(base, {
    kind: "component" as const,
    id: i.id,
    customId: i.customId,
    user: actor(i.user),
    guildId: i.guildId,
    channelId: i.channelId,
    async update(reply: Parameters<ComponentInteraction["update"]>[0]) {
      const { flags: _ephemeralCannotChange, ...payload } = interactionPayload(reply);
      await i.update(payload);
      base.markReplied();
    },
  });
}

/** Whether the bot may open a thread from a message here. */
function canStartThread(message: Message): boolean {
  if (message.channel.type !== ChannelType.GuildText) return false;
  const me = message.guild?.members.me;
  if (!me) return false;
  const permissions = message.channel.permissionsFor(me);
  return (
    permissions.has(PermissionFlagsBits.CreatePublicThreads) &&
    permissions.has(PermissionFlagsBits.SendMessagesInThreads)
  );
}

/** Matches the bot's own mention as written in a message's content. */
export function mentionPattern(botId: string): RegExp {
  return new RegExp(`<@!?${botId}>`, "g");
}

/** Removes the bot's own mention from a question. */
export function stripMention(content: string, botId: string): string {
  return content.replace(mentionPattern(botId), " ").replace(/\s+/g, " ").trim();
}

/**
 * A free-text question. `conversationId` is the thread the bot started (or the DM channel), whose earlier
 * turns make this a follow-up; a fresh question in a guild channel opens a thread when it may.
 */
export function questionPort(message: Message, botId: string, inBotThread: boolean, logger: Logger): QuestionMessage {
  const keepsConversation = inBotThread || message.channel.type === ChannelType.DM;
  return {
    kind: "question",
    id: message.id,
    text: stripMention(message.content, botId),
    user: actor(message.author),
    guildId: message.guildId,
    channelId: message.channelId,
    conversationId: keepsConversation ? message.channelId : null,
    async showWorking() {
      if (message.channel.isSendable()) await message.channel.sendTyping();
    },
    async reply(reply, options) {
      if (options?.threadName && canStartThread(message)) {
        try {
          const thread = await message.startThread({
            name: truncate(options.threadName, 100),
            autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
          });
          await thread.send(messagePayload(reply));
          return { conversationId: thread.id };
        } catch (error) {
          // A thread is a nicety: if Discord refuses it (a permission override, a thread already there), answer in place.
          if (!(error instanceof DiscordAPIError)) throw error;
          logger.warn({ err: error, message: message.id }, "could not start a thread; replying in the channel");
        }
      }
      await message.reply(messagePayload(reply));
      return { conversationId: keepsConversation ? message.channelId : null };
    },
  };
}
