import { describe, expect, it } from 'vitest';
import { lightStem, stripProclitics, stripSuffixes } from '../../../src/extract/classifier/stemmer.js';
import { normalise } from '../../../src/text/normalise.js';

const stem = (w: string): string => lightStem(normalise(w));

describe('light stemmer', () => {
  it('strips conjunction, article and preposition clitics', () => {
    expect(stripProclitics(normalise('والمتظاهرين'))).toBe('متظاهرين');
    expect(stripProclitics(normalise('بالسيارة'))).toBe('سياره');
    expect(stripProclitics(normalise('للاحتجاج'))).toBe('احتجاج');
    expect(stripProclitics(normalise('وقتلوا'))).toBe('قتلوا');
  });

  it('gives inflections of one word the same stem', () => {
    expect(stem('المتظاهرون')).toBe(stem('والمتظاهرين'));
    expect(stem('الاحتجاجات')).toBe(stem('احتجاج'));
    expect(stem('انفجارات')).toBe('انفجار');
    expect(stem('وقتلوا')).toBe('قتل');
    expect(stem('مقتلهم')).toBe('مقتل');
  });

  it('keeps short words, digits and Latin words whole', () => {
    expect(stem('لم')).toBe('لم');
    expect(stem('في')).toBe('في');
    expect(stem('ولد')).toBe('ولد');
    expect(stripSuffixes('2005')).toBe('2005');
    expect(stem('john')).toBe('john');
  });

  it('does not read the first letter of a short word as a preposition', () => {
    // وكالة (agency) must not become اله.
    expect(stripProclitics(normalise('وكالة'))).toBe('كاله');
  });
});
