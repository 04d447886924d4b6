/**
 * Typo tolerance: an unknown query word is read as the known terms closest to it by edit distance
 * (transpositions count once, as in "gefitnib" for gefitinib).
 */

/** How many edits a word of this length may carry and still be read as another. */
export function allowedEdits(length: number): number {
  if (length < 5) return 0;
  return length < 8 ? 1 : 2;
}

/**
 * Optimal-string-alignment distance between `a` and `b`, or `max + 1` as soon as it must exceed `max`
 * (the early exit keeps a scan of the whole vocabulary cheap).
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  let prevPrev = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  for (let i = 1; i < rows; i++) {
    const current = new Array<number>(cols);
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(prev[j]! + 1, current[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prevPrev[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = current;
  }
  return prev[cols - 1]!;
}

/** The known terms nearest to `term` within {@link allowedEdits}, at most three; none for short words. */
export function closeTerms(term: string, vocabulary: Iterable<string>): string[] {
  const max = allowedEdits(term.length);
  if (max === 0) return [];
  let best = max + 1;
  let found: string[] = [];
  for (const candidate of vocabulary) {
    if (candidate.startsWith("@") || candidate.length < 4) continue;
    const d = editDistance(term, candidate, Math.min(max, best));
    if (d < best) {
      best = d;
      found = [candidate];
    } else if (d === best && d <= max) found.push(candidate);
  }
  return best <= max ? found.slice(0, 3) : [];
}
