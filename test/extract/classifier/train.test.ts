import { describe, expect, it } from 'vitest';
import { stratifiedFolds, tuneThreshold, fitClassifier, probability, type FitExample } from '../../../src/extract/classifier/fit.js';
import { DEFAULT_TRAIN, seededRandom, trainLogistic, type TrainParams } from '../../../src/extract/classifier/train.js';

/**
 * A separable toy problem: buckets 0..9 are "event" words, 10..19 "other" words, 20..99 noise.
 * A sentence is positive iff it holds an event word.
 */
function toySet(n: number, seed: number): FitExample[] {
  const rand = seededRandom(seed);
  const out: FitExample[] = [];
  for (let i = 0; i < n; i++) {
    const positive = i % 4 === 0;
    const x = new Set<number>();
    x.add(positive ? Math.floor(rand() * 10) : 10 + Math.floor(rand() * 10));
    for (let k = 0; k < 5; k++) x.add(20 + Math.floor(rand() * 80));
    out.push({ x: Uint32Array.from([...x].sort((a, b) => a - b)), y: positive ? 1 : 0, scored: true, positive });
  }
  return out;
}

const DIM = 128;

describe('trainLogistic', () => {
  for (const optimizer of ['lbfgs', 'adagrad'] as const) {
    it(`learns a separable toy set (${optimizer})`, () => {
      const params: TrainParams = { ...DEFAULT_TRAIN, optimizer, minCount: 1, l2: 1e-3 };
      const model = trainLogistic(toySet(400, 1), DIM, params);
      const test = toySet(200, 2);
      let errors = 0;
      for (const e of test) if (probability(model, e.x) >= 0.5 !== e.positive) errors++;
      expect(errors).toBe(0);
      // Event words must carry positive weight, "other" words negative.
      for (let j = 0; j < 10; j++) expect(model.weights[j]!).toBeGreaterThan(0);
      for (let j = 10; j < 20; j++) expect(model.weights[j]!).toBeLessThan(0);
    });

    it(`is deterministic (${optimizer})`, () => {
      const params: TrainParams = { ...DEFAULT_TRAIN, optimizer, minCount: 1 };
      const a = trainLogistic(toySet(200, 3), DIM, params);
      const b = trainLogistic(toySet(200, 3), DIM, params);
      expect([...a.weights]).toEqual([...b.weights]);
      expect(a.bias).toBe(b.bias);
    });
  }

  it('gives no weight to features rarer than minCount', () => {
    const data = toySet(200, 4);
    data.push({ x: Uint32Array.from([120]), y: 1, scored: true, positive: true });
    const model = trainLogistic(data, DIM, { ...DEFAULT_TRAIN, minCount: 2 });
    expect(model.weights[120]).toBe(0);
  });

  it('rejects empty data and a zero penalty', () => {
    expect(() => trainLogistic([], DIM, DEFAULT_TRAIN)).toThrow(/no training examples/);
    expect(() => trainLogistic(toySet(10, 1), DIM, { ...DEFAULT_TRAIN, l2: 0 })).toThrow(/l2 must be > 0/);
  });
});

describe('folds and thresholds', () => {
  it('stratifies folds: every fold gets its share of each class', () => {
    const strata = [...new Array<number>(50).fill(1), ...new Array<number>(450).fill(0)];
    const fold = stratifiedFolds(strata, 5, 9);
    for (let f = 0; f < 5; f++) {
      const pos = fold.filter((g, i) => g === f && strata[i] === 1).length;
      const all = fold.filter((g) => g === f).length;
      expect(pos).toBe(10);
      expect(all).toBe(100);
    }
    expect(stratifiedFolds(strata, 5, 9)).toEqual(fold);
  });

  it('tunes the threshold to the best-F1 cut', () => {
    const scores = [0.9, 0.8, 0.7, 0.4, 0.3, 0.2];
    const positive = [true, true, false, true, false, false];
    // Best F1: cut below 0.4 (tp 3, fp 1) → F1 6/7; the cut sits midway between 0.4 and 0.3.
    expect(tuneThreshold(scores, positive)).toBeCloseTo(0.35, 10);
    expect(tuneThreshold([0.2, 0.1], [false, false])).toBe(0.5);
  });

  it('fits a classifier whose threshold comes from inner folds', () => {
    const fitted = fitClassifier(toySet(400, 5), DIM, { train: { ...DEFAULT_TRAIN, minCount: 1, l2: 1e-3 }, innerFolds: 4 });
    expect(fitted.threshold).toBeGreaterThan(0);
    expect(fitted.threshold).toBeLessThan(1);
    const test = toySet(200, 6);
    expect(test.every((e) => probability(fitted.model, e.x) >= fitted.threshold === e.positive)).toBe(true);
  });
});
