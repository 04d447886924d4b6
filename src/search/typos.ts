/**
 * Typo tolerance: an unknown query word is read as the known terms closest to it by edit distance
 * (a transposition counts once, as in "gefitnib" for gefitinib).
 */

/**
 * How many edits a word of this length may carry and still be read as another. Short words are left alone:
 * "bound" is one edit from "found", and reading everyday words as other words adds noise, not recall.
 */
export function allowedEdits(length: number): number {
  if (length < 6) return 0;
  return length < 10 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`
 * (the early exit keeps a scan of the vocabulary cheap).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const cols = b.length + 1;
  let prevPrev = new Int32Array(cols);
  let prev = new Int32Array(cols);
  let current = new Int32Array(cols);
  for (let j = 0; j < cols; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, current] = [prev, current, prevPrev];
  }
  return prev[cols - 1]!;
}

/** Reads unknown words as known terms. */
export interface TypoCorrector {
  /** The known terms nearest to `term` within {@link allowedEdits}, at most three; none for short words. */
  closest(term: string): string[];
}

/** A corrector over `vocabulary`, bucketed by length so a word is compared only with terms it could be. */
export function createTypoCorrector(vocabulary: Iterable<string>): TypoCorrector {
  const byLength = new Map<number, string[]>();
  for (const term of vocabulary) {
    if (term.length < 4) continue;
    const bucket = byLength.get(term.length) ?? [];
    bucket.push(term);
    byLength.set(term.length, bucket);
  }
  return {
    closest(term) {
      const max = allowedEdits(term.length);
      if (max === 0) return [];
      let best = max + 1;
      let found: string[] = [];
      for (let length = term.length - max; length <= term.length + max; length++) {
        for (const candidate of byLength.get(length) ?? []) {
          const d = editDistance(term, candidate, Math.min(max, best));
          if (d < best) {
            best = d;
            found = [candidate];
          } else if (d === best) found.push(candidate);
        }
      }
      return best <= max ? found.slice(0, 3) : [];
    },
  };
}
