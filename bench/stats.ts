/** The benchmark's questions and how its latencies are summed up. */
import { readFileSync } from "node:fs";

/** The question sets asked, in this order: the shared ones and the held-out ones. */
const QUESTION_FILES = [
  "../shared/eval/questions.json",
  "../shared/eval/questions-natural.json",
  "test/fixtures/eval-questions.json",
  "test/fixtures/eval-questions-2.json",
];

/** Every distinct question of the question sets (each turn of a conversation is a question). */
export function loadQuestions(): string[] {
  const questions = new Set<string>();
  for (const file of QUESTION_FILES) {
    let items: Array<{ question?: string; turns?: string[] }>;
    try {
      items = JSON.parse(readFileSync(file, "utf8")).items;
    } catch {
      continue; // a set that is not there (the shared ones outside a checkout) is simply not asked
    }
    for (const item of items) for (const q of item.question ? [item.question] : (item.turns ?? [])) questions.add(q);
  }
  return [...questions];
}

/** Percentiles of a list of latencies (ms). */
export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The nearest-rank percentiles of `samples`. */
export function summarize(samples: readonly number[]): Summary {
  const sorted = samples.slice().sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99) };
}
