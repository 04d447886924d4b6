/**
 * One scale of the benchmark, in a process of its own so that its peak RSS is its own:
 * `node --expose-gc --import tsx bench/scale.ts COPIES`. Prints one line of JSON (a {@link ScaleResult}).
 *
 * Every measured question is asked once, after a warm-up on other questions: the same question asked again
 * would be served from the tokenizer's caches. At 1× the questions are the question sets as written; at
 * larger scales also the same questions about other copies (their names renamed as the copy's are).
 */
import { writeFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { createAsker } from "../src/answer/ask.ts";
import { createDrugCatalog } from "../src/drugs/catalog.ts";
import { loadKnowledge } from "../src/knowledge/load.ts";
import { silentLogger } from "../src/log.ts";
import { createSearchEngineFromDocs } from "../src/search/engine.ts";
import { renamerFor, scaledCorpus } from "./corpus.ts";
import { bareInvertedIndex, flexSearchPeer, lunrPeer, miniSearchPeer, oramaPeer, type Peer } from "./peers.ts";
import { loadQuestions } from "./stats.ts";

/** What one scale measured. */
export interface ScaleResult {
  copies: number;
  documents: number;
  passages: number;
  sentences: number;
  loadMs: number;
  corpusMs: number;
  buildMs: number;
  /** RSS before the build (corpus in memory), the build's peak, and after it with the index kept (MB). */
  rssBeforeBuild: number;
  buildPeakRss: number;
  rssKept: number;
  /** Peak RSS of the process after the questions, before any peer is built (MB). */
  peakRss: number;
  /** Latencies (ms), one per question. */
  search: number[];
  ask: number[];
  /** The longest answer and the most sources one answer showed. */
  longestAnswer: number;
  mostSources: number;
  /** The answer to "Which drugs target EGFR?", which once listed every copy's rows. */
  egfrAnswer: { chars: number; sources: number };
  peers: Array<{ name: string; buildMs: number; search: number[] }>;
  skippedPeers: string[];
}

const MB = 2 ** 20;
const copies = Number(process.argv[2] ?? 1);
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
/** Peak RSS so far, in MB (maxRSS is in kilobytes). */
const maxRss = () => process.resourceUsage().maxRSS / 1024;
/** Starts peak RSS afresh from the current RSS (Linux: /proc/self/clear_refs); false where that is not possible. */
function resetPeakRss(): boolean {
  try {
    writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

let start = performance.now();
const knowledge = loadKnowledge("knowledge/igf-tki-review");
const loadMs = performance.now() - start;
start = performance.now();
const corpus = scaledCorpus(knowledge, copies);
const corpusMs = performance.now() - start;

gc();
const peakResettable = resetPeakRss();
const rssBeforeBuild = process.memoryUsage().rss / MB;
start = performance.now();
const engine = createSearchEngineFromDocs(corpus.docs, corpus.aliasGroups);
const buildMs = performance.now() - start;
const buildPeakRss = peakResettable ? maxRss() : Number.NaN;
gc();
const rssKept = process.memoryUsage().rss / MB;

// Questions: copy 1's for the warm-up; the written ones, then other copies', to measure.
const rename = renamerFor(knowledge);
const written = loadQuestions();
const warmUp = rename(written, 1);
const copiesAsked = (from: number, count: number) =>
  Array.from({ length: Math.min(count, Math.max(0, copies - from)) }, (_, i) => rename(written, from + i)).flat();

// Asked first, before the searches below can warm the tokenizer's caches for these questions: at 1× the
// written questions, at larger scales questions about copies that are not searched.
const asker = createAsker({ engine, knowledge, catalog: createDrugCatalog(knowledge), logger: silentLogger() });
for (const q of warmUp) await asker(q);
// The build's garbage is collected before the first question, as it is while a started bot waits for one.
gc();
const asked =
  copies === 1 ? written : copies >= 1000 ? rename(written, 4).filter((_, i) => i % 2 === 0) : copiesAsked(4, 2);
const askTimes: number[] = [];
let longestAnswer = 0;
let mostSources = 0;
for (const q of asked) {
  const begin = performance.now();
  const answer = await asker(q);
  askTimes.push(performance.now() - begin);
  longestAnswer = Math.max(longestAnswer, answer.answer.length);
  mostSources = Math.max(mostSources, answer.sources.length);
}
const egfr = await asker("Which drugs target EGFR?");
const peakRss = maxRss();

// The peers, on the same documents, each up to the largest scale it is measured at. MiniSearch answers a
// question in ~0.2 s at 100×; Orama and Lunr take 10–35 ms at 10× and grow with the corpus, which would make a
// 100× run of ~1,000 searches each take minutes.
const builders: Array<[name: string, upTo: number, build: () => Peer]> = [
  ["bare inverted index", Number.POSITIVE_INFINITY, () => bareInvertedIndex(corpus.docs, corpus.aliasGroups)],
  ["FlexSearch", Number.POSITIVE_INFINITY, () => flexSearchPeer(corpus.docs)],
  ["MiniSearch", 1, () => miniSearchPeer(corpus.docs)],
  ["Orama", 1, () => oramaPeer(corpus.docs)],
  ["Lunr", 1, () => lunrPeer(corpus.docs)],
];
const skippedPeers = builders.filter(([, upTo]) => copies > upTo).map(([name]) => name);
const peers: Array<{ peer: Peer; buildMs: number }> = [];
for (const [, upTo, build] of builders) {
  if (copies > upTo) continue;
  start = performance.now();
  const peer = build();
  peers.push({ peer, buildMs: performance.now() - start });
}

// Searched: the engine and each peer in turn on each question, so a pause of this shared machine falls on all
// alike. The engine goes first: the bare index shares its tokenizer's caches, and would warm them for it.
const contenders: Array<(q: string) => unknown> = [
  (q) => engine.search(q, { k: 5 }),
  ...peers.map(
    ({ peer }) =>
      (q: string) =>
        peer.search(q, 5),
  ),
];
for (const q of warmUp) for (const search of contenders) search(q);
gc();
// At 1000× the written questions are sampled (every other one), for a run of minutes, not tens of minutes.
const searched =
  copies === 1 ? written : copies >= 1000 ? written.filter((_, i) => i % 2 === 0) : [...written, ...copiesAsked(2, 2)];
const searchTimes = contenders.map(() => [] as number[]);
for (const q of searched) {
  contenders.forEach((search, i) => {
    const begin = performance.now();
    search(q);
    searchTimes[i]!.push(performance.now() - begin);
  });
}

const passages = engine.docs.filter((d) => d.hit.kind === "passage");
const result: ScaleResult = {
  copies,
  documents: engine.docs.length,
  passages: passages.length,
  sentences: passages.reduce((n, d) => n + d.sentences.length, 0),
  loadMs,
  corpusMs,
  buildMs,
  rssBeforeBuild,
  buildPeakRss,
  rssKept,
  peakRss,
  search: searchTimes[0]!,
  ask: askTimes,
  longestAnswer,
  mostSources,
  egfrAnswer: { chars: egfr.answer.length, sources: egfr.sources.length },
  peers: peers.map(({ peer, buildMs }, i) => ({ name: peer.name, buildMs, search: searchTimes[i + 1]! })),
  skippedPeers,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
