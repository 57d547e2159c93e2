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
  it('reads short English wire copy made mostly of names as English', () => {
    expect(detectLanguage('AMMAN, June 5 (Reuters) - Russian jets pounded rebel-held Idlib province on Wednesday.')).toBe('en');
    expect(detectLanguage('Russian jets pounded Khan Shaykhun, Kafr Nabl, Maarat al-Numan and Saraqib on Wednesday.')).toBe('en');
    expect(detectLanguage('Turkish troops shelled YPG positions near Tal Rifaat, Turkish state media reported.')).toBe('en');
  });
  it('leaves short copy in other Latin-script languages undetermined', () => {
    expect(detectLanguage('Des frappes aériennes ont touché Idlib mercredi, selon des secouristes.')).toBe('und');
    expect(detectLanguage('Los bombardeos rusos mataron a doce civiles en Idlib, según los rescatistas.')).toBe('und');
    expect(detectLanguage('Russische Kampfjets bombardierten Idlib, die Helfer meldeten zwölf Tote.')).toBe('und');
    expect(detectLanguage('Rus uçakları İdlib\'i bombaladı ve bir hastane vuruldu.')).toBe('und');
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
