/**
 * Quiz items built from the review's tables: for each Table 1 row its primary target, its target type and the
 * drug approved in its year; for each Table 3 row the trial's phase, partner drugs, cancer and result. The right
 * option is the row's own cell; the three distractors are other cells of the same column that the row does not
 * state (judged by the share of an option's content words found in the row), so a reader of the row can tell
 * them apart. Each item cites its row's references and names the row as its source. Generated ids start with
 * {@link GENERATED_PREFIX}; `npm run quiz:generate` merges them into the bank after the hand-written items.
 */
import { formatCitation } from "../knowledge/citations.ts";
import type { Knowledge } from "../knowledge/load.ts";
import { type QuizBank, QuizItem } from "../knowledge/quiz-bank.ts";
import type { Table1Row, Table3Row } from "../knowledge/schema.ts";
import { table1Text, table3Text } from "../search/documents.ts";

/** The id prefix of every generated item; hand-written ids never start with it. */
export const GENERATED_PREFIX = "gen-";

/** Share of an option's content words a row must contain to state it (the bank test's bar). */
const STATED = 0.6;
/** A discord.js button label holds at most 80 characters. */
const OPTION_MAX = 80;
/** A question fits a Discord embed title with room to spare. */
const QUESTION_MAX = 300;

/** True for an item made by this generator rather than written by hand. */
export function isGeneratedItem(item: Pick<QuizItem, "id">): boolean {
  return item.id.startsWith(GENERATED_PREFIX);
}

/** The bank's hand-written items followed by a fresh generation from `knowledge` (the bank's `about` kept). */
export function mergeGenerated(bank: QuizBank, knowledge: Knowledge): QuizBank {
  const handWritten = bank.items.filter((item) => !isGeneratedItem(item));
  const taken = new Set(handWritten.map((item) => normalize(item.question)));
  const generated = generateTableItems(knowledge).filter((item) => !taken.has(normalize(item.question)));
  return { about: bank.about, items: [...handWritten, ...generated] };
}

/** Every item the tables support, in a stable order; each is validated by the bank's schema. */
export function generateTableItems(knowledge: Knowledge): QuizItem[] {
  const drafts: Draft[] = [
    ...knowledge.table1.flatMap((row) => [table1Target(row, knowledge.table1), table1Type(row, knowledge.table1)]),
    ...table1Years(knowledge.table1),
    ...knowledge.table3.flatMap((row) => [
      table3Phase(row, knowledge.table3),
      table3Partner(row, knowledge.table3),
      table3Cancer(row, knowledge.table3),
      table3Result(row, knowledge.table3),
    ]),
  ].filter((draft): draft is Draft => draft !== null);
  const questionCount = new Map<string, number>();
  for (const d of drafts) questionCount.set(normalize(d.question), (questionCount.get(normalize(d.question)) ?? 0) + 1);
  // A question two rows would ask alike has no single answer: neither is kept.
  const unique = drafts.filter((d) => questionCount.get(normalize(d.question)) === 1);
  return unique.map((draft, index) => toItem(draft, index % 4));
}

/** An item before its right option is put in place. */
interface Draft {
  id: string;
  question: string;
  answer: string;
  distractors: [string, string, string];
  explanation: string;
  sourceId: string;
  topic: "strategies" | "clinical trials";
  difficulty: QuizItem["difficulty"];
}

function toItem(draft: Draft, position: number): QuizItem {
  const options = [...draft.distractors];
  options.splice(position, 0, draft.answer);
  return QuizItem.parse({
    id: draft.id,
    question: draft.question,
    options,
    answer: position,
    explanation: draft.explanation,
    citations: [...new Set(citedIn(draft.explanation))].sort((a, b) => a - b),
    sourceIds: [draft.sourceId],
    topic: draft.topic,
    difficulty: draft.difficulty,
  });
}

// ---- Table 1 ------------------------------------------------------------------------------------------------

function table1Explanation(row: Table1Row): string {
  return `Table 1 lists ${row.drug} (primary target ${row.primaryTargets}, type ${row.targetType}) as approved in ${row.yearApproved} for: ${row.indications} ${formatCitation(row.refs)}.`;
}

/** Both ways the row reads: its cells as the bank test joins them, and its search document. */
function table1Texts(row: Table1Row): string[] {
  return [[row.drug, row.primaryTargets, row.targetType, row.indications].join(" "), table1Text(row)];
}

function table1Target(row: Table1Row, rows: readonly Table1Row[]): Draft | null {
  const distractors = firstThree(
    distractorsFor(
      `t1-target-${row.drug}`,
      row.primaryTargets,
      rows.map((r) => r.primaryTargets),
      table1Texts(row),
    ),
  );
  if (!distractors) return null;
  return {
    id: `${GENERATED_PREFIX}t1-target-${slug(row.drug)}`,
    question: `What does Table 1 of the review list as the primary target of ${row.drug}?`,
    answer: row.primaryTargets,
    distractors,
    explanation: table1Explanation(row),
    sourceId: row.id,
    topic: "strategies",
    difficulty: "easy",
  };
}

function table1Type(row: Table1Row, rows: readonly Table1Row[]): Draft | null {
  const distractors = firstThree(
    distractorsFor(
      `t1-type-${row.drug}`,
      row.targetType,
      rows.map((r) => r.targetType),
      table1Texts(row),
    ),
  );
  if (!distractors) return null;
  return {
    id: `${GENERATED_PREFIX}t1-type-${slug(row.drug)}`,
    question: `Which type of target/drug does Table 1 give for ${row.drug} (primary target ${row.primaryTargets})?`,
    answer: row.targetType,
    distractors,
    explanation: table1Explanation(row),
    sourceId: row.id,
    topic: "strategies",
    difficulty: "hard",
  };
}

/**
 * "Which {target} drug was approved in {year}?": the options are drugs approved in other years, those with the
 * same target first, so the year decides rather than the target.
 */
function table1Years(rows: readonly Table1Row[]): Draft[] {
  return rows.flatMap((row): Draft[] => {
    const others = rows.filter((r) => r.yearApproved !== row.yearApproved);
    const sameTarget = others.filter((r) => r.primaryTargets === row.primaryTargets);
    const key = `t1-year-${row.drug}`;
    const texts = table1Texts(row);
    const preferred = distractorsFor(
      key,
      row.drug,
      sameTarget.map((r) => r.drug),
      texts,
    );
    const rest = distractorsFor(
      key,
      row.drug,
      others.map((r) => r.drug),
      texts,
    );
    const distractors = firstThree(preferred && rest && [...new Set([...preferred, ...rest])]);
    if (!distractors || !preferred) return [];
    return [
      {
        id: `${GENERATED_PREFIX}t1-year-${slug(row.drug)}`,
        question: `Which ${row.primaryTargets} drug does Table 1 list as approved in ${row.yearApproved}?`,
        answer: row.drug,
        distractors,
        explanation: table1Explanation(row),
        sourceId: row.id,
        topic: "strategies",
        difficulty: preferred.length >= 3 ? "hard" : "medium",
      },
    ];
  });
}

// ---- Table 3 ------------------------------------------------------------------------------------------------

function table3Texts(row: Table3Row): string[] {
  const cells = [
    row.drug,
    row.combination ?? "",
    row.cancerType,
    row.phase,
    row.participants,
    row.results,
    ...row.trialIds,
    row.trialIdNote ?? "",
  ];
  return [cells.join(" "), table3Text(row)];
}

function table3Explanation(row: Table3Row): string {
  return `Table 3: ${regimen(row)}, ${lowerFirst(row.cancerType)}, phase ${row.phase}. Results: ${row.results} ${formatCitation(row.refs)}`;
}

/** "dalotuzumab with irinotecan, cetuximab" or "linsitinib alone". */
function regimen(row: Table3Row): string {
  return row.combination ? `${row.drug} with ${lowerFirst(row.combination)}` : `${row.drug} alone`;
}

function table3Draft(
  row: Table3Row,
  kind: string,
  question: string,
  answer: string,
  column: string[],
  difficulty: QuizItem["difficulty"],
): Draft | null {
  const distractors = firstThree(distractorsFor(`t3-${kind}-${row.id}`, answer, column, table3Texts(row)));
  if (!distractors || question.length > QUESTION_MAX) return null;
  return {
    id: `${GENERATED_PREFIX}t3-${kind}-${row.id.replace(/^table3\//, "")}`,
    question,
    answer,
    distractors,
    explanation: table3Explanation(row),
    sourceId: row.id,
    topic: "clinical trials",
    difficulty,
  };
}

function table3Phase(row: Table3Row, rows: readonly Table3Row[]): Draft | null {
  const question = `In which trial phase does Table 3 list ${regimen(row)} in ${lowerFirst(row.cancerType)}?`;
  return table3Draft(
    row,
    "phase",
    question,
    row.phase,
    rows.map((r) => r.phase),
    "medium",
  );
}

function table3Partner(row: Table3Row, rows: readonly Table3Row[]): Draft | null {
  // "None" is printed but not a cell the bank's sources carry; monotherapy rows get no partner question.
  if (!row.combination) return null;
  const question = `In the phase ${row.phase} trial in ${lowerFirst(row.cancerType)} (Table 3), what was ${row.drug} combined with?`;
  return table3Draft(
    row,
    "partner",
    question,
    row.combination,
    rows.flatMap((r) => (r.combination ? [r.combination] : [])),
    "easy",
  );
}

function table3Cancer(row: Table3Row, rows: readonly Table3Row[]): Draft | null {
  const question = `Table 3 lists a phase ${row.phase} trial of ${regimen(row)}. In which patients?`;
  return table3Draft(
    row,
    "cancer",
    question,
    row.cancerType,
    rows.map((r) => r.cancerType),
    "medium",
  );
}

function table3Result(row: Table3Row, rows: readonly Table3Row[]): Draft | null {
  const question = `What result does Table 3 report for ${regimen(row)} in ${lowerFirst(row.cancerType)} (phase ${row.phase})?`;
  return table3Draft(
    row,
    "result",
    question,
    row.outcome.evidence,
    rows.map((r) => r.outcome.evidence),
    "hard",
  );
}

// ---- distractors ----------------------------------------------------------------------------------------------

/**
 * The values of `column` that may stand beside `answer` as distractors: different from it, short enough for a
 * button, and stated by none of `texts` while each states `answer`. Ordered by a hash of `key`, so a run is
 * reproducible and different items draw different distractors. Null when `answer` itself cannot be an option.
 */
function distractorsFor(
  key: string,
  answer: string,
  column: readonly string[],
  texts: readonly string[],
): string[] | null {
  if (answer.length > OPTION_MAX) return null;
  const answerShare = Math.min(...texts.map((t) => coverage(answer, t)));
  if (answerShare < STATED) return null;
  return [...new Set(column)]
    .filter((value) => normalize(value) !== normalize(answer) && value.length <= OPTION_MAX)
    .filter((value) => texts.every((t) => coverage(value, t) < Math.min(STATED, answerShare)))
    .sort((a, b) => hash(`${key}|${a}`) - hash(`${key}|${b}`) || a.localeCompare(b));
}

/** The first three of `candidates`, or null when there are fewer. */
function firstThree(candidates: readonly string[] | null): [string, string, string] | null {
  return candidates && candidates.length >= 3 ? [candidates[0]!, candidates[1]!, candidates[2]!] : null;
}

/** Lower-cased letter/digit runs, a plural `s` dropped, stop words out (the measure of test/quiz-bank). */
function contentWords(text: string): string[] {
  const words =
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(CITATION, " ")
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words
    .map((w) => (w.length > 3 && w.endsWith("s") && !w.endsWith("ss") ? w.slice(0, -1) : w))
    .filter((w) => !STOP_WORDS.has(w));
}

const STOP_WORDS = new Set(
  `a an the and or nor of in on to by for with from as at is are was were be been being it its they them their this
   that these those which who whom what when where why how than then so such no not only also both all each any can
   could may might does do did has have had into onto via per over under between through but if yet same one`.split(
    /\s+/,
  ),
);

const CITATION = /\[[\d\s,–—-]+\]/g;

/** Share of `option`'s distinct content words found in `text`. */
function coverage(option: string, text: string): number {
  const words = new Set(contentWords(option));
  if (words.size === 0) return 0;
  const available = new Set(contentWords(text));
  return [...words].filter((w) => available.has(w)).length / words.size;
}

function citedIn(text: string): number[] {
  return [...text.matchAll(/\[([\d\s,–—-]+)\]/g)].flatMap((m) =>
    m[1]!.split(",").flatMap((part) => {
      const [from, to = from] = part.split(/[–—-]/).map((n) => Number(n.trim())) as [number, number?];
      return Array.from({ length: to! - from + 1 }, (_, i) => from + i);
    }),
  );
}

/** FNV-1a, 32 bits: a stable shuffle key. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function slug(text: string): string {
  return text
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** "Advanced solid tumors" → "advanced solid tumors"; "NSCLC …" and "HER2-positive …" stay as they are. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function normalize(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase();
}
