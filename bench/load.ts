/**
 * The load script (`npm run load -- [--n 2000] [--rate 100 | --burst]`): starts `npm start` with a token
 * against the fake Discord, sends N `/ask` interactions at the given rate (or all at once), and prints how
 * fast they were acknowledged (the first callback: a deferral, an answer or "busy"), how many were late for
 * Discord's 3-second window, how many were told busy or dropped, how many answers arrived, and the bot's
 * peak RSS. Not a test: it measures, it does not judge.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { MessageFlags } from "discord-api-types/v10";
import { startFakeDiscord } from "../test/e2e/fake-discord.ts";
import { isolatedEnv } from "../test/support/env.ts";

const WINDOW_MS = 3000;

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "2000" },
    rate: { type: "string", default: "100" },
    burst: { type: "boolean", default: false },
  },
});
const total = Number(values.n);
const rate = values.burst ? Number.POSITIVE_INFINITY : Number(values.rate);

const questions = (
  JSON.parse(readFileSync("test/fixtures/eval-questions.json", "utf8")) as { items: Array<{ question: string }> }
).items.map((item) => item.question);

/** The resident set of a process, in MB, from /proc (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** Packets sent between two turns of the event loop during a burst. */
const SLICE = 50;

/** The node arguments `npm start` runs the bot with (its V8 flags included), so this measures that bot. */
function startArguments(): string[] {
  const { scripts } = JSON.parse(readFileSync("package.json", "utf8")) as { scripts: { start: string } };
  const [node, ...args] = scripts.start.split(/\s+/);
  if (node !== "node") throw new Error(`npm start does not start with node: ${scripts.start}`);
  return args;
}

/** "3 × message" for the most frequent messages of the bot's JSON log lines. */
function commonMessages(lines: string[], top = 3): string {
  const counts = new Map<string, number>();
  for (const line of lines) {
    let msg = line;
    try {
      msg = String((JSON.parse(line) as { msg?: unknown }).msg ?? line);
    } catch {
      // Not a JSON line (a crash trace): counted as it is.
    }
    counts.set(msg, (counts.get(msg) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([msg, n]) => `${n} × ${msg.slice(0, 100)}`)
    .join("; ");
}

async function main(): Promise<void> {
  const fake = await startFakeDiscord();
  const dir = mkdtempSync(path.join(tmpdir(), "load-"));
  const child = spawn(process.execPath, startArguments(), {
    env: isolatedEnv({
      DISCORD_TOKEN: "load-token",
      DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DATA_FILE: path.join(dir, "state.json"),
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_MINUTE: "1000000",
    }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let logText = "";
  child.stderr.on("data", (d: Buffer) => (logText += d.toString("utf8")));
  await fake.ready;
  // Warm-up: the first answer loads what lazy code loads.
  await fake.interactionResponse(fake.sendSlashCommand({ name: "about" }));
  const baselineRss = rssMb(child.pid!);
  let peakRss = baselineRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(child.pid!))), 100);

  const since = fake.mark();
  const sentAt = new Map<string, number>();
  const started = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Number.isFinite(rate) ? Math.floor(((Date.now() - started) / 1000) * rate) + 1 : total);
    for (; sent < due; sent++) {
      const handle = fake.sendSlashCommand({
        name: "ask",
        options: { question: questions[sent % questions.length]! },
      });
      sentAt.set(handle.interactionId, Date.now());
      // The fake's HTTP side shares this thread: building 4,000 packets in one go (1–2 s on a loaded
      // machine) kept it from taking the bot's acknowledgements, which then looked late. Each packet's id
      // (its creation time, which the bot's deadline is read from) is made as it is sent, so the pauses
      // cost the bot nothing.
      if (sent % SLICE === SLICE - 1) await nextTurn();
    }
    await sleep(5);
  }
  const sendSeconds = (Date.now() - started) / 1000;

  // Wait until nothing new arrives for 5 s (or 10 minutes in all).
  let last = fake.requests.length;
  let quietSince = Date.now();
  while (Date.now() - quietSince < 5000 && Date.now() - started < 600_000) {
    await sleep(250);
    if (fake.requests.length !== last) {
      last = fake.requests.length;
      quietSince = Date.now();
    }
  }
  clearInterval(sampler);

  const ack = new Map<string, { at: number; busy: boolean }>();
  let answers = 0;
  for (const request of fake.requests.slice(since)) {
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback$/.exec(request.path);
    if (callback && request.status < 300 && sentAt.has(callback[1]!) && !ack.has(callback[1]!)) {
      const body = request.body as { type: number; data?: { content?: string; flags?: number } };
      const busy = ((body.data?.flags ?? 0) & MessageFlags.Ephemeral) !== 0 && /busy/.test(body.data?.content ?? "");
      ack.set(callback[1]!, { at: request.at, busy });
    }
    if (request.method === "PATCH" && /\/messages\/@original$/.test(request.path) && request.status < 300) answers++;
  }
  const latencies = [...ack].map(([id, { at }]) => at - sentAt.get(id)!).sort((a, b) => a - b);
  const late = latencies.filter((ms) => ms > WINDOW_MS).length;
  const busy = [...ack.values()].filter((a) => a.busy).length;

  const logLines = logText.split("\n").filter((line) => line !== "");
  const mode = Number.isFinite(rate) ? `${total} at ${rate}/s` : `${total} in one burst`;
  const lines = [
    `load: ${mode} (sent in ${sendSeconds.toFixed(1)} s)`,
    `acknowledged: ${ack.size} of ${total} (busy: ${busy}, never acknowledged: ${total - ack.size})`,
    `acknowledgement: p50 ${percentile(latencies, 50)} ms · p99 ${percentile(latencies, 99)} ms · max ${latencies.at(-1)} ms`,
    `late (after ${WINDOW_MS} ms): ${late}`,
    `answers delivered: ${answers}`,
    `bot RSS: ${baselineRss.toFixed(0)} MB at start, peak ${peakRss.toFixed(0)} MB`,
    `bot log lines: ${logLines.length}${logLines.length > 0 ? ` (${commonMessages(logLines)})` : ""}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  child.kill("SIGTERM");
  await new Promise((resolve) => child.on("close", resolve));
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
