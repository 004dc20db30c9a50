/**
 * The candidate nearest to `word` by edit distance, if it is plausibly a typo of it: at most
 * `maxDistance` edits, by default a third of the word's length (2 for short words).
 */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = Math.max(2, Math.floor(word.length / 3)),
): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = word.toLowerCase();
  let lowered = LOWERED.get(candidates);
  if (lowered?.length !== candidates.length)
    LOWERED.set(candidates, (lowered = candidates.map((c) => c.toLowerCase())));
  for (const [i, candidate] of candidates.entries()) {
    // More edits than allowed (or than the best so far) cannot come closer: skip without computing.
    const bound = Math.min(maxDistance, bestDistance - 1);
    if (Math.abs(candidate.length - word.length) > bound) continue;
    const d = editDistance(lower, lowered[i] as string, bound);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= maxDistance ? best : undefined;
}

/**
 * Levenshtein distance, or some number above `bound` as soon as it must exceed it. The common prefix
 * and suffix are dropped first, and only the cells within `bound` of the diagonal are computed, so
 * comparing an address with thousands of similar ones stays cheap.
 */
function editDistance(a: string, b: string, bound = Infinity): number {
  let start = 0;
  while (start < a.length && start < b.length && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if (Math.abs(n - m) > bound) return Math.abs(n - m);
  if (n === 0 || m === 0) return n + m;
  const k = Math.min(bound, Math.max(n, m));
  if (rows[0].length <= m) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)];
  let [prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j <= k ? j : FAR;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - k);
    const hi = Math.min(m, i + k);
    row[0] = i <= k ? i : FAR;
    if (lo > 1) row[lo - 1] = FAR;
    let least = row[0];
    const ch = a.charCodeAt(start + i - 1);
    for (let j = lo; j <= hi; j++) {
      const cost = ch === b.charCodeAt(start + j - 1) ? 0 : 1;
      const d = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      row[j] = d;
      if (d < least) least = d;
    }
    if (hi < m) row[hi + 1] = FAR;
    // Every later row's cells are at least the smallest of this one.
    if (least > bound) return least;
    [prev, row] = [row, prev];
  }
  return prev[m] as number;
}

/** Candidate lists lowercased, for lists asked about again (a run's addresses). */
const LOWERED = new WeakMap<readonly string[], string[]>();

/** Out of the band: further than any bound. */
const FAR = 1 << 29;
/** Two rows of the table, reused between calls (grown when a string is longer). */
let rows: [Int32Array, Int32Array] = [new Int32Array(128), new Int32Array(128)];
