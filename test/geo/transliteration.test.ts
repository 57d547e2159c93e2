import { describe, expect, it } from 'vitest';
import { cliticReadings } from '../../src/geo/arabic-clitics.js';
import { arabicSkeleton, chooseEnglishName, skeletonSimilarity, transliterateArabic } from '../../src/geo/import/english-name.js';
import { foldLatin } from '../../src/geo/transliteration.js';
import { normalise } from '../../src/text/normalise.js';

describe('foldLatin', () => {
  const same = (names: string[]): void => {
    const keys = new Set(names.map(foldLatin));
    expect(keys.size, `${names.join(' / ')} → ${[...keys].join(', ')}`).toBe(1);
  };

  it('meets the transliterations of one name on one key', () => {
    same(['Khan Sheikhoun', 'Khan Shaykhun', 'Khan Shaykhoun', 'Khān Shaykhūn', 'Khan Cheikhoun']);
    same(['Qalaat al-Madiq', 'Qal`at al Madiq', "Qal'at al-Madiq", 'Qalat al Madiq']);
    same(['Maarat al-Numan', 'Ma`arrat an Nu`man', "Maarrat al-Nu'man", 'Maaret al-Numan']);
    same(['Jisr al-Shughur', 'Jisr ash Shughur', 'Jisr ash-Shughour']);
    same(['Deir ez-Zor', 'Dayr az Zawr', 'Deir al-Zour']);
    same(['Idlib', 'Idleb', 'Edlib']);
    same(['Raqqa', 'Ar-Raqqah', 'Rakka']);
    same(['al-Qasabiyah', 'Qasabiyeh', 'al-Qassabiya']);
  });

  it('keeps different names apart', () => {
    expect(foldLatin('Hama')).not.toBe(foldLatin('Homs'));
    expect(foldLatin('Idlib')).not.toBe(foldLatin('Aleppo'));
    expect(foldLatin('Kuwait')).not.toBe(foldLatin('Katta'));
    expect(foldLatin('Astana')).not.toBe(foldLatin('Austin'));
  });
});

describe('cliticReadings', () => {
  const bares = (w: string): string[] => cliticReadings(normalise(w)).map((r) => r.bare);

  it('strips conjunctions and prepositions, and reads لل as ل + ال', () => {
    expect(bares('وكفرنبودة')).toContain(normalise('كفرنبودة'));
    expect(bares('بالقصابية')).toContain(normalise('القصابية'));
    expect(bares('للرقة')).toContain(normalise('الرقة'));
    expect(bares('وبحلب')).toContain(normalise('حلب'));
  });

  it('offers the whole word first and never strips the article', () => {
    expect(bares('بنش')[0]).toBe('بنش');
    expect(bares('السورية')).not.toContain(normalise('سورية'));
  });
});

describe('English names for Arabic places', () => {
  it('compares consonant skeletons', () => {
    expect(arabicSkeleton('كفر نبودة')).toBe('kfrnbd');
    expect(skeletonSimilarity('كفر نبودة', 'Kafr Nabudah')).toBe(1);
    expect(skeletonSimilarity('القصابية', 'Qara Journ')).toBeLessThan(0.5);
  });

  it('replaces a wrong English name by a variant that matches, else a transliteration', () => {
    expect(chooseEnglishName('القصابية', ['Qara Journ', 'Qarah Jurn', 'Al Qasabiyah'])).toBe('Al Qasabiyah');
    expect(chooseEnglishName('القصابية', ['Qara Journ'])).toBe('al-Qasabiyah');
    expect(chooseEnglishName('كفر نبودة', ['Kafr Nabudah', 'Kafer Nboude'])).toBe('Kafr Nabudah');
    expect(transliterateArabic('كفر نبودة')).toBe('Kafr Nabudah');
  });
});
