import { describe, expect, it } from 'vitest';
import { cliticAt, cliticForms, cliticReadingHashesInto, cliticReadingsInto } from '../../src/geo/arabic-clitics.js';
import { HashedKeys, NO_MORE, arabicKeyHash, keyHashPower, type HashFilter } from '../../src/geo/place-keys.js';
import { normalise } from '../../src/text/normalise.js';
import type { Token } from '../../src/text/tokens.js';

/**
 * The hashed scan (place-mentions.ts, gazetteer.ts) must find exactly what the plain reading
 * finds: clitic readings as strings, keys in a Map. These tests hold the two side by side.
 */

const EVERYTHING: HashFilter = { mayHave: () => true };
const NOTHING: HashFilter = { mayHave: () => false };

/** Bares of several lengths (article, clitic-like first letters), and every clitic in front. */
const BARES = ['حلب', 'كفرنبوده', 'الرقه', 'لبنان', 'بنش', 'فيق', 'ال', 'لل', 'تل', 'وادي', 'ب', 'الالل', 'للل'].map(normalise);
const PREFIXES = ['', 'و', 'ف', 'ب', 'ل', 'وب', 'ول', 'فب', 'فل', 'لل', 'ولل', 'فلل', 'وو', 'بب'];
const WORDS = [...new Set(BARES.flatMap((b) => PREFIXES.map((p) => p + b)).concat(['و', 'ف', 'ل', 'لل', 'ولل', 'x', 'abc']))];

function plainReadings(word: string): { bare: string; clitic: string }[] {
  const bares: string[] = [];
  const clitics: string[] = [];
  const n = cliticReadingsInto(word, bares, clitics);
  return bares.slice(0, n).map((bare, k) => ({ bare, clitic: clitics[k]! }));
}

function hashedReadings(word: string, filter: HashFilter): { bare: string; clitic: string; hash: number }[] {
  const hashes = new Int32Array(8);
  const cuts = new Int32Array(8);
  const n = cliticReadingHashesInto(word, filter, hashes, cuts, 2);
  return Array.from({ length: n }, (_, k) => {
    const cut = cuts[2 + k]!;
    return { bare: cut >= 0 ? word.slice(cut) : `ال${word.slice(~cut)}`, clitic: cliticAt(word, cut), hash: hashes[2 + k]! };
  });
}

describe('cliticReadingHashesInto', () => {
  it('gives the readings of cliticReadingsInto, in order, with the hash of each bare', () => {
    for (const w of WORDS) {
      const hashed = hashedReadings(w, EVERYTHING);
      expect(hashed.map(({ bare, clitic }) => ({ bare, clitic })), w).toEqual(plainReadings(w));
      for (const r of hashed) expect(r.hash, `${w} → ${r.bare}`).toBe(arabicKeyHash(r.bare));
    }
  });

  it('keeps only the readings the filter may hold, and always writes the whole word’s hash', () => {
    const wordHashes = new Int32Array(4);
    for (const w of WORDS) {
      expect(cliticReadingHashesInto(w, NOTHING, new Int32Array(4), new Int32Array(4), 0, wordHashes, 3), w).toBe(0);
      expect(wordHashes[3], w).toBe(arabicKeyHash(w));
    }
  });
});

describe('arabicKeyHash', () => {
  it('composes: h(a + b) = h(a) + M^|a| · h(b)', () => {
    for (const a of WORDS) {
      for (const b of BARES) {
        expect((arabicKeyHash(a) + Math.imul(keyHashPower(a.length), arabicKeyHash(b))) | 0, `${a}+${b}`).toBe(arabicKeyHash(a + b));
      }
    }
    const long = 'ا'.repeat(70);
    expect((arabicKeyHash(long) + Math.imul(keyHashPower(long.length), arabicKeyHash('حلب'))) | 0).toBe(arabicKeyHash(`${long}حلب`));
  });
});

describe('cliticForms', () => {
  it('holds every word one of whose readings is the bare', () => {
    // Every word made of up to three clitic letters and one of the bares: the readings decide.
    const letters = ['', 'و', 'ف', 'ب', 'ل', 'ا'];
    for (const bare of BARES) {
      const forms = new Set(cliticForms(bare));
      for (const a of letters) {
        for (const b of letters) {
          for (const c of letters) {
            const word = a + b + c + bare;
            if (plainReadings(word).some((r) => r.bare === bare)) expect(forms.has(word), `${word} reads as ${bare}`).toBe(true);
          }
        }
      }
      for (const w of ['لل', 'ولل', 'فلل']) {
        if (!bare.startsWith('ال')) continue;
        const word = w + bare.slice(2);
        if (plainReadings(word).some((r) => r.bare === bare)) expect(forms.has(word), word).toBe(true);
      }
    }
  });
});

describe('HashedKeys', () => {
  /** A table built from "key\tdata" lines, as the gazetteer builds it from its index file. */
  function table(lines: [string, number][]): { t: HashedKeys; map: Map<string, number> } {
    const source = lines.map(([k, d]) => `${k}\t${d}\n`).join('');
    const starts: number[] = [];
    let pos = 0;
    for (const [k, d] of lines) {
      starts.push(pos);
      pos += `${k}\t${d}\n`.length;
    }
    const t = HashedKeys.fromRanges(
      source,
      starts,
      lines.map(([k]) => k.length),
      lines.map(([k]) => arabicKeyHash(k)),
      lines.map(([, d]) => d),
      lines.length,
    );
    return { t, map: new Map(lines) };
  }

  const keys = [...new Set(WORDS)];
  const lines: [string, number][] = keys.map((k, i) => [k, i + 1]);
  // A key given twice keeps its last data, as a Map does.
  lines.push([keys[3]!, 999]);

  it('finds every key with its last data, and nothing else', () => {
    const { t, map } = table(lines);
    expect(t.size).toBe(map.size);
    for (const [k, d] of map) {
      const id = t.idOf(k);
      expect(id, k).not.toBe(NO_MORE);
      expect(t.key(id)).toBe(k);
      expect(t.data(id)).toBe(d);
    }
    for (const k of ['حلبب', 'لحلب', 'ح', '', 'كفر']) if (!map.has(k)) expect(t.idOf(k), k).toBe(NO_MORE);
  });

  it('reads a word through its clitics and a span through its words, without building them', () => {
    const { t } = table([
      ['كفرنبوده', 1],
      ['الرقه', 2],
      ['قلعهالمضيق', 3],
    ]);
    const tokens = (words: string[]): Token[] => words.map((norm, i) => ({ i, norm, ns: 0, ne: 0, start: 0, end: 0 }));
    // وكفرنبوده cut after و; للرقه is ل + الرقه (cut < 0).
    expect(t.key(t.idOfReading('وكفرنبوده', 1, arabicKeyHash('كفرنبوده')))).toBe('كفرنبوده');
    expect(t.key(t.idOfReading('للرقه', ~2, arabicKeyHash('الرقه')))).toBe('الرقه');
    expect(t.idOfReading('للرقه', 1, arabicKeyHash('لرقه'))).toBe(NO_MORE);
    const span = tokens(['وقلعه', 'المضيق']);
    expect(t.key(t.idOfSpan(arabicKeyHash('قلعهالمضيق'), 'وقلعه', 1, span, 1, 1))).toBe('قلعهالمضيق');
    // The same hash with other words is no match: the characters decide.
    expect(t.idOfSpan(arabicKeyHash('قلعهالمضيق'), 'وقلعه', 1, tokens(['وقلعه', 'المضيقي']), 1, 1)).toBe(NO_MORE);
    expect(t.idOfSpan(arabicKeyHash('قلعهالمضيق'), 'وقلعه', 1, span, 1, 0)).toBe(NO_MORE);
  });

  it('holds tens of thousands of keys, as a gazetteer index does', () => {
    const many: [string, number][] = [];
    for (let i = 0; i < 40_000; i++) many.push([`ك${i.toString(36)}ف`, i % 7]);
    const { t, map } = table(many);
    for (const [k, d] of map) expect(t.data(t.idOf(k))).toBe(d);
    let found = 0;
    for (let i = 40_000; i < 60_000; i++) if (t.idOf(`ك${i.toString(36)}ف`) !== NO_MORE) found++;
    expect(found).toBe(0);
  });
});
