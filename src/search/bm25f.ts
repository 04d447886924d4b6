/**
 * A BM25F index (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009): term frequencies are
 * normalised per field, weighted, summed, and only then saturated, so a drug's name in a row's name field
 * counts for more than the same word in its indications without one field drowning the others.
 *
 * The per-field normalisation depends only on the document, so it is folded in at build time: a posting holds
 * one pseudo-frequency per document, and a search is one multiply-add per posting.
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
  /** The query terms (after typo correction, as index terms) that occur in this document; for a query of
   * more than 32 terms, among its 32 rarest. */
  matched: string[];
}

/** Options of {@link Bm25fIndex.search}. */
export interface SearchOptions {
  limit: number;
  /** What each document's score is multiplied by, indexed by document (priors by kind, filters); 0 removes it. */
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

interface Posting {
  docs: Int32Array;
  /** BM25F pseudo-frequency of the term in each of `docs`: Σ over fields of weight · tf / length norm. */
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
/** Query terms tracked per document for `matched` (bits of a 32-bit mask): a longer query's rarest 32. */
const MAX_TRACKED_TERMS = 32;

/** An in-memory BM25F index over documents with named text fields. Build once; search many times. */
export class Bm25fIndex {
  readonly size: number;
  private readonly postings = new Map<string, Posting>();
  private readonly scores: Float64Array;
  private readonly masks: Uint32Array;
  /** The documents a search has scored so far (scratch, like `scores` and `masks`). */
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
    this.masks = new Uint32Array(docs.length);
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
      allTf[at] = tf;
    });
    for (const [term, id] of termIds) {
      this.postings.set(term, {
        docs: allDocs.subarray(start[id]!, start[id + 1]!),
        tf: allTf.subarray(start[id]!, start[id + 1]!),
      });
    }
    this.typos = createTypoCorrector([...termIds.keys()].filter((t) => !t.startsWith("@")));
  }

  /** How many documents contain `term`. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
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
        if (this.postings.has(term)) {
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
    const { scores, masks, touched } = this;
    let count = 0;
    // Every term scores; the 32 most informative are also tracked in a bit mask for `matched`.
    const terms = [...query.terms].sort(([a], [b]) => this.idf(b) - this.idf(a));
    const tracked = terms.slice(0, MAX_TRACKED_TERMS);
    terms.forEach(([term, queryWeight], bit) => {
      const posting = this.postings.get(term);
      if (!posting) return;
      const idf = this.idf(term) * queryWeight;
      const flag = bit < MAX_TRACKED_TERMS ? 1 << bit : 0;
      const { docs, tf } = posting;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        const w = tf[i]!;
        if (scores[d] === 0) touched[count++] = d;
        scores[d]! += (idf * w) / (K1 + w);
        masks[d]! |= flag;
      }
    });
    const best = new TopK(options.limit);
    const priors = options.priors;
    for (let i = 0; i < count; i++) {
      const d = touched[i]!;
      const score = priors ? scores[d]! * priors[d]! : scores[d]!;
      if (score > 0) best.offer(d, score, masks[d]!);
      scores[d] = 0;
      masks[d] = 0;
    }
    return best.sorted().map(({ doc, score, mask }) => ({
      doc,
      score,
      matched: tracked.filter((_, bit) => (mask & (1 << bit)) !== 0).map(([term]) => term),
    }));
  }
}

/** Keeps the `k` best of a stream without sorting all of it (k is small; the stream can be the whole index). */
class TopK {
  private readonly items: Array<{ doc: number; score: number; mask: number }> = [];
  constructor(private readonly k: number) {}

  /** Whether a document of this score ranks above `other`: a higher score, or the same and earlier. */
  private static better(doc: number, score: number, other: { doc: number; score: number }): boolean {
    return score > other.score || (score === other.score && doc < other.doc);
  }

  offer(doc: number, score: number, mask: number): void {
    const items = this.items;
    // Most documents of a large index are turned away here, before anything is allocated for them.
    if (items.length === this.k && !TopK.better(doc, score, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && TopK.better(doc, score, items[i - 1]!)) i--;
    items.splice(i, 0, { doc, score, mask });
    if (items.length > this.k) items.pop();
  }

  sorted(): Array<{ doc: number; score: number; mask: number }> {
    return this.items;
  }
}
