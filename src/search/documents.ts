/**
 * Knowledge → the documents the index holds: sentence-level passages, table rows, figure captions and
 * reference entries, each with the `Hit` it becomes and the fields it is searched by.
 */

import { formatCitation, replaceCitationGroups } from "../knowledge/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Sentence, Table1Row, Table2Row, Table3Row } from "../knowledge/schema.ts";
import type { Hit } from "./hit.ts";

/** A document of the index: the hit it becomes (less its score), its fields, and for passages its sentences. */
export interface SearchDoc {
  hit: Omit<Hit, "score">;
  /** Field name → text, or texts; see {@link SEARCH_FIELDS}. */
  fields: { name: string; body: string; context: string | string[] };
  /** A passage's sentences, each with the numbers it cites itself: what an extractive answer quotes. */
  sentences: Sentence[];
  /** A table row's cells, for answers that describe the row rather than quote it. */
  row: TableRow | null;
}

/**
 * A row of one of the review's tables, tagged with its table and with the review it belongs to (its
 * `document.json` id): a list of rows is completed from its own review's table, never from another's.
 */
export type TableRow = { document: string } & (
  | { table: "1"; cells: Table1Row }
  | { table: "2"; cells: Table2Row }
  | { table: "3"; cells: Table3Row }
);

/** A document's text segments, field by field: its name, its body, then each segment of its context. */
export function segmentsOf(doc: SearchDoc): string[] {
  const { name, body, context } = doc.fields;
  return [name, body, ...(typeof context === "string" ? [context] : context)];
}

/**
 * The fields and their weights. `name` holds what a row is called (a drug, its codes and aliases), `body` what
 * a person reads, `context` the neighbouring sentences and the section or table a document stands in, which
 * help a question find a sentence that says "this" or "it" for the thing asked about.
 */
export const SEARCH_FIELDS = [
  { name: "name", weight: 3, b: 0.3 },
  { name: "body", weight: 1, b: 0.6 },
  { name: "context", weight: 0.15, b: 0.5 },
] as const;

// What each Table 2 strategy does, in section 5's words: a row names only its strategy, but people ask for
// "anti-IGF-1R antibodies" or "IGF-1R kinase inhibitors".
const STRATEGY_CONTEXT: Record<Table2Row["strategy"], string> = {
  "Monoclonal antibodies": "receptor blocking: anti-IGF-1R monoclonal antibody (mAb)",
  "Small molecule inhibitors": "kinase inhibition: small molecule IGF-1R tyrosine kinase inhibitor",
  "Ligand neutralization": "ligand isolation: anti-ligand antibody neutralizing IGF-1 and IGF-2",
};

// Words a question uses for what a table holds, so that "approved for" or "trial results" reach the rows.
const TABLE_CONTEXT = {
  "1": "Table 1. FDA-approved kinase inhibitors: drug, primary target, type of target or drug, year approved by the FDA, approval, therapeutic indications.",
  "2": "Table 2. Strategies targeting the IGF pathway: drugs, compounds, development codes, also known as, preclinical studies.",
  "3": "Table 3. Clinical trials of drugs targeting the IGF pathway in cancer patients: phase, participants, results, outcome, survival, response, trial.",
} as const;

/** Most sentences in one passage: enough to read on its own, few enough to quote in a chat reply. */
export const MAX_PASSAGE_SENTENCES = 3;

/**
 * Groups a paragraph's sentences into passages that read on their own and carry their evidence: a sentence
 * that cites nothing joins the next one that does (the citation at the end of a claim covers the sentences
 * leading to it); uncited sentences at the end of a paragraph join the passage before them. No passage holds
 * more than {@link MAX_PASSAGE_SENTENCES}: a longer uncited run stands in passages of its own.
 */
export function groupSentences(sentences: readonly Sentence[]): Sentence[][] {
  const groups: Sentence[][] = [];
  let pending: Sentence[] = [];
  const flushUncited = (keep: number) => {
    while (pending.length > keep)
      groups.push(pending.splice(0, Math.min(MAX_PASSAGE_SENTENCES, pending.length - keep)));
  };
  for (const sentence of sentences) {
    pending.push(sentence);
    if (sentence.refs.length > 0) {
      // The cited sentence keeps the uncited ones just before it; older ones stand apart.
      const lead = pending.splice(0, Math.max(0, pending.length - MAX_PASSAGE_SENTENCES));
      if (lead.length) {
        const rest = pending;
        pending = lead;
        flushUncited(0);
        pending = rest;
      }
      groups.push(pending);
      pending = [];
    }
  }
  const last = groups[groups.length - 1];
  if (last && pending.length && last.length + pending.length <= MAX_PASSAGE_SENTENCES) last.push(...pending);
  else flushUncited(0);
  return groups;
}

/** Text without its bracketed citations: "[77]" is a pointer, not a word anyone searches for. */
function withoutCitations(text: string): string {
  return replaceCitationGroups(text, () => " ");
}

function unionRefs(lists: ReadonlyArray<readonly number[]>): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

function namesOf(drug: string, knowledge: Knowledge, extra: readonly string[] = []): string {
  const group = knowledge.aliases.groups.find(
    (g) => g.kind === "drug" && g.canonical.toLowerCase() === drug.toLowerCase(),
  );
  return [drug, ...extra, ...(group?.aliases ?? [])].join("; ");
}

/** The cells of a Table 1 row as a person reads them. */
export function table1Text(row: Table1Row): string {
  return `Drug: ${row.drug}; Primary targets: ${row.primaryTargets}; Type of target/drug: ${row.targetType}; Year approved: ${row.yearApproved}; Therapeutic indications: ${row.indications}`;
}

/** The cells of a Table 2 row as a person reads them. */
export function table2Text(row: Table2Row): string {
  const compound = row.codes.length ? `${row.compound} (${row.codes.join(", ")})` : row.compound;
  return `Strategy: ${row.strategy}; Compound: ${compound}; Preclinical studies: ${formatCitation(row.refs)}`;
}

/** The cells of a Table 3 row as a person reads them. */
export function table3Text(row: Table3Row): string {
  const ids = row.trialIdNote ?? row.trialIds.join(", ");
  return [
    `Drug: ${row.drug}`,
    `Combination: ${row.combination ?? "None"}`,
    `Cancer type: ${row.cancerType}`,
    `Phase: ${row.phase}`,
    `Participants: ${row.participants}`,
    `Results: ${row.results}`,
    `Ref.: ${formatCitation(row.refs)}${ids ? `; Trial ID: ${ids}` : ""}`,
  ].join("; ");
}

/** The cells of any table row as a person reads them. */
function rowText(row: TableRow): string {
  if (row.table === "1") return table1Text(row.cells);
  if (row.table === "2") return table2Text(row.cells);
  return table3Text(row.cells);
}

/** A table row as a document: its hit, its names, its cells, and the table it stands in. */
function tableRowDoc(row: TableRow, drug: string, names: string, context: string | string[]): SearchDoc {
  const text = rowText(row);
  return {
    hit: { id: row.cells.id, kind: "table-row", section: null, table: row.table, drug, text, refs: row.cells.refs },
    fields: { name: names, body: withoutCitations(text), context },
    sentences: [],
    row,
  };
}

/** Every document of the index, in reading order: passages, then tables, the figure, the references. */
export function buildSearchDocs(knowledge: Knowledge): SearchDoc[] {
  const docs: SearchDoc[] = [];
  const document = knowledge.document.id;
  for (const section of knowledge.sections) {
    for (const paragraph of section.paragraphs) {
      const groups = groupSentences(paragraph.sentences);
      groups.forEach((group, g) => {
        const text = group.map((s) => s.text).join(" ");
        const neighbours = [groups[g - 1], groups[g + 1]].flatMap((n) =>
          n ? [withoutCitations(n.map((s) => s.text).join(" "))] : [],
        );
        docs.push({
          hit: {
            id: group[0]!.id,
            kind: "passage",
            section: section.number,
            table: null,
            drug: null,
            text,
            refs: unionRefs(group.map((s) => s.refs)),
          },
          fields: { name: "", body: withoutCitations(text), context: [section.title, ...neighbours] },
          sentences: group,
          row: null,
        });
      });
    }
  }
  for (const row of knowledge.table1) {
    docs.push(
      tableRowDoc({ document, table: "1", cells: row }, row.drug, namesOf(row.drug, knowledge), TABLE_CONTEXT["1"]),
    );
  }
  for (const row of knowledge.table2) {
    const names = namesOf(row.compound, knowledge, row.codes);
    docs.push(
      tableRowDoc({ document, table: "2", cells: row }, row.compound, names, [
        TABLE_CONTEXT["2"],
        STRATEGY_CONTEXT[row.strategy],
      ]),
    );
  }
  for (const row of knowledge.table3) {
    // A trial is known by its drug and what it was given with ("figitumumab plus erlotinib").
    const names = `${namesOf(row.drug, knowledge)}; ${row.combination ?? ""}`;
    docs.push(tableRowDoc({ document, table: "3", cells: row }, row.drug, names, TABLE_CONTEXT["3"]));
  }
  for (const figure of knowledge.figures) {
    const text = `${figure.label}. ${figure.caption}`;
    docs.push({
      hit: { id: figure.id, kind: "figure", section: null, table: null, drug: null, text, refs: figure.refs },
      fields: { name: `figure ${figure.title}`, body: text, context: "figure illustration diagram" },
      sentences: [],
      row: null,
    });
  }
  for (const reference of knowledge.references) {
    docs.push({
      hit: {
        id: `ref-${reference.n}`,
        kind: "reference",
        section: null,
        table: null,
        drug: null,
        text: `[${reference.n}] ${reference.raw}`,
        refs: [reference.n],
      },
      fields: { name: "", body: `${reference.title} ${reference.authors.split(",")[0]}`, context: reference.journal },
      sentences: [],
      row: null,
    });
  }
  return docs;
}
