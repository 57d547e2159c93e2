import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import { findFurniture } from '../../src/text/furniture.js';
import { splitSentences } from '../../src/text/sentences.js';
import { hasSeed, lineOf, readSeed } from './seed.js';

const split = (text: string, skip: readonly Span[] = []): string[] =>
  splitSentences(text, skip).map((s) => text.slice(s.start, s.end));

describe('splitSentences, Arabic', () => {
  it('splits on . ؟ ! ؛ and line breaks, not on و', () => {
    expect(
      split('قصفت الطائرات إدلب وقتل ثلاثة مدنيين وأصيب آخرون. هل توقف القصف؟ لا!\nوقالت الوزارة؛ إن الهدنة صامدة'),
    ).toEqual([
      'قصفت الطائرات إدلب وقتل ثلاثة مدنيين وأصيب آخرون.',
      'هل توقف القصف؟',
      'لا!',
      'وقالت الوزارة؛',
      'إن الهدنة صامدة',
    ]);
  });

  it('does not split numbers, dates or letter abbreviations', () => {
    expect(split('قال د. محمد إن 3.5 مليون شخص نزحوا منذ 5.6.2019 في إدلب.')).toEqual([
      'قال د. محمد إن 3.5 مليون شخص نزحوا منذ 5.6.2019 في إدلب.',
    ]);
  });

  it('splits a full stop typed without a space before the next word', () => {
    expect(split('وصلت القوارب.وقالت الفنانة إنها سعيدة')).toEqual(['وصلت القوارب.', 'وقالت الفنانة إنها سعيدة']);
  });

  it('keeps closing quotes with their sentence and trims spaces', () => {
    expect(split('  قالت إن “الإرهابيين يحاولون”.  وأضافت أنه لا يمكن ذلك .  ')).toEqual([
      'قالت إن “الإرهابيين يحاولون”.',
      'وأضافت أنه لا يمكن ذلك .',
    ]);
  });
});

describe('splitSentences, English', () => {
  it('does not split abbreviations, initials, decimals or dates', () => {
    expect(
      split('The U.S. Army said 3.5 million people fled on 5.6.2019. Dr. Smith and J. K. Rowling agreed! Did they?'),
    ).toEqual(['The U.S. Army said 3.5 million people fled on 5.6.2019.', 'Dr. Smith and J. K. Rowling agreed!', 'Did they?']);
  });

  it('does not split before a lower-case word, nor after a list number', () => {
    expect(split('It was 10 a.m. when they came. Ellipsis... and more')).toEqual([
      'It was 10 a.m. when they came.',
      'Ellipsis... and more',
    ]);
    expect(split('1. Strikes on Idlib. 2. Shelling of Hama.')).toEqual(['1. Strikes on Idlib.', '2. Shelling of Hama.']);
  });

  it('keeps closing quotes and brackets with the sentence', () => {
    expect(split('He said "stop." Then (finally.) He left.')).toEqual(['He said "stop."', 'Then (finally.)', 'He left.']);
  });
});

describe('splitSentences with skipped ranges', () => {
  it('drops sentences that touch a skipped range', () => {
    const text = 'First line. Second.\nRead more: other story. More of it.\nLast line.';
    const start = text.indexOf('Read');
    const end = text.indexOf('Last');
    expect(split(text, [{ start, end }])).toEqual(['First line.', 'Second.', 'Last line.']);
  });

  it('returns nothing for an empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n ')).toEqual([]);
  });
});

describe.skipIf(!hasSeed)('splitSentences on the seed page', () => {
  it('gives one sentence per paragraph and none from the furniture', () => {
    const { text, gold } = readSeed();
    const lines = splitSentences(text, findFurniture(text)).map((s) => lineOf(text, s.start));
    expect(lines).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 19, 21, 23, 25, 27]);
    for (const l of gold.doc.boilerplate_lines) expect(lines).not.toContain(l);
  });
});
