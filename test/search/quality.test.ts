/**
 * Retrieval quality over the held-out question sets in test/fixtures (written from the review without reading
 * this code), scored the way ../shared/eval/score.mjs scores them: a hit counts when it is evidence of the
 * kind the question names. The floors sit a little under what the engine reaches today, so a change that
 * makes retrieval worse for lab members fails here before it ships.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Hit } from "../../src/search/hit.ts";
import { testCore } from "../support/core.ts";

interface EvalItem {
  id: string;
  question: string;
  negative?: boolean;
  refs_any?: number[];
  drugs_any?: { table: string; names: string[] };
  text_any?: string[];
  kinds_any?: string[];
}

const norm = (s: string | null) =>
  String(s ?? "")
    .replace(/\(.*?\)/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/** The scorer's rule: a reference entry, or a source citing more than ten numbers, is no evidence by its refs. */
function isEvidence(item: EvalItem, hit: Hit): boolean {
  if (hit.kind !== "reference" && hit.refs.length <= 10 && (item.refs_any ?? []).some((r) => hit.refs.includes(r)))
    return true;
  if (
    item.drugs_any &&
    hit.kind === "table-row" &&
    hit.table === item.drugs_any.table &&
    item.drugs_any.names.some((n) => norm(n) === norm(hit.drug))
  )
    return true;
  if ((item.text_any ?? []).some((t) => hit.text.toLowerCase().includes(t.toLowerCase()))) return true;
  return (item.kinds_any ?? []).includes(hit.kind);
}

describe.each([
  ["test/fixtures/eval-questions.json", { hit1: 85, hit5: 95 }],
  ["test/fixtures/eval-questions-2.json", { hit1: 90, hit5: 97 }],
])("retrieval over %s", (file, floors) => {
  const items = (JSON.parse(readFileSync(file, "utf8")).items as EvalItem[]).filter((i) => !i.negative);

  it(`puts evidence first for ≥ ${floors.hit1}% and in the top five for ≥ ${floors.hit5}% of questions`, () => {
    let first = 0;
    let topFive = 0;
    for (const item of items) {
      const rank = testCore()
        .search(item.question, { k: 5 })
        .findIndex((hit) => isEvidence(item, hit));
      if (rank === 0) first++;
      if (rank >= 0) topFive++;
    }
    expect((100 * first) / items.length).toBeGreaterThanOrEqual(floors.hit1);
    expect((100 * topFive) / items.length).toBeGreaterThanOrEqual(floors.hit5);
  });
});
