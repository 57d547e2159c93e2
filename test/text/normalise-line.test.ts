import { describe, expect, it } from 'vitest';
import { normaliseLine } from '../../src/text/furniture.js';
import { normalise } from '../../src/text/normalise.js';

// The furniture rules are written against normalise(); normaliseLine must give the same string.
describe('normaliseLine', () => {
  it('equals normalise() for every code unit between letters', () => {
    const diffs: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const s = `a${String.fromCharCode(c)} بـ`;
      if (normaliseLine(s) !== normalise(s)) diffs.push(c);
    }
    expect(diffs).toEqual([]);
  });

  it('equals normalise() on page lines: harakat, hamza forms, digits, NUL, lone surrogates, spacing', () => {
    const lines = [
      'اقرأ أيضاً: مقتلُ ٥ مدنيين في إدلب',
      '  Read   also:\tÉtat  Islamique  ',
      'شارك عبر فيسبوك | تويتر | واتساب',
      'نص\u0000مع صفر',
      'نص \ud800 منفرد \udc00',
      '\u200fجميع الحقوق محفوظة © ٢٠١٩\u200e',
      '',
    ];
    for (const l of lines) expect(normaliseLine(l)).toBe(normalise(l));
  });
});
