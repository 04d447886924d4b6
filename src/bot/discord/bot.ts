/**
 * The running Discord bot: a client wired to the router. `main.ts` starts it with this function, and so do
 * the end-to-end tests (against a fake Discord), so both exercise the same wiring.
 */
import { ChannelType, type Client, Events, type Interaction, type Message } from "discord.js";
import type { Config } from "../../config.ts";
import type { Core } from "../../core.ts";
import type { Logger } from "../../log.ts";
import { loadQuizBank } from "../../quiz/index.ts";
import type { Store } from "../../store/index.ts";
import { createClient, login } from "../client.ts";
import type { Command, ComponentHandler } from "../command.ts";
import { components as defaultComponents } from "../components/index.ts";
import { createHealth, type Health } from "../health.ts";
import { createQuizContext, type QuizContext } from "../quiz.ts";
import { createRouter, type Router } from "../router.ts";
import { packageVersion } from "../version.ts";
import {
  autocompletePort,
  commandPort,
  componentPort,
  mentionPattern,
  questionPort,
  stripMention,
} from "./adapters.ts";
import { commandDirectory } from "./command-ids.ts";

/** What the bot is built from. */
export interface DiscordBotOptions {
  config: Config;
  core: Core;
  store: Store;
  logger: Logger;
  commands: readonly Command[];
  /** Button handlers; defaults to the built-in ones. */
  components?: readonly ComponentHandler[];
  /**
   * The quiz the commands and buttons use; `main` passes the one its scheduler ticks. Defaults to a quiz
   * over `config.quizBankFile` and `store`, with nothing posting daily questions.
   */
  quiz?: QuizContext;
  /** The health `/config show` reports; `main` shares it with its process guard. Defaults to a new one. */
  health?: Health;
}

/** A running bot. */
export interface DiscordBot {
  /** The logged-in client: a publisher (the quiz) posts and edits messages through it. */
  readonly client: Client;
  readonly router: Router;
  /** Stops taking new work, waits for replies in flight (at most `timeoutMs`), then disconnects. */
  stop(timeoutMs?: number): Promise<void>;
}

/** Routes one interaction; errors are handled by the router, this only catches what escapes adapters. */
async function onInteraction(router: Router, interaction: Interaction, logger: Logger): Promise<void> {
  if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand())
    await router.handleCommand(commandPort(interaction, logger));
  else if (interaction.isAutocomplete()) await router.handleAutocomplete(autocompletePort(interaction));
  else if (interaction.isButton() || interaction.isModalSubmit())
    await router.handleComponent(componentPort(interaction));
}

async function onMessage(router: Router, client: Client<true>, message: Message, logger: Logger): Promise<void> {
  const botId = client.user.id;
  const channel = message.channel;
  const inBotThread = channel.isThread() && channel.ownerId === botId;
  const isQuestion = await router.isQuestion({
    fromBot: message.author.bot,
    system: message.system,
    text: stripMention(message.content, botId),
    mentionInText: mentionPattern(botId).test(message.content),
    isDM: channel.type === ChannelType.DM,
    mentionsBot: message.mentions.users.has(botId),
    guildId: message.guildId,
    channelId: channel.isThread() ? (channel.parentId ?? channel.id) : channel.id,
    inBotThread,
  });
  if (isQuestion) await router.handleQuestion(questionPort(message, botId, inBotThread, logger));
}

/** Creates the client, wires it to a router over `commands`, logs in and resolves when ready. */
export async function startDiscordBot(options: DiscordBotOptions): Promise<DiscordBot> {
  const { config, core, store, logger, commands } = options;
  const health = options.health ?? createHealth();
  const token = config.discord.token;
  if (!token) throw new Error("startDiscordBot needs config.discord.token");
  const quiz = options.quiz ?? createQuizContext({ store, bank: await loadQuizBank(config.quizBankFile), logger });
  const client = createClient(config, logger);
  const router = createRouter({
    commands,
    components: options.components ?? defaultComponents,
    ctx: { core, store, config, logger, quiz, version: packageVersion(), commandIds: commandDirectory(client, logger) },
    health,
  });
  const escaped = (what: string) => (error: unknown) => {
    health.noteError();
    logger.error({ err: error, what }, "unhandled error in an event handler");
  };
  client.on(
    Events.InteractionCreate,
    (interaction) => void onInteraction(router, interaction, logger).catch(escaped("interaction")),
  );
  client.on(Events.MessageCreate, (message) => {
    if (!client.isReady()) return;
    void onMessage(router, client, message, logger).catch(escaped("message"));
  });
  await login(client, token);
  logger.info({ user: client.user?.tag, guilds: client.guilds.cache.size }, "connected to Discord");
  return {
    client,
    router,
    async stop(timeoutMs = 10_000) {
      const finished = await router.close(timeoutMs);
      if (!finished) logger.warn({ timeoutMs }, "stopped with replies still in flight");
      await client.destroy();
    },
  };
}
