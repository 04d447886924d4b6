/**
 * Typo tolerance: an unknown query word is read as the known terms closest to it by edit distance
 * (a transposition counts once, as in "gefitnib" for gefitinib).
 *
 * The vocabulary is indexed once by symmetric deletion (Garbe's SymSpell): two words within k edits become
 * the same string after at most k deletions from each, so a term is filed under the hashes of its deletion
 * variants, and an unknown word looks up the hashes of its own. Only the terms found that way are compared
 * with the word, instead of every term of a similar length: an unknown word costs microseconds at any
 * vocabulary size, and allocates only the answer.
 */

/**
 * How many edits a word of this length may carry and still be read as another. Short words are left alone:
 * "bound" is one edit from "found", and reading everyday words as other words adds noise, not recall.
 */
export function allowedEdits(length: number): number {
  if (length < 6) return 0;
  return length < 10 ? 1 : 2;
}

// Three rows of the distance matrix, shared by every call and grown to the longest word seen.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`
 * (the early exit keeps the comparison of a word with its candidates cheap).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  if (rows[0].length < cols) rows = [new Int32Array(cols * 2), new Int32Array(cols * 2), new Int32Array(cols * 2)];
  let [prevPrev, prev, current] = rows;
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    const oldest = prevPrev;
    prevPrev = prev;
    prev = current;
    current = oldest;
  }
  return prev[cols - 1]!;
}

/** Reads unknown words as known terms. */
export interface TypoCorrector {
  /** The known terms nearest to `term` within {@link allowedEdits}, at most three; none for short words. */
  closest(term: string): string[];
}

/** Most edits any reader of a deletion index allows (the drug catalogue: 3 for long names). */
const MAX_EDITS = 3;

/**
 * How many deletions a key of this length needs to meet every word that may be read as it (-1: no word may),
 * when a word of length w may carry `allowed(w)` edits. A word longer than the key spends its edits on its own
 * extra letters: "gefitnib" meets "gefitinib" by deleting nothing from the key, so only keys as long as a word
 * allowed the most edits need that many deletions.
 */
function keyDeletions(length: number, allowed: (length: number) => number): number {
  let depth = -1;
  for (let word = Math.max(0, length - MAX_EDITS); word <= length + MAX_EDITS; word++) {
    const edits = Math.min(allowed(word), MAX_EDITS);
    if (Math.abs(word - length) <= edits) depth = Math.max(depth, edits - Math.max(0, word - length));
  }
  return depth;
}

/** FNV-1a of `text` without the characters at `skipA`, `skipB` and `skipC` (-1: none), as if they were deleted. */
function hashWithout(text: string, skipA: number, skipB: number, skipC: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skipA || i === skipB || i === skipC) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** Calls `visit` with the hash of every variant of `text` with at most `depth` (≤ 3) characters deleted. */
function forEachDeletion(text: string, depth: number, visit: (hash: number) => void): void {
  visit(hashWithout(text, -1, -1, -1));
  if (depth < 1) return;
  for (let i = 0; i < text.length; i++) {
    visit(hashWithout(text, i, -1, -1));
    if (depth < 2) continue;
    for (let j = i + 1; j < text.length; j++) {
      visit(hashWithout(text, i, j, -1));
      if (depth < 3) continue;
      for (let k = j + 1; k < text.length; k++) visit(hashWithout(text, i, j, k));
    }
  }
}

/**
 * Keys filed by symmetric deletion: two strings within k edits become the same string after at most k
 * deletions from each, so each key is filed under the hashes of its deletion variants and a word looks up the
 * hashes of its own. Only the keys found that way need comparing with the word.
 */
export interface DeletionIndex {
  /**
   * Calls `visit` once with the id (position among the keys given) of every key that shares a deletion variant
   * with `word`, `word` losing at most `depth` letters (≤ 3; the edits `allowed` gives a word of its length).
   * Every key within those edits of `word` is visited; so may a few others, which the caller's comparison drops.
   */
  forEachCandidate(word: string, depth: number, visit: (id: number) => void): void;
}

/**
 * Indexes `keys` for words that may carry `allowed(length)` edits (at most 3). Built with counted typed arrays;
 * a lookup allocates nothing.
 */
export function createDeletionIndex(keys: readonly string[], allowed: (length: number) => number): DeletionIndex {
  const depths = keys.map((key) => keyDeletions(key.length, allowed));
  const longest = keys.reduce((n, key) => Math.max(n, key.length), 0);
  // Count first, then fill: one bucket array over the variants' hashes, its entries in two typed arrays.
  let entries = 0;
  keys.forEach((key, id) => forEachDeletion(key, depths[id]!, () => entries++));
  const bits = Math.max(4, Math.ceil(Math.log2(entries / 2 + 1)));
  const shift = 32 - bits;
  const bucketStart = new Uint32Array((1 << bits) + 1);
  keys.forEach((key, id) => forEachDeletion(key, depths[id]!, (h) => bucketStart[(h >>> shift) + 1]!++));
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1]!;
  const fill = bucketStart.slice(0, -1);
  const entryHash = new Uint32Array(entries);
  const entryKey = new Int32Array(entries);
  keys.forEach((key, id) => {
    forEachDeletion(key, depths[id]!, (h) => {
      const at = fill[h >>> shift]!++;
      entryHash[at] = h;
      entryKey[at] = id;
    });
  });

  // Per-lookup scratch, reused: the stamp marks the keys a lookup has already visited.
  const seen = new Uint32Array(keys.length);
  let stamp = 0;
  let visitKey: (id: number) => void = () => {};
  const lookUp = (hash: number) => {
    for (let e = bucketStart[hash >>> shift]!, end = bucketStart[(hash >>> shift) + 1]!; e < end; e++) {
      if (entryHash[e] !== hash) continue;
      const id = entryKey[e]!;
      if (seen[id] === stamp) continue;
      seen[id] = stamp;
      visitKey(id);
    }
  };
  return {
    forEachCandidate(word, depth, visit) {
      // A word longer than every key by more than its edits is near none, and its deletion variants (cubic in
      // its length) are not worth hashing: a pasted page must not stall a look-up.
      if (depth < 0 || word.length - depth > longest) return;
      if (++stamp === 0xffffffff) {
        seen.fill(0);
        stamp = 1;
      }
      visitKey = visit;
      forEachDeletion(word, depth, lookUp);
    },
  };
}

/**
 * A corrector over `vocabulary`. Among the terms at the smallest distance it prefers the shorter, then the one
 * met first in `vocabulary`, and returns at most three.
 */
export function createTypoCorrector(vocabulary: Iterable<string>): TypoCorrector {
  const terms = [...vocabulary].filter((term) => keyDeletions(term.length, allowedEdits) >= 0);
  const index = createDeletionIndex(terms, allowedEdits);

  // Per-lookup state of the comparison, reused.
  let word = "";
  let max = 0;
  let best = 0;
  let found: number[] = [];
  const compare = (id: number) => {
    const d = editDistance(word, terms[id]!, Math.min(max, best));
    if (d < best) {
      best = d;
      found = [id];
    } else if (d === best && d <= max) found.push(id);
  };

  return {
    closest(term) {
      max = allowedEdits(term.length);
      if (max === 0) return [];
      word = term;
      best = max + 1;
      found = [];
      index.forEachCandidate(term, max, compare);
      if (best > max) return [];
      // The order of a scan by length, then by vocabulary order.
      found.sort((a, b) => terms[a]!.length - terms[b]!.length || a - b);
      return found.slice(0, 3).map((id) => terms[id]!);
    },
  };
}
