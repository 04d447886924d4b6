/**
 * A BM25F index (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009): term frequencies are
 * normalised per field, weighted, summed, and only then saturated, so a drug's name in a row's name field
 * counts for more than the same word in its indications without one field drowning the others.
 *
 * The per-field normalisation and the saturation depend only on the document and the term, so both are folded in
 * at build time: a posting holds one saturated pseudo-frequency per document, and a search is one multiply-add
 * per posting, as in a bare inverted index.
 */
import type { ConceptTokenizer, Tokenizer } from "./tokenizer.ts";
import { createTypoCorrector, type TypoCorrector } from "./typos.ts";

/** A field of the indexed documents: how much a match in it weighs, and how strongly its length normalises. */
export interface FieldSpec {
  name: string;
  weight: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

/** One scored document of a search. */
export interface ScoredDoc {
  /** The document's position in the array given to the index. */
  doc: number;
  score: number;
  /** The query terms (after typo correction, as index terms) that occur in this document. */
  matched: string[];
}

/** Options of {@link Bm25fIndex.search}. */
export interface SearchOptions {
  limit: number;
  /**
   * What each document's score is multiplied by, indexed by document (priors by kind, filters): each from 0
   * (removes it) to 1, so that a document already below the k-th best need not have its prior read.
   */
  priors?: Float64Array;
}

/** The analysed query: its terms and their weights (typo corrections weigh less than the words typed). */
export interface AnalysedQuery {
  terms: Map<string, number>;
  /** Terms typed that the index did not know, mapped to the known terms they were read as. */
  corrections: Map<string, string[]>;
  /** Terms typed that the index did not know and could not read as any known term. */
  unknown: string[];
  /** The query's words and names, each as the index terms it was read as (empty: nothing known). */
  concepts: string[][];
}

/**
 * Every posting of the index, term after term, in two arrays: term t's documents are
 * `docs[start[t] ..< start[t + 1]]`, in ascending order, and `tf` holds BM25F's saturated pseudo-frequency of t
 * in each, w / (k1 + w), where w is Σ over fields of weight · tf / length norm. No object per term: at 1000× the
 * review a view per term's list cost more memory than the lists.
 */
interface Postings {
  start: Int32Array;
  docs: Int32Array;
  tf: Float32Array;
}

/** An Int32Array that grows by doubling, for lists whose length is known only at their end. */
class IntList {
  values = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }
}

const K1 = 1.2;
/** Weight of a word read through a typo correction, against 1 for a word the index knows. */
const CORRECTION_WEIGHT = 0.8;

/** An in-memory BM25F index over documents with named text fields. Build once; search many times. */
export class Bm25fIndex {
  readonly size: number;
  /** Term → its id in {@link postings}. */
  private readonly termIds: Map<string, number>;
  private readonly postings: Postings;
  private readonly scores: Float64Array;
  /** The documents a search has scored so far (scratch, like `scores`). */
  private readonly touched: Int32Array;
  private readonly typos: TypoCorrector;

  /**
   * @param fields the fields every document has (missing ones are empty)
   * @param tokenizers turn field text (`document`) into terms and queries (`query`) into grouped terms
   * @param docs the documents, each a map from field name to text, or to several texts (a passage's context
   *   is its neighbours' text: segments are tokenized once however many fields and documents repeat them)
   */
  constructor(
    fields: readonly FieldSpec[],
    private readonly tokenizers: { document: Tokenizer; query: ConceptTokenizer },
    docs: ReadonlyArray<Readonly<Record<string, string | readonly string[]>>>,
  ) {
    this.size = docs.length;
    this.scores = new Float64Array(docs.length);
    this.touched = new Int32Array(docs.length);

    // Terms become small integers, and each distinct text segment is tokenized once, into one growing pool of
    // term ids: a passage's neighbours and a review loaded many times repeat the same segments.
    const termIds = new Map<string, number>();
    const segmentIds = new Map<string, number>();
    const pool = new IntList();
    const segmentStart = new IntList();
    const segmentOf = (text: string): number => {
      let segment = segmentIds.get(text);
      if (segment === undefined) {
        segment = segmentStart.length;
        segmentIds.set(text, segment);
        segmentStart.push(pool.length);
        for (const term of tokenizers.document(text)) {
          let id = termIds.get(term);
          if (id === undefined) termIds.set(term, (id = termIds.size));
          pool.push(id);
        }
        segmentStart.push(pool.length);
      }
      return segment;
    };
    // Each document's fields as runs of segment numbers: docSegments[fieldStart[d·F + f] ..< fieldStart[d·F + f + 1]].
    const F = fields.length;
    const docSegments = new IntList();
    const fieldStart = new Int32Array(docs.length * F + 1);
    const lengths = new Float64Array(docs.length * F);
    docs.forEach((doc, d) => {
      fields.forEach((field, f) => {
        const value = doc[field.name] ?? "";
        let length = 0;
        for (const text of typeof value === "string" ? [value] : value) {
          const segment = segmentOf(text);
          docSegments.push(segment);
          length += segmentStart.values[segment + 1]! - segmentStart.values[segment]!;
        }
        lengths[d * F + f] = length;
        fieldStart[d * F + f + 1] = docSegments.length;
      });
    });
    segmentIds.clear();
    const avg = fields.map((_, f) => {
      let total = 0;
      for (let d = 0; d < docs.length; d++) total += lengths[d * F + f]!;
      return docs.length ? total / docs.length || 1 : 1;
    });

    // One pseudo-frequency per (term, document), accumulated over the document's term ids in `scratch`; `emit`
    // gets each distinct term of document d once, in the order first met.
    const scratch = new Float64Array(termIds.size);
    const touched = new IntList();
    const eachPosting = (emit: (id: number, d: number, tf: number) => void) => {
      for (let d = 0; d < docs.length; d++) {
        for (let f = 0; f < F; f++) {
          const norm = 1 - fields[f]!.b + (fields[f]!.b * lengths[d * F + f]!) / avg[f]!;
          const weight = fields[f]!.weight / norm;
          for (let s = fieldStart[d * F + f]!; s < fieldStart[d * F + f + 1]!; s++) {
            const segment = docSegments.values[s]!;
            for (let i = segmentStart.values[segment]!; i < segmentStart.values[segment + 1]!; i++) {
              const id = pool.values[i]!;
              if (scratch[id] === 0) touched.push(id);
              scratch[id]! += weight;
            }
          }
        }
        for (let t = 0; t < touched.length; t++) {
          const id = touched.values[t]!;
          emit(id, d, scratch[id]!);
          scratch[id] = 0;
        }
        touched.length = 0;
      }
    };
    // Count first, then fill: every posting lives in two typed arrays sized exactly, each term a view of them.
    const start = new Int32Array(termIds.size + 1);
    eachPosting((id) => start[id + 1]!++);
    for (let id = 0; id < termIds.size; id++) start[id + 1]! += start[id]!;
    const allDocs = new Int32Array(start[termIds.size]!);
    const allTf = new Float32Array(start[termIds.size]!);
    const next = start.slice(0, -1);
    eachPosting((id, d, tf) => {
      const at = next[id]!++;
      allDocs[at] = d;
      allTf[at] = tf / (K1 + tf);
    });
    this.termIds = termIds;
    this.postings = { start, docs: allDocs, tf: allTf };
    this.typos = createTypoCorrector([...termIds.keys()].filter((t) => !t.startsWith("@")));
  }

  /** How many documents contain `term`. */
  documentFrequency(term: string): number {
    const id = this.termIds.get(term);
    return id === undefined ? 0 : this.postings.start[id + 1]! - this.postings.start[id]!;
  }

  /** The inverse document frequency of `term` (BM25's, always positive). */
  idf(term: string): number {
    return this.idfForFrequency(this.documentFrequency(term));
  }

  /** The inverse document frequency of a term found in `df` documents. */
  idfForFrequency(df: number): number {
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Tokenizes a query and reads unknown words as the closest known terms (typos: "gefitnib" → gefitinib). */
  analyse(query: string): AnalysedQuery {
    const terms = new Map<string, number>();
    const corrections = new Map<string, string[]>();
    const unknown: string[] = [];
    const concepts: string[][] = [];
    const seen = new Set<string>();
    for (const group of this.tokenizers.query(query)) {
      // A word asked twice ("papers ... papers") is one word of the question, not two.
      const key = group.join(" ");
      if (seen.has(key)) continue;
      seen.add(key);
      const read: string[] = [];
      for (const term of group) {
        if (this.termIds.has(term)) {
          terms.set(term, 1);
          read.push(term);
          continue;
        }
        if (term.startsWith("@")) continue;
        const close = this.typos.closest(term);
        if (close.length) corrections.set(term, close);
        else unknown.push(term);
        for (const c of close) terms.set(c, Math.max(terms.get(c) ?? 0, CORRECTION_WEIGHT));
        read.push(...close);
      }
      concepts.push(read);
    }
    return { terms, corrections, unknown, concepts };
  }

  /** The best documents for an analysed query, best first; ties keep document order. */
  search(query: AnalysedQuery, options: SearchOptions): ScoredDoc[] {
    const { scores, touched } = this;
    let count = 0;
    // Rarest first, so that `matched` lists the most telling terms first.
    const scored: Array<{ term: string; id: number; df: number; idf: number }> = [];
    for (const [term, queryWeight] of query.terms) {
      const id = this.termIds.get(term);
      if (id === undefined) continue;
      const df = this.postings.start[id + 1]! - this.postings.start[id]!;
      scored.push({ term, id, df, idf: this.idfForFrequency(df) * queryWeight });
    }
    scored.sort((a, b) => a.df - b.df);
    for (const { id, idf } of scored) count = accumulate(this.postings, id, idf, scores, touched, count);
    const best = new TopK(options.limit);
    const priors = options.priors;
    for (let i = 0; i < count; i++) {
      const d = touched[i]!;
      const raw = scores[d]!;
      scores[d] = 0;
      // A prior never raises a score: a document below the k-th best stays there, whatever its prior.
      if (raw < best.lowest) continue;
      const score = priors ? raw * priors[d]! : raw;
      if (score > 0) best.offer(d, score);
    }
    // Which terms a document matched is asked of the few kept, not recorded for every document scored.
    return best.sorted().map(({ doc, score }) => ({
      doc,
      score,
      matched: scored.filter(({ id }) => holds(this.postings, id, doc)).map(({ term }) => term),
    }));
  }
}

/**
 * Adds one term's contribution to the scores of the documents holding it, noting each document scored for
 * the first time in `touched` after the `count` already there; returns the new count. A function of its own
 * so that the loop every search spends its time in stays small and monomorphic.
 */
function accumulate(
  postings: Postings,
  term: number,
  idf: number,
  scores: Float64Array,
  touched: Int32Array,
  count: number,
): number {
  const { docs, tf } = postings;
  const end = postings.start[term + 1]!;
  let n = count;
  for (let i = postings.start[term]!; i < end; i++) {
    const d = docs[i]!;
    if (scores[d] === 0) touched[n++] = d;
    scores[d]! += idf * tf[i]!;
  }
  return n;
}

/** Whether term `term`'s documents hold `doc` (a binary search of its ascending list). */
function holds(postings: Postings, term: number, doc: number): boolean {
  let low = postings.start[term]!;
  let high = postings.start[term + 1]! - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const at = postings.docs[mid]!;
    if (at === doc) return true;
    if (at < doc) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

/** Keeps the `k` best of a stream without sorting all of it (k is small; the stream can be the whole index). */
class TopK {
  private readonly items: Array<{ doc: number; score: number }> = [];
  /** The score a document must reach to be kept: the k-th best's once there are k, until then none. */
  lowest = Number.NEGATIVE_INFINITY;
  constructor(private readonly k: number) {}

  /** Whether a document of this score ranks above `other`: a higher score, or the same and earlier. */
  private static better(doc: number, score: number, other: { doc: number; score: number }): boolean {
    return score > other.score || (score === other.score && doc < other.doc);
  }

  offer(doc: number, score: number): void {
    const items = this.items;
    // Most documents of a large index are turned away here, before anything is allocated for them.
    if (items.length === this.k && !TopK.better(doc, score, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && TopK.better(doc, score, items[i - 1]!)) i--;
    items.splice(i, 0, { doc, score });
    if (items.length > this.k) items.pop();
    if (items.length === this.k) this.lowest = items[this.k - 1]!.score;
  }

  sorted(): Array<{ doc: number; score: number }> {
    return this.items;
  }
}
