/**
 * A quick pre-test for membership in a fixed set of words, read off a word's length and three
 * of its letters with a few multiplications: no string hashing, a table of 4 KB. A
 * false answer is certain; a true one must still be checked in the set. Stages that look every
 * token up in a small word set (date words, casualty words) ask this first, since nearly every
 * token is in none of them.
 */
const BITS = 1 << 15;

export class WordSetFilter {
  private readonly bits = new Uint8Array(BITS >> 3);

  constructor(words: Iterable<string>) {
    for (const w of words) {
      const h = filterKey(w);
      this.bits[h >> 3]! |= 1 << (h & 7);
    }
  }

  mayHave(word: string): boolean {
    const h = filterKey(word);
    return (this.bits[h >> 3]! & (1 << (h & 7))) !== 0;
  }
}

function filterKey(w: string): number {
  const n = w.length;
  // charCodeAt past the end is NaN, which | 0 turns into 0: the empty word has a key too.
  let h = Math.imul(n, 0x9e3779b1) ^ (w.charCodeAt(0) | 0);
  h = Math.imul(h, 40503) ^ (w.charCodeAt(n - 1) | 0);
  h = Math.imul(h, 40503) ^ (w.charCodeAt(n >> 1) | 0);
  return (h ^ (h >>> 15)) & (BITS - 1);
}
