/**
 * Source text + corrections → the knowledge files. Pure: no file system, so a test can compare a fresh ingest with
 * the committed JSON.
 */
import type { z } from "zod";
import { type Correction, KnowledgeFiles, type TrialOutcomes } from "../schema.ts";
import { applyCorrections } from "./corrections.ts";
import { parseFigures } from "./figures.ts";
import { parseFront } from "./front.ts";
import { parseGlossary } from "./glossary.ts";
import { parseSections } from "./prose.ts";
import { type ParsedReference, parseReferences } from "./references.ts";
import { splitRegions } from "./regions.ts";
import { parseTable1, parseTable2, parseTable3 } from "./tables.ts";

/** The name of a file under `knowledge/<doc>/`. */
export type KnowledgeFileName = keyof typeof KnowledgeFiles;

/** The content of every knowledge file, each typed by its schema. */
export type KnowledgeContent = { [K in KnowledgeFileName]: z.infer<(typeof KnowledgeFiles)[K]> };

/** The id of the one document this project ingests. */
export const DOCUMENT_ID = "igf-tki-review";

/** Something that cites: a sentence, a table row or a figure, by id. */
interface Citing {
  id: string;
  refs: readonly number[];
}

/**
 * Fills each reference's `citedIn` from everything that cites it, in reading order: the prose sentence by
 * sentence, then the rows of Tables 1–3, then the figures. Throws on a citation of a reference that does not exist.
 */
function linkCitations(references: readonly ParsedReference[], citing: readonly Citing[]) {
  const citedIn = references.map(() => [] as string[]);
  for (const { id, refs } of citing) {
    for (const n of refs) {
      const list = citedIn[n - 1];
      if (!list) throw new Error(`${id} cites [${n}], but there are ${references.length} references`);
      list.push(id);
    }
  }
  return references.map((r, i) => ({ ...r, citedIn: citedIn[i] ?? [] }));
}

/**
 * Parses the review's extracted text into the knowledge files, applying `corrections` region by region and
 * attaching the reviewed `outcomes` to Table 3's rows, and validates each result with its schema (throws on
 * any violation, on a correction that matches nothing, or on an outcome that does not fit its row).
 */
export function ingest(
  sourceText: string,
  corrections: readonly Correction[],
  outcomes: TrialOutcomes["outcomes"],
): KnowledgeContent {
  const regions = splitRegions(sourceText);
  const region = (scope: keyof typeof regions) => applyCorrections(regions[scope], corrections, scope);
  const table1Region = region("table1");
  const table3Region = region("table3");
  const sections = parseSections(region("prose"));
  const table1 = parseTable1(table1Region);
  const table2 = parseTable2(region("table2"));
  const table3 = parseTable3(table3Region, outcomes);
  const figures = parseFigures(region("figure"));
  const sentences = sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences));
  const references = linkCitations(parseReferences(region("references")), [
    ...sentences,
    ...table1,
    ...table2,
    ...table3,
    ...figures,
  ]);
  const content: KnowledgeContent = {
    "document.json": parseFront(region("front"), DOCUMENT_ID, region("back")),
    "sections.json": sections,
    "table1.json": table1,
    "table2.json": table2,
    "table3.json": table3,
    "figures.json": figures,
    "references.json": references,
    "glossary.json": [...parseGlossary(table1Region, "table1"), ...parseGlossary(table3Region, "table3")],
  };
  for (const [name, schema] of Object.entries(KnowledgeFiles)) schema.parse(content[name as KnowledgeFileName]);
  return content;
}
