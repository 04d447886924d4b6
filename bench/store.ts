/**
 * The store under load (`npm run bench:store`, and part of `npm run bench`): a day of the quiz and of
 * questions for N guilds × M members, driven through the same ports the bot uses, on each engine: the JSON
 * file, PostgreSQL on PGlite (in this process), and a real PostgreSQL server when TEST_DATABASE_URL is set.
 *
 * Per scale and engine: every guild's question posted (one tick), every member clicking an answer
 * (through the quiz service, as a button does), and questions asked (what the router keeps for one: the
 * thread's turns read, a turn appended, the ask record put). Operations run CONCURRENCY at a time, as a
 * busy moment would; each prints its rate and its p50/p99 from call to durable.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { loadQuizBank } from "../src/knowledge/quiz-bank.ts";
import { silentLogger } from "../src/log.ts";
import { createQuizService } from "../src/quiz/quiz-service.ts";
import { openJsonStore } from "../src/store/json-store.ts";
import type { Store } from "../src/store/ports.ts";
import { openPostgresStore } from "../src/store/postgres-store.ts";
import { FakeClock, FIXTURE_BANK, RecordingPublisher, seededRandom } from "../test/quiz/helpers.ts";
import { freshSchema, pgliteStore, preparePgliteSchema, stopSharedPglite } from "../test/support/postgres.ts";
import type { BenchRow } from "./charts.ts";
import { summarize } from "./stats.ts";

/** Guilds × members per guild: one big lab server, and a thousand small ones. */
const SCALES = [
  { guilds: 1, members: 2000 },
  { guilds: 1000, members: 10 },
];
/** Questions asked at each scale, spread over the guilds' threads. */
const QUESTIONS = 2000;
/** Operations in flight at once. */
const CONCURRENCY = 16;
/** 07:00 in UTC, the quiz set for 06:00: every guild's question is due at the first tick. */
const NOW = new Date("2026-03-10T07:00:00Z");

interface Engine {
  name: string;
  open(): Promise<{ store: Store; dispose(): Promise<void> }>;
}

const jsonEngine: Engine = {
  name: "JSON file",
  async open() {
    const dir = mkdtempSync(path.join(tmpdir(), "bench-store-"));
    const store = await openJsonStore(path.join(dir, "bot.json"), silentLogger());
    return { store, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const pgliteEngine: Engine = {
  name: "PGlite",
  async open() {
    const schema = freshSchema();
    const store = pgliteStore(await preparePgliteSchema(schema), schema, silentLogger());
    return { store, dispose: stopSharedPglite };
  },
};

function serverEngine(url: string): Engine {
  return {
    name: "PostgreSQL server",
    async open() {
      const schema = freshSchema();
      const store = await openPostgresStore(url, silentLogger(), { schema, maxConnections: CONCURRENCY });
      return {
        store,
        async dispose() {
          const sql = postgres(url, { onnotice: () => {} });
          await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
          await sql.end();
        },
      };
    },
  };
}

/** Runs `work(i)` for i < n, `CONCURRENCY` at a time; returns each call's latency (ms) and the rate. */
async function drive(
  n: number,
  work: (i: number) => Promise<unknown>,
): Promise<{ perSecond: number; times: number[] }> {
  const times: number[] = new Array(n);
  let next = 0;
  const began = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const start = performance.now();
      await work(i);
      times[i] = performance.now() - start;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { perSecond: (n / (performance.now() - began)) * 1000, times };
}

const ms = (x: number) => `${x < 10 ? x.toFixed(2) : x.toFixed(0)} ms`;

/** One engine at one scale: the rows it prints. */
async function measure(engine: Engine, guilds: number, members: number): Promise<BenchRow[]> {
  const { store, dispose } = await engine.open();
  const clock = new FakeClock(NOW);
  const service = createQuizService({
    store,
    bank: await loadQuizBank(FIXTURE_BANK),
    logger: silentLogger(),
    clock: clock.now,
    random: seededRandom(3),
  });
  const guildIds = Array.from({ length: guilds }, (_, g) => `${100_000_000_000_000_000n + BigInt(g)}`);
  await drive(guilds, (g) =>
    service.configure(guildIds[g]!, { channelId: "200000000000000000", time: "06:00", timezone: "UTC" }),
  );
  const publisher = new RecordingPublisher(clock);
  const tickBegan = performance.now();
  await service.tick(publisher);
  const tickMs = performance.now() - tickBegan;
  const roundIds = publisher.posts.map((p) => p.round.id);
  if (roundIds.length !== guilds) throw new Error(`${engine.name}: ${roundIds.length} of ${guilds} posted`);

  const clicks = await drive(guilds * members, (i) =>
    service.answer({ roundId: roundIds[i % guilds]!, userId: `u${Math.floor(i / guilds)}`, choice: i % 4 }),
  );
  const questions = await drive(QUESTIONS, async (i) => {
    const threadId = `t${i % (guilds * 4)}`;
    const at = new Date(NOW.getTime() + i * 1000).toISOString();
    await store.turns.recent(threadId);
    await store.turns.append(threadId, {
      question: `question ${i}`,
      answer: "An answer of some length. ".repeat(20),
      at,
    });
    await store.asks.put(`a${i}`, {
      question: `question ${i}`,
      userId: `u${i}`,
      sourceIds: ["s1", "s2", "s3"],
      createdAt: at,
    });
  });
  await store.close();
  await dispose();

  const scale = `${guilds.toLocaleString("en")} guild${guilds > 1 ? "s" : ""} × ${members.toLocaleString("en")}`;
  const line = (what: string, r: { perSecond: number; times: number[] }) => {
    const s = summarize(r.times);
    return {
      what: `store ${engine.name}, ${scale}: ${what}`,
      value: `${r.perSecond.toFixed(0)}/s · p50 ${ms(s.p50)} · p99 ${ms(s.p99)} (n=${s.n})`,
    };
  };
  return [
    { what: `store ${engine.name}, ${scale}: daily tick posting ${guilds}`, value: ms(tickMs) },
    line("quiz clicks", clicks),
    line("questions kept", questions),
  ];
}

/** Every engine available here at every scale. */
export async function benchStore(): Promise<BenchRow[]> {
  const engines = [jsonEngine, pgliteEngine];
  const url = process.env.TEST_DATABASE_URL;
  if (url) engines.push(serverEngine(url));
  const rows: BenchRow[] = [];
  for (const { guilds, members } of SCALES)
    for (const engine of engines) rows.push(...(await measure(engine, guilds, members)));
  if (!url) rows.push({ what: "store PostgreSQL server", value: "not measured: set TEST_DATABASE_URL to a server" });
  return rows;
}

// Run alone: print the rows.
if (import.meta.filename === process.argv[1]) {
  const rows = await benchStore();
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`store benchmark on ${process.version}, ${CONCURRENCY} operations in flight`);
  for (const row of rows) console.log(`${row.what.padEnd(width)}  ${row.value}`);
}
