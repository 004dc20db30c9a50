import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest } from '../../src/util/similar.ts';

/** The textbook answer: the first candidate at the least distance, if within `max`. */
function naive(word: string, candidates: readonly string[], max: number): string | undefined {
  const distance = (a: string, b: string): number => {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++)
        row[j] = Math.min(
          (prev[j] as number) + 1,
          (row[j - 1] as number) + 1,
          (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
        );
      prev = row;
    }
    return prev[b.length] as number;
  };
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return bestDistance <= max ? best : undefined;
}

describe('closest', () => {
  it('takes a bound on the edits, and agrees with the textbook distance under it', () => {
    const candidates = ['aws_instance.web_server', 'aws_instance.dashboard'];
    assert.equal(closest('aws_instance.database', candidates), 'aws_instance.dashboard'); // 4 ≤ 21 / 3
    assert.equal(closest('aws_instance.database', candidates, 3), undefined);
    assert.equal(closest('aws_instance.web_serverr', candidates, 1), 'aws_instance.web_server');

    // Seeded strings over a small alphabet, so near misses, ties and shared prefixes are common.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 12) }, () => 'abcAB._'[Math.floor(random() * 7)]).join(
        '',
      );
    for (let n = 0; n < 400; n++) {
      const list = Array.from({ length: 1 + Math.floor(random() * 8) }, word);
      const w = word();
      for (const max of [0, 1, 2, 3, 5])
        assert.equal(closest(w, list, max), naive(w, list, max), `${w} ${max}`);
    }
  });
});
