import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodeWordTable } from '../../src/text/memo.js';
import { codesHaveWithAffixes, hasWithAffixes } from '../../src/text/morphology.js';
import { WordAutomaton } from '../../src/text/word-automaton.js';
import { normalise } from '../../src/text/normalise.js';
import { loadArabicWordList, writtenForm, type WordList } from '../../src/text/word-list.js';
import { TEST_CACHE_DIR, testWordList } from './shared-word-list.js';

describe('loadArabicWordList', () => {
  let words: WordList;
  beforeAll(() => {
    words = testWordList();
  });

  it('is the full Ayaspell list, with every clitic form spelled out', () => {
    expect(words.size).toBeGreaterThan(50_000_000);
    for (const w of ['الإرهابيون', 'إرهابيون', 'والإرهابيون', 'للإرهابيين', 'كيماوية', 'الكيماوية', 'وبالاتفاق', 'إدلب', 'لإدلب']) {
      expect(words.has(normalise(w)), w).toBe(true);
    }
  });

  it('does not list the fragments of the seed page’s broken words', () => {
    expect(words.has(normalise('بيون'))).toBe(false);
    // normalise() makes وية the word ويه; as written, with its ة, it is no word.
    expect(words.has(normalise('وية'))).toBe(true);
    expect(words.hasAsWritten!(writtenForm('وية'))).toBe(false);
  });

  it('answers normalised queries whatever hamza and ة the list spells', () => {
    expect(words.has('الارهابيون')).toBe(true);
    expect(words.has('مدينه')).toBe(true);
    expect(words.has('اكدت')).toBe(true);
  });

  it('as written: a mark must be right, a missing hamza is forgiven', () => {
    expect(words.hasAsWritten!('أن')).toBe(true);
    expect(words.hasAsWritten!('ان')).toBe(true);
    expect(words.hasAsWritten!('مسؤولون')).toBe(true);
    expect(words.hasAsWritten!('مسؤ')).toBe(false);
    expect(words.has('مسو')).toBe(true);
  });

  it('hands out an automaton that, walked by hand, answers as hasAsWritten', () => {
    const automaton = words.writtenAutomaton!();
    for (const w of ['أن', 'ان', 'مسؤولون', 'مسؤ', 'الإرهابيون', 'الارهابيون', 'بيون', 'وية', 'كيماوية', 'إدلب']) {
      let s = 0;
      for (let i = 0; i < w.length && s >= 0; i++) s = automaton.step(s, w.charCodeAt(i));
      expect(s >= 0 && automaton.isFinal(s), w).toBe(words.hasAsWritten!(w));
      expect(automaton.has(w), w).toBe(words.hasOnceAsWritten!(w));
    }
  });

  it('strips harakat and tatweel for the written form but keeps the letters', () => {
    expect(writtenForm('متجاهلةً')).toBe('متجاهلة');
    expect(writtenForm('قـــوّات')).toBe('قوات');
    expect(writtenForm('إدلب')).toBe('إدلب');
  });

  it('leaves out words with Latin letters or digits', () => {
    expect(words.has('abc')).toBe(false);
    expect(words.has('12')).toBe(false);
  });

  it('keeps its compiled form in the cache folder', () => {
    expect(readdirSync(TEST_CACHE_DIR).some((f) => /^ar-words-.+\.dawg$/.test(f))).toBe(true);
  });
});

describe('loadArabicWordList compiling from the package', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'marsad-wordlist-'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles into an empty cache folder and then reads what it wrote', () => {
    const fresh = loadArabicWordList({ cacheDir: dir });
    const files = readdirSync(dir);
    expect(files.filter((f) => /^ar-words-.+\.dawg$/.test(f))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const cached = loadArabicWordList({ cacheDir: dir });
    expect(cached.size).toBe(fresh.size);
    expect(cached.has(normalise('الإرهابيون'))).toBe(true);
    expect(cached.has(normalise('بيون'))).toBe(false);
  });
});

describe('CodeWordTable', () => {
  const codes = (w: string): Uint16Array => Uint16Array.from(w, (c) => c.charCodeAt(0));
  const base = 'ء'.charCodeAt(0) - 1;

  it('keeps facts per word, found again by the same letters only', () => {
    const table = new CodeWordTable(2, 1, base, 8);
    const key = (w: string): [number, number] => table.pack(codes(w), 0, w.length)!;
    const slot = table.find(...key('الإرهابيون'));
    expect(table.added).toBe(true);
    table.main[slot * table.stride + 2] = 42;
    table.aux[slot * table.auxWidth] = 7;
    expect(table.find(...key('الإرهابيون'))).toBe(slot);
    expect(table.added).toBe(false);
    expect(table.main[slot * table.stride + 2]).toBe(42);
    // A prefix, a shorter word and another spelling are other words.
    for (const w of ['الإرهابي', 'لإرهابيون', 'الارهابيون', 'ال', 'إرهابيون']) {
      const other = table.find(...key(w));
      expect(table.added, w).toBe(true);
      expect(other, w).not.toBe(slot);
    }
  });

  it('leaves out words too long or off its alphabet, and starts over when full', () => {
    const table = new CodeWordTable(2, 1, base, 4); // 16 slots, full at 11 words
    expect(table.pack(codes('والاستراتيجية'), 0, 13)).toBeNull(); // more than 10 letters
    expect(table.pack(codes('abc'), 0, 3)).toBeNull();
    const list = [...'ابتثجحخدذرزسشصضطظعغ'].map((c) => `ق${c}ل`);
    for (const w of list) table.find(...table.pack(codes(w), 0, 3)!);
    expect(table.generation).toBeGreaterThan(0);
    table.find(...table.pack(codes(list[0]!), 0, 3)!);
    expect(table.added).toBe(true); // forgotten in the fresh start
  });
});

describe('hasWithAffixes', () => {
  const list = new Set(['ولاء', 'الولاء', 'ولاءات', 'كتاب']);
  const has = (w: string): boolean => list.has(w);

  it('finds a stem under an article stack or a suffix', () => {
    expect(hasWithAffixes('الولاءات', has)).toBe(true); // الولاء + ات
    expect(hasWithAffixes('بالولاءات', has)).toBe(true); // بال + ولاءات
    expect(hasWithAffixes('كتابها', has)).toBe(true);
    expect(hasWithAffixes('للكتاب', has)).toBe(true);
  });

  it('reads code units through an automaton with the same answers', () => {
    const automaton = WordAutomaton.fromWords(list);
    const forms = ['الولاءات', 'بالولاءات', 'كتابها', 'للكتاب', 'بكتاب', 'كتابات', 'كتب', 'وبالكتابهم', 'ولاءاتنا', 'لل', 'للولاء'];
    for (const w of forms) {
      const c = Uint16Array.from(`xx${w}y`, (ch) => ch.charCodeAt(0)); // inside a larger buffer
      expect(codesHaveWithAffixes(c, 2, 2 + w.length, automaton), w).toBe(hasWithAffixes(w, has));
    }
  });

  it('does not strip single proclitics or leave stems shorter than three letters', () => {
    expect(hasWithAffixes('بكتاب', has)).toBe(false);
    expect(hasWithAffixes('كتابات', new Set(['كت']).has.bind(new Set(['كت'])))).toBe(false);
    expect(hasWithAffixes('كتب', has)).toBe(false);
  });
});
