/**
 * Questions over the review's tables as typed queries: a table, the conditions its rows must all meet, and an
 * optional order. The question layer turns words into a {@link TableQuery}; this module only evaluates one,
 * over the structured rows (never over their text as searched), so a list asked for is complete and a count is
 * exact.
 */
import type { Knowledge } from "../knowledge/load.ts";
import type { Table1Row, Table2Row, Table3Row } from "../knowledge/schema.ts";

/** A condition on one field of a row. Text conditions hold when any of their values matches (an "or"). */
export type Condition =
  | { table: "1"; field: "drug" | "target" | "type" | "indication"; op: "any"; values: string[] }
  | { table: "1"; field: "year"; op: NumberOp; n: number; to?: number }
  | { table: "2"; field: "compound" | "strategy"; op: "any"; values: string[] }
  | { table: "3"; field: "drug" | "partner" | "cancer" | "phase" | "trial"; op: "any"; values: string[] }
  | { table: "3"; field: "partner"; op: "none" }
  | { table: "3"; field: "participants"; op: NumberOp; n: number; to?: number };

/** A comparison with a number: `between` includes both ends. */
export type NumberOp = "eq" | "lt" | "le" | "gt" | "ge" | "between";

/** A query over one table: every condition must hold (an "and"); `order` sorts, `limit` keeps the first rows. */
export interface TableQuery {
  table: "1" | "2" | "3";
  where: Condition[];
  order?: { field: "participants" | "year"; descending: boolean };
  limit?: number;
}

/** A row of any table, tagged with its table. */
export type AnyRow = { table: "1"; row: Table1Row } | { table: "2"; row: Table2Row } | { table: "3"; row: Table3Row };

/** Printable ASCII: its own NFKD form, with no accent and no typographic dash to fold. */
const PLAIN = /^[\t\n\r -~]*$/;

/** Lower case with dashes folded and accents dropped, for comparing a value with a cell. */
function fold(text: string): string {
  if (PLAIN.test(text)) return text.toLowerCase();
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[‐‑‒–—−]/g, "-");
}

/** Most whole-word patterns kept compiled; past it the cache starts afresh (values asked about are few). */
const MAX_PATTERNS = 4096;
const wordPatterns = new Map<string, RegExp>();

/**
 * The pattern of `value` as a whole word, compiled once: the parser tries every target, drug and partner of the
 * tables against each question, and compiling them anew each time was most of the time it took.
 */
function wordPattern(value: string): RegExp {
  let pattern = wordPatterns.get(value);
  if (!pattern) {
    const v = fold(value).replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    pattern = new RegExp(`(^|[^a-z0-9])${v}(?=$|[^a-z0-9])`);
    if (wordPatterns.size >= MAX_PATTERNS) wordPatterns.clear();
    wordPatterns.set(value, pattern);
  }
  return pattern;
}

/** Whether `cell` holds `value` as a whole word or phrase (not inside another word: "ALL" is not in "small"). */
export function cellHas(cell: string, value: string): boolean {
  return wordPattern(value).test(fold(cell));
}

/** The parts of a Table 1 target: "EGFR/HER" → egfr, her, and the whole. */
/**
 * The names a Table 1 target cell answers to: the whole cell, each part, and each part's family without its
 * member number ("MEK1/2" → mek1/2, mek1, mek; "CDK4/6" → cdk4/6, cdk4, cdk; "HER2" → her2, her).
 */
export function targetParts(targets: string): string[] {
  const whole = fold(targets);
  const parts = whole.split("/");
  const families = parts.map((p) => p.replace(/[\d-]+[a-z]?$|-[a-zα-ω]+$/u, "")).filter((f) => f.length >= 2);
  return [...new Set([whole, ...parts, ...families])];
}

/** The phases a Table 3 cell names, as Roman numerals: "Ib/II" → I, II; "Ia/b" → I; "II/III" → II, III. */
export function phasesOf(cell: string): string[] {
  return [...new Set(cell.split("/").map((p) => p.trim().replace(/[ab]$/i, "").toUpperCase()))].filter((p) =>
    /^I{1,3}V?$|^IV$/.test(p),
  );
}

/** A trial's participants as one number: the sum of the numbers in the cell ("I 20; II 75" → 95). */
export function participantsOf(cell: string): number {
  return [...cell.matchAll(/\d+/g)].reduce((sum, [n]) => sum + Number(n), 0);
}

function compare(value: number, op: NumberOp, n: number, to?: number): boolean {
  switch (op) {
    case "eq":
      return value === n;
    case "lt":
      return value < n;
    case "le":
      return value <= n;
    case "gt":
      return value > n;
    case "ge":
      return value >= n;
    case "between":
      return value >= Math.min(n, to ?? n) && value <= Math.max(n, to ?? n);
  }
}

/** Whether one row meets one condition of its table. */
function meets(row: AnyRow, c: Condition): boolean {
  if (row.table === "1" && c.table === "1") {
    const r = row.row;
    if (c.field === "year") return compare(r.yearApproved, c.op, c.n, c.to);
    if (c.field === "drug") return c.values.some((v) => fold(v) === fold(r.drug));
    if (c.field === "target") return c.values.some((v) => targetParts(r.primaryTargets).includes(fold(v)));
    if (c.field === "type") return c.values.some((v) => fold(r.targetType).split("/").includes(fold(v)));
    return c.values.some((v) => cellHas(r.indications, v));
  }
  if (row.table === "2" && c.table === "2") {
    const r = row.row;
    if (c.field === "strategy") return c.values.includes(r.strategy);
    return c.values.some((v) => [r.compound, ...r.codes].some((name) => fold(name) === fold(v)));
  }
  if (row.table === "3" && c.table === "3") {
    const r = row.row;
    if (c.field === "participants") return compare(participantsOf(r.participants), c.op, c.n, c.to);
    if (c.op === "none") return r.combination === null;
    if (c.field === "drug") return c.values.some((v) => fold(v) === fold(r.drug));
    if (c.field === "partner") return c.values.some((v) => r.combination !== null && cellHas(r.combination, v));
    if (c.field === "cancer") return c.values.some((v) => cellHas(r.cancerType, v));
    if (c.field === "phase") return c.values.some((v) => phasesOf(r.phase).includes(v.toUpperCase()));
    return c.values.some((v) => r.trialIds.includes(v.toUpperCase()));
  }
  return false;
}

/** Every row of the query's table that meets all its conditions, in the table's order (or the query's). */
export function runTableQuery(knowledge: Pick<Knowledge, "table1" | "table2" | "table3">, query: TableQuery): AnyRow[] {
  const rows: AnyRow[] =
    query.table === "1"
      ? knowledge.table1.map((row) => ({ table: "1", row }))
      : query.table === "2"
        ? knowledge.table2.map((row) => ({ table: "2", row }))
        : knowledge.table3.map((row) => ({ table: "3", row }));
  const matching = rows.filter((row) => query.where.every((c) => meets(row, c)));
  const { order } = query;
  if (order) {
    const key = (r: AnyRow) =>
      r.table === "3" ? participantsOf(r.row.participants) : r.table === "1" ? r.row.yearApproved : 0;
    matching.sort((a, b) => (order.descending ? key(b) - key(a) : key(a) - key(b)));
  }
  return query.limit ? matching.slice(0, query.limit) : matching;
}

/** The conditions of a query in words, for an answer or an empty result: "target ALK; approved before 2010". */
export function describeConditions(where: readonly Condition[]): string {
  return where.map(describeCondition).join("; ");
}

const OP_WORDS: Record<NumberOp, string> = {
  eq: "in",
  lt: "before",
  le: "in or before",
  gt: "after",
  ge: "in or after",
  between: "between",
};

function describeCondition(c: Condition): string {
  if (c.op === "none") return "given alone (no combination)";
  if (c.op !== "any") {
    const range = c.op === "between" ? `${c.n} and ${c.to}` : String(c.n);
    if (c.field === "year") return `approved ${OP_WORDS[c.op]} ${range}`;
    const words: Record<NumberOp, string> = { ...OP_WORDS, eq: "exactly", lt: "fewer than", gt: "more than" };
    return `${words[c.op]} ${range} participants`;
  }
  const values = c.values.join(" or ");
  switch (c.field) {
    case "target":
      return `target ${values}`;
    case "type":
      return `type ${values}`;
    case "indication":
      return `indicated for ${values}`;
    case "strategy":
      return values.toLowerCase();
    case "partner":
      return `given with ${values}`;
    case "cancer":
      return `in ${values}`;
    case "phase":
      return `phase ${values}`;
    case "trial":
      return values;
    default:
      return values;
  }
}
