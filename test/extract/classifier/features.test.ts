import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURES, FeatureExtractor } from '../../../src/extract/classifier/features.js';
import { fnv1a } from '../../../src/extract/classifier/hash.js';
import { loadEventLexicon } from '../../../src/extract/classifier/lexicon.js';
import { sentenceTokens } from '../../../src/extract/classifier/logistic.js';

describe('FeatureExtractor', () => {
  const fx = new FeatureExtractor(loadEventLexicon(), DEFAULT_FEATURES);
  const mask = (1 << DEFAULT_FEATURES.bits) - 1;

  it('hashes FNV-1a like the reference values', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    expect(fnv1a('foobar')).toBe(0xbf9cf968);
  });

  it('produces unigram, stem, bigram and lexicon features', () => {
    const names = fx.featureNames(sentenceTokens('وقتل ثلاثة اشخاص امس في انفجار سيارة مفخخة'));
    expect(names).toContain('u:وقتل');
    expect(names).toContain('s:قتل');
    expect(names).toContain('b:قتل ثلاث');
    expect(names).toContain('L:kill');
    expect(names).toContain('L:bomb');
    expect(names).toContain('L:time');
    expect(names).toContain('EE:kill:bomb');
  });

  it('pairs negation and modality cues with the trigger they precede', () => {
    expect(fx.featureNames(sentenceTokens('لم يسفر الانفجار عن قتلى'))).toContain('CB:negation:bomb');
    expect(fx.featureNames(sentenceTokens('هدد المسلحون بتفجير المبنى'))).toContain('CB:future:bomb');
  });

  it('buckets are the sorted, unique hashes of the feature names', () => {
    for (const s of ['تظاهر الاف الطلاب امس امام البرلمان احتجاجا على القانون', 'الطقس جميل اليوم', '']) {
      const tokens = sentenceTokens(s);
      const expected = [...new Set(fx.featureNames(tokens).map((n) => fnv1a(n) & mask))].sort((a, b) => a - b);
      expect([...fx.buckets(tokens)]).toEqual(expected);
    }
  });

  it('rejects an impossible hash size', () => {
    expect(() => new FeatureExtractor(loadEventLexicon(), { ...DEFAULT_FEATURES, bits: 40 })).toThrow(/bits must be an integer in 8\.\.26/);
  });
});
