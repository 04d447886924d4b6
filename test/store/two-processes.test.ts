/**
 * Two bot processes writing to one PostgreSQL at the same moment lose nothing: 50 answers from each to the
 * same round, and each process then reads all 100. It needs a real server (PGlite is one process's memory),
 * so it runs when TEST_DATABASE_URL names one; `.ci/run` starts a throwaway cluster for it.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { loadQuizBank } from "../../src/knowledge/quiz-bank.ts";
import { silentLogger } from "../../src/log.ts";
import { createQuizService } from "../../src/quiz/quiz-service.ts";
import { openPostgresStore } from "../../src/store/postgres-store.ts";
import { FakeClock, FIXTURE_BANK, RecordingPublisher, seededRandom } from "../quiz/helpers.ts";
import { freshSchema } from "../support/postgres.ts";

const WRITER = path.join(import.meta.dirname, "fixtures", "answer-writer.ts");
const url = process.env.TEST_DATABASE_URL;
const children: ChildProcessWithoutNullStreams[] = [];
const schema = freshSchema();

afterAll(async () => {
  for (const child of children) child.kill();
  if (!url) return;
  const sql = postgres(url, { onnotice: () => {} });
  await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
  await sql.end();
});

/** Starts a writer; resolves with it once it printed "ready". */
function writer(
  roundId: string,
  prefix: string,
  at: string,
): Promise<{ child: ChildProcessWithoutNullStreams; done: Promise<string> }> {
  const { NODE_OPTIONS: _, ...env } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, url!, schema, roundId, prefix, "50", "100", at], {
    env,
  });
  children.push(child);
  let out = "";
  let err = "";
  child.stderr.on("data", (chunk: Buffer) => void (err += chunk.toString()));
  const done = new Promise<string>((resolve, reject) => {
    child.on("exit", (code) =>
      code === 0 ? resolve(out.split("\n")[1]!) : reject(new Error(`writer exited ${code}: ${err}`)),
    );
  });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.startsWith("ready\n")) resolve({ child, done });
    });
    child.on("exit", () => reject(new Error(`writer never got ready: ${err}`)));
  });
}

describe.skipIf(!url)("two processes on one PostgreSQL server (TEST_DATABASE_URL)", () => {
  it("counts 50 simultaneous answers from each of two processes to one round: both read 100", async () => {
    const store = await openPostgresStore(url!, silentLogger(), { schema });
    const clock = new FakeClock(new Date("2026-06-10T06:30:00Z"));
    const service = createQuizService({
      store,
      bank: await loadQuizBank(FIXTURE_BANK),
      logger: silentLogger(),
      clock: clock.now,
      random: seededRandom(1),
    });
    await service.configure("g1", { channelId: "c1", time: "08:30", timezone: "Europe/Berlin" });
    const publisher = new RecordingPublisher(clock);
    await service.tick(publisher);
    const roundId = publisher.posts[0]!.round.id;

    const [a, b] = await Promise.all([
      writer(roundId, "a", clock.now().toISOString()),
      writer(roundId, "b", clock.now().toISOString()),
    ]);
    a.child.stdin.write("go\n");
    b.child.stdin.write("go\n");
    expect(await Promise.all([a.done, b.done])).toEqual(["recorded 50, seen 100", "recorded 50, seen 100"]);
    expect((await service.tally(roundId))!.total).toBe(100);
    expect(await store.players.top("g1", 200)).toHaveLength(100);
    await store.close();
  }, 60_000);
});
