/**
 * What the engine is measured against, on the same documents in the same process: FlexSearch, MiniSearch, Orama
 * and Lunr (each with its own tokenizer, given the document's three fields), and a bare inverted index as the
 * floor: the engine's own terms, one tf·idf multiply-add per posting, nothing else (no fields, typos, entities
 * or priors).
 */
import { create, insertMultiple, search as oramaSearch } from "@orama/orama";
import { Document } from "flexsearch";
import lunr from "lunr";
import MiniSearch from "minisearch";
import type { Knowledge } from "../src/knowledge/load.ts";
import { type SearchDoc, segmentsOf } from "../src/search/documents.ts";
import { createEntityMatcher, createTokenizer } from "../src/search/tokenizer.ts";

/** A search library under test: built once, then asked for the ids of its best `k` documents. */
export interface Peer {
  name: string;
  search(query: string, k: number): number[];
}

const fieldText = (doc: SearchDoc) => ({
  name: doc.fields.name,
  body: doc.fields.body,
  context: typeof doc.fields.context === "string" ? doc.fields.context : doc.fields.context.join(" "),
});

/** FlexSearch's document index over the three fields; `suggest` so a question need not match every word. */
export function flexSearchPeer(docs: readonly SearchDoc[]): Peer {
  const index = new Document({ document: { id: "id", index: ["name", "body", "context"] }, tokenize: "strict" });
  docs.forEach((doc, id) => {
    index.add({ id, ...fieldText(doc) });
  });
  return {
    name: "FlexSearch",
    search: (query, k) =>
      (index.search(query, { limit: k, suggest: true, merge: true }) as Array<{ id: number }>)
        .slice(0, k)
        .map((r) => r.id),
  };
}

/** MiniSearch over the three fields, with its defaults (BM25, any word may match). */
export function miniSearchPeer(docs: readonly SearchDoc[]): Peer {
  const index = new MiniSearch<{ id: number; name: string; body: string; context: string }>({
    fields: ["name", "body", "context"],
  });
  index.addAll(docs.map((doc, id) => ({ id, ...fieldText(doc) })));
  return {
    name: "MiniSearch",
    search: (query, k) =>
      index
        .search(query)
        .slice(0, k)
        .map((r) => r.id as number),
  };
}

/** Orama's full-text search (BM25) over the three fields; threshold 1 so a question need not match every word. */
export function oramaPeer(docs: readonly SearchDoc[]): Peer {
  const db = create({ schema: { name: "string", body: "string", context: "string" } as const });
  const inserted = insertMultiple(
    db,
    docs.map((doc, id) => ({ id: String(id), ...fieldText(doc) })),
  );
  if (inserted instanceof Promise) throw new Error("Orama inserted asynchronously; the bench times it synchronously");
  return {
    name: "Orama",
    search(query, k) {
      const results = oramaSearch(db, { term: query, properties: ["name", "body", "context"], limit: k, threshold: 1 });
      if (results instanceof Promise)
        throw new Error("Orama searched asynchronously; the bench times it synchronously");
      return results.hits.map((hit) => Number(hit.id));
    },
  };
}

/**
 * Lunr over the three fields. A question is given as optional terms through its query API, not its query
 * syntax, in which a word such as "note:" or "-mediated" is a field or a prohibition.
 */
export function lunrPeer(docs: readonly SearchDoc[]): Peer {
  const index = lunr(function () {
    this.ref("id");
    for (const field of ["name", "body", "context"]) this.field(field);
    docs.forEach((doc, id) => {
      this.add({ id: String(id), ...fieldText(doc) });
    });
  });
  return {
    name: "Lunr",
    search: (query, k) =>
      index
        .query((q) => {
          for (const token of lunr.tokenizer(query)) q.term(token, { presence: lunr.Query.presence.OPTIONAL });
        })
        .slice(0, k)
        .map((r) => Number(r.ref)),
  };
}

/** The floor: an inverted index over the engine's own terms, built count-first into typed arrays. */
export function bareInvertedIndex(docs: readonly SearchDoc[], aliasGroups: Knowledge["aliases"]["groups"]): Peer {
  const entities = createEntityMatcher(aliasGroups);
  const documentTerms = createTokenizer(entities);
  const queryTerms = createTokenizer(entities, { collapseEntities: true });
  const termIds = new Map<string, number>();
  // Each distinct text is tokenized once, as the engine does: a passage's context repeats its neighbours'
  // sentences, and tokenizing them again per document made this build twice as slow as the engine's at 1000×.
  const segmentTerms = new Map<string, Int32Array>();
  const termsOf = (text: string) => {
    let ids = segmentTerms.get(text);
    if (!ids) {
      ids = Int32Array.from(documentTerms(text), (term) => {
        let id = termIds.get(term);
        if (id === undefined) termIds.set(term, (id = termIds.size));
        return id;
      });
      segmentTerms.set(text, ids);
    }
    return ids;
  };
  // A document's terms are its fields' segments, shared with every document that repeats them.
  const docSegments = docs.map((doc) => segmentsOf(doc).map(termsOf));
  segmentTerms.clear();
  const start = new Int32Array(termIds.size + 1);
  const last = new Int32Array(termIds.size).fill(-1);
  docSegments.forEach((segments, d) => {
    for (const ids of segments) for (const id of ids) if (last[id] !== d) (last[id] = d), start[id + 1]!++;
  });
  for (let id = 0; id < termIds.size; id++) start[id + 1]! += start[id]!;
  const postingDoc = new Int32Array(start[termIds.size]!);
  const postingTf = new Float32Array(start[termIds.size]!);
  const next = start.slice(0, -1);
  last.fill(-1);
  docSegments.forEach((segments, d) => {
    for (const ids of segments)
      for (const id of ids) {
        if (last[id] !== d) {
          last[id] = d;
          postingDoc[next[id]!++] = d;
        }
        postingTf[next[id]! - 1]!++;
      }
  });
  const scores = new Float64Array(docs.length);
  const touched = new Int32Array(docs.length);
  return {
    name: "bare inverted index",
    search(query, k) {
      let count = 0;
      for (const term of new Set(queryTerms(query))) {
        const id = termIds.get(term);
        if (id === undefined) continue;
        const idf = Math.log(1 + docs.length / (start[id + 1]! - start[id]!));
        for (let i = start[id]!; i < start[id + 1]!; i++) {
          const d = postingDoc[i]!;
          if (scores[d] === 0) touched[count++] = d;
          scores[d]! += idf * postingTf[i]!;
        }
      }
      const best: number[] = [];
      for (let i = 0; i < count; i++) {
        const d = touched[i]!;
        if (best.length === k && scores[d]! <= scores[best[k - 1]!]!) continue;
        let at = best.length;
        while (at > 0 && scores[best[at - 1]!]! < scores[d]!) at--;
        best.splice(at, 0, d);
        if (best.length > k) best.pop();
      }
      for (let i = 0; i < count; i++) scores[touched[i]!] = 0;
      return best;
    },
  };
}
