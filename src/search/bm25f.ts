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
  /** Multiplies a document's score (priors by kind, filters); 0 removes it. */
  boost?: (doc: number) => number;
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

    // Terms become small integers, and each distinct text segment is tokenized once: a passage's neighbours
    // and a review loaded many times repeat the same segments.
    const termIds = new Map<string, number>();
    const segmentIds = new Map<string, Int32Array>();
    const idsOf = (segment: string): Int32Array => {
      let ids = segmentIds.get(segment);
      if (!ids) {
        ids = Int32Array.from(tokenizers.document(segment), (term) => {
          let id = termIds.get(term);
          if (id === undefined) termIds.set(term, (id = termIds.size));
          return id;
        });
        segmentIds.set(segment, ids);
      }
      return ids;
    };
    const segmentsOf = (doc: Readonly<Record<string, string | readonly string[]>>, field: FieldSpec) => {
      const value = doc[field.name] ?? "";
      return (typeof value === "string" ? [value] : value).map(idsOf);
    };

    // Pass 1: field lengths, for the average lengths the normalisation needs.
    const lengths = new Float64Array(docs.length * fields.length);
    docs.forEach((doc, d) => {
      fields.forEach((field, f) => {
        lengths[d * fields.length + f] = segmentsOf(doc, field).reduce((n, ids) => n + ids.length, 0);
      });
    });
    const avg = fields.map((_, f) => {
      let total = 0;
      for (let d = 0; d < docs.length; d++) total += lengths[d * fields.length + f]!;
      return docs.length ? total / docs.length || 1 : 1;
    });

    // Pass 2: one pseudo-frequency per (term, document), accumulated in a scratch array over term ids.
    const postingDocs: number[][] = [];
    const postingTf: number[][] = [];
    const scratch = new Float64Array(termIds.size);
    const touched: number[] = [];
    docs.forEach((doc, d) => {
      fields.forEach((field, f) => {
        const norm = 1 - field.b + (field.b * lengths[d * fields.length + f]!) / avg[f]!;
        const weight = field.weight / norm;
        for (const ids of segmentsOf(doc, field)) {
          for (const id of ids) {
            if (scratch[id] === 0) touched.push(id);
            scratch[id]! += weight;
          }
        }
      });
      for (const id of touched) {
        (postingDocs[id] ??= []).push(d);
        (postingTf[id] ??= []).push(scratch[id]!);
        scratch[id] = 0;
      }
      touched.length = 0;
    });
    for (const [term, id] of termIds) {
      this.postings.set(term, { docs: Int32Array.from(postingDocs[id]!), tf: Float32Array.from(postingTf[id]!) });
    }
    this.typos = createTypoCorrector([...this.postings.keys()].filter((t) => !t.startsWith("@")));
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
    const { scores, masks } = this;
    const touched: number[] = [];
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
        if (scores[d] === 0) touched.push(d);
        scores[d]! += (idf * w) / (K1 + w);
        masks[d]! |= flag;
      }
    });
    const best = new TopK(options.limit);
    for (const d of touched) {
      const score = scores[d]! * (options.boost ? options.boost(d) : 1);
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

  private static better(a: { doc: number; score: number }, b: { doc: number; score: number }): boolean {
    return a.score > b.score || (a.score === b.score && a.doc < b.doc);
  }

  offer(doc: number, score: number, mask: number): void {
    const item = { doc, score, mask };
    const items = this.items;
    if (items.length === this.k && !TopK.better(item, items[items.length - 1]!)) return;
    let i = items.length;
    while (i > 0 && TopK.better(item, items[i - 1]!)) i--;
    items.splice(i, 0, item);
    if (items.length > this.k) items.pop();
  }

  sorted(): Array<{ doc: number; score: number; mask: number }> {
    return this.items;
  }
}
