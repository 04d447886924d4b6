/**
 * `npm start`: configuration, logger, core and store, then Discord when a token is set, else the local
 * console on the same router. SIGINT/SIGTERM stop new work, let replies in flight finish (bounded), flush
 * the store and disconnect; a second signal exits at once.
 */
import { commands } from "../commands/index.ts";
import { startDiscordBot } from "./bot/discord/bot.ts";
import { components } from "./bot/components/index.ts";
import { runConsole } from "./bot/console.ts";
import { createRouter } from "./bot/router.ts";
import { packageVersion } from "./bot/version.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { loadCore } from "./core.ts";
import { KnowledgeError } from "./knowledge/load.ts";
import { createLogger } from "./log.ts";
import { openStore } from "./store/index.ts";

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

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  let core;
  try {
    core = loadCore(config, logger);
  } catch (error) {
    if (error instanceof KnowledgeError) die(error.message);
    throw error;
  }
  const store = await openStore(config.dataFile, logger);

  if (config.discord.token) {
    const bot = await startDiscordBot({ config, core, store, logger, commands, components });
    onSignals(async (signal) => {
      logger.info({ signal }, "shutting down");
      await bot.stop(SHUTDOWN_WAIT_MS);
      await store.close();
    });
    return;
  }

  logger.info("no DISCORD_TOKEN: starting the local console (type /help, or a question)");
  const router = createRouter({ commands, components, ctx: { core, store, config, logger, version: packageVersion() } });
  const abort = new AbortController();
  const finished = (async () => {
    await runConsole({ router, signal: abort.signal });
    await router.close(SHUTDOWN_WAIT_MS);
    await store.close();
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
