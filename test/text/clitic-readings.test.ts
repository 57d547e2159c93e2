import { describe, expect, it } from 'vitest';
import { cliticVariants, forEachCliticReading } from '../../src/text/clitics.js';

/** Every word over these letters up to `depth` long: all the clitic patterns and their edges. */
function words(depth: number): string[] {
  const letters = ['و', 'ف', 'ب', 'ل', 'ك', 'ا', 'م'];
  const out: string[] = [''];
  let level = [''];
  for (let d = 0; d < depth; d++) {
    level = level.flatMap((w) => letters.map((c) => w + c));
    out.push(...level);
  }
  return out;
}

describe('forEachCliticReading', () => {
  it('visits exactly the readings cliticVariants makes, in its order', () => {
    for (const w of [...words(6), 'والمعارضة', 'للمعارضة', 'فللمدنيين', 'بالقصف', 'وبالقصف', 'الجيش', 'ولم']) {
      const visited: { bare: string; prefix: string }[] = [];
      forEachCliticReading(w, (from, article) => {
        visited.push(
          article ? { bare: 'ال' + w.slice(from + 2), prefix: w.slice(0, from + 1) } : { bare: w.slice(from), prefix: w.slice(0, from) },
        );
        return false;
      });
      expect(visited).toEqual(cliticVariants(w));
    }
  });

  it('stops at the first reading the visitor accepts', () => {
    const seen: number[] = [];
    expect(forEachCliticReading('وبالقصف', (from) => (seen.push(from), from === 2))).toBe(true);
    expect(seen).toEqual([0, 1, 2]);
    expect(forEachCliticReading('قصف', () => false)).toBe(false);
  });
});
