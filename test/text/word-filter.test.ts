import { describe, expect, it } from 'vitest';
import { WordSetFilter } from '../../src/text/word-filter.js';

describe('WordSetFilter', () => {
  const words = ['قتلى', 'جرحى', 'مقتل', 'killed', 'a', '', 'الاثنين', 'x'.repeat(40)];
  const filter = new WordSetFilter(words);

  it('never rules out a word of the set', () => {
    for (const w of words) expect(filter.mayHave(w)).toBe(true);
  });

  it('rules out nearly all other words', () => {
    let passed = 0;
    const others = Array.from({ length: 2000 }, (_, i) => `كلمة${i}`);
    for (const w of others) if (filter.mayHave(w)) passed++;
    expect(passed).toBeLessThan(others.length / 20);
  });
});
