import { describe, expect, it } from 'vitest';
import { indexTerms, queryTerms } from '../../src/store/search/analyse.js';

describe('search analysis', () => {
  it('indexes Arabic words with each form left after removing attached clitics', () => {
    const terms = new Set(indexTerms(['لقوات والنظام وبالمدينة للجيش']));
    for (const t of ['لقوات', 'قوات', 'والنظام', 'النظام', 'نظام', 'وبالمدينه', 'بالمدينه', 'المدينه', 'مدينه', 'للجيش', 'جيش']) {
      expect(terms.has(t), t).toBe(true);
    }
  });

  it('never cuts a word below two letters', () => {
    const terms = indexTerms(['بك وله']);
    expect(terms).not.toContain('ك');
    expect(terms).not.toContain('ه');
  });

  it('folds spelling variants and Latin case/accents like the rest of Marsad', () => {
    expect(indexTerms(['قوّات إدلب مدينة Hamā CAFÉ'])).toEqual(expect.arrayContaining(['قوات', 'ادلب', 'مدينه', 'hama', 'cafe']));
    expect(indexTerms(['٢٠١٩'])).toContain('2019');
  });

  it('reduces a query word by its article only', () => {
    expect(queryTerms('قوات النظام')).toEqual(['قوات', 'نظام']);
    expect(queryTerms('والنظام')).toEqual(['نظام']);
    expect(queryTerms('لقوات')).toEqual(['لقوات']);
    expect(queryTerms('Government, FORCES! forces')).toEqual(['government', 'forces']);
    expect(queryTerms('?!')).toEqual([]);
  });
});
