/** Typo reading: an unknown word of six letters or more is read as the nearest known term. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { nameKey } from "../../src/drugs/catalog.ts";
import { SEARCH_FIELDS } from "../../src/search/documents.ts";
import { allowedEdits, createDeletionIndex, createTypoCorrector, editDistance } from "../../src/search/typos.ts";
import { testCore } from "../support/core.ts";

describe("typo reading", () => {
  it("counts a transposition as one edit", () => {
    expect(editDistance("gefitnib", "gefitinib", 2)).toBe(1);
    expect(editDistance("osimetrinib", "osimertinib", 2)).toBe(1);
    expect(editDistance("abcdef", "uvwxyz", 2)).toBe(3);
  });

  it("reads a misspelt drug as the drug, but leaves short everyday words alone", () => {
    const corrector = createTypoCorrector(["gefitinib", "erlotinib", "found", "action", "function"]);
    expect(corrector.closest("gefitnib")).toEqual(["gefitinib"]);
    expect(corrector.closest("bound")).toEqual([]);
    expect(corrector.closest("fraction")).toEqual([]);
  });
});

describe("typo corrections over the held-out questions", () => {
  // Pinned from the corrections the engine made before the typo index was rebuilt for speed: the structure may
  // change, what a misspelt word is read as may not.
  it("reads every unknown word of the held-out sets as it did before", () => {
    const index = testCore().engine.index;
    const corrections: Record<string, string[]> = {};
    for (const file of ["test/fixtures/eval-questions.json", "test/fixtures/eval-questions-2.json"]) {
      for (const { question } of JSON.parse(readFileSync(file, "utf8")).items as Array<{ question: string }>) {
        for (const [word, read] of index.analyse(question).corrections) corrections[word] = read;
      }
    }
    expect(corrections).toEqual({
      frequent: ["frequenc"],
      osimertnib: ["osimertinib"],
      respond: ["respons"],
      matter: ["latter"],
      linsitnib: ["linsitinib"],
      synthet: ["synthes"],
      buffer: ["suffer"],
      thought: ["though"],
      nearli: ["earli"],
    });
  });
});

describe("the typo index", () => {
  /** What the index must return: every term compared with the word, the nearest kept, shortest and first first. */
  function scanEveryTerm(vocabulary: readonly string[], word: string): string[] {
    const max = allowedEdits(word.length);
    if (max === 0) return [];
    const near = vocabulary
      .map((term, order) => ({ term, order, d: editDistance(word, term, max) }))
      .filter((c) => c.d <= max);
    const best = Math.min(...near.map((c) => c.d));
    return near
      .filter((c) => c.d === best)
      .sort((a, b) => a.term.length - b.term.length || a.order - b.order)
      .slice(0, 3)
      .map((c) => c.term);
  }

  /** The review's vocabulary, in the order the index meets it. */
  function reviewVocabulary(): string[] {
    const { docs, tokenizer } = testCore().engine;
    const terms = new Set<string>();
    for (const doc of docs) {
      for (const field of SEARCH_FIELDS) {
        const value = doc.fields[field.name];
        for (const text of typeof value === "string" ? [value] : value) for (const t of tokenizer(text)) terms.add(t);
      }
    }
    return [...terms].filter((t) => !t.startsWith("@"));
  }

  /** Misspellings of a term: each kind of edit once, and two edits for long terms. */
  function misspellings(term: string): string[] {
    const mid = term.length >> 1;
    const swap = (s: string, i: number) => s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2);
    const words = [
      term.slice(0, mid) + term.slice(mid + 1),
      `${term.slice(0, mid)}e${term.slice(mid)}`,
      `${term.slice(0, mid)}q${term.slice(mid + 1)}`,
      swap(term, mid - 1),
    ];
    if (term.length >= 9) words.push(`${swap(term, 1).slice(0, -1)}z`, `a${term.slice(0, mid)}${term.slice(mid + 1)}`);
    return words;
  }

  it("finds what comparing the word with every term finds, over misspellings of the whole review's vocabulary", () => {
    const vocabulary = reviewVocabulary();
    const corrector = createTypoCorrector(vocabulary);
    const words = vocabulary.filter((t) => t.length >= 5).flatMap(misspellings);
    expect(words.length).toBeGreaterThan(3000);
    const differing = words.filter((w) => corrector.closest(w).join() !== scanEveryTerm(vocabulary, w).join());
    expect(differing).toEqual([]);
    // The comparison is not empty on both sides: most misspellings are read as some term.
    expect(words.filter((w) => corrector.closest(w).length > 0).length).toBeGreaterThan(words.length / 2);
  });

  it("visits every key within three edits of a word, as the drug catalogue reads long names", () => {
    const budget = (length: number) => (length < 5 ? 1 : length < 9 ? 2 : 3);
    const keys = [
      ...new Set(
        testCore()
          .catalog.entries.flatMap((e) => [e.name, ...e.aliases])
          .map(nameKey),
      ),
    ].filter(Boolean);
    const index = createDeletionIndex(keys, budget);
    // Up to three edits: a deletion, then a substitution, then an insertion, each as far as the budget allows.
    const words = keys.flatMap((key) => {
      const mid = key.length >> 1;
      const one = key.slice(0, mid) + key.slice(mid + 1);
      const two = `${one.slice(0, 1)}q${one.slice(2)}`;
      return [one, two, `${two}z`, ...misspellings(key)];
    });
    expect(words.length).toBeGreaterThan(500);
    const missed = words.flatMap((word) => {
      const visited = new Set<number>();
      index.forEachCandidate(word, budget(word.length), (id) => visited.add(id));
      return keys.flatMap((key, id) =>
        editDistance(word, key, budget(word.length)) <= budget(word.length) && !visited.has(id)
          ? [`${word}→${key}`]
          : [],
      );
    });
    expect(missed).toEqual([]);
    // Three edits away, and still found: "osimertinib" without its "r", with a "q" and a "z".
    const found: string[] = [];
    index.forEachCandidate("oqimetinibz", 3, (id) => found.push(keys[id]!));
    expect(found).toContain("osimertinib");
  });
});
