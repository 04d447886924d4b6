/**
 * The benchmark's larger corpus: the review copied N times as a larger library would look. Copy 0 is the review
 * itself; every other copy has its drug, compound, code, gene and trial names suffixed with the copy's own tag
 * ("gefitinib" → "gefitinibxbc", "NCT00673049" → "NCT00673049xbc"), so each copy adds vocabulary, entities and
 * postings of its own instead of repeating the first copy's text, which an index tokenizes once and stores free.
 */
import type { Knowledge } from "../src/knowledge/load.ts";
import { buildSearchDocs, type SearchDoc } from "../src/search/documents.ts";
import { aliasGroupsOf } from "../src/search/engine.ts";

type AliasGroups = Knowledge["aliases"]["groups"];

/** The corpus of `copies` renamed copies: its documents and the alias groups whose names the tokenizer joins. */
export interface ScaledCorpus {
  docs: SearchDoc[];
  aliasGroups: AliasGroups;
}

// Letters the stemmer leaves alone at the end of a word (no vowels, no s or y), so a tag is never stemmed away.
const TAG_LETTERS = "bcdfghjkmnpqrtvwz";

/** A copy's tag: "x" and the copy number in TAG_LETTERS, without digits, which the tokenizer would split off. */
export function copyTag(copy: number): string {
  let tag = "";
  let n = copy;
  do {
    tag = TAG_LETTERS[n % TAG_LETTERS.length] + tag;
    n = Math.floor(n / TAG_LETTERS.length);
  } while (n > 0);
  return `x${tag}`;
}

/** Names renamed per copy: one-word drug, compound, code and gene names, and trial ids (several-word aliases
 * such as "insulin receptor" stay shared, as everyday words are across a library). */
function renamedNames(knowledge: Knowledge, groups: AliasGroups): string[] {
  const names = [
    ...groups.filter((g) => g.kind !== "term").flatMap((g) => [g.canonical, ...g.aliases]),
    ...knowledge.table1.map((r) => r.drug),
    ...knowledge.table2.flatMap((r) => [r.compound, ...r.codes]),
    ...knowledge.table3.flatMap((r) => [r.drug, ...r.trialIds]),
  ];
  return [...new Set(names.filter((n) => /^[A-Za-z0-9][A-Za-z0-9-]*$/.test(n) && n.length >= 2))].sort(
    (a, b) => b.length - a.length,
  );
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Copies `value` (JSON-like), appending `tag` to every match of `pattern` in its strings, except in ids. */
function renamed<T>(value: T, pattern: RegExp, tag: string): T {
  if (typeof value === "string") return value.replace(pattern, `$&${tag}`) as T;
  if (Array.isArray(value)) return value.map((v) => renamed(v, pattern, tag)) as T;
  if (value && typeof value === "object" && !(value instanceof Map)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "id" || k === "citedIn" ? v : renamed(v, pattern, tag)]),
    ) as T;
  }
  return value;
}

/** Renames text as it is renamed in copy `copy` of the corpus (copy 0: unchanged). */
export type Renamer = <T>(value: T, copy: number) => T;

/** The renaming of {@link scaledCorpus}, for questions about a copy's drugs and genes. */
export function renamerFor(knowledge: Knowledge): Renamer {
  const pattern = new RegExp(
    `(?<![A-Za-z0-9])(?:${renamedNames(knowledge, aliasGroupsOf(knowledge)).map(escapeRegExp).join("|")})(?![A-Za-z0-9])`,
    "gi",
  );
  return (value, copy) => (copy === 0 ? value : renamed(value, pattern, copyTag(copy)));
}

/**
 * The review as `copies` document sets: copy 0 as it is, the others renamed, each document's id (and its
 * sentences' ids) prefixed with its copy ("copy17/table1/gefitinib").
 */
export function scaledCorpus(knowledge: Knowledge, copies: number): ScaledCorpus {
  const groups = aliasGroupsOf(knowledge);
  const rename = renamerFor(knowledge);
  const docs: SearchDoc[] = [];
  const aliasGroups: AliasGroups = [...groups];
  for (let copy = 0; copy < copies; copy++) {
    if (copy === 0) {
      docs.push(...buildSearchDocs(knowledge));
      continue;
    }
    const copied = {
      ...knowledge,
      sections: rename(knowledge.sections, copy),
      table1: rename(knowledge.table1, copy),
      table2: rename(knowledge.table2, copy),
      table3: rename(knowledge.table3, copy),
      figures: rename(knowledge.figures, copy),
      references: rename(knowledge.references, copy),
      aliases: { ...knowledge.aliases, groups: rename(knowledge.aliases.groups, copy) },
    };
    // Only the renamed groups are new entities; a group none of whose names was renamed is the same concept.
    aliasGroups.push(...rename(groups, copy).filter((g, i) => g.canonical !== groups[i]!.canonical));
    const id = (local: string) => `copy${copy}/${local}`;
    for (const doc of buildSearchDocs(copied)) {
      const sentences = doc.sentences.map((s) => ({ ...s, id: id(s.id) }));
      // Each copy is a review of its own: its rows are completed into lists from its own tables only.
      const row = doc.row && { ...doc.row, document: id(doc.row.document) };
      docs.push({ ...doc, hit: { ...doc.hit, id: id(doc.hit.id) }, sentences, row });
    }
  }
  return { docs, aliasGroups };
}
