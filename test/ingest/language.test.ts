import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/ingest/language.js';

describe('detectLanguage', () => {
  it('reads Arabic script as Arabic, even with Latin names and digits inside', () => {
    expect(detectLanguage('قالت وكالة Reuters إن 12 نقطة مراقبة تركية ما زالت في مواقعها.')).toBe('ar');
  });
  it('reads English prose as English', () => {
    expect(detectLanguage('Government forces took the town of Kafr Nabudah after heavy shelling, the monitor said.')).toBe('en');
  });
  it('does not call other Latin-script languages English', () => {
    expect(detectLanguage("Les forces gouvernementales ont repris la ville après des bombardements intenses, selon l'observatoire.")).toBe('und');
    expect(detectLanguage('Hükümet güçleri yoğun bombardımanın ardından kasabayı geri aldı.')).toBe('und');
  });
  it('does not call Persian Arabic', () => {
    expect(detectLanguage('نیروهای دولتی پس از گلوله‌باران شدید کنترل شهر را به دست گرفتند و گزارش دادند.')).toBe('und');
  });
  it('returns und when there are no letters', () => {
    expect(detectLanguage('')).toBe('und');
    expect(detectLanguage('12 - 34 / 2019')).toBe('und');
  });
  it('looks only at the start of long texts', () => {
    // Arabic words at the very start do not outvote two million characters of English.
    const long = 'قصف '.repeat(10) + 'the of and '.repeat(200_000);
    expect(detectLanguage(long)).toBe('en');
  });
});
