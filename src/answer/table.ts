/**
 * The answer to a table query: the count in words, then every matching row in a compact form, each table's
 * citations as the contract asks (Table 1 once for the sources it is adapted from; Table 2 and 3 rows each with
 * their own). A query that matches nothing says so, naming the filters, instead of answering something else.
 */
import { formatCitation } from "../knowledge/citations.ts";
import { type AnyRow, describeConditions, type TableQuery } from "../lookup/table-query.ts";
import { countWord } from "../question/words.ts";
import type { RankedDoc, SearchEngine } from "../search/engine.ts";

/** Up to this many Table 1 rows, each is listed with what it is approved for. */
const FEW_ROWS = 3;
/** Above this many rows, Table 3 rows are listed without their results, so the list stays readable in a reply. */
const FULL_TRIAL_ROWS = 8;

const WHAT: Record<TableQuery["table"], [string, string]> = {
  "1": ["FDA-approved drug in Table 1", "FDA-approved drugs in Table 1"],
  "2": ["IGF-pathway compound in Table 2", "IGF-pathway compounds in Table 2"],
  "3": ["clinical trial in Table 3", "clinical trials in Table 3"],
};

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]+(?=[\s,]|$)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function trimEnd(text: string): string {
  return text.replace(/[\s.]+$/, "");
}

/** Above this many rows, Table 1 rows are listed by name alone: 78 drugs with their details fill a reply. */
const NAMES_ONLY_ROWS = 20;

/** One row as a list item, with its own citation where its table gives rows their own. */
function item(row: AnyRow, full: boolean, few: boolean, namesOnly: boolean): string {
  if (row.table === "1") {
    const r = row.row;
    if (namesOnly) return r.drug;
    // A short list has room for what each drug is approved for.
    const forWhat = few ? `, for ${lowerFirst(trimEnd(r.indications))}` : "";
    return `${r.drug} (${r.primaryTargets}, ${r.targetType}, ${r.yearApproved}${forWhat})`;
  }
  if (row.table === "2") {
    const name = row.row.codes.length ? `${row.row.compound} (${row.row.codes.join(", ")})` : row.row.compound;
    // One study per compound is enough to show where the row comes from; the row lists the rest.
    return `${name} ${formatCitation(row.row.refs.slice(0, 1))}`;
  }
  const r = row.row;
  const given = r.combination ? ` + ${lowerFirst(r.combination)}` : " alone";
  const results = full ? `: ${trimEnd(r.results)}` : "";
  return `${r.drug}${given} in ${lowerFirst(trimEnd(r.cancerType))} (phase ${r.phase}, ${r.participants} participants)${results} ${formatCitation(r.refs)}`;
}

/** The answer text and the rows' documents (the sources shown with it). */
export function answerTableQuery(
  query: TableQuery,
  rows: readonly AnyRow[],
  engine: SearchEngine,
): { text: string; used: RankedDoc[] } {
  const [one, many] = WHAT[query.table];
  const conditions = describeConditions(query.where);
  const which = conditions ? ` (${conditions})` : "";
  if (rows.length === 0) return { text: `No ${one}${which} matches.`, used: [] };
  const used = rows.flatMap((row) => engine.evidence(row.row.id) ?? []);
  const full = rows.length <= FULL_TRIAL_ROWS;
  const items = rows.map((row) => item(row, full, rows.length <= FEW_ROWS, rows.length > NAMES_ONLY_ROWS));
  const heading =
    query.limit === 1 && query.order
      ? query.order.field === "year"
        ? `The ${query.order.descending ? "newest" : "oldest"} ${one}${which}`
        : `The ${one}${which} with the ${query.order.descending ? "most" : "fewest"} participants`
      : `${countWord(rows.length)} ${rows.length === 1 ? one : many}${which}${
          query.order?.field === "year" && rows.length > 1
            ? `, ${query.order.descending ? "newest" : "oldest"} first`
            : ""
        }`;
  if (query.table === "1") {
    const refs = [...new Set(rows.flatMap((r) => r.row.refs))];
    return { text: `${heading}: ${items.join(", ")} ${formatCitation(refs)}.`, used };
  }
  return { text: `${heading}: ${items.join("; ")}.`, used };
}
