/**
 * `npm start`: configuration, logger, core, quiz bank and store, then Discord (with the daily quiz's
 * scheduler) when a token is set, else the local console on the same router. SIGINT/SIGTERM stop the
 * scheduler and new work, let replies in flight finish (bounded), flush the store and disconnect; a second
 * signal exits at once.
 */
import { commands } from "../commands/index.ts";
import { components } from "./bot/components/index.ts";
import { runConsole } from "./bot/console.ts";
import { startDiscordBot } from "./bot/discord/bot.ts";
import { createQuizPublisher } from "./bot/discord/quiz-publisher.ts";
import { createQuizContext } from "./bot/quiz.ts";
import { createRouter } from "./bot/router.ts";
import { packageVersion } from "./bot/version.ts";
import { type Config, ConfigError, loadConfig } from "./config.ts";
import { loadCore } from "./core.ts";
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

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) die(error.message);
    throw error;
  }
}

/** Calls `stop` on the first SIGINT/SIGTERM; a second one exits immediately. */
function onSignals(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    void stop(signal).then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", handle);
  process.on("SIGTERM", handle);
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

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let core: ReturnType<typeof loadCore>;
  try {
    core = loadCore(config, logger);
  } catch (error) {
    if (error instanceof KnowledgeError) die(error.message);
    throw error;
  }
  const bank = await readQuizBank(config.quizBankFile);
  const store = await openTheStore(config, logger);
  const quiz = createQuizContext({ store, bank, logger });

  if (config.discord.token) {
    const bot = await startDiscordBot({ config, core, store, logger, commands, components, quiz });
    const publisher = createQuizPublisher({ client: bot.client, core, quiz: quiz.service });
    const scheduler = startQuizScheduler({ quizService: quiz.service, publisher, logger });
    onSignals(async (signal) => {
      logger.info({ signal }, "shutting down");
      // The scheduler first: a tick in progress still needs the client, and writes the store.
      await scheduler.stop();
      await bot.stop(SHUTDOWN_WAIT_MS);
      await closeTheStore(store);
    });
    return;
  }

  logger.info("no DISCORD_TOKEN: starting the local console (type /help, a question, or !<button> to click one)");
  // No channel to post in, so no daily questions here; /quiz practice works, and the scores say they need a server.
  const router = createRouter({
    commands,
    components,
    ctx: { core, store, config, logger, quiz, version: packageVersion() },
  });
  const abort = new AbortController();
  const finished = (async () => {
    await runConsole({ router, signal: abort.signal });
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
