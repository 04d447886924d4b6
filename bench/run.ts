/**
 * The benchmark (`npm run bench`): cold start, search and ask latency, memory, at the review's own size and at
 * 100× (the review copied as 100 documents under different ids). Speed is measured here, never in tests.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createAsker } from "../src/answer/ask.ts";
import { createDrugCatalog } from "../src/drugs/catalog.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { silentLogger } from "../src/log.ts";
import { buildSearchDocs, type SearchDoc } from "../src/search/documents.ts";
import { aliasGroupsOf, createSearchEngine, createSearchEngineFromDocs } from "../src/search/engine.ts";

const KNOWLEDGE_DIR = "knowledge/igf-tki-review";
const QUESTION_FILES = ["../shared/eval/questions.json", "test/fixtures/eval-questions.json"];
const SCALE = 100;

interface Row {
  what: string;
  value: string;
  target?: string;
}
const rows: Row[] = [];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function latencies(label: string, samples: number[], target?: string): void {
  const sorted = samples.slice().sort((a, b) => a - b);
  rows.push({
    what: label,
    value: `p50 ${percentile(sorted, 50).toFixed(3)} ms · p95 ${percentile(sorted, 95).toFixed(3)} ms · p99 ${percentile(sorted, 99).toFixed(3)} ms (n=${samples.length})`,
    target,
  });
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  return [value, performance.now() - start];
}

function loadQuestions(): string[] {
  const questions: string[] = [];
  for (const file of QUESTION_FILES) {
    try {
      const items = JSON.parse(readFileSync(file, "utf8")).items as Array<{ question: string }>;
      questions.push(...items.map((i) => i.question));
    } catch {
      // A question set that is not there (the shared one outside a checkout) is simply not measured.
    }
  }
  return questions;
}

let peakRss = process.memoryUsage().rss;
const sampleRss = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const rssTimer = setInterval(sampleRss, 5);

const questions = loadQuestions();
const rounds = 20;

// 1×: cold start is what the bot pays before it can answer: load and validate the knowledge, build the index.
const [knowledge, loadMs] = time(() => loadKnowledge(KNOWLEDGE_DIR));
const [engine, buildMs] = time(() => createSearchEngine(knowledge));
rows.push({ what: "1× knowledge load (zod-validated)", value: `${loadMs.toFixed(1)} ms`, target: "< 100 ms" });
rows.push({ what: `1× index build (${engine.docs.length} documents)`, value: `${buildMs.toFixed(1)} ms` });
rows.push({ what: "1× cold start (load + build)", value: `${(loadMs + buildMs).toFixed(1)} ms`, target: "< 300 ms" });

const searchSamples: number[] = [];
for (let r = 0; r < rounds; r++)
  for (const q of questions) searchSamples.push(time(() => engine.search(q, { k: 5 }))[1]);
latencies("1× search", searchSamples, "p95 < 2 ms");

const ask = createAsker({ engine, knowledge, catalog: createDrugCatalog(knowledge), logger: silentLogger() });
const askSamples: number[] = [];
for (let r = 0; r < rounds; r++) {
  for (const q of questions) {
    const start = performance.now();
    await ask(q);
    askSamples.push(performance.now() - start);
  }
}
latencies("1× ask (extractive)", askSamples);
sampleRss();
rows.push({ what: "1× peak RSS", value: `${(peakRss / 2 ** 20).toFixed(0)} MB` });

// 100×: the same review under 100 ids, to show how cost grows with the corpus.
const one = buildSearchDocs(knowledge);
const [bigEngine, bigBuildMs] = time(() => {
  const docs: SearchDoc[] = [];
  for (let copy = 0; copy < SCALE; copy++) {
    for (const doc of one) docs.push({ ...doc, hit: { ...doc.hit, id: `copy${copy}/${doc.hit.id}` } });
  }
  return createSearchEngineFromDocs(docs, aliasGroupsOf(knowledge));
});
const passages = bigEngine.docs.filter((d) => d.hit.kind === "passage");
const sentences = passages.reduce((n, d) => n + d.sentences.length, 0);
// A passage is a claim group of up to three sentences, so there are fewer passages than sentences.
rows.push({
  what: `${SCALE}× index build (${bigEngine.docs.length} documents; ${passages.length} passages of ${sentences} sentences)`,
  value: `${bigBuildMs.toFixed(0)} ms`,
});
const bigSamples: number[] = [];
for (let r = 0; r < 3; r++) for (const q of questions) bigSamples.push(time(() => bigEngine.search(q, { k: 5 }))[1]);
latencies(`${SCALE}× search`, bigSamples, "p95 < 25 ms");
const bigAsk = createAsker({
  engine: bigEngine,
  knowledge,
  catalog: createDrugCatalog(knowledge),
  logger: silentLogger(),
});
const bigAskSamples: number[] = [];
for (let r = 0; r < 3; r++) {
  for (const q of questions) {
    const start = performance.now();
    await bigAsk(q);
    bigAskSamples.push(performance.now() - start);
  }
}
latencies(`${SCALE}× ask (extractive)`, bigAskSamples);
sampleRss();
rows.push({ what: `${SCALE}× peak RSS`, value: `${(peakRss / 2 ** 20).toFixed(0)} MB`, target: "< 300 MB" });
clearInterval(rssTimer);

rows.push(...(await import("./charts.ts")).benchCharts(knowledge));

// Discord: the real discord.js client against the fake Discord on 127.0.0.1, from INTERACTION_CREATE to the
// reply callback (a deferral, for /ask), without a model. Imported here, after the memory rows, so that
// discord.js does not count in the search engine's footprint.
{
  const { commands } = await import("../commands/index.ts");
  const { startDiscordBot } = await import("../src/bot/discord/bot.ts");
  const { loadConfig } = await import("../src/config.ts");
  const { createCore } = await import("../src/core.ts");
  const { openStore } = await import("../src/store/index.ts");
  const { startFakeDiscord } = await import("../test/e2e/fake-discord.ts");
  const { measureInteractionLatency } = await import("../test/e2e/latency.ts");
  const fake = await startFakeDiscord();
  const config = loadConfig({
    DISCORD_TOKEN: "bench-token",
    DISCORD_APPLICATION_ID: fake.fixtures.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DATA_FILE: path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "state.json"),
    RATE_LIMIT_PER_MINUTE: "100000",
    LOG_LEVEL: "silent",
  });
  const store = await openStore(config, silentLogger());
  const core = createCore({ knowledge, logger: silentLogger() });
  const bot = await startDiscordBot({ config, core, store, logger: silentLogger(), commands });
  const runs = 200;
  await measureInteractionLatency(fake, { name: "drug", options: { name: "osimertinib" } }, 20); // warm-up
  latencies(
    "Discord /drug: INTERACTION_CREATE → reply",
    await measureInteractionLatency(fake, { name: "drug", options: { name: "osimertinib" } }, runs),
    "median < 20 ms",
  );
  latencies(
    "Discord /ask: INTERACTION_CREATE → deferral",
    await measureInteractionLatency(
      fake,
      { name: "ask", options: { question: "How does IGFBP7 inhibit apoptosis?" } },
      runs,
    ),
    "median < 20 ms",
  );
  await bot.stop(2000);
  await store.close();
  await fake.close();
}

const width = Math.max(...rows.map((r) => r.what.length));
console.log(
  `benchmark on ${process.version}, ${questions.length} questions × ${rounds} rounds (1×), × 3 rounds (${SCALE}×)`,
);
for (const row of rows)
  console.log(`${row.what.padEnd(width)}  ${row.value}${row.target ? `   [target ${row.target}]` : ""}`);
