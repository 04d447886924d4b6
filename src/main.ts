/**
 * `npm start`: configuration, logger, core, quiz bank and store, then Discord (with the daily quiz's
 * scheduler) when a token is set, else the local console on the same router. SIGINT/SIGTERM stop the
 * scheduler and new work, tell queued askers the bot is restarting, let replies in flight finish (bounded),
 * flush the store and disconnect; a second signal exits at once. Errors that escape every handler are
 * logged and survived (see bot/process-guard.ts); a storm of them stops the bot the same way, exiting 1 so
 * the supervisor (deploy/) starts a fresh process. With SHARDS (and a token) this process only runs the shards,
 * each a process of this same entry (bot/discord/shards.ts); it passes a signal on to them.
 */
import { commands } from "../commands/index.ts";
import { components } from "./bot/components/index.ts";
import { runConsole } from "./bot/console.ts";
import { startDiscordBot } from "./bot/discord/bot.ts";
import { createQuizPublisher, createReminderSender } from "./bot/discord/quiz-publisher.ts";
import { shardInstanceId, startShards } from "./bot/discord/shards.ts";
import { createHealth } from "./bot/health.ts";
import { guardProcess } from "./bot/process-guard.ts";
import { createQuizContext } from "./bot/quiz.ts";
import { createRouter } from "./bot/router.ts";
import { packageVersion } from "./bot/version.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { loadCore } from "./core.ts";
import { loadEnvFile } from "./env-file.ts";
import { KnowledgeError } from "./knowledge/load.ts";
import { createLogger } from "./log.ts";
import { loadQuizBank, type QuizBank, QuizBankError, startQuizScheduler } from "./quiz/index.ts";
import { openStore, type Store, StoreOpenError, StoreUnsavedError } from "./store/index.ts";

/** How long shutdown waits for replies in flight. */
const SHUTDOWN_WAIT_MS = 10_000;

/** Prints a start-up problem as one line and exits 1. */
function die(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * The configuration; without a token (the local console) logs default to `warn`, so the console shows the
 * bot's replies rather than JSON log lines.
 */
function readConfig(): Config {
  const env = process.env.DISCORD_TOKEN?.trim()
    ? process.env
    : { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL?.trim() || "warn" };
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) die(error.message);
    throw error;
  }
}

/**
 * Calls `stop` on the first SIGINT/SIGTERM (exit 0) or on `giveUp` (exit 1); a second signal exits at once.
 * Returns `giveUp`.
 */
function onSignals(stop: (reason: string) => Promise<void>): () => void {
  let stopping = false;
  const shutDown = (reason: string, code: number) => {
    if (stopping) process.exit(1);
    stopping = true;
    void stop(reason).then(
      () => process.exit(code),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => shutDown("SIGINT", 0));
  process.on("SIGTERM", () => shutDown("SIGTERM", 0));
  return () => shutDown("too many uncaught errors", 1);
}

async function readQuizBank(file: string): Promise<QuizBank> {
  try {
    return await loadQuizBank(file);
  } catch (error) {
    if (error instanceof QuizBankError) die(error.message);
    throw error;
  }
}

async function openTheStore(config: Config, logger: ReturnType<typeof createLogger>): Promise<Store> {
  try {
    return await openStore(config, logger);
  } catch (error) {
    if (error instanceof StoreOpenError) die(error.message);
    throw error;
  }
}

/** Closes the store; changes it could not save end the process with one line and exit code 1. */
async function closeTheStore(store: Store): Promise<void> {
  try {
    await store.close();
  } catch (error) {
    if (error instanceof StoreUnsavedError) die(`Unsaved changes lost: ${error.message}`);
    throw error;
  }
}

/** Runs the shards until a signal; a shard that fails to connect stops them all with one line. */
async function runShards(config: Config & { shards: "auto" | number }, logger: ReturnType<typeof createLogger>) {
  let shards: Awaited<ReturnType<typeof startShards>>;
  try {
    shards = await startShards({ config, logger, entry: import.meta.filename });
  } catch (error) {
    die(`Shards could not start: ${error instanceof Error ? error.message : String(error)}`);
  }
  onSignals(async (reason) => {
    logger.info({ reason }, "stopping the shards");
    await shards.stop();
  });
}

async function main(): Promise<void> {
  loadEnvFile();
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  if (config.discord.token && config.shards !== undefined) {
    await runShards({ ...config, shards: config.shards }, logger);
    return;
  }
  let core: ReturnType<typeof loadCore>;
  try {
    core = loadCore(config, logger);
  } catch (error) {
    if (error instanceof KnowledgeError) die(error.message);
    throw error;
  }
  const bank = await readQuizBank(config.quizBankFile);
  const store = await openTheStore(config, logger);
  const quiz = createQuizContext({ store, bank, logger, instanceId: shardInstanceId() });
  const health = createHealth();

  if (config.discord.token) {
    // Guarded before login: a malformed packet can arrive with the first dispatch.
    let stop: () => void = () => process.exit(1);
    guardProcess({ logger, health, giveUp: () => stop() });
    const bot = await startDiscordBot({ config, core, store, logger, commands, components, quiz, health });
    const publisher = createQuizPublisher({ client: bot.client, core, quiz: quiz.service, logger });
    const reminders = { reminders: quiz.reminders, sender: createReminderSender(bot.client) };
    const scheduler = startQuizScheduler({ quizService: quiz.service, publisher, logger, reminders });
    stop = onSignals(async (reason) => {
      logger.info({ reason }, "shutting down");
      // The scheduler first: a tick in progress still needs the client, and writes the store.
      await scheduler.stop();
      await bot.stop(SHUTDOWN_WAIT_MS);
      await closeTheStore(store);
    });
    return;
  }

  // No channel to post in, so no daily questions here; /quiz practice works, and the scores say they need a server.
  // One person at a terminal: nothing to rate-limit.
  const router = createRouter({
    commands,
    components,
    ctx: { core, store, config, logger, quiz, version: packageVersion() },
    limiter: null,
    health,
  });
  const abort = new AbortController();
  const finished = (async () => {
    await runConsole({ router, signal: abort.signal, interactive: process.stdin.isTTY === true });
    await router.close(SHUTDOWN_WAIT_MS);
    await closeTheStore(store);
  })();
  // A signal ends the input; the process exits once the line in progress has printed and the store is flushed.
  onSignals(async () => {
    abort.abort();
    await finished;
  });
  await finished;
}

main().catch((error: unknown) => {
  process.stderr.write(`Fatal: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
