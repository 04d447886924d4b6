/**
 * The neutral interaction port: what a command, a button handler or the question flow may do with the
 * interaction in front of it. The discord.js adapter and the console adapter both implement it, so the
 * router and every command run unchanged on either front end.
 */
import type { Modal, Reply } from "./reply.ts";

/** Who is acting. */
export interface Actor {
  id: string;
  /** A display name, for logs and the console; never used to decide anything. */
  name: string;
}

/** The replying half shared by commands and buttons, with Discord's rules: one reply, then edits or follow-ups. */
export interface Replyable {
  /** True after {@link defer}. */
  readonly deferred: boolean;
  /** True after a {@link defer} that everyone in the channel sees ("… is thinking"). */
  readonly deferredPublicly: boolean;
  /** True after {@link reply} (or {@link ComponentInteraction.update}). */
  readonly replied: boolean;
  /** The first answer; Discord wants it within 3 seconds. */
  reply(reply: Reply): Promise<void>;
  /** Acknowledges now and promises an {@link editReply} later (up to 15 minutes). */
  defer(options?: { ephemeral?: boolean }): Promise<void>;
  /** Replaces the deferred or first reply. */
  editReply(reply: Reply): Promise<void>;
  /** A further message after the first reply. */
  followUp(reply: Reply): Promise<void>;
  /** Removes the first reply (or the "thinking…" of a deferral). */
  deleteReply(): Promise<void>;
}

/** How a front end sends each kind of reply; {@link trackReplies} adds what the router needs to know. */
export type ReplySender = Pick<Replyable, "reply" | "defer" | "editReply" | "followUp" | "deleteReply">;

/**
 * A {@link Replyable} over `send` that remembers whether it deferred or replied, so the router answers with
 * reply, editReply or followUp as Discord expects. `markReplied` records a reply sent another way (a button's
 * update of its message). A second deferral does nothing, and a reply after a deferral edits it.
 */
export function trackReplies(send: ReplySender): Replyable & { markReplied(): void } {
  const state = { deferred: false, deferredPublicly: false, replied: false };
  return {
    get deferred() {
      return state.deferred;
    },
    get deferredPublicly() {
      return state.deferredPublicly;
    },
    get replied() {
      return state.replied;
    },
    markReplied: () => void (state.replied = true),
    async reply(reply) {
      // Deferred already (the router does so for a command that waited in the queue): the reply fills it in,
      // unless it is private and the deferral public, which would show it to everyone: then it follows privately.
      if (state.deferred && !state.replied && state.deferredPublicly && reply.ephemeral) {
        await send.deleteReply();
        await send.followUp(reply);
      } else if (state.deferred && !state.replied) await send.editReply(reply);
      else await send.reply(reply);
      state.replied = true;
    },
    async defer(options) {
      if (state.deferred || state.replied) return;
      await send.defer(options);
      state.deferred = true;
      state.deferredPublicly = !options?.ephemeral;
    },
    async editReply(reply) {
      await send.editReply(reply);
      state.replied = true;
    },
    followUp: (reply) => send.followUp(reply),
    deleteReply: () => send.deleteReply(),
  };
}

/** The options of a slash command, read by name. */
export interface CommandOptions {
  readonly subcommandGroup: string | null;
  readonly subcommand: string | null;
  getString(name: string): string | null;
  getInteger(name: string): number | null;
  getBoolean(name: string): boolean | null;
  /** A channel option's id. */
  getChannelId(name: string): string | null;
  /** A role option's id. */
  getRoleId(name: string): string | null;
}

/** A slash command being run. */
export interface CommandInteraction extends Replyable {
  readonly kind: "command";
  /** Unique per interaction: used as the id of an answer's record. */
  readonly id: string;
  readonly commandName: string;
  readonly options: CommandOptions;
  readonly user: Actor;
  /** Null in a DM (and in the console). */
  readonly guildId: string | null;
  readonly channelId: string | null;
  /** The member's permissions in the channel (Discord's bit field); null outside a server. */
  readonly memberPermissions: bigint | null;
  /**
   * When the first response must have been sent (ms since the epoch): Discord forgets an interaction not
   * acknowledged within 3 seconds of its creation. Null where nothing expires (the console).
   */
  readonly acknowledgeBy: number | null;
  /** "console" in the local console, where replies are text and buttons are pressed with `!`; absent on Discord. */
  readonly surface?: "console";
  /** The thread the bot started that this command runs in (a conversation to continue), or null. */
  readonly threadId?: string | null;
  /**
   * The bot's own permissions in a channel of this server (Discord's bit field) and what kind of channel it
   * is; null when the bot cannot see it. Absent where there are no channels (the console).
   */
  botPermissionsIn?(channelId: string): Promise<{ kind: "text" | "forum" | "other"; permissions: bigint } | null>;
  /** For a message context-menu command ("Ask the review"): the message it was used on. */
  readonly targetMessage?: { id: string; text: string };
  /**
   * Opens a public thread from the reply (after it was sent), where follow-ups continue the conversation.
   * Resolves with the thread's id, or null where the bot cannot open one (a DM, a thread, missing permission).
   */
  openThread?(name: string): Promise<string | null>;
}

/** One autocomplete choice. */
export interface Choice {
  name: string;
  value: string;
}

/** An autocomplete request: the focused option and what has been typed so far. */
export interface AutocompleteInteraction {
  readonly kind: "autocomplete";
  readonly commandName: string;
  readonly focused: { name: string; value: string };
  readonly user: Actor;
  readonly guildId: string | null;
  /** Answers with at most 25 choices; Discord drops the request after 3 seconds. */
  respond(choices: Choice[]): Promise<void>;
}

/** A button click or a submitted modal. */
export interface ComponentInteraction extends Replyable {
  readonly kind: "component";
  readonly id: string;
  readonly customId: string;
  readonly user: Actor;
  readonly guildId: string | null;
  readonly channelId: string | null;
  /** What the message the button is on shows; null for a modal's submission. */
  readonly message: Pick<Reply, "content" | "embeds"> | null;
  /** The text boxes of a submitted modal, by custom id; empty for a button. */
  readonly fields?: ReadonlyMap<string, string>;
  /** Replaces the message the button is on (e.g. the next page of a section). */
  update(reply: Reply): Promise<void>;
  /** Opens a form, as the first answer to a click; absent where there are no forms (the console). */
  showModal?(modal: Modal): Promise<void>;
  /**
   * Gives the clicking member `roleId`, or takes it away if they have it; resolves to whether they have it now.
   * Absent where there are no roles (the console, a DM).
   */
  toggleRole?(roleId: string): Promise<boolean>;
}

/** A free-text question: a mention, a DM, a message in a Q&A channel or in a thread the bot started. */
export interface QuestionMessage {
  readonly kind: "question";
  /** The message id: used as the id of the answer's record. */
  readonly id: string;
  /** The question, the bot's mention already removed. */
  readonly text: string;
  readonly user: Actor;
  readonly guildId: string | null;
  readonly channelId: string;
  /** Where earlier turns of this conversation are kept (a thread the bot started); null for a fresh question. */
  readonly conversationId: string | null;
  /**
   * True when the conversation is a thread (or a forum post), which lasts until someone presses "New
   * question"; a DM's or the console's conversation instead ends after 30 minutes of silence.
   */
  readonly inThread?: boolean;
  /** Shows that an answer is coming (typing, a reaction). */
  showWorking(): Promise<void>;
  /**
   * Posts `reply` as an answer to the message. With `threadName`, the adapter may open a thread from the
   * message and post there. Resolves with the conversation the answer went into (a thread id), or null.
   */
  reply(reply: Reply, options?: { threadName?: string }): Promise<{ conversationId: string | null }>;
}
