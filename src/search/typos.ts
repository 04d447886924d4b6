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

/** Longest difference in length between a word and a term it may be read as. */
const MAX_EDITS = 2;

/**
 * How many deletions a term of this length needs to meet every word that may be read as it (-1: no word may).
 * A word longer than the term spends its edits on its own extra letters: "gefitnib" meets "gefitinib" by
 * deleting nothing from the term, so only terms as long as a word allowed two edits need two deletions.
 */
function termDeletions(length: number): number {
  let depth = -1;
  for (let word = Math.max(0, length - MAX_EDITS); word <= length + MAX_EDITS; word++) {
    const edits = allowedEdits(word);
    if (Math.abs(word - length) <= edits) depth = Math.max(depth, edits - Math.max(0, word - length));
  }
  return depth;
}

/** FNV-1a of `text` without the characters at `skipA` and `skipB` (-1: none), as if they were deleted. */
function hashWithout(text: string, skipA: number, skipB: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    if (i === skipA || i === skipB) continue;
    hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  }
  return hash >>> 0;
}

/** Calls `visit` with the hash of every variant of `text` with at most `depth` (≤ 2) characters deleted. */
function forEachDeletion(text: string, depth: number, visit: (hash: number) => void): void {
  visit(hashWithout(text, -1, -1));
  if (depth < 1) return;
  for (let i = 0; i < text.length; i++) {
    visit(hashWithout(text, i, -1));
    if (depth < 2) continue;
    for (let j = i + 1; j < text.length; j++) visit(hashWithout(text, i, j));
  }
}

/**
 * A corrector over `vocabulary`. Among the terms at the smallest distance it prefers the shorter, then the one
 * met first in `vocabulary`, and returns at most three.
 */
export function createTypoCorrector(vocabulary: Iterable<string>): TypoCorrector {
  const terms = [...vocabulary].filter((term) => termDeletions(term.length) >= 0);

  // Count first, then fill: one bucket array over the variants' hashes, its entries in two typed arrays.
  let entries = 0;
  for (const term of terms) forEachDeletion(term, termDeletions(term.length), () => entries++);
  const bits = Math.max(4, Math.ceil(Math.log2(entries / 2 + 1)));
  const shift = 32 - bits;
  const bucketStart = new Uint32Array((1 << bits) + 1);
  for (const term of terms) forEachDeletion(term, termDeletions(term.length), (h) => bucketStart[(h >>> shift) + 1]!++);
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1]!;
  const fill = bucketStart.slice(0, -1);
  const entryHash = new Uint32Array(entries);
  const entryTerm = new Int32Array(entries);
  terms.forEach((term, id) => {
    forEachDeletion(term, termDeletions(term.length), (h) => {
      const at = fill[h >>> shift]!++;
      entryHash[at] = h;
      entryTerm[at] = id;
    });
  });

  // Per-lookup scratch, reused: the stamp marks the terms a lookup has already compared.
  const seen = new Uint32Array(terms.length);
  let stamp = 0;
  let word = "";
  let max = 0;
  let best = 0;
  let found: number[] = [];
  const compare = (hash: number) => {
    for (let e = bucketStart[hash >>> shift]!, end = bucketStart[(hash >>> shift) + 1]!; e < end; e++) {
      if (entryHash[e] !== hash) continue;
      const id = entryTerm[e]!;
      if (seen[id] === stamp) continue;
      seen[id] = stamp;
      const d = editDistance(word, terms[id]!, Math.min(max, best));
      if (d < best) {
        best = d;
        found = [id];
      } else if (d === best && d <= max) found.push(id);
    }
  };

  return {
    closest(term) {
      max = allowedEdits(term.length);
      if (max === 0) return [];
      if (++stamp === 0xffffffff) {
        seen.fill(0);
        stamp = 1;
      }
      word = term;
      best = max + 1;
      found = [];
      forEachDeletion(term, max, compare);
      if (best > max) return [];
      // The order of a scan by length, then by vocabulary order.
      found.sort((a, b) => terms[a]!.length - terms[b]!.length || a - b);
      return found.slice(0, 3).map((id) => terms[id]!);
    },
  };
}
