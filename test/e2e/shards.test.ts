/**
 * Two shards end to end: `npm start` with SHARDS=auto against a fake Discord that asks for two shards runs
 * discord.js's ShardingManager, which starts two processes of src/main.ts on one PostgreSQL. Each shard gets
 * the guild Discord routes to it, posts that guild's daily question once, and counts the clicks it receives.
 *
 * The shards are separate processes, so they need a real PostgreSQL server (PGlite lives in one process's
 * memory, and pglite-socket cannot serve concurrent connections): the test runs when TEST_DATABASE_URL names
 * one (`.ci/run` starts one) and is skipped otherwise.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import type { APIButtonComponentWithCustomId, GatewayIdentify } from "discord-api-types/v10";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/log.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { isolatedEnv } from "../support/env.ts";
import { freshSchema } from "../support/postgres.ts";
import { type OutgoingMessage, startFakeDiscord } from "./fake-discord.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const url = process.env.TEST_DATABASE_URL;
const schema = freshSchema();
let child: ChildProcess | undefined;

afterAll(async () => {
  child?.kill("SIGKILL");
  if (!url) return;
  const sql = postgres(url, { onnotice: () => {} });
  await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
  await sql.end();
});

/** A fixed-offset zone where it is about noon now: a post due at its midnight is far from the next one. */
function zoneNearNoon(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const quizButtons = (body: OutgoingMessage) =>
  (body.components ?? []).flatMap((row): unknown[] =>
    "components" in row ? row.components : [],
  ) as APIButtonComponentWithCustomId[];

describe.skipIf(!url)("two shards on one PostgreSQL (TEST_DATABASE_URL)", () => {
  it("posts each guild's question once, from the shard that holds it, and counts the clicks of both", async () => {
    const fake = await startFakeDiscord({ shards: 2 });
    try {
      const first = { id: fake.fixtures.guild.id, channelId: fake.fixtures.textChannel.id };
      const added = fake.addGuild({ name: "Second lab", shard: 1 - fake.shardOf(first.id) });
      const second = { id: added.id, channelId: added.textChannel.id };
      const players = [fake.fixtures.member, fake.fixtures.owner, fake.addUser({ username: "carol" })];
      for (const user of players.slice(2)) {
        fake.addMember({ user, guildId: first.id });
        fake.addMember({ user, guildId: second.id });
      }

      // Both guilds' quizzes due since their midnight, set up before the bot starts, as an admin would have.
      const store = await openPostgresStore(url!, silentLogger(), { schema });
      const quiz = {
        time: "00:00",
        timezone: zoneNearNoon(),
        paused: false,
        closeHour: null,
        weekStart: "monday" as const,
        notifyRoleId: null,
        discussionThread: false,
      };
      for (const guild of [first, second])
        await store.settings.update(guild.id, (s) => ({ ...s, quiz: { ...quiz, channelId: guild.channelId } }));

      const databaseUrl = new URL(url!);
      databaseUrl.searchParams.set("search_path", schema);
      let stderr = "";
      child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
        cwd: ROOT,
        env: isolatedEnv({
          DISCORD_TOKEN: "test-token",
          DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
          DISCORD_API_URL: fake.apiUrl,
          DATABASE_URL: databaseUrl.toString(),
          SHARDS: "auto",
          LOG_LEVEL: "warn",
        }),
      });
      child.stderr!.on("data", (d: Buffer) => (stderr += d));
      const exited = new Promise<number | null>((resolve) => child!.on("close", resolve));

      // ShardingManager waits 5.5 s between two shards' starts, as Discord's identify limit asks.
      const posts = await Promise.all(
        [first, second].map((guild) => fake.waitForChannelMessage(guild.channelId, { timeoutMs: 60_000 })),
      );
      const identified = fake.gatewayReceived.filter((p): p is GatewayIdentify => p.op === 2).map((p) => p.d.shard);
      expect(identified.sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);

      // Every player answers in both guilds; each click reaches only the shard holding its guild.
      const roundIds = posts.map((post) => quizButtons(post.body!)[0]!.custom_id.split(":").slice(1, -1).join(":"));
      const replies = await Promise.all(
        [first, second].flatMap((guild, g) =>
          players.map((user, i) =>
            fake.interactionResponse(
              fake.sendButtonClick({
                customId: `quiz:${roundIds[g]}:${i % 4}`,
                messageId: (posts[g]!.response as { id: string }).id,
                channelId: guild.channelId,
                userId: user.id,
              }),
              { timeoutMs: 20_000 },
            ),
          ),
        ),
      );
      expect(replies).toHaveLength(6);
      for (const roundId of roundIds) expect((await store.answers.counts(roundId)).byChoice).toEqual([1, 1, 1, 0]);
      // Each round was posted by the shard Discord routes its guild to (a post attempt names its process).
      for (const guild of [first, second]) {
        const rounds = await store.rounds.unfinished(new Set([guild.id]));
        expect(rounds.map((r) => r.post.claimedBy?.split(" ").slice(0, 2).join(" "))).toEqual([
          `shard ${fake.shardOf(guild.id)}/2`,
        ]);
      }

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      // Still one post per guild: no shard posted for the other's guild, nor twice for its own.
      for (const guild of [first, second]) {
        const posted = fake.requests.filter(
          (r) => r.method === "POST" && r.path.endsWith(`/channels/${guild.channelId}/messages`),
        );
        expect(posted).toHaveLength(1);
      }
      expect(fake.schemaViolations).toEqual([]);
      expect(stderr).toBe("");
      await store.close();
    } finally {
      await fake.close();
    }
  }, 120_000);
});
