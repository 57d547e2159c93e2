import { describe, expect, it } from 'vitest';
import { normalise, normaliseText, toOriginalSpan } from '../../src/text/normalise.js';
import { tokenize } from '../../src/text/tokens.js';

describe('normalise', () => {
  it('folds hamza/alef forms, alef maqsura, taa marbuta, harakat and tatweel', () => {
    expect(normalise('إدلبُ')).toBe('ادلب');
    expect(normalise('قوّات')).toBe('قوات');
    expect(normalise('مصطفى')).toBe('مصطفي');
    expect(normalise('القصابية')).toBe('القصابيه');
    expect(normalise('قـــوات')).toBe('قوات');
    expect(normalise('Qal‘at')).toBe("qal'at");
  });

  it('reads Eastern Arabic digits as ASCII digits', () => {
    expect(normalise('٢٦ نيسان ۱۲')).toBe('26 نيسان 12');
  });

  it('maps every normalised range back to the original text', () => {
    const original = 'قُتِلَ ٣ مدنيين في إدلـــب';
    const nt = normaliseText(original);
    expect(nt.norm).toBe('قتل 3 مدنيين في ادلب');
    const tokens = tokenize(nt);
    expect(tokens.map((t) => t.norm)).toEqual(['قتل', '3', 'مدنيين', 'في', 'ادلب']);
    expect(tokens.map((t) => original.slice(t.start, t.end))).toEqual(['قُتِلَ', '٣', 'مدنيين', 'في', 'إدلـــب']);
    const span = toOriginalSpan(nt, tokens[0]!.ns, tokens[1]!.ne);
    expect(original.slice(span.start, span.end)).toBe('قُتِلَ ٣');
  });

  it('blanks furniture and drops stray spaces without losing the mapping', () => {
    const original = 'الإرها بيون هنا\nاقرأ أيضاً: شيء';
    const nt = normaliseText(original, { drop: new Set([6]), blank: [{ start: 16, end: original.length }] });
    const tokens = tokenize(nt);
    expect(tokens.map((t) => t.norm)).toEqual(['الارهابيون', 'هنا']);
    expect(original.slice(tokens[0]!.start, tokens[0]!.end)).toBe('الإرها بيون');
  });
});
