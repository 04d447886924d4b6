/**
 * Every drug and compound the review names, with every name it goes by: the tables' names, Table 2's
 * development codes and the curated aliases (brand names, codes from reference titles). Resolves what a
 * person types — a name, a code, a brand, a typo — to the name the review uses.
 */
import type { Knowledge } from "../knowledge/load.ts";
import { createDeletionIndex, editDistance } from "../search/typos.ts";

/** A drug the review names, under its canonical name, with all its other names. */
export interface DrugEntry {
  /** The name as the review's tables spell it: "Ganitumab", "Trastuzumab-emtansine". */
  name: string;
  /** Codes, brand names and other spellings, without the canonical name. */
  aliases: string[];
}

/** The result of resolving what someone typed. */
export interface Resolution {
  entry: DrugEntry | null;
  /** Close names when nothing matched, best first. */
  suggestions: string[];
}

/** One autocomplete choice: what to show and the canonical name to submit. */
export interface DrugChoice {
  label: string;
  value: string;
}

/** Resolves drug names. */
export interface DrugCatalog {
  readonly entries: readonly DrugEntry[];
  resolve(query: string): Resolution;
  /** The drug one of whose names is exactly `name` (any case, spacing or dashes), without typo reading. */
  exact(name: string): DrugEntry | null;
  /** Choices for a partly typed name: prefix matches first, then names containing it, then close spellings. */
  suggest(partial: string, limit?: number): DrugChoice[];
}

/** The form names are compared in: lower case, letters and digits only ("AMG-479" = "amg 479" = "AMG479"). */
export function nameKey(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

/**
 * Words that name drugs by their international nonproprietary stems: kinase inhibitors (-tinib, -ciclib),
 * antibodies (-mab), mTOR inhibitors (-limus) and the chemotherapies the review's trials combine them with.
 */
const PROSE_DRUG =
  /\b[A-Za-z]{3,}(?:tinib|ciclib|mab|limus|platin|taxel|tecan|rubicin|citabine|trexed|mestane|lutamide)\b/g;

/** Edits a typed name of this length may carry and still be read as a drug's name. */
function typoBudget(length: number): number {
  return length < 5 ? 1 : length < 9 ? 2 : 3;
}

/** Shortest typed prefix that resolves to the one drug it starts. */
const MIN_PREFIX = 5;

/**
 * The drugs of a Table 3 combination cell: "Paclitaxel, carboplatin", "Docetaxel or prednisone". A treatment
 * of several words ("Androgen deprivation") is not a drug name.
 */
export function combinationDrugs(combination: string | null): string[] {
  if (!combination) return [];
  return combination
    .replace(/\([^)]*\)/g, "")
    .split(/,|\bor\b|\bplus\b|\+/)
    .map((part) => capitalize(part.trim()))
    .filter((part) => part.length > 2 && !/\s/.test(part));
}

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Builds the catalog from the tables, the drug aliases and the drugs the prose names. */
export function createDrugCatalog(knowledge: Knowledge): DrugCatalog {
  const byKey = new Map<string, DrugEntry>();
  const entries: DrugEntry[] = [];

  function entryFor(name: string): DrugEntry {
    const existing = byKey.get(nameKey(name));
    if (existing) return existing;
    const entry: DrugEntry = { name, aliases: [] };
    entries.push(entry);
    byKey.set(nameKey(name), entry);
    return entry;
  }
  function addAlias(entry: DrugEntry, alias: string): void {
    const key = nameKey(alias);
    if (!key || byKey.has(key)) return;
    byKey.set(key, entry);
    entry.aliases.push(alias);
  }

  for (const row of knowledge.table1) entryFor(row.drug);
  for (const row of knowledge.table2) {
    const entry = entryFor(row.compound);
    row.codes.forEach((code) => addAlias(entry, code));
  }
  for (const row of knowledge.table3) {
    entryFor(row.drug);
    for (const partner of combinationDrugs(row.combination)) entryFor(partner);
  }
  for (const group of knowledge.aliases.groups) {
    if (group.kind !== "drug") continue;
    const entry = entryFor(group.canonical);
    group.aliases.forEach((alias) => addAlias(entry, alias));
  }

  // Drugs the prose names that no table lists (icotinib, topotecan, exemestane): found by their stems.
  for (const sentence of knowledge.sentences) {
    for (const [name] of sentence.text.matchAll(PROSE_DRUG)) if (!byKey.has(nameKey(name))) entryFor(capitalize(name));
  }

  const names = [...byKey.entries()].map(([key, entry]) => ({ key, entry }));
  // Every name filed by symmetric deletion: a misspelt name is compared with the few names it may be, not with
  // all of them (the scan cost ~1 ms a word, paid on every question with an unknown drug-shaped word).
  const nearNames = createDeletionIndex(
    names.map((n) => n.key),
    typoBudget,
  );

  function closest(key: string, limit: number): Array<{ entry: DrugEntry; distance: number }> {
    const max = typoBudget(key.length);
    // In catalogue order, as a scan over every name would meet them, so ties sort as they always have.
    const candidates: number[] = [];
    nearNames.forEachCandidate(key, max, (id) => candidates.push(id));
    candidates.sort((a, b) => a - b);
    const best = new Map<DrugEntry, number>();
    for (const id of candidates) {
      const { key: candidate, entry } = names[id]!;
      const d = editDistance(key, candidate, max);
      if (d <= max && d < (best.get(entry) ?? Infinity)) best.set(entry, d);
    }
    return [...best]
      .map(([entry, distance]) => ({ entry, distance }))
      .sort((a, b) => a.distance - b.distance || a.entry.name.localeCompare(b.entry.name))
      .slice(0, limit);
  }

  return {
    entries,
    exact: (name) => byKey.get(nameKey(name)) ?? null,
    resolve(query) {
      const key = nameKey(query);
      if (!key) return { entry: null, suggestions: [] };
      const exact = byKey.get(key);
      if (exact) return { entry: exact, suggestions: [] };
      // A unique prefix is a name being typed ("osimer"); a short one is more likely another word ("ever"),
      // so it only suggests.
      const prefixed = new Set(names.filter((n) => key.length >= 3 && n.key.startsWith(key)).map((n) => n.entry));
      if (prefixed.size === 1 && key.length >= MIN_PREFIX) return { entry: [...prefixed][0]!, suggestions: [] };
      const near = closest(key, 5);
      // A single nearest name within the typo budget is what was meant ("gefitnib"); a tie is a question back.
      if (near.length && near[0]!.distance <= (key.length < 5 ? 0 : 2) && near[1]?.distance !== near[0]!.distance) {
        return { entry: near[0]!.entry, suggestions: [] };
      }
      const suggestions = [...new Set([...prefixed].map((e) => e.name).concat(near.map((n) => n.entry.name)))];
      return { entry: null, suggestions: suggestions.slice(0, 5) };
    },
    suggest(partial, limit = 25) {
      const key = nameKey(partial);
      const label = (e: DrugEntry) => (e.aliases.length ? `${e.name} (${e.aliases.slice(0, 3).join(", ")})` : e.name);
      const ranked: DrugEntry[] = [];
      const push = (e: DrugEntry) => {
        if (!ranked.includes(e)) ranked.push(e);
      };
      if (!key)
        entries
          .slice()
          .sort((a, b) => a.name.localeCompare(b.name))
          .forEach(push);
      else {
        // A name that starts with what was typed beats a code that does ("osi": Osimertinib before OSI-906).
        const starts = names.filter((n) => n.key.startsWith(key));
        const byName = (a: { entry: DrugEntry }, b: { entry: DrugEntry }) => a.entry.name.localeCompare(b.entry.name);
        starts
          .filter((n) => n.key === nameKey(n.entry.name))
          .sort(byName)
          .forEach((n) => push(n.entry));
        starts.sort(byName).forEach((n) => push(n.entry));
        names.filter((n) => n.key.includes(key)).forEach((n) => push(n.entry));
        if (key.length >= 4) closest(key, limit).forEach((n) => push(n.entry));
      }
      // Discord caps a choice's name at 100 characters.
      return ranked.slice(0, limit).map((e) => ({ label: label(e).slice(0, 100), value: e.name }));
    },
  };
}
