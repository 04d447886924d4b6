/**
 * `npm start` with SHARDS: discord.js's ShardingManager starts one process per shard over the same entry
 * (src/main.ts), each a whole bot for the guilds Discord routes to it, all on one PostgreSQL. The manager
 * holds no state: it starts the shards, starts again one that dies (as a supervisor would), and on stop
 * passes SIGTERM on to each and waits for it to finish its own shutdown.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { REST, type RESTGetAPIGatewayBotResult, Routes, ShardingManager } from "discord.js";
import type { Config } from "../../config.ts";
import type { Logger } from "../../log.ts";

/** Running shards. */
export interface Shards {
  /** How many shards run. */
  readonly count: number;
  /** Stops restarting shards, sends each SIGTERM and resolves when all have exited. */
  stop(): Promise<void>;
}

/** What {@link startShards} needs. */
export interface ShardsOptions {
  config: Config & { shards: "auto" | number };
  logger: Logger;
  /** The script each shard runs: the same `npm start` entry. */
  entry: string;
}

/**
 * How many shards Discord recommends, asked of `config.discord.apiUrl` (discord.js's own helper always
 * asks discord.com, so it would miss DISCORD_API_URL).
 */
async function recommendedShards(config: Config, token: string): Promise<number> {
  const rest = new REST({ api: config.discord.apiUrl }).setToken(token);
  const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
  return gateway.shards;
}

/** Starts every shard and resolves once each is connected (rejects if one dies first). */
export async function startShards({ config, logger, entry }: ShardsOptions): Promise<Shards> {
  const token = config.discord.token;
  if (!token) throw new Error("startShards needs config.discord.token");
  const count = config.shards === "auto" ? await recommendedShards(config, token) : config.shards;
  // The shards run TypeScript through the same loader (tsx) as this process.
  const manager = new ShardingManager(entry, { token, totalShards: count, execArgv: process.execArgv });
  manager.on("shardCreate", (shard) => {
    logger.info({ shard: shard.id, of: count }, "shard starting");
    shard.on("death", (child) => {
      const exitCode = (child as ChildProcess).exitCode;
      // Unplanned unless we are stopping them: the manager starts it again.
      if (manager.respawn) logger.warn({ shard: shard.id, exitCode }, "shard exited; starting it again");
      else logger.info({ shard: shard.id, exitCode }, "shard stopped");
    });
  });
  logger.info({ shards: count }, "starting shards");
  try {
    await manager.spawn();
  } catch (error) {
    manager.respawn = false;
    await stopAll(manager);
    throw error;
  }
  return {
    count,
    async stop() {
      manager.respawn = false;
      await stopAll(manager);
    },
  };
}

async function stopAll(manager: ShardingManager): Promise<void> {
  await Promise.all(
    manager.shards.map(async (shard) => {
      const child = shard.process;
      if (!child || child.exitCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    }),
  );
}

/**
 * In a shard's process, what marks its quiz post attempts in the store: `shard 1/2 <random>` (a shard
 * started again is another process, hence the random part), so a round says which shard posted it.
 * Undefined outside the ShardingManager.
 */
export function shardInstanceId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.SHARDING_MANAGER ? `shard ${env.SHARDS}/${env.SHARD_COUNT} ${randomUUID()}` : undefined;
}
