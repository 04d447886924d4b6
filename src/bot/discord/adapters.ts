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
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  Routes,
  ThreadAutoArchiveDuration,
} from "discord.js";
import type { Logger } from "../../log.ts";
import { truncate } from "../../safe-text.ts";
import {
  type Actor,
  type AutocompleteInteraction,
  type CommandInteraction,
  type CommandOptions,
  type ComponentInteraction,
  type QuestionMessage,
  type Replyable,
  trackReplies,
} from "../interaction.ts";
import type { Embed, Modal } from "../reply.ts";
import { editPayload, interactionPayload, messagePayload, modalPayload } from "./payload.ts";

type Repliable =
  | ChatInputCommandInteraction
  | MessageContextMenuCommandInteraction
  | ButtonInteraction
  | ModalSubmitInteraction;

/** How long Discord waits for an interaction's first response. */
const INTERACTION_WINDOW_MS = 3000;

function actor(user: { id: string; username: string }): Actor {
  return { id: user.id, name: user.username };
}

/**
 * The message each interaction's last edit left, as Discord returned it: a thread is opened on it without
 * fetching it again (one request fewer an answer, counted against Discord's 50 a second).
 */
const editedReplies = new WeakMap<Repliable, Message>();

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
      editedReplies.set(i, await i.editReply(editPayload(reply)));
    },
    async followUp(reply) {
      await i.followUp(interactionPayload(reply));
    },
    async deleteReply() {
      await i.deleteReply();
    },
  });
}

/** Whether the bot may open a public thread in this interaction's channel, by its own permissions there. */
function mayOpenThread(i: ChatInputCommandInteraction): boolean {
  return (
    i.channel?.type === ChannelType.GuildText &&
    i.appPermissions.has(PermissionFlagsBits.CreatePublicThreads) &&
    i.appPermissions.has(PermissionFlagsBits.SendMessagesInThreads)
  );
}

/** The thread the interaction runs in when the bot started it (a conversation), else null. */
function botThreadOf(i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction): string | null {
  const channel = i.channel;
  return channel?.isThread() && channel.ownerId === i.client.user.id ? channel.id : null;
}

/** A slash command or a message context-menu command. */
export function commandPort(
  i: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
  logger: Logger,
): CommandInteraction {
  const base = replyable(i);
  const common = {
    kind: "command" as const,
    id: i.id,
    commandName: i.commandName,
    user: actor(i.user),
    guildId: i.guildId,
    channelId: i.channelId,
    memberPermissions: i.memberPermissions?.bitfield ?? null,
    // The id is a snowflake holding Discord's creation time; a clock ahead of ours cannot grant more than 3 s.
    acknowledgeBy: Math.min(i.createdTimestamp, Date.now()) + INTERACTION_WINDOW_MS,
    threadId: botThreadOf(i),
    async botPermissionsIn(channelId: string) {
      const me = i.guild?.members.me;
      const channel = await i.guild?.channels.fetch(channelId).catch(() => null);
      if (!me || !channel) return null;
      const kind =
        channel.type === ChannelType.GuildForum ? "forum" : channel.type === ChannelType.GuildText ? "text" : "other";
      return { kind, permissions: channel.permissionsFor(me).bitfield } as const;
    },
  };
  if (i.isMessageContextMenuCommand()) {
    return Object.assign(base, common, {
      options: NO_OPTIONS,
      targetMessage: { id: i.targetMessage.id, text: i.targetMessage.content },
    });
  }
  return Object.assign(base, common, {
    options: {
      subcommandGroup: i.options.getSubcommandGroup(false),
      subcommand: i.options.getSubcommand(false),
      getString: (name: string) => i.options.getString(name),
      getInteger: (name: string) => i.options.getInteger(name),
      getBoolean: (name: string) => i.options.getBoolean(name),
      // The option's value is the channel's id: reading it needs no resolved channel object, which Discord
      // sends but a channel the client has not cached (or a test payload) may lack.
      getChannelId(name: string) {
        const option = i.options.get(name);
        return option?.type === ApplicationCommandOptionType.Channel && option.value !== undefined
          ? String(option.value)
          : null;
      },
      getRoleId(name: string) {
        const option = i.options.get(name);
        return option?.type === ApplicationCommandOptionType.Role && option.value !== undefined
          ? String(option.value)
          : null;
      },
    },
    async openThread(name: string) {
      if (!mayOpenThread(i)) return null;
      try {
        const message = editedReplies.get(i) ?? (await i.fetchReply());
        const thread = await message.startThread({
          name: truncate(name, 100),
          autoArchiveDuration: ThreadAutoArchiveDuration.OneDay,
        });
        return thread.id;
      } catch (error) {
        // The answer is posted; a thread is a nicety, so a refusal is logged and the answer stands alone.
        if (!(error instanceof DiscordAPIError)) throw error;
        logger.warn({ err: error, interaction: i.id }, "could not open a thread from a reply");
        return null;
      }
    },
  });
}

/** A context-menu command has no options. */
const NO_OPTIONS: CommandOptions = {
  subcommandGroup: null,
  subcommand: null,
  getString: () => null,
  getInteger: () => null,
  getBoolean: () => null,
  getChannelId: () => null,
  getRoleId: () => null,
};

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

/** A button click or a modal's submission. */
export function componentPort(i: ButtonInteraction | ModalSubmitInteraction): ComponentInteraction {
  const base = replyable(i);
  const fields = i.isModalSubmit()
    ? new Map(i.fields.fields.filter((f) => "value" in f).map((f) => [f.customId, String(f.value)]))
    : new Map<string, string>();
  // A modal opened from a button carries the message of that button too.
  const message = i.message
    ? { content: i.message.content, embeds: i.message.embeds.map((e) => e.toJSON() as Embed) }
    : null;
  return Object.assign(base, {
    kind: "component" as const,
    id: i.id,
    customId: i.customId,
    user: actor(i.user),
    guildId: i.guildId,
    channelId: i.channelId,
    message,
    fields,
    async update(reply: Parameters<ComponentInteraction["update"]>[0]) {
      if (!i.isButton()) throw new Error("only a button's message can be updated");
      const { flags: _ephemeralCannotChange, ...payload } = interactionPayload(reply);
      await i.update(payload);
      base.markReplied();
    },
    ...(i.isButton()
      ? {
          async showModal(modal: Modal) {
            await i.showModal(modalPayload(modal));
            base.markReplied();
          },
        }
      : {}),
    ...(i.guildId && i.member
      ? {
          async toggleRole(roleId: string) {
            // The interaction's member may be raw API data (an uncached guild) or a GuildMember.
            const roles = i.member!.roles;
            const has = Array.isArray(roles) ? roles.includes(roleId) : roles.cache.has(roleId);
            const route = Routes.guildMemberRole(i.guildId!, i.user.id, roleId);
            if (has) await i.client.rest.delete(route, { reason: "Quiz: Notify me turned off" });
            else await i.client.rest.put(route, { reason: "Quiz: Notify me turned on" });
            return !has;
          },
        }
      : {}),
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
 * A free-text question. `conversationId` is the thread the bot started, the forum post, or the DM channel,
 * whose earlier turns make this a follow-up; a fresh question in a guild text channel opens a thread when it
 * may. In a forum post (a Q&A forum) the answer goes in the post itself.
 */
export function questionPort(message: Message, botId: string, inBotThread: boolean, logger: Logger): QuestionMessage {
  const channel = message.channel;
  const inForumPost = channel.isThread() && channel.parent?.type === ChannelType.GuildForum;
  const inThread = inBotThread || inForumPost;
  const keepsConversation = inThread || channel.type === ChannelType.DM;
  return {
    kind: "question",
    id: message.id,
    text: stripMention(message.content, botId),
    user: actor(message.author),
    guildId: message.guildId,
    channelId: message.channelId,
    conversationId: keepsConversation ? message.channelId : null,
    inThread,
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
