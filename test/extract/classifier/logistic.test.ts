import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lexiconPath } from '../../../src/config/home.js';
import { DEFAULT_FEATURES } from '../../../src/extract/classifier/features.js';
import { DEFAULT_RECIPE } from '../../../src/extract/classifier/fit.js';
import { loadEventLexicon } from '../../../src/extract/classifier/lexicon.js';
import {
  lexiconHash,
  modelFile,
  predictAssault,
  predictProtest,
  scoreEventSentence,
  SentenceClassifier,
  sentenceTokens,
  shippedClassifier,
  writeModelFile,
  type ModelFile,
} from '../../../src/extract/classifier/logistic.js';

// Sentences written for these tests (not from any evaluation set).
const ATTACK = 'قتل خمسة مدنيين امس في انفجار سيارة مفخخة استهدفت سوقا شعبيا في المدينة';
const DEMO = 'تظاهر الاف الطلاب امس امام مبنى البرلمان احتجاجا على رفع الاسعار ورددوا هتافات ضد الحكومة';
const NEUTRAL = 'افتتح وزير التربية مدرسة جديدة في المدينة وتحدث عن خطط تطوير المناهج';

function training(): ModelFile['training'] {
  return {
    data: ['toy'],
    dataSha256: 'x',
    lexiconSha256: lexiconHash(),
    examples: 1,
    positives: 1,
    recipe: DEFAULT_RECIPE,
    date: '2025-01-01',
  };
}

describe('shipped sentence classifiers', () => {
  it('load and score: event sentences above neutral ones', () => {
    const a = shippedClassifier('ASSAULT');
    const p = shippedClassifier('PROTEST');
    expect(a.eventType).toBe('ASSAULT');
    expect(a.threshold).toBeGreaterThan(0);
    expect(a.threshold).toBeLessThan(1);
    expect(a.scoreText(ATTACK)).toBeGreaterThan(a.scoreText(NEUTRAL));
    expect(p.scoreText(DEMO)).toBeGreaterThan(p.scoreText(NEUTRAL));
    expect(a.scoreText(ATTACK)).toBeGreaterThan(a.scoreText(DEMO));
  });

  it('predict obvious sentences', () => {
    expect(predictAssault(ATTACK)).toBe(true);
    expect(predictAssault(NEUTRAL)).toBe(false);
    expect(predictProtest(DEMO)).toBe(true);
    expect(predictProtest(NEUTRAL)).toBe(false);
  });

  it('scores both event types from one feature pass, as each model alone would', () => {
    const tokens = sentenceTokens(DEMO);
    const both = scoreEventSentence(tokens);
    expect(both.ASSAULT).toBeCloseTo(shippedClassifier('ASSAULT').score(tokens), 12);
    expect(both.PROTEST).toBeCloseTo(shippedClassifier('PROTEST').score(tokens), 12);
  });

  it('were trained with the trigger and cue lists as they are now (retrain after editing them)', () => {
    const hash = lexiconHash();
    for (const kind of ['ASSAULT', 'PROTEST'] as const) {
      expect(shippedClassifier(kind).file.training.lexiconSha256, `${kind} model is stale: run scripts/train-classifier.ts`).toBe(hash);
    }
  });

  it('record their cross-validated figures, and those meet the targets', () => {
    const a = shippedClassifier('ASSAULT').file.training;
    const p = shippedClassifier('PROTEST').file.training;
    expect(a.nestedCrossValidated!.f1).toBeGreaterThanOrEqual(0.55);
    expect(p.nestedCrossValidated!.f1).toBeGreaterThanOrEqual(0.45);
  });

  it('are small: sparse weights only', () => {
    for (const f of ['assault.json', 'protest.json']) {
      expect(readFileSync(lexiconPath('models', f)).length).toBeLessThan(400_000);
    }
  });
});

describe('model files', () => {
  it('round-trip: a written model loads and scores like the one built in memory', () => {
    const weights = new Float32Array(1 << DEFAULT_FEATURES.bits);
    const cls = SentenceClassifier.fromFile(shippedClassifier('ASSAULT').file);
    for (const x of cls.buckets(sentenceTokens(ATTACK))) weights[x] = 0.5;
    const file = modelFile('ASSAULT', DEFAULT_FEATURES, { weights, bias: -1, unitNorm: true }, 0.4, training());
    expect(file.weights.index.length).toBeGreaterThan(10);
    expect(file.weights.index.length).toBeLessThan(200); // zeros are not stored
    const dir = mkdtempSync(join(tmpdir(), 'marsad-cls-'));
    const path = join(dir, 'm.json');
    writeModelFile(path, file);
    const loaded = SentenceClassifier.load(path, loadEventLexicon());
    expect(loaded.threshold).toBe(0.4);
    expect(loaded.scoreText(ATTACK)).toBeCloseTo(SentenceClassifier.fromFile(file).scoreText(ATTACK), 12);
    expect(loaded.scoreText(ATTACK)).toBeGreaterThan(0.5);
    expect(loaded.predictText(NEUTRAL)).toBe(false);
  });

  it('reject bad files with the path and the problem', () => {
    const dir = mkdtempSync(join(tmpdir(), 'marsad-cls-'));
    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, '{oops');
    expect(() => SentenceClassifier.load(notJson)).toThrow(/cannot read classifier model .*bad\.json/);
    const wrong = join(dir, 'wrong.json');
    writeFileSync(wrong, JSON.stringify({ format: 'other' }));
    expect(() => SentenceClassifier.load(wrong)).toThrow(/wrong\.json: format is "other"/);
    const outOfRange = modelFile('PROTEST', { ...DEFAULT_FEATURES, bits: 8 }, { weights: new Float32Array(256), bias: 0, unitNorm: true }, 0.5, training());
    outOfRange.weights = { index: [999], value: [1] };
    expect(() => SentenceClassifier.fromFile(outOfRange)).toThrow(/weight index 999 outside 0\.\.255/);
  });
});
