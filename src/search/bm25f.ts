/**
 * A BM25F index (Robertson & Zaragoza, "The Probabilistic Relevance Framework", 2009): term frequencies are
 * normalised per field, weighted, summed, and only then saturated, so a drug's name in a row's name field
 * counts for more than the same word in its indications without one field drowning the others.
 */
import type { Tokenizer } from "./tokenizer.ts";
import { closeTerms } from "./typos.ts";

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
  /** Multiplies a document's score (priors by kind, intent boosts); 0 removes it. */
  boost?: (doc: number) => number;
}

/** The analysed query: its terms and their weights (typo corrections weigh less than the words typed). */
export interface AnalysedQuery {
  terms: Map<string, number>;
  /** Terms typed that the index did not know, mapped to the known terms they were read as. */
  corrections: Map<string, string[]>;
  /** Terms typed that the index did not know and could not read as any known term. */
  unknown: string[];
}

interface Posting {
  docs: number[];
  /** tf[f][i]: how often the term occurs in field f of docs[i]. */
  tf: number[][];
}

const K1 = 1.2;

/** An in-memory BM25F index over documents with named text fields. Build once; search many times. */
export class Bm25fIndex {
  readonly size: number;
  private readonly postings = new Map<string, Posting>();
  private readonly fieldLengths: Float64Array[];
  private readonly avgLength: number[];
  private readonly scores: Float64Array;

  /**
   * @param fields the fields every document has (missing ones are empty)
   * @param tokenizer turns field text and queries into terms
   * @param docs the documents, each a map from field name to text
   */
  constructor(
    private readonly fields: readonly FieldSpec[],
    private readonly tokenizer: Tokenizer,
    docs: ReadonlyArray<Readonly<Record<string, string>>>,
  ) {
    this.size = docs.length;
    this.fieldLengths = fields.map(() => new Float64Array(docs.length));
    this.scores = new Float64Array(docs.length);
    docs.forEach((doc, d) => {
      fields.forEach((field, f) => {
        const terms = tokenizer(doc[field.name] ?? "");
        this.fieldLengths[f]![d] = terms.length;
        const counts = new Map<string, number>();
        for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
        for (const [term, count] of counts) this.addPosting(term, d, f, count);
      });
    });
    this.avgLength = this.fieldLengths.map((lengths) => {
      let sum = 0;
      for (const l of lengths) sum += l;
      return lengths.length ? sum / lengths.length || 1 : 1;
    });
  }

  private addPosting(term: string, doc: number, field: number, count: number): void {
    let posting = this.postings.get(term);
    if (!posting) {
      posting = { docs: [], tf: this.fields.map(() => []) };
      this.postings.set(term, posting);
    }
    const last = posting.docs.length - 1;
    if (posting.docs[last] !== doc) {
      posting.docs.push(doc);
      for (const column of posting.tf) column.push(0);
    }
    posting.tf[field]![posting.docs.length - 1] = count;
  }

  /** How many documents contain `term`. */
  documentFrequency(term: string): number {
    return this.postings.get(term)?.docs.length ?? 0;
  }

  /** The inverse document frequency of `term` (BM25's, always positive). */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /** Every term in the index. */
  vocabulary(): IterableIterator<string> {
    return this.postings.keys();
  }

  /** Tokenizes a query and reads unknown words as the closest known terms (typos: "gefitnib" → gefitinib). */
  analyse(query: string): AnalysedQuery {
    const terms = new Map<string, number>();
    const corrections = new Map<string, string[]>();
    const unknown: string[] = [];
    for (const term of this.tokenizer(query)) {
      if (this.postings.has(term) || term.startsWith("@")) {
        terms.set(term, Math.max(terms.get(term) ?? 0, 1));
        continue;
      }
      const close = closeTerms(term, this.postings.keys());
      if (close.length) corrections.set(term, close);
      else unknown.push(term);
      for (const c of close) terms.set(c, Math.max(terms.get(c) ?? 0, 0.8));
    }
    return { terms, corrections, unknown };
  }

  /** The best documents for an analysed query, best first. */
  search(query: AnalysedQuery, options: SearchOptions): ScoredDoc[] {
    const scores = this.scores;
    const touched: number[] = [];
    const matchedTerms = new Map<number, string[]>();
    for (const [term, queryWeight] of query.terms) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const idf = this.idf(term) * queryWeight;
      for (let i = 0; i < posting.docs.length; i++) {
        const d = posting.docs[i]!;
        let tf = 0;
        for (let f = 0; f < this.fields.length; f++) {
          const raw = posting.tf[f]![i]!;
          if (raw === 0) continue;
          const field = this.fields[f]!;
          const norm = 1 - field.b + (field.b * this.fieldLengths[f]![d]!) / this.avgLength[f]!;
          tf += (field.weight * raw) / norm;
        }
        if (scores[d] === 0) touched.push(d);
        scores[d]! += (idf * tf) / (K1 + tf);
        const list = matchedTerms.get(d);
        if (list) list.push(term);
        else matchedTerms.set(d, [term]);
      }
    }
    const results: ScoredDoc[] = [];
    for (const d of touched) {
      const score = scores[d]! * (options.boost ? options.boost(d) : 1);
      scores[d] = 0;
      if (score > 0) results.push({ doc: d, score, matched: matchedTerms.get(d) ?? [] });
    }
    return topK(results, options.limit);
  }
}

/** The `k` best results, best first; ties keep document order so rankings are stable. */
function topK(results: ScoredDoc[], k: number): ScoredDoc[] {
  return results.sort((a, b) => b.score - a.score || a.doc - b.doc).slice(0, k);
}
