/**
 * The search engine over one review: knowledge in, ranked hits out. Built once at start (milliseconds).
 */
import type { Knowledge } from "../knowledge/load.ts";
import { type AnalysedQuery, Bm25fIndex, type ScoredDoc } from "./bm25f.ts";
import { buildSearchDocs, SEARCH_FIELDS, type SearchDoc } from "./documents.ts";
import type { Hit, HitKind } from "./hit.ts";
import {
  createConceptTokenizer,
  createEntityMatcher,
  createTokenizer,
  entityTerm,
  type Tokenizer,
} from "./tokenizer.ts";

/** Options of {@link SearchEngine.search}. */
export interface QueryOptions {
  /** How many hits (default 5). */
  k?: number;
  /** Only hits of these kinds. */
  kinds?: readonly HitKind[];
}

/** A ranked document with what the query matched in it: the answerer needs both. */
export interface RankedDoc extends ScoredDoc {
  source: SearchDoc;
}

/** Search over one review. */
export interface SearchEngine {
  readonly docs: readonly SearchDoc[];
  readonly tokenizer: Tokenizer;
  /** The index, for callers that weigh query terms themselves (the answerer's grounding check). */
  readonly index: Bm25fIndex;
  /** Hits for a query, best first. */
  search(query: string, options?: QueryOptions): Hit[];
  /** The ranked documents behind {@link search}, with the analysed query. */
  rank(query: string, options?: QueryOptions): { query: AnalysedQuery; ranked: RankedDoc[] };
  /** The document with this id, or the passage that holds the sentence with this id. */
  get(id: string): SearchDoc | undefined;
  /**
   * The same document as evidence an answer quotes in full (score 1, nothing matched), with its place in
   * {@link docs}: for answers that choose their documents by id (table rows, a section's opening, the
   * sentences citing a reference) rather than by rank.
   */
  evidence(id: string): RankedDoc | undefined;
}

// A reference entry is searchable (people ask "who showed ...?") but is the weakest evidence: the review's
// own sentences and rows say what it claims, so they should outrank the entry that merely names the study.
const KIND_PRIOR: Record<HitKind, number> = { passage: 1, "table-row": 1, figure: 1, reference: 0.4 };

/** The score share a document keeps when the question names a drug and the document does not. */
const OTHER_DRUG_PRIOR = 0.6;

/** Builds the engine over one review: its documents, a tokenizer with its aliases, the BM25F index. */
export function createSearchEngine(knowledge: Knowledge): SearchEngine {
  return createSearchEngineFromDocs(buildSearchDocs(knowledge), aliasGroupsOf(knowledge));
}

/** Shortest glossary abbreviation made an entity: two letters ("PD", "PR", "OS") mean too many things. */
const MIN_GLOSSARY_TERM = 3;

/**
 * The curated alias groups, plus one for each abbreviation of the tables' glossary that no curated group
 * names: "CBR" then meets "clinical benefit rate", "HCC" meets "hepatocellular carcinoma".
 */
export function aliasGroupsOf(knowledge: Knowledge): Knowledge["aliases"]["groups"] {
  const named = new Set(
    knowledge.aliases.groups.flatMap((g) => [g.canonical, ...g.aliases]).map((n) => n.toLowerCase()),
  );
  const fromGlossary = knowledge.glossary
    .filter((e) => e.term.length >= MIN_GLOSSARY_TERM && !named.has(e.term.toLowerCase()))
    .map((e) => ({ canonical: e.term, kind: "term" as const, aliases: [e.meaning] }));
  return [...knowledge.aliases.groups, ...fromGlossary];
}

/**
 * Builds the engine over any documents (several reviews, or one review copied many times for the benchmark),
 * with the alias groups whose names the tokenizer joins.
 */
export function createSearchEngineFromDocs(
  docs: SearchDoc[],
  aliasGroups: Knowledge["aliases"]["groups"],
): SearchEngine {
  const entities = createEntityMatcher(aliasGroups);
  const tokenizer = createTokenizer(entities);
  const index = new Bm25fIndex(
    SEARCH_FIELDS,
    { document: tokenizer, query: createConceptTokenizer(entities, { collapseEntities: true }) },
    docs.map((d) => d.fields),
  );
  const byId = new Map(docs.map((d) => [d.hit.id, d]));
  const drugEntities = new Set(aliasGroups.filter((g) => g.kind === "drug").map((g) => entityTerm(g.canonical)));
  for (const doc of docs) for (const sentence of doc.sentences) byId.set(sentence.id, doc);
  const position = new Map(docs.map((d, i) => [d, i]));

  // Each document's prior by its kind, one array per kinds filter asked for (0 for the kinds left out): a
  // search reads a number per scored document instead of calling back into the documents.
  const priorsByKinds = new Map<string, Float64Array>();
  const priorsFor = (kinds: readonly HitKind[] | undefined): Float64Array => {
    const key = kinds ? [...kinds].sort().join() : "";
    let priors = priorsByKinds.get(key);
    if (!priors) {
      priors = Float64Array.from(docs, (d) => (kinds && !kinds.includes(d.hit.kind) ? 0 : KIND_PRIOR[d.hit.kind]));
      priorsByKinds.set(key, priors);
    }
    return priors;
  };

  function rank(text: string, options: QueryOptions = {}) {
    const k = options.k ?? 5;
    const query = index.analyse(text);
    const named = [...query.terms.keys()].filter((t) => drugEntities.has(t));
    // Re-ranking for a named drug looks deeper than k, so the documents it lifts are among those scored.
    const scored = index.search(query, { limit: named.length ? k * 4 : k, priors: priorsFor(options.kinds) });
    // A question that names a drug asks about that drug: another drug's table row (its trial in the same
    // cancer) ranks below the rows and passages that name it, unless it matches much better. Passages are left
    // alone: one about the drug's class ("first-generation EGFR-TKIs") answers a question naming one member.
    const rescored = named.length
      ? scored
          .map((s) =>
            docs[s.doc]!.hit.drug === null || s.matched.some((t) => named.includes(t))
              ? s
              : { ...s, score: s.score * OTHER_DRUG_PRIOR },
          )
          .sort((a, b) => b.score - a.score || a.doc - b.doc)
          .slice(0, k)
      : scored;
    return { query, ranked: rescored.map((s) => ({ ...s, source: docs[s.doc]! })) };
  }

  return {
    docs,
    tokenizer,
    index,
    rank,
    search: (text, options) => rank(text, options).ranked.map((r) => toHit(r)),
    get: (id) => byId.get(id),
    evidence: (id) => {
      const source = byId.get(id);
      return source ? { doc: position.get(source)!, score: 1, matched: [], source } : undefined;
    },
  };
}

/** A ranked document as the contract's `Hit`, its score rounded for stable output. */
export function toHit(ranked: RankedDoc): Hit {
  return { ...ranked.source.hit, score: Math.round(ranked.score * 1000) / 1000 };
}
