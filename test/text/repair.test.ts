import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Repair } from '../../src/model/document.js';
import { findFurniture } from '../../src/text/furniture.js';
import { findBrokenWords } from '../../src/text/repair.js';
import { WordAutomaton } from '../../src/text/word-automaton.js';
import type { WordList } from '../../src/text/word-list.js';
import { hasSeed, lineOf, readSeed } from './seed.js';
import { testWordList } from './shared-word-list.js';

let words: WordList;
beforeAll(() => {
  words = testWordList();
});

const pairs = (text: string, skip = findFurniture(text)): [string, string][] =>
  findBrokenWords(text, words, skip).map((r) => [r.original, r.repaired]);

describe.skipIf(!hasSeed)('findBrokenWords on the seed page', () => {
  it('repairs the two broken words of line 11 and nothing else', () => {
    const { text, gold } = readSeed();
    const repairs = findBrokenWords(text, words, findFurniture(text));
    const expected = gold.doc.repairs.filter((r) => r.broken !== r.repaired);
    expect(repairs.map((r) => ({ line: lineOf(text, r.start), broken: r.original, repaired: r.repaired }))).toEqual(
      expected.map((r) => ({ line: r.line, broken: r.broken, repaired: r.repaired })),
    );
    for (const r of repairs) expect(text.slice(r.start, r.end)).toBe(r.original);
  });

  it('leaves the intact control word of line 15 alone', () => {
    const { text, gold } = readSeed();
    const control = gold.doc.repairs.find((r) => r.broken === r.repaired)!;
    const repairs = findBrokenWords(text, words);
    expect(repairs.some((r) => lineOf(text, r.start) === control.line)).toBe(false);
  });
});

describe('findBrokenWords', () => {
  it('joins a fragment with its other half', () => {
    expect(pairs('سيطرت القوات على المنطقة الاستراتي جية')).toEqual([['الاستراتي جية', 'الاستراتيجية']]);
    expect(pairs('شنت الطا ئرات الحربية غارات')).toEqual([['الطا ئرات', 'الطائرات']]);
    expect(pairs('الاشتباكات العنيفة مع المعار ضة')).toEqual([['المعار ضة', 'المعارضة']]);
    expect(pairs('انفجار سيا رة مفخخة')).toEqual([['سيا رة', 'سيارة']]);
  });

  it('joins a split article and a split ة', () => {
    expect(pairs('دخلت ا لقوات التركية')).toEqual([['ا لقوات', 'القوات']]);
    expect(pairs('استخدام أسلحة كيماوي ة')).toEqual([['كيماوي ة', 'كيماوية']]);
  });

  it('keeps the original letters (hamza, harakat) and exact offsets', () => {
    const text = 'قال إنّ الإرهـا بيونَ هاجموا';
    const [r] = findBrokenWords(text, words);
    expect(r).toBeDefined();
    expect(r!.repaired).toBe('الإرهـابيونَ');
    expect(text.slice(r!.start, r!.end)).toBe('الإرهـا بيونَ');
  });

  it('never joins two words that are words on their own', () => {
    for (const text of [
      'من أجل إيقاف التصعيد في حلب',
      'لن يتم نشر الأسماء',
      'ما زالت متمسكة بالاتفاق',
      'قصفت الطائرات مواقع المسلحين في ريف حماة',
      'قال الإرهابيون إنهم انسحبوا',
    ]) {
      expect(pairs(text), text).toEqual([]);
    }
  });

  it('leaves lone clitics, abbreviations and tatweel separations alone', () => {
    for (const text of [
      'العسكريين الروس والأتراك لـ” منع التصعيد”',
      'و الكويت تصعد ضد روسيا',
      'ميونيخ ـ د ب أ: طالب الادعاء العام',
      'الناشئين (تحت ال ـ 20 سنة)',
      'الأمين العام لـ«حزب الله»',
    ]) {
      expect(pairs(text), text).toEqual([]);
    }
  });

  it('leaves an unlisted name beside a common word alone', () => {
    for (const text of ['محمد سينغ الى التطرق للموضوع', 'اغتيال بوتو في هجوم انتحاري', 'قاعدة حميميم والعسكريين']) {
      expect(pairs(text), text).toEqual([]);
    }
  });

  it('needs exactly one space between the parts', () => {
    expect(pairs('الإرها  بيون')).toEqual([]);
    expect(pairs('الإرها\nبيون')).toEqual([]);
    expect(pairs('الإرها، بيون')).toEqual([]);
    expect(pairs('الإرها\u00a0بيون')).toEqual([['الإرها\u00a0بيون', 'الإرهابيون']]);
  });

  it('ignores words touching Latin letters or digits, and English text', () => {
    expect(pairs('الإرها بيون2')).toEqual([]);
    expect(pairs('The fighters were kill ed in the attack')).toEqual([]);
  });

  it('skips ranges it is told to skip', () => {
    const text = 'سطر أول\nاقرأ أيضاً: الإرها بيون يهاجمون\nالإرها بيون هنا';
    const skip = findFurniture(text);
    const repairs = findBrokenWords(text, words, skip);
    expect(repairs).toHaveLength(1);
    expect(lineOf(text, repairs[0]!.start)).toBe(3);
  });

  it('prefers a bare article joining the word after it', () => {
    expect(pairs('العنف يأتي من أجل ال قضاء على الوفاق')).toEqual([['ال قضاء', 'القضاء']]);
  });

  it('answers the same with a small list walked by hand', () => {
    const automaton = WordAutomaton.fromWords(['الارهابيون', 'يحاولون', 'الارها', 'كيماوية', 'كيماوي', 'والكتاب', 'الكتابات']);
    const walked: WordList = { size: automaton.size, has: (w) => automaton.has(w), writtenAutomaton: () => automaton };
    const asked: WordList = { size: automaton.size, has: (w) => automaton.has(w), hasAsWritten: (w) => automaton.has(w) };
    for (const text of ['الارها بيون يحاولون', 'كيماوي ة', 'كيما وية', 'والكت اب', 'و الكتاب', 'الكتاب ات', 'الارها يحاولون']) {
      expect(findBrokenWords(text, walked), text).toEqual(findBrokenWords(text, asked));
    }
    expect(findBrokenWords('الارها بيون يحاولون', walked).map((r) => r.repaired)).toEqual(['الارهابيون']);
  });

  it('uses only `has` when a list cannot check written forms', () => {
    const small: WordList = WordAutomaton.fromWords(['الارهابيون', 'يحاولون', 'الارها']);
    const repairs: Repair[] = findBrokenWords('الإرها بيون يحاولون', small);
    expect(repairs.map((r) => r.repaired)).toEqual(['الإرهابيون']);
    expect(findBrokenWords('الارها يحاولون', small)).toEqual([]);
  });
});

/** The Arabic sentences of ../shared/eval (not copied into the repository). */
const gsrDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '../shared/eval/arabic-event-gsr');
const hasGsr = existsSync(gsrDir);
if (!hasGsr) console.warn(`SKIPPING the repair equivalence test: ${gsrDir} is missing`);

describe.skipIf(!hasGsr)('findBrokenWords with the automaton, against plain lookups', () => {
  it('finds the same repairs in news text, with and without words broken on purpose', () => {
    const sentences: string[] = [];
    for (const f of readdirSync(gsrDir).filter((n) => n.endsWith('.jsonl')).sort()) {
      for (const line of readFileSync(resolve(gsrDir, f), 'utf8').split('\n')) {
        if (line.trim()) sentences.push((JSON.parse(line) as { text: string }).text);
      }
    }
    // The same list, asked only through its string methods (no writtenAutomaton).
    const plain: WordList = {
      size: words.size,
      has: (w) => words.has(w),
      hasAsWritten: (w) => words.hasAsWritten!(w),
      hasOnceAsWritten: (w) => words.hasOnceAsWritten!(w),
    };
    // Every seventh long word split at a pseudo-random letter: many joins to decide.
    let seed = 12345;
    const random = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    let k = 0;
    const broken = sentences.map((s) =>
      s.replace(/[\u0621-\u064A]{4,}/g, (w) => {
        if (++k % 7 !== 0) return w;
        const cut = 1 + random(w.length - 1);
        return `${w.slice(0, cut)} ${w.slice(cut)}`;
      }),
    );
    let joined = 0;
    for (const batch of [sentences, broken]) {
      for (let i = 0; i < batch.length; i += 20) {
        const text = batch.slice(i, i + 20).join('\n\n');
        const fast = findBrokenWords(text, words, findFurniture(text));
        expect(fast).toEqual(findBrokenWords(text, plain, findFurniture(text)));
        joined += fast.length;
      }
    }
    expect(joined).toBeGreaterThan(100);
  });
});
