import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasWithAffixes } from '../../src/text/morphology.js';
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

describe('hasWithAffixes', () => {
  const list = new Set(['ولاء', 'الولاء', 'ولاءات', 'كتاب']);
  const has = (w: string): boolean => list.has(w);

  it('finds a stem under an article stack or a suffix', () => {
    expect(hasWithAffixes('الولاءات', has)).toBe(true); // الولاء + ات
    expect(hasWithAffixes('بالولاءات', has)).toBe(true); // بال + ولاءات
    expect(hasWithAffixes('كتابها', has)).toBe(true);
    expect(hasWithAffixes('للكتاب', has)).toBe(true);
  });

  it('does not strip single proclitics or leave stems shorter than three letters', () => {
    expect(hasWithAffixes('بكتاب', has)).toBe(false);
    expect(hasWithAffixes('كتابات', new Set(['كت']).has.bind(new Set(['كت'])))).toBe(false);
    expect(hasWithAffixes('كتب', has)).toBe(false);
  });
});
