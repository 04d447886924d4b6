/**
 * Reads and checks the knowledge files of one document plus the shared aliases file. Everything is validated
 * with the schemas of schema.ts and cross-checked (ids unique, citations within the reference list), so code
 * downstream can trust what it gets. Any problem is a {@link KnowledgeError} with a one-line message.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { z } from "zod";
import {
  Aliases,
  type DocumentMeta,
  type Figure,
  type GlossaryEntry,
  KnowledgeFiles,
  Lexicon,
  type Reference,
  type Section,
  type Sentence,
  type Table1Row,
  type Table2Row,
  type Table3Row,
} from "./schema.ts";

/** A knowledge file is missing, unreadable, invalid or inconsistent. The message is one line naming file and field. */
export class KnowledgeError extends Error {
  override readonly name = "KnowledgeError";
}

/** A sentence with where it stands: its section's number ("4.1") and its paragraph's id ("sec-4.1-p2"). */
export type SentenceInContext = Sentence & { section: string; paragraphId: string };

/** Anything that cites references, as named by a reference's `citedIn` ids. */
export type Citer =
  | { kind: "sentence"; item: SentenceInContext }
  | { kind: "table1"; item: Table1Row }
  | { kind: "table2"; item: Table2Row }
  | { kind: "table3"; item: Table3Row }
  | { kind: "figure"; item: Figure };

/** One document's knowledge, validated, with lookups built once at load. */
export interface Knowledge {
  /** The directory it was loaded from. */
  dir: string;
  document: DocumentMeta;
  sections: Section[];
  table1: Table1Row[];
  table2: Table2Row[];
  table3: Table3Row[];
  figures: Figure[];
  references: Reference[];
  glossary: GlossaryEntry[];
  aliases: z.infer<typeof Aliases>;
  /** The lay lexicon shared by the documents (`knowledge/lexicon.json`). */
  lexicon: Lexicon;
  /** Reference `n` → its entry. */
  referenceByNumber: Map<number, Reference>;
  /** Section number ("4.1") → section. */
  sectionByNumber: Map<string, Section>;
  /** Every sentence of the prose in reading order, with its section and paragraph. */
  sentences: SentenceInContext[];
  /** Sentence id → sentence. */
  sentenceById: Map<string, SentenceInContext>;
  /** Id of a sentence, table row or figure → what it is; resolves a reference's `citedIn`. */
  citerById: Map<string, Citer>;
}

/** The parsed content of each knowledge file. */
type Files = { [K in keyof typeof KnowledgeFiles]: z.infer<(typeof KnowledgeFiles)[K]> };

/** A zod issue path as a reader writes it: `[3].yearApproved`, `authors[0].name`. */
function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");
  return text === "" ? "(root)" : text;
}

function fail(file: string, path: readonly PropertyKey[], message: string): never {
  throw new KnowledgeError(`${file}: ${formatPath(path)}: ${message.replace(/\s+/g, " ")}`);
}

/** Reads, parses and validates one JSON file with `schema`. */
function readJson<T extends z.ZodType>(file: string, schema: T): z.infer<T> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KnowledgeError(
      `${file}: ${code === "ENOENT" ? "file not found" : `cannot read (${code ?? String(error)})`}`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new KnowledgeError(`${file}: invalid JSON: ${(error as Error).message.replace(/\s+/g, " ")}`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    fail(file, issue?.path ?? [], (issue?.message ?? "invalid").replace(/^Invalid input: /, ""));
  }
  return result.data;
}

/** Checks what the schemas cannot: unique ids, citations within the reference list, `citedIn` ids that exist. */
function crossCheck(dir: string, files: Files, citerById: Map<string, Citer>): void {
  const file = (name: keyof Files) => join(dir, name);
  const count = files["references.json"].length;
  files["references.json"].forEach((r, i) => {
    if (r.n !== i + 1)
      fail(file("references.json"), [i, "n"], `expected ${i + 1}, found ${r.n} (numbers must run 1, 2, 3, …)`);
  });
  const checkRefs = (name: keyof Files, path: PropertyKey[], refs: readonly number[]) =>
    refs.forEach((n, j) => {
      if (n > count) fail(file(name), [...path, "refs", j], `cites [${n}], but there are ${count} references`);
    });
  const seen = new Set<string>();
  const checkId = (name: keyof Files, path: PropertyKey[], id: string) => {
    if (seen.has(id)) fail(file(name), [...path, "id"], `duplicate id "${id}"`);
    seen.add(id);
  };
  const numbers = new Set<string>();
  files["sections.json"].forEach((section, s) => {
    if (numbers.has(section.number))
      fail(file("sections.json"), [s, "number"], `duplicate section "${section.number}"`);
    numbers.add(section.number);
    if (section.parent !== null && !numbers.has(section.parent)) {
      fail(file("sections.json"), [s, "parent"], `parent section "${section.parent}" does not precede it`);
    }
    section.paragraphs.forEach((paragraph, p) => {
      checkId("sections.json", [s, "paragraphs", p], paragraph.id);
      paragraph.sentences.forEach((sentence, j) => {
        const path = [s, "paragraphs", p, "sentences", j];
        checkId("sections.json", path, sentence.id);
        checkRefs("sections.json", path, sentence.refs);
      });
    });
  });
  for (const name of ["table1.json", "table2.json", "table3.json", "figures.json"] as const) {
    files[name].forEach((item, i) => {
      checkId(name, [i], item.id);
      checkRefs(name, [i], item.refs);
    });
  }
  files["references.json"].forEach((r, i) =>
    r.citedIn.forEach((id, j) => {
      if (!citerById.has(id)) fail(file("references.json"), [i, "citedIn", j], `unknown id "${id}"`);
    }),
  );
}

/**
 * Loads the knowledge files of `dir` (each file of `KnowledgeFiles`) and the aliases and lexicon files (by
 * default `aliases.json` and `lexicon.json` beside `dir`). Relative paths resolve against the working directory.
 * @throws KnowledgeError naming the file and field of the first problem found.
 */
export function loadKnowledge(
  dir = "knowledge/igf-tki-review",
  aliasesFile = join(dirname(dir), "aliases.json"),
  lexiconFile = join(dirname(dir), "lexicon.json"),
): Knowledge {
  const files = Object.fromEntries(
    Object.entries(KnowledgeFiles).map(([name, schema]) => [name, readJson(join(dir, name), schema)]),
  ) as Files;
  const aliases = readJson(aliasesFile, Aliases);
  const lexicon = readJson(lexiconFile, Lexicon);
  const sections = files["sections.json"];
  const sentences = sections.flatMap((section) =>
    section.paragraphs.flatMap((paragraph) =>
      paragraph.sentences.map((sentence) => ({ ...sentence, section: section.number, paragraphId: paragraph.id })),
    ),
  );
  const citers: Citer[] = [
    ...sentences.map((item) => ({ kind: "sentence" as const, item })),
    ...files["table1.json"].map((item) => ({ kind: "table1" as const, item })),
    ...files["table2.json"].map((item) => ({ kind: "table2" as const, item })),
    ...files["table3.json"].map((item) => ({ kind: "table3" as const, item })),
    ...files["figures.json"].map((item) => ({ kind: "figure" as const, item })),
  ];
  const citerById = new Map(citers.map((c) => [c.item.id, c]));
  crossCheck(dir, files, citerById);
  return {
    dir,
    document: files["document.json"],
    sections,
    table1: files["table1.json"],
    table2: files["table2.json"],
    table3: files["table3.json"],
    figures: files["figures.json"],
    references: files["references.json"],
    glossary: files["glossary.json"],
    aliases,
    lexicon,
    referenceByNumber: new Map(files["references.json"].map((r) => [r.n, r])),
    sectionByNumber: new Map(sections.map((s) => [s.number, s])),
    sentences,
    sentenceById: new Map(sentences.map((s) => [s.id, s])),
    citerById,
  };
}
