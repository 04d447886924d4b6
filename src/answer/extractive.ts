/**
 * The extractive answer, which needs no model: the review's own sentences (or a table row, or a list of rows),
 * each followed by the citations that sentence itself carries, and the sources they came from.
 */

import { formatCitation, parseCitations, replaceCitationGroups } from "../knowledge/citations.ts";
import type { Table1Row, Table2Row, Table3Row } from "../knowledge/schema.ts";
import type { SearchDoc } from "../search/documents.ts";
import type { RankedDoc } from "../search/engine.ts";

/** Most sentences an answer quotes: a Discord reply, not an essay. */
const MAX_SENTENCES = 3;
/** Most characters of quoted text before we stop adding passages. */
const MAX_CHARS = 900;
/** A further passage or row joins the answer only if it scores at least this share of the best one. */
const COMPANION_SHARE = 0.7;
/** The passage right before or after the best one joins the answer at this share of its score: it often
 * finishes the thought ("HER2 lacks ligands ..." / "The main dimerizing chaperones include ..."). */
const NEIGHBOUR_SHARE = 0.4;
/** A citation group with more numbers than this points at a whole table, not at the claim, and is not quoted. */
const MAX_GROUP = 6;

/** The answer text and the documents it quotes. */
export interface ExtractiveAnswer {
  text: string;
  used: RankedDoc[];
}

/**
 * A sentence of the review as an answer quotes it: a pointer to a whole table's sources ("(Table 2, Ref.
 * [107–146])") becomes "(Table 2)", since forty numbers prove nothing about one sentence.
 */
export function quoteSentence(text: string): string {
  const withoutTablePointers = text.replace(
    /\((Table \d+|Fig\. \d+), Ref\. (\[[^\]]*\])\)/g,
    (pointer, place: string, group: string) => (parseCitations(group).length > MAX_GROUP ? `(${place})` : pointer),
  );
  // "\u0000" marks a dropped group, so the space before it goes too.
  return replaceCitationGroups(withoutTablePointers, (numbers, group) =>
    numbers.length > MAX_GROUP ? "\u0000" : group,
  ).replace(/\s*\u0000/g, "");
}

function lowerFirst(text: string): string {
  // "Metastatic NSCLC" → "metastatic NSCLC", but "Ph+ CML" stays as it is.
  return /^[A-Z][a-z]+(?=[\s,]|$)/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text;
}

function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text.slice(0, -1) : text;
}

/** A Table 1 row as one sentence with the table's own sources. */
export function describeTable1(row: Table1Row, refs: readonly number[]): string {
  return `${row.drug} (Table 1) is an FDA-approved inhibitor of ${row.primaryTargets} (type: ${row.targetType}), approved in ${row.yearApproved} for ${lowerFirst(endSentence(row.indications))} ${formatCitation(refs)}.`;
}

/** A Table 3 row as one sentence with the trial's own reference. */
export function describeTable3(row: Table3Row, refs: readonly number[]): string {
  const combination = row.combination ? ` with ${lowerFirst(row.combination)}` : " alone";
  const ids = row.trialIds.length ? `, ${row.trialIds.join(", ")}` : "";
  return `${row.drug}${combination} in ${lowerFirst(endSentence(row.cancerType))} (phase ${row.phase}, ${row.participants} participants${ids}): ${endSentence(row.results)} ${formatCitation(refs)}.`;
}

/** How one document reads inside an answer. */
/** What section 5 calls each Table 2 strategy. */
const STRATEGY_AS_SECTION_5_SAYS: Record<Table2Row["strategy"], string> = {
  "Monoclonal antibodies": "a monoclonal antibody (receptor blocking)",
  "Small molecule inhibitors": "a small molecule inhibitor (kinase inhibition)",
  "Ligand neutralization": "a ligand-neutralizing agent (ligand isolation)",
};

/** A Table 2 row as one sentence with its preclinical studies. */
export function describeTable2(row: Table2Row, refs: readonly number[]): string {
  const name = row.codes.length ? `${row.compound} (${row.codes.join(", ")})` : row.compound;
  return `${name} (Table 2) is ${STRATEGY_AS_SECTION_5_SAYS[row.strategy]} targeting the IGF pathway; preclinical studies ${formatCitation(refs)}.`;
}

/** How one document reads inside an answer: a passage as its sentences, a row as one sentence. */
export function quoteDoc(doc: RankedDoc): string {
  const { hit, sentences, row } = doc.source;
  if (hit.kind === "passage") return sentences.map((s) => quoteSentence(s.text)).join(" ");
  if (row?.table === "1") return describeTable1(row.cells, hit.refs);
  if (row?.table === "2") return describeTable2(row.cells, hit.refs);
  if (row?.table === "3") return describeTable3(row.cells, hit.refs);
  // A figure caption cites nothing; a reference entry never reaches an answer.
  return hit.text;
}

/** A Table 1 row of the index: its document number, the document, and its cells. */
interface Table1Entry {
  doc: number;
  source: SearchDoc;
  cells: Table1Row;
}

/** Every Table 1 row of an index, grouped by the review it belongs to: what a tied list is completed from. */
export type Table1Catalogue = ReadonlyMap<string, readonly Table1Entry[]>;

/** Groups the index's Table 1 rows by their review, once, so a list question reads one review's table only. */
export function table1Catalogue(docs: readonly SearchDoc[]): Table1Catalogue {
  const byDocument = new Map<string, Table1Entry[]>();
  docs.forEach((source, doc) => {
    if (source.row?.table !== "1") return;
    const rows = byDocument.get(source.row.document) ?? [];
    rows.push({ doc, source, cells: source.row.cells });
    byDocument.set(source.row.document, rows);
  });
  return byDocument;
}

/**
 * The rows a tied "which drugs target X" list stands for: every Table 1 row with the target most of the tied
 * rows share, not only those that happened to rank (the index returns a handful; the table may hold twelve),
 * taken from the table of the review those rows belong to (in a library of reviews, another review's Table 1
 * rows with the same target are another list).
 */
function completeTable1List(
  ties: ReadonlyArray<{ doc: RankedDoc; cells: Table1Row }>,
  catalogue: Table1Catalogue,
): Array<{ doc: RankedDoc; cells: Table1Row }> {
  const counts = new Map<string, number>();
  for (const { cells } of ties) counts.set(cells.primaryTargets, (counts.get(cells.primaryTargets) ?? 0) + 1);
  const [target, count] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  if (count * 2 < ties.length) return [...ties];
  const first = ties.find((t) => t.cells.primaryTargets === target)!;
  const score = ties[0]!.doc.score;
  return (catalogue.get(first.doc.source.row!.document) ?? [])
    .filter((entry) => entry.cells.primaryTargets === target)
    .map(({ doc, source, cells }) => ({
      doc: ties.find((t) => t.doc.source === source)?.doc ?? { doc, score, matched: [], source },
      cells,
    }));
}

/**
 * Several Table 1 rows answer a "which drugs ..." question together: one line that lists them, citing the
 * sources the table is adapted from once.
 */
function listTable1(rows: ReadonlyArray<{ doc: RankedDoc; cells: Table1Row }>): string {
  const items = rows.map(({ cells }) => `${cells.drug} (${cells.primaryTargets}, ${cells.yearApproved})`);
  const refs = [...new Set(rows.flatMap(({ doc }) => doc.source.hit.refs))];
  return `Table 1 lists ${items.join(", ")} ${formatCitation(refs)}.`;
}

/**
 * Writes the answer from ranked evidence (reference entries already removed): the best document, then others
 * that score nearly as well while the answer stays short. Rows of Table 1 that tie are listed together.
 * `alone` keeps only the best document, for answers that add something about it (who reported it).
 * `catalogue`, the index's Table 1 rows by review, lets a list of Table 1 rows name all the rows it stands for.
 */
export function composeExtractive(
  evidence: readonly RankedDoc[],
  options: {
    alone?: boolean;
    /** A question about an approval: a row answers it, without the prose about its drug. */
    rowsOnly?: boolean;
    catalogue?: Table1Catalogue;
    lookup?: SentenceLookup;
  } = {},
): ExtractiveAnswer {
  const composed = compose(evidence, options);
  return options.lookup ? standingAlone(composed, options.lookup) : composed;
}

/** Finds the sentence read just before another (across paragraphs, within a section) and the document holding it. */
export interface SentenceLookup {
  previous(sentenceId: string): string | undefined;
  holder(sentenceId: string): SearchDoc | undefined;
}

/** The sentence an answer quoting `doc` must lead in with, as a source of its own, or `doc` itself. */
export function standingDoc(doc: RankedDoc, lookup: SentenceLookup): ExtractiveAnswer {
  return standingAlone({ text: quoteDoc(doc), used: [doc] }, lookup);
}

/**
 * Sentences that open by pointing back ("This promotes…", "However, …", "These cells…") do not stand on their
 * own: the sentence they point back to is quoted before them, with its own citations.
 */
const POINTS_BACK =
  /^(this|these|that|those|it|its|they|their|such|however|in contrast|by contrast|therefore|thus|hence|similarly|likewise|nevertheless|nonetheless|consequently|as a result|in turn|conversely|on the other hand|accordingly|otherwise|the former|the latter)\b/i;
// "In addition", "Furthermore", "Also" only add to what came before: the sentence says its own thing, and the one
// before it may be about something else entirely (another drug), so they bring nothing in.

/** Most sentences led in before an answer: a sentence led in may point back too ("They also found…"). */
const MAX_LEAD_IN = 3;

function standingAlone(answer: ExtractiveAnswer, lookup: SentenceLookup): ExtractiveAnswer {
  let result = answer;
  for (let step = 0; step < MAX_LEAD_IN; step++) {
    const led = leadIn(result, lookup);
    if (!led) break;
    result = led;
  }
  return result;
}

/** The answer with the sentence its opening points back to quoted first, or null when it stands on its own. */
function leadIn(answer: ExtractiveAnswer, lookup: SentenceLookup): ExtractiveAnswer | null {
  const first = answer.used[0];
  const opening = first?.source.sentences[0];
  if (!first || !opening || !POINTS_BACK.test(opening.text)) return null;
  const previousId = lookup.previous(opening.id);
  if (!previousId) return null;
  const holder = lookup.holder(previousId);
  const sentence = holder?.sentences.find((s) => s.id === previousId);
  if (!holder || !sentence || answer.used.some((u) => u.source.sentences.some((s) => s.id === previousId))) return null;
  // The sentence alone, as a source of its own: its words and its citations, not the whole passage around it.
  const source: SearchDoc = {
    ...holder,
    hit: { ...holder.hit, id: sentence.id, text: sentence.text, refs: sentence.refs },
    sentences: [sentence],
  };
  const lead: RankedDoc = { doc: first.doc, score: first.score, matched: [], source };
  return { text: `${quoteDoc(lead)} ${answer.text}`, used: [lead, ...answer.used] };
}

function compose(
  evidence: readonly RankedDoc[],
  options: { alone?: boolean; rowsOnly?: boolean; catalogue?: Table1Catalogue },
): ExtractiveAnswer {
  const best = evidence[0];
  if (!best) return { text: "", used: [] };
  if (options.alone) return { text: quoteDoc(best), used: [best] };
  // A mechanism answered from the prose is not helped by a drug's approval row beside it.
  const fits = (d: RankedDoc) => best.source.hit.kind !== "passage" || d.source.hit.kind !== "table-row";
  const close = evidence.filter(
    (d) =>
      fits(d) &&
      (d.score >= best.score * COMPANION_SHARE || (d.score >= best.score * NEIGHBOUR_SHARE && adjacent(best, d) !== 0)),
  );

  const table1Ties = close.flatMap((doc) =>
    doc.source.row?.table === "1" ? [{ doc, cells: doc.source.row.cells }] : [],
  );
  if (best.source.row?.table === "1" && table1Ties.length >= 2) {
    const rows = options.catalogue ? completeTable1List(table1Ties, options.catalogue) : table1Ties;
    return { text: listTable1(rows), used: rows.map((t) => t.doc) };
  }

  const used: RankedDoc[] = [best];
  // A drug's approval row says what it is approved for; the review's own sentence about it says what it is
  // (unless the question asks only for the approval).
  if (best.source.row && !options.rowsOnly) {
    const names = best.matched.filter((t) => t.startsWith("@"));
    const prose = evidence.find((d) => d.source.hit.kind === "passage" && d.matched.some((t) => names.includes(t)));
    if (prose && !close.includes(prose)) close.splice(1, 0, prose);
  }
  let sentences = Math.max(best.source.sentences.length, 1);
  let length = quoteDoc(best).length;
  for (const doc of close.slice(1)) {
    const more = Math.max(doc.source.sentences.length, 1);
    const addition = quoteDoc(doc).length;
    if (sentences + more > MAX_SENTENCES || length + addition > MAX_CHARS) continue;
    used.push(doc);
    sentences += more;
    length += addition;
  }
  // The sentence just before the best one is read before it, as in the review.
  const ordered = used
    .slice(1)
    .filter((d) => adjacent(best, d) === -1)
    .concat(used.filter((d) => adjacent(best, d) !== -1));
  return { text: ordered.map(quoteDoc).join(" "), used: ordered };
}

/**
 * Where `other` stands next to `doc` in the same paragraph: -1 just before it, 1 just after, 0 elsewhere.
 * Passages are runs of sentences, so neighbours share a paragraph id and meet at consecutive sentence numbers.
 */
function adjacent(doc: RankedDoc, other: RankedDoc): -1 | 0 | 1 {
  const a = doc.source.sentences;
  const b = other.source.sentences;
  if (!a.length || !b.length) return 0;
  const position = (id: string) => {
    const match = id.match(/^(.*)-s(\d+)$/);
    return match ? { paragraph: match[1]!, n: Number(match[2]) } : null;
  };
  const aFirst = position(a[0]!.id),
    aLast = position(a.at(-1)!.id),
    bFirst = position(b[0]!.id),
    bLast = position(b.at(-1)!.id);
  if (!aFirst || !aLast || !bFirst || !bLast || aFirst.paragraph !== bFirst.paragraph) return 0;
  if (bLast.n + 1 === aFirst.n) return -1;
  if (aLast.n + 1 === bFirst.n) return 1;
  return 0;
}
