/**
 * Picture timings for `npm run bench`: each picture cold (a fresh cache, so built and drawn; the first
 * render of the process also loads the font) and cached, and the memory rendering them all costs.
 */
import { performance } from "node:perf_hooks";
import { type Charts, createCharts } from "../src/charts/index.ts";
import type { Knowledge } from "../src/knowledge/load.ts";

/** One line of the report, in run.ts's shape. */
export interface BenchRow {
  what: string;
  value: string;
  /** The target, and whether it was met. */
  target?: { text: string; met: boolean };
}

const PICTURES: Record<string, (charts: Charts) => unknown> = {
  "chart approvals": (c) => c.approvals(),
  "chart approvals (EGFR)": (c) => c.approvals({ target: "EGFR" }),
  "chart trials": (c) => c.trials(),
  "figure fig1": (c) => c.figure("fig1"),
  "figure routes": (c) => c.figure("routes"),
  "quiz tally": (c) => c.roundTally({ localDate: "2026-03-10", counts: [3, 7, 1, 0], answer: 1 }),
  "quiz topics": (c) =>
    c.topicAccuracy([
      { topic: "compensatory signalling", answered: 4, correct: 3 },
      { topic: "IGFBPs", answered: 2, correct: 0 },
    ]),
};

function median(samples: number[]): number {
  const sorted = samples.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timed(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** Renders every picture cold and cached; `knowledge` is the loaded review. */
export function benchCharts(knowledge: Knowledge): BenchRow[] {
  const rows: BenchRow[] = [];
  const rssBefore = process.memoryUsage().rss;
  const first = timed(() => createCharts(knowledge).trials());
  rows.push({ what: "picture: first render of the process (font load)", value: `${first.toFixed(1)} ms` });
  for (const [name, draw] of Object.entries(PICTURES)) {
    const cold = Array.from({ length: 5 }, () => {
      const charts = createCharts(knowledge);
      return timed(() => draw(charts));
    });
    const charts = createCharts(knowledge);
    draw(charts);
    const cached = Array.from({ length: 1000 }, () => timed(() => draw(charts)));
    rows.push({
      what: `picture ${name}: cold · cached`,
      value: `median ${median(cold).toFixed(1)} ms · ${median(cached).toFixed(4)} ms`,
      target: { text: "cold < 150 ms, cached < 1 ms", met: median(cold) < 150 && median(cached) < 1 },
    });
  }
  const growth = (process.memoryUsage().rss - rssBefore) / 2 ** 20;
  rows.push({
    what: "pictures: RSS growth",
    value: `${growth.toFixed(0)} MB`,
    target: { text: "< 60 MB", met: growth < 60 },
  });
  return rows;
}
