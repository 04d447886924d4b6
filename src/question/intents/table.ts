/**
 * Words → a {@link TableQuery}: which table a question is about and the filters it states ("antibodies in
 * table 1 approved before 2010", "phase 3 trials in breast cancer", "tested together with erlotinib").
 * Values come from the tables themselves (targets, types, drugs, partners, cancers), so a new row needs no
 * new code. Returns null when the question is not a question over a table.
 */
import type { DrugCatalog } from "../../drugs/catalog.ts";
import { combinationDrugs } from "../../drugs/catalog.ts";
import type { Knowledge } from "../../knowledge/load.ts";
import type { Strategy } from "../../knowledge/schema.ts";
import { type Condition, cellHas, type NumberOp, type TableQuery, targetParts } from "../../lookup/table-query.ts";

/** What the parser knows of the tables: built once from the knowledge. */
export interface TableVocabulary {
  /** Table 1's target names, lower case: "alk", "egfr", "her2", "egfr/her". */
  targets: Set<string>;
  /** Table 1's target/drug types, lower case: "mab", "adcs", "tk", "cmgc". */
  types: Set<string>;
  /** Table 3's drugs by every name (codes and brands too), lower case → the name the table uses. */
  table3Drugs: Map<string, string>;
  /** Table 1's drugs by every name (brands too), lower case → the name the table uses. */
  table1Drugs: Map<string, string>;
  /** Drugs that Table 3 gives with its IGF drugs, lower case → as the cell spells it. */
  partners: Map<string, string>;
  /** The text of Table 1's indications and Table 3's cancer types, for words that filter by disease. */
  indications: string[];
  cancers: string[];
  /**
   * Genes the review names that are no Table 1 target (IGF-1R, InsR, IGFBP3): a question about one of them
   * ("has the FDA approved any anti-IGF-1R antibody?") cannot be answered by filtering Table 1.
   */
  otherGenes: RegExp[];
}

/** Builds the vocabulary from the tables. */
export function tableVocabulary(knowledge: Knowledge, catalog: DrugCatalog): TableVocabulary {
  const targets = new Set<string>();
  for (const row of knowledge.table1)
    for (const name of targetParts(row.primaryTargets)) if (name.length >= 3) targets.add(name);
  const types = new Set(knowledge.table1.flatMap((r) => r.targetType.toLowerCase().split("/")));
  const partners = new Map<string, string>();
  for (const row of knowledge.table3)
    for (const p of combinationDrugs(row.combination)) partners.set(p.toLowerCase(), p);
  const table3Drugs = new Map<string, string>();
  for (const { drug } of knowledge.table3)
    for (const name of [drug, ...(catalog.exact(drug)?.aliases ?? [])]) table3Drugs.set(name.toLowerCase(), drug);
  const table1Drugs = new Map<string, string>();
  for (const { drug } of knowledge.table1)
    for (const name of [drug, ...(catalog.exact(drug)?.aliases ?? [])])
      if (name.length >= 4) table1Drugs.set(name.toLowerCase(), drug);
  const otherGenes = knowledge.aliases.groups
    .filter((g) => g.kind === "gene")
    .flatMap((g) => [g.canonical, ...g.aliases])
    .map((name) => name.toLowerCase())
    .filter((name) => name.length >= 3 && !targets.has(name))
    .map((name) => new RegExp(`(^|[^a-z0-9])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=$|[^a-z0-9])`));
  return {
    targets,
    types,
    otherGenes,
    table3Drugs,
    table1Drugs,
    partners,
    indications: knowledge.table1.map((r) => r.indications),
    cancers: knowledge.table3.map((r) => r.cancerType),
  };
}

/** Asking which of several drugs was approved first or last. */
const ORDER_IN_TIME =
  /\b(came (?:out )?first|(?:approved|licensed|available|marketed) first|first (?:to be )?approved|earliest|oldest|older|newest|latest|newer|most recent(?:ly)?|came (?:out )?(?:later|last))\b/;

// Words that ask for a list or a count rather than an explanation.
const AGGREGATE =
  /\b(how many|which|what (?:are|were) the|list|name (?:the|all)|count|number of|any|all the|show me)\b/;
const TABLE1 = /\b(table\s*1|fda(?:[- ]approved)?|approved|approvals?|approval)\b/;
const TABLE2 = /\b(table\s*2|strateg(?:y|ies)|preclinical|compounds?)\b/;
const TABLE3 = /\b(table\s*3|trials?)\b/;

// A Table 1 target whose name is also an English word only counts when written in capitals ("MET", "KIT").
const ENGLISH_TARGETS = new Set(["met", "kit", "her", "ret", "trk", "syk", "src", "rock"]);

/** Disease words people use → the words Table 1's indications and Table 3's cancer types use. */
const DISEASE_WORDS: ReadonlyArray<[RegExp, string[]]> = [
  [/\blung\b|\bnsclc\b|\bnon-?small[- ]cell\b/, ["NSCLC", "lung"]],
  [/\bbreast\b/, ["breast"]],
  [/\bleuka?emias?\b|\bblood cancers?\b/, ["leukemia", "leukemias", "CML", "ALL", "AML", "CLL", "lymphoma"]],
  [/\bcml\b/, ["CML"]],
  [/\bcll\b/, ["CLL"]],
  [/\baml\b/, ["AML"]],
  [/\blymphomas?\b/, ["lymphoma", "lymphomas", "MCL", "SLL"]],
  [/\bmyelofibrosis\b/, ["myelofibrosis"]],
  [/\bmelanomas?\b/, ["melanoma", "melanomas"]],
  [/\bthyroid\b/, ["thyroid"]],
  [/\bkidney\b|\brenal\b|\brcc\b/, ["RCC", "renal"]],
  [/\bliver\b|\bhepatocellular\b|\bhcc\b/, ["HCC", "hepatocellular"]],
  [/\bgist\b|\bgastrointestinal stromal\b/, ["GIST", "gastrointestinal stromal"]],
  [/\bsarcomas?\b/, ["sarcoma", "sarcomas"]],
  [/\bewing\b/, ["Ewing"]],
  [/\bprostate\b/, ["prostate"]],
  [/\bcolorectal\b|\bcolon\b|\bbowel\b/, ["colorectal"]],
  [/\bpancrea(?:s|tic)\b/, ["pancreatic"]],
  [/\bhead and neck\b/, ["head and neck"]],
  [/\badrenal\b|\badrenocortical\b/, ["adrenocortical"]],
  [/\bcholangiocarcinoma\b|\bbile duct\b/, ["cholangiocarcinoma"]],
  [/\bbladder\b|\burothelial\b/, ["urothelial"]],
  [/\bgastric\b|\bstomach\b/, ["gastric"]],
  [/\bneuroendocrine\b|\bcarcinoid\b/, ["neuroendocrine", "carcinoid"]],
  [/\bmyeloma\b/, ["myeloma"]],
  [/\bovarian\b/, ["ovarian"]],
  [/\barthritis\b/, ["arthritis"]],
  [/\bdermatitis\b|\beczema\b/, ["dermatitis"]],
  [/\balopecia\b|\bhair loss\b/, ["alopecia"]],
  [/\bsolid tumou?rs?\b/, ["solid tumors"]],
];

const ROMAN: Record<string, string> = { "1": "I", "2": "II", "3": "III", "4": "IV", one: "I", two: "II", three: "III" };

const YEAR = String.raw`((?:19|20)\d\d)`;
const BETWEEN_YEARS = new RegExp(String.raw`\b(?:between|from)\s+${YEAR}\s+(?:and|to|-)\s+${YEAR}\b`);
/** The ways a question bounds a year, in the order they are tried (compiled once: this runs on every question). */
const YEAR_OPS: ReadonlyArray<[RegExp, NumberOp]> = [
  [new RegExp(String.raw`\b(?:before|prior to|earlier than|pre-?)\s*${YEAR}`), "lt"],
  [new RegExp(String.raw`\b(?:after|later than|post-?)\s*${YEAR}`), "gt"],
  [new RegExp(String.raw`\b(?:since|from)\s+${YEAR}|${YEAR}\s+(?:or|and) (?:later|after|since)`), "ge"],
  [
    new RegExp(
      String.raw`${YEAR}\s+(?:or|and) (?:earlier|before)|\b(?:until|up to|by|through|as of)\s+(?:the\s+end\s+of\s+|end\s+of\s+)?${YEAR}`,
    ),
    "le",
  ],
  [new RegExp(String.raw`\b(?:in|during|of)\s+${YEAR}|${YEAR}\s+approv`), "eq"],
];

/** The year conditions a question states: "in 2020", "before 2010", "since 2018", "between 2010 and 2015". */
function yearConditions(text: string): Condition[] {
  const between = BETWEEN_YEARS.exec(text);
  if (between) return [{ table: "1", field: "year", op: "between", n: Number(between[1]), to: Number(between[2]) }];
  for (const [pattern, op] of YEAR_OPS) {
    const m = pattern.exec(text);
    const n = m?.slice(1).find((g) => g !== undefined);
    if (n) return [{ table: "1", field: "year", op, n: Number(n) }];
  }
  return [];
}

/** Table 3's participant conditions: "more than 500 patients", "the largest trial". */
function participantConditions(text: string): Pick<TableQuery, "where" | "order" | "limit"> {
  const m =
    /\b(more than|over|at least|above|greater than|>=?|fewer than|less than|under|below|<=?)\s*(\d+)\s*(?:participants|patients|people|subjects|enrolled)/.exec(
      text,
    );
  if (m) {
    const word = m[1]!;
    const op: NumberOp = /at least|>=/.test(word)
      ? "ge"
      : /more|over|above|greater|>/.test(word)
        ? "gt"
        : /<=/.test(word)
          ? "le"
          : "lt";
    return { where: [{ table: "3", field: "participants", op, n: Number(m[2]) }] };
  }
  if (/\b(largest|biggest|most (?:participants|patients))\b/.test(text))
    return { where: [], order: { field: "participants", descending: true }, limit: 1 };
  if (/\b(smallest|fewest (?:participants|patients))\b/.test(text))
    return { where: [], order: { field: "participants", descending: false }, limit: 1 };
  return { where: [] };
}

function diseaseValues(text: string, column: readonly string[]): string[] {
  const values = DISEASE_WORDS.filter(([pattern]) => pattern.test(text)).flatMap(([, words]) => words);
  return values.filter((v) => column.some((cell) => cellHas(cell, v)));
}

/** Names of `names` (lower case → as the table spells them) that `text` mentions as whole words. */
function mentioned(text: string, names: ReadonlyMap<string, string>): string[] {
  return [...new Set([...names].filter(([key]) => cellHas(text, key)).map(([, name]) => name))];
}

/** The Table 1 conditions of a question (lower-cased `text`, `raw` as typed). */
function table1Conditions(text: string, raw: string, vocab: TableVocabulary): Condition[] {
  // "target HER2 (not EGFR/HER)": what is excluded is no filter value.
  const negation = /\b(?:not|except|excluding|other than|apart from|but not)\s+(?:the\s+)?[\w/+-]+/gi;
  text = text.replace(negation, " ");
  raw = raw.replace(negation, " ");
  const where: Condition[] = [...yearConditions(text)];
  const targets = [...vocab.targets].filter((t) => {
    if (t === "her" || !cellHas(text, t)) return false;
    return !ENGLISH_TARGETS.has(t) || new RegExp(`\\b${t.toUpperCase()}\\b`).test(raw);
  });
  // "EGFR/HER" written whole asks for that family, not for every row that names EGFR.
  const whole = targets.filter((t) => t.includes("/"));
  const chosen = whole.length ? whole : targets.filter((t) => !targets.some((w) => w !== t && w.includes(t)));
  if (chosen.length) where.push({ table: "1", field: "target", op: "any", values: chosen.map((t) => t.toUpperCase()) });
  const type = typeValues(text, vocab);
  if (type.length) where.push({ table: "1", field: "type", op: "any", values: type });
  const diseases = diseaseValues(text, vocab.indications);
  if (diseases.length) where.push({ table: "1", field: "indication", op: "any", values: diseases });
  return where;
}

/** Table 1's type column as people say it: antibodies, conjugates, small molecules, or a kinase group. */
function typeValues(text: string, vocab: TableVocabulary): string[] {
  const conjugate = /\b(adcs?|antibody[- ]drug conjugates?|drug[- ]conjugates?|conjugated?)\b/.test(text);
  const notConjugate = /\b(not|no|non|plain|naked|unconjugated|excluding|except)\b[^.?]*\bconjugat/.test(text);
  if (/\b(monoclonal antibod(?:y|ies)|mabs?|antibod(?:y|ies))\b/.test(text)) {
    if (notConjugate) return ["mAb"];
    if (conjugate && !/\bmonoclonal\b|\bmabs?\b/.test(text)) return ["ADCs"];
    return /\bmonoclonal\b|\bmabs?\b/.test(text) && !conjugate ? ["mAb"] : ["mAb", "ADCs"];
  }
  if (conjugate) return ["ADCs"];
  if (/\bsmall[- ]molecules?\b/.test(text)) return [...vocab.types].filter((t) => t !== "mab" && t !== "adcs");
  const groups = [...vocab.types].filter((t) => t.length >= 3 && t !== "adcs" && cellHas(text, `${t} type`));
  return groups.map((g) => g.toUpperCase());
}

/** Table 2's strategies as people say them. */
function strategyValues(text: string): Strategy[] {
  if (/\bligand\b|\bneutrali[sz]|\bmop(?:s|ping)? up\b|\bsequester/.test(text)) return ["Ligand neutralization"];
  if (/\bsmall[- ]molecules?\b|\bkinase inhibitors?\b|\btkis?\b/.test(text)) return ["Small molecule inhibitors"];
  if (/\bantibod(?:y|ies)\b|\bmabs?\b/.test(text)) return ["Monoclonal antibodies"];
  return [];
}

/** Table 3's conditions: drug, partner or none, cancer, phase, trial id, participants. */
function table3Conditions(text: string, vocab: TableVocabulary): Pick<TableQuery, "where" | "order" | "limit"> {
  const where: Condition[] = [];
  const drugs = mentioned(text, vocab.table3Drugs);
  const partners = mentioned(text, vocab.partners).filter((p) => !drugs.includes(p));
  if (drugs.length) where.push({ table: "3", field: "drug", op: "any", values: drugs });
  if (partners.length) where.push({ table: "3", field: "partner", op: "any", values: partners });
  else if (
    /\b(alone|on (?:its|their) own|by itself|monotherapy|single[- ]agent|no (?:combo|combination|partner)|without (?:a |any )?(?:combo|combination|partner))\b/.test(
      text,
    )
  )
    where.push({ table: "3", field: "partner", op: "none" });
  const cancers = diseaseValues(text, vocab.cancers);
  if (cancers.length) where.push({ table: "3", field: "cancer", op: "any", values: cancers });
  const phase = /\bphase\s*(iv|i{1,3}|[1-4]|one|two|three)\b/.exec(text);
  if (phase)
    where.push({ table: "3", field: "phase", op: "any", values: [ROMAN[phase[1]!] ?? phase[1]!.toUpperCase()] });
  const ids = [...text.matchAll(/\bnct\d{8}\b/g)].map(([id]) => id.toUpperCase());
  if (ids.length) where.push({ table: "3", field: "trial", op: "any", values: ids });
  const participants = participantConditions(text);
  return { ...participants, where: [...where, ...participants.where] };
}

/**
 * The table query a question asks, or null. A question is one when it names a table (or its contents: "the FDA
 * list", "the trials") and states a filter, or asks for a list or a count with filters only a table has.
 */
export function tableQueryOf(question: string, vocab: TableVocabulary): TableQuery | null {
  const text = question.toLowerCase().replace(/[‐‑‒–—−]/g, "-");
  const aggregate = AGGREGATE.test(text);
  const explicit = /\btable\s*([123])\b/.exec(text)?.[1] as "1" | "2" | "3" | undefined;

  const t3 = table3Conditions(text, vocab);
  const t3Only = t3.where.filter((c) => c.field !== "drug");
  const asksTrials = TABLE3.test(text);
  if (explicit === "3" || (asksTrials && aggregate && (t3.where.length > 0 || t3.order))) {
    if (t3.where.length || t3.order || explicit === "3") return { table: "3", ...t3 };
  }
  // Table 2 by name, or its compounds filtered by strategy ("which IGF compounds are small molecules?"); "what
  // are the three strategies" asks about the strategies themselves, which the prose explains.
  const strategies = strategyValues(text);
  if (explicit === "2" || (aggregate && TABLE2.test(text) && /\bigf\b/.test(text) && strategies.length)) {
    const where: Condition[] = strategies.length
      ? [{ table: "2", field: "strategy", op: "any", values: strategies }]
      : [];
    return { table: "2", where };
  }
  // "Which came first, Iressa or Tarceva?": two or more Table 1 drugs named, and their order in time asked.
  const named = mentioned(text, vocab.table1Drugs);
  const inTime = ORDER_IN_TIME.exec(text);
  if (named.length >= 2 && inTime) {
    const newest = /newest|latest|newer|recent|later|last/.test(inTime[0]);
    return {
      table: "1",
      where: [{ table: "1", field: "drug", op: "any", values: named }],
      order: { field: "year", descending: newest },
    };
  }
  const t1 = table1Conditions(text, question, vocab);
  const byYear = /\b(newest|latest|most recent(?:ly)?|last)\b/.test(text)
    ? { order: { field: "year" as const, descending: true }, limit: 1 }
    : /\b(oldest|earliest|first (?:one )?approved)\b/.test(text)
      ? { order: { field: "year" as const, descending: false }, limit: 1 }
      : {};
  const years = t1.some((c) => c.field === "year");
  const type = t1.some((c) => c.field === "type");
  if (explicit === "1" && t1.length) return { table: "1", where: t1, ...byYear };
  if (vocab.otherGenes.some((gene) => gene.test(text))) return null;
  if (aggregate && t1.length && (TABLE1.test(text) || years || (type && /\bdrugs?\b|\binhibitors?\b/.test(text))))
    return { table: "1", where: t1, ...byYear };
  // Phases, partners, participants and trial ids exist only in Table 3: "which IGF drugs got to phase 3?".
  if (aggregate && (asksTrials || t3Only.some((c) => c.field !== "cancer")) && t3Only.length)
    return { table: "3", ...t3 };
  return null;
}

/** The conditions `text` states on one table's columns. */
function conditionsFor(table: TableQuery["table"], text: string, raw: string, vocab: TableVocabulary): Condition[] {
  if (table === "1") return table1Conditions(text, raw, vocab);
  if (table === "3") return table3Conditions(text, vocab).where;
  const strategies = strategyValues(text);
  return strategies.length ? [{ table: "2", field: "strategy", op: "any", values: strategies }] : [];
}

/** Merges a follow-up's conditions into the query it follows ("which of those are ADCs?"). */
export function narrowQuery(previous: TableQuery, next: TableQuery | null, followUp: string, vocab: TableVocabulary) {
  const text = followUp.toLowerCase();
  const extra = next?.table === previous.table ? next.where : conditionsFor(previous.table, text, followUp, vocab);
  const ordered = next?.table === previous.table && next.order ? { order: next.order, limit: next.limit } : {};
  if (!extra.length && !ordered.order) return null;
  const fields = new Set(extra.map((c) => c.field));
  return { ...previous, ...ordered, where: [...previous.where.filter((c) => !fields.has(c.field)), ...extra] };
}
