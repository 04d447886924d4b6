/**
 * The command router both front ends use: slash commands by name, autocomplete, buttons by custom-id prefix,
 * and free-text questions. It owns what every entry point shares — the rate limit, the error split, the
 * reply-or-edit bookkeeping, the bounded queue answer work waits in, and the in-flight count that shutdown
 * waits for.
 *
 * Slash commands and questions are answer work: charged against the user's rate limit and run from the
 * queue. An interaction that must wait is acknowledged (deferred) on arrival, one that finds the queue full
 * is told the bot is busy, and one whose 3-second window has passed before any of that is dropped, never
 * worked on late. Those acknowledgements go out through a bounded lane (see acknowledgements.ts), so a
 * burst cannot stack thousands of requests that all arrive late. Buttons and paging are cheap, run at once
 * and cost no question.
 */
import { UserError } from "../errors.ts";
import { truncate } from "../safe-text.ts";
import { createAcknowledgementLane } from "./acknowledgements.ts";
import { answerQuestion } from "./ask.ts";
import type { Command, CommandContext, ComponentHandler } from "./command.ts";
import { liveTurns } from "./conversation.ts";
import { describeError, type ErrorReport } from "./errors.ts";
import { createHealth, type Health } from "./health.ts";
import type {
  AutocompleteInteraction,
  CommandInteraction,
  ComponentInteraction,
  QuestionMessage,
  Replyable,
} from "./interaction.ts";
import { oncePerWindow } from "./once-per-window.ts";
import { createAnswerQueue, type QueueOptions } from "./queue.ts";
import { createRateLimiter, type RateLimiter } from "./rate-limit.ts";
import { LIMITS } from "./render/limits.ts";
import type { Reply } from "./reply.ts";
import { createWorkTracker, type WorkTracker } from "./work.ts";

/** Routes every kind of input to its handler. */
export interface Router {
  readonly commands: readonly Command[];
  handleCommand(interaction: CommandInteraction): Promise<void>;
  handleAutocomplete(interaction: AutocompleteInteraction): Promise<void>;
  handleComponent(interaction: ComponentInteraction): Promise<void>;
  handleQuestion(message: QuestionMessage): Promise<void>;
  /** Whether a message is a question for the bot; see {@link MessageFacts}. */
  isQuestion(facts: MessageFacts): Promise<boolean>;
  /** Stops taking new work and waits (at most `timeoutMs`) for replies in flight; true if all finished. */
  close(timeoutMs: number): Promise<boolean>;
}

/** What decides whether a message is a question, gathered by the front end. */
export interface MessageFacts {
  fromBot: boolean;
  /** Written by Discord itself: a pin notice, "added to the thread", a join message… never a question. */
  system: boolean;
  /** The text with the bot's mention removed; empty for an image alone or a bare mention. */
  text: string;
  /** The bot's `<@id>` is written in the message (not just the ping of a reply to the bot). */
  mentionInText: boolean;
  isDM: boolean;
  mentionsBot: boolean;
  guildId: string | null;
  /** The channel, or for a thread its parent channel: Q&A channels are configured by their channel. */
  channelId: string;
  /** A thread the bot started: every message in it is a follow-up. */
  inBotThread: boolean;
}

/** Shown while shutting down, and to everyone still waiting in the queue when it begins. */
const CLOSING = "I am restarting. Please try again in a minute.";

/** Shown when the queue is full. */
const BUSY = "I am busy right now. Please try again in a minute.";

/** Time an acknowledgement may take to reach Discord under load; none is started later than this before the deadline. */
const ACK_TRAVEL_MS = 1000;

/** Default queue sizes: a few answers at once, and a queue a minute or so deep at worst. */
const DEFAULT_QUEUE: QueueOptions = { concurrency: 4, capacity: 500 };

/**
 * Acknowledgements in flight at once: enough to keep a connection pool busy (a callback takes milliseconds),
 * few enough that each one starts within moments of being decided on.
 */
const DEFAULT_ACKNOWLEDGEMENTS_IN_FLIGHT = 128;

/** Interactions dropped unacknowledged are logged once a minute, with a count, not once each. */
const DROPPED_LOG_WINDOW_MS = 60_000;

/** What the router is built from. */
export interface RouterOptions {
  commands: readonly Command[];
  components: readonly ComponentHandler[];
  /** Everything but `commands` and `health`, which the router fills in. */
  ctx: Omit<CommandContext, "commands" | "health">;
  /** Defaults to a limiter of `ctx.config.rateLimitPerMinute`; null charges nothing (the local console). */
  limiter?: RateLimiter | null;
  /** The health `/config show` reports; the router notes its errors and its queue there. Defaults to a new one. */
  health?: Health;
  /** Sizes of the answer queue. */
  queue?: QueueOptions;
  /** Acknowledgements (deferrals, "busy") in flight at once; see acknowledgements.ts. */
  acknowledgementsInFlight?: number;
  /** The clock deadlines are read against and conversations expire by; injectable for tests. */
  now?: () => number;
}

/** Answers on an interaction whatever state it is in: first reply, edit of a deferral, or follow-up. */
export async function respond(interaction: Replyable, reply: Reply): Promise<void> {
  if (interaction.replied) await interaction.followUp(reply);
  else if (interaction.deferred) await interaction.editReply(reply);
  else await interaction.reply(reply);
}

/**
 * Answers with an error, which is always private: after a public deferral the "thinking…" everyone saw is
 * removed and the error follows privately (editing the deferral would show it to the whole channel).
 */
export async function respondWithError(interaction: Replyable, reply: Reply): Promise<void> {
  if (interaction.deferredPublicly && !interaction.replied) {
    await interaction.deleteReply();
    await interaction.followUp({ ...reply, ephemeral: true });
  } else await respond(interaction, { ...reply, ephemeral: true });
}

function rateLimitText(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return `You are sending requests faster than I can answer. Please wait ${seconds} s and try again.`;
}

/**
 * Builds the router. Command names and component prefixes must be unique. A command's preconditions are
 * checked before it runs, a component's custom id is parsed by its handler before it runs; either refusal
 * is a {@link UserError}, answered privately and logged at info.
 */
export function createRouter(options: RouterOptions): Router {
  const health = options.health ?? createHealth();
  const ctx: CommandContext = { ...options.ctx, commands: options.commands, health };
  const { logger, config, store } = ctx;
  const now = options.now ?? Date.now;
  const byName = new Map<string, Command>();
  for (const command of options.commands) {
    if (byName.has(command.data.name)) throw new Error(`two commands are called /${command.data.name}`);
    byName.set(command.data.name, command);
  }
  const byPrefix = new Map<string, ComponentHandler>();
  for (const handler of options.components) {
    if (byPrefix.has(handler.prefix)) throw new Error(`two component handlers use the prefix "${handler.prefix}"`);
    byPrefix.set(handler.prefix, handler);
  }
  const limiter = options.limiter === undefined ? createRateLimiter(config.rateLimitPerMinute) : options.limiter;
  const work: WorkTracker = createWorkTracker();
  const queue = createAnswerQueue(options.queue ?? DEFAULT_QUEUE);
  const lane = createAcknowledgementLane({
    concurrency: options.acknowledgementsInFlight ?? DEFAULT_ACKNOWLEDGEMENTS_IN_FLIGHT,
    margin: ACK_TRAVEL_MS,
    now,
  });
  health.watchQueue(() => queue.depth);
  const dropped = oncePerWindow<Record<string, unknown>>(
    DROPPED_LOG_WINDOW_MS,
    (where, more) =>
      logger.warn(
        { ...where, moreSinceLastLine: more },
        "interaction could not be acknowledged before its deadline; dropped (one line a minute; the others are counted)",
      ),
    now,
  );

  function report(error: unknown, where: Record<string, unknown>): ErrorReport {
    const described = describeError(error);
    if (described.kind === "internal") {
      health.noteError();
      logger.error({ err: error, ...where }, "handler failed");
    }
    // A refusal is no failure, but it leaves a trace: which check said no, to whom.
    else if (error instanceof UserError) logger.info({ refusal: error.identifier, ...where }, "refused");
    else logger.warn({ err: error, kind: described.kind, ...where }, "handler failed");
    return described;
  }

  /** Runs `fn` with the error split: a failure is logged and the user told privately. */
  async function split(interaction: Replyable, where: Record<string, unknown>, fn: () => Promise<void>) {
    try {
      await fn();
    } catch (error) {
      const { message } = report(error, where);
      try {
        await respondWithError(interaction, { content: message, embeds: [], buttons: [] });
      } catch (replyError) {
        // The interaction may have expired or Discord may be down; there is no one left to tell.
        logger.warn({ err: replyError, ...where }, "could not report an error to the user");
      }
    }
  }

  /** Sends `content` privately, logging (not throwing) when Discord will not take it. */
  function tell(interaction: Replyable, where: Record<string, unknown>, content: string): Promise<void> {
    return respond(interaction, { content, ephemeral: true }).catch((e: unknown) =>
      logger.warn({ err: e, ...where }, "could not answer an interaction"),
    );
  }

  /** A button or page turn: no question charged, no queue, just the error split and the in-flight count. */
  async function immediate(interaction: Replyable, where: Record<string, unknown>, fn: () => Promise<void>) {
    if (!work.accepting) return tell(interaction, where, CLOSING);
    await work.run(() => split(interaction, where, fn));
  }

  /**
   * Sends a first response through the acknowledgement lane, unless it could no longer reach Discord before
   * `deadline` when its turn comes; true if it did. Where nothing expires (the console) it is sent at once.
   */
  async function acknowledge(
    deadline: number | null,
    where: Record<string, unknown>,
    send: () => Promise<void>,
  ): Promise<boolean> {
    try {
      if (deadline === null) await send();
      else if ((await lane.send(deadline, send)) === "expired") {
        dropped(where);
        return false;
      }
      return true;
    } catch (error) {
      logger.warn({ err: error, ...where }, "could not acknowledge an interaction");
      return false;
    }
  }

  /**
   * A slash command: charged against the rate limit, then run from the queue. One that has to wait is
   * deferred now, while its token is fresh; one that finds the queue full is told so; one already past its
   * acknowledgement deadline is dropped, and so is one whose turn comes after the deadline unacknowledged.
   */
  async function queued(interaction: CommandInteraction, where: Record<string, unknown>, fn: () => Promise<void>) {
    const deadline = interaction.acknowledgeBy;
    const privately = (content: string) => () => respond(interaction, { content, ephemeral: true });
    if (!work.accepting) return void (await acknowledge(deadline, where, privately(CLOSING)));
    // An acknowledgement sent at the last moment arrives after it: one is started only with time to spare.
    const expired = () =>
      deadline !== null && !interaction.deferred && !interaction.replied && now() + ACK_TRAVEL_MS >= deadline;
    if (expired()) return dropped(where);
    const decision = limiter?.take(interaction.user.id) ?? { ok: true };
    if (!decision.ok) return void (await acknowledge(deadline, where, privately(rateLimitText(decision.retryAfterMs))));
    let acknowledged: Promise<boolean> = Promise.resolve(true);
    const { admission, done } = offer({
      run: async () => {
        if (!(await acknowledged)) return;
        if (expired()) return dropped(where);
        await split(interaction, where, fn);
      },
      cancel: () => tell(interaction, where, CLOSING),
    });
    if (admission === "full") return void (await acknowledge(deadline, where, privately(BUSY)));
    if (admission === "queued" && deadline !== null)
      acknowledged = acknowledge(deadline, where, () => interaction.defer());
    await done;
  }

  /** Offers a job to the queue, counting it in flight; `done` settles when it ran or was cancelled. */
  function offer(job: { run(): Promise<void>; cancel(): Promise<void> }) {
    let settle!: () => void;
    const done = work.run(() => new Promise<void>((resolve) => (settle = resolve)));
    const admission = queue.offer({
      run: () => job.run().finally(settle),
      cancel: () => job.cancel().finally(settle),
    });
    if (admission === "full") settle();
    return { admission, done };
  }

  /** Answers one free-text question, in its thread when one opens. */
  async function answerMessage(message: QuestionMessage, where: Record<string, unknown>): Promise<void> {
    try {
      // Typing or a reaction is a courtesy: failing to show it must not cost the answer.
      await message.showWorking().catch((e: unknown) => logger.debug({ err: e, ...where }, "could not show typing"));
      const inThread = message.inThread ?? false;
      const at = new Date(now());
      const history = message.conversationId
        ? liveTurns(await store.turns.recent(message.conversationId), { inThread, now: at })
        : [];
      const { reply, recordTurn } = await answerQuestion(ctx, {
        question: message.text,
        answerId: message.id,
        userId: message.user.id,
        guildId: message.guildId,
        history,
        threadId: inThread ? message.conversationId : null,
        at,
      });
      const { conversationId } = await message.reply(reply, { threadName: message.text });
      if (conversationId) await recordTurn(conversationId);
    } catch (error) {
      const { message: text } = report(error, where);
      await message
        .reply({ content: text })
        .catch((e: unknown) => logger.warn({ err: e, ...where }, "could not report an error"));
    }
  }

  return {
    commands: options.commands,

    handleCommand(interaction) {
      const where = { command: interaction.commandName, user: interaction.user.id, guild: interaction.guildId };
      return queued(interaction, where, async () => {
        const command = byName.get(interaction.commandName);
        // A command registered by an older version and since removed: tell the user rather than fail.
        if (!command)
          return respond(interaction, {
            content: `I do not know /${interaction.commandName} any more.`,
            ephemeral: true,
          });
        logger.debug(where, "command");
        for (const precondition of command.preconditions ?? []) {
          const refusal = await precondition.check(interaction);
          if (refusal !== null) throw new UserError(precondition.identifier, refusal);
        }
        await command.execute(interaction, ctx);
      });
    },

    async handleAutocomplete(interaction) {
      // No rate limit: Discord sends one request per keystroke, and they are cheap.
      const command = byName.get(interaction.commandName);
      try {
        const choices = command?.autocomplete ? await command.autocomplete(interaction, ctx) : [];
        await interaction.respond(
          choices.slice(0, LIMITS.choices).map((c) => ({
            name: truncate(c.name, LIMITS.choiceName) || c.value.slice(0, LIMITS.choiceName),
            value: c.value.slice(0, LIMITS.choiceValue),
          })),
        );
      } catch (error) {
        // An autocomplete cannot show an error; an empty list is the honest answer.
        report(error, { autocomplete: interaction.commandName, option: interaction.focused.name });
      }
    },

    handleComponent(interaction) {
      const [prefix = "", ...parts] = interaction.customId.split(":");
      const where = { component: prefix, user: interaction.user.id, guild: interaction.guildId };
      return immediate(interaction, where, async () => {
        const handler = byPrefix.get(prefix);
        if (!handler) return respond(interaction, { content: "This button no longer works.", ephemeral: true });
        const args = handler.parse(parts);
        if (args === null) throw new UserError("invalidCustomId", handler.invalid);
        await handler.run(interaction, args, ctx);
      });
    },

    async handleQuestion(message) {
      const where = { question: message.id, user: message.user.id, guild: message.guildId };
      const say = (content: string): Promise<void> =>
        message.reply({ content }).then(
          () => undefined,
          (e: unknown) => void report(e, where),
        );
      if (!work.accepting) return void (await say(CLOSING));
      const decision = limiter?.take(message.user.id) ?? { ok: true };
      if (!decision.ok) {
        // A message cannot be answered privately, so a user who keeps sending is told once per wait.
        if (decision.notice) await say(rateLimitText(decision.retryAfterMs));
        return;
      }
      const { admission, done } = offer({
        run: () => answerMessage(message, where),
        cancel: () => say(CLOSING),
      });
      if (admission === "full") await say(BUSY);
      await done;
    },

    async isQuestion(facts) {
      if (facts.fromBot || facts.system) return false;
      // Nothing to answer: only a bare mention gets a reply, the hint to ask a question.
      if (facts.text === "" && !facts.mentionInText) return false;
      if (facts.isDM || facts.mentionsBot || facts.inBotThread) return true;
      if (!facts.guildId) return false;
      const configured = new Set([...config.qaChannelIds, ...(await store.settings.get(facts.guildId)).qaChannelIds]);
      return configured.has(facts.channelId);
    },

    async close(timeoutMs) {
      // The queue first: waiting askers are told the bot is restarting, and the running ones are waited for.
      const [queueFinished, workFinished] = await Promise.all([queue.close(timeoutMs), work.close(timeoutMs)]);
      return queueFinished && workFinished;
    },
  };
}
