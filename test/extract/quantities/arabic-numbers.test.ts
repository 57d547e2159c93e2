import { describe, expect, it } from 'vitest';
import { readNumber } from '../../../src/extract/quantities/arabic-numbers.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

function read(text: string): { value: number | null; vague: string | null; words: number } | null {
  const tokens = tokenize(normaliseText(text));
  const r = readNumber(tokens, 0);
  return r === null ? null : { value: r.value, vague: r.vague, words: r.next };
}

describe('readNumber', () => {
  it.each([
    ['12', 12],
    ['١٢', 12],
    ['1,200', 1200],
    ['1.200', 1200],
    ['و5', 5],
    ['واحد', 1],
    ['إحدى', 1],
    ['اثنان', 2],
    ['اثنين', 2],
    ['اثنتين', 2],
    ['ثلاثة', 3],
    ['ثلاث', 3],
    ['وثلاثة', 3],
    ['ثمانية', 8],
    ['ثماني', 8],
    ['عشرة', 10],
    ['عشر', 10],
    ['أحد عشر', 11],
    ['إحدى عشرة', 11],
    ['اثنا عشر', 12],
    ['اثني عشر', 12],
    ['خمسة عشر', 15],
    ['ثلاث عشرة', 13],
    ['عشرون', 20],
    ['عشرين', 20],
    ['خمسة وعشرون', 25],
    ['خمس و عشرين', 25],
    ['تسعة وتسعين', 99],
    ['مئة', 100],
    ['مائة', 100],
    ['مئتان', 200],
    ['ثلاثمئة', 300],
    ['خمسمائة', 500],
    ['ثلاث مئة', 300],
    ['مئة وخمسون', 150],
    ['مئة وخمسة وعشرون', 125],
    ['ألف', 1000],
    ['ألفين', 2000],
    ['ألفي', 2000],
    ['ثلاثة آلاف', 3000],
    ['ثلاثة آلاف وخمسمئة', 3500],
    ['عشرين ألفا', 20000],
    ['3 آلاف', 3000],
    ['1.5 مليون', 1500000],
    ['مليونين', 2000000],
    ['one', 1],
    ['twelve', 12],
    ['twenty-five', 25],
    ['two hundred and fifty', 250],
    ['a hundred', 100],
    ['three thousand', 3000],
    ['a dozen', 12],
    ['two dozen', 24],
  ])('%s = %i', (text, value) => {
    expect(read(text)?.value).toBe(value);
  });

  it.each([
    ['عشرات', 'dozens'],
    ['العشرات', 'dozens'],
    ['مئات', 'hundreds'],
    ['آلاف', 'thousands'],
    ['عشرات الآلاف', 'thousands'],
    ['عدة', 'several'],
    ['بضعة', 'few'],
    ['dozens', 'dozens'],
    ['hundreds of thousands', 'thousands'],
    ['several', 'several'],
  ])('%s is a vague amount (%s) with no value', (text, vague) => {
    expect(read(text)).toMatchObject({ value: null, vague });
  });

  it('stops where the number stops', () => {
    expect(read('ثلاثة وأربعة')).toEqual({ value: 3, vague: null, words: 1 }); // two numbers, not 7
    expect(read('5 و6')).toEqual({ value: 5, vague: null, words: 1 });
    expect(read('خمسة أشخاص')).toEqual({ value: 5, vague: null, words: 1 });
    expect(read('twenty five people')).toEqual({ value: 25, vague: null, words: 2 });
  });

  it.each([['أشخاص'], ['قتلى'], ['a'], ['few'], ['عدد'], ['']])('reads no number in "%s"', (text) => {
    expect(read(text)).toBeNull();
  });
});
