import { DEFAULT_FEATURES, type FeatureConfig } from './features.js';
import { DEFAULT_TRAIN, margin, seededRandom, sigmoid, trainLogistic, type Example, type LinearWeights, type TrainParams } from './train.js';

/**
 * Fitting a classifier = training the weights AND choosing its decision threshold. The
 * threshold is tuned on out-of-fold scores of the training data only (inner cross-validation),
 * never on the data the classifier is then judged on: that is what keeps a cross-validated
 * F1 honest.
 */

/** Everything that decides how a classifier is trained; stored with the shipped model. */
export interface ClassifierRecipe {
  features: FeatureConfig;
  train: TrainParams;
  /** Folds of the inner cross-validation that tunes the decision threshold (>= 2). */
  innerFolds: number;
  /**
   * Training targets. 'drop': gold labels, ambiguous items left out. 'soft': ambiguous items
   * trained on with target accept/(accept+reject). 'votes': every item's target is its share
   * of accepting annotators, so a split "difficult no" counts as a partial positive.
   */
  ambiguous: 'drop' | 'soft' | 'votes';
}

export const DEFAULT_RECIPE: ClassifierRecipe = {
  features: DEFAULT_FEATURES,
  train: DEFAULT_TRAIN,
  innerFolds: 4,
  ambiguous: 'drop',
};

/** A short human-readable name of a recipe, for logs and tables. */
export function describeRecipe(r: ClassifierRecipe): string {
  const t = r.train;
  const opt = t.optimizer === 'adagrad' ? `adagrad(${t.epochs}ep)` : 'lbfgs';
  return `${opt} l2=${t.l2} pos=${t.positiveWeight} ambiguous=${r.ambiguous}`;
}

/** A featurised labelled sentence, before a recipe decides its training target. */
export interface LabelledExample {
  x: Uint32Array;
  /** False for items left out of scoring ('ambiguous'). */
  scored: boolean;
  /** Gold decision (meaningful when scored). */
  positive: boolean;
  /** Share of annotators who accepted the sentence (0..1). */
  share: number;
}

/** The training examples a recipe makes of labelled ones. */
export function trainingSet(base: readonly LabelledExample[], mode: ClassifierRecipe['ambiguous']): FitExample[] {
  const out: FitExample[] = [];
  for (const e of base) {
    if (!e.scored && mode === 'drop') continue;
    const gold = e.positive ? 1 : 0;
    out.push({ x: e.x, y: !e.scored || mode === 'votes' ? e.share : gold, scored: e.scored, positive: e.positive });
  }
  return out;
}

export interface FitExample extends Example {
  /** Whether the example counts when scoring (false for 'ambiguous' items trained on softly). */
  scored: boolean;
  /** The gold decision when scored (y may be a soft target instead). */
  positive: boolean;
}

export interface FitOptions {
  train: TrainParams;
  /** Folds of the inner cross-validation that tunes the threshold (>= 2). */
  innerFolds: number;
}

export interface FittedClassifier {
  model: LinearWeights;
  threshold: number;
}

/**
 * Assign each item a fold 0..k-1 so that every fold has (nearly) the same share of each
 * stratum; `strata[i]` is any small integer (here: positive / negative / unscored).
 */
export function stratifiedFolds(strata: readonly number[], k: number, seed: number): number[] {
  if (k < 2) throw new Error(`stratifiedFolds: need at least 2 folds, got ${k}`);
  const rand = seededRandom(seed);
  const byStratum = new Map<number, number[]>();
  strata.forEach((s, i) => {
    const list = byStratum.get(s) ?? [];
    list.push(i);
    byStratum.set(s, list);
  });
  const fold = new Array<number>(strata.length).fill(0);
  let offset = 0;
  for (const key of [...byStratum.keys()].sort((a, b) => a - b)) {
    const list = byStratum.get(key)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = list[i]!;
      list[i] = list[j]!;
      list[j] = t;
    }
    // Continue the round-robin across strata so small folds do not all get the remainders.
    list.forEach((idx, r) => (fold[idx] = (r + offset) % k));
    offset = (offset + list.length) % k;
  }
  return fold;
}

export function stratumOf(e: { scored: boolean; positive: boolean }): number {
  return !e.scored ? 2 : e.positive ? 1 : 0;
}

/**
 * The probability threshold with the best F1 over (score, positive) pairs. Cut points lie
 * midway between consecutive distinct scores; among equally good cuts the middle one is
 * taken, which is the least sensitive to where the next sample falls.
 */
export function tuneThreshold(scores: readonly number[], positive: readonly boolean[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[b]! - scores[a]!);
  const totalPos = positive.filter(Boolean).length;
  if (totalPos === 0 || idx.length === 0) return 0.5;
  let tp = 0;
  let fp = 0;
  let bestF1 = -1;
  const bestCuts: number[] = [];
  for (let r = 0; r < idx.length; r++) {
    if (positive[idx[r]!]) tp++;
    else fp++;
    const next = r + 1 < idx.length ? scores[idx[r + 1]!]! : 0;
    const here = scores[idx[r]!]!;
    if (next === here) continue; // cannot cut between equal scores
    const f1 = (2 * tp) / (2 * tp + fp + (totalPos - tp));
    const cut = (here + next) / 2;
    if (f1 > bestF1 + 1e-12) {
      bestF1 = f1;
      bestCuts.length = 0;
      bestCuts.push(cut);
    } else if (Math.abs(f1 - bestF1) <= 1e-12) {
      bestCuts.push(cut);
    }
  }
  return bestCuts[Math.floor(bestCuts.length / 2)] ?? 0.5;
}

export function probability(model: LinearWeights, x: Uint32Array): number {
  return sigmoid(margin(model, x));
}

/** Out-of-fold probabilities for every example (k-fold, stratified). */
export function outOfFoldScores(examples: readonly FitExample[], dim: number, train: TrainParams, k: number, seed: number): number[] {
  const fold = stratifiedFolds(examples.map(stratumOf), k, seed);
  const scores = new Array<number>(examples.length).fill(0);
  for (let f = 0; f < k; f++) {
    const trainSet = examples.filter((_, i) => fold[i] !== f);
    const model = trainLogistic(trainSet, dim, train);
    examples.forEach((e, i) => {
      if (fold[i] === f) scores[i] = probability(model, e.x);
    });
  }
  return scores;
}

/** Train on all the examples; the threshold comes from inner out-of-fold scores. */
export function fitClassifier(examples: readonly FitExample[], dim: number, opts: FitOptions): FittedClassifier {
  const oof = outOfFoldScores(examples, dim, opts.train, opts.innerFolds, opts.train.seed + 1);
  const scored: number[] = [];
  const positive: boolean[] = [];
  examples.forEach((e, i) => {
    if (!e.scored) return;
    scored.push(oof[i]!);
    positive.push(e.positive);
  });
  return { model: trainLogistic(examples, dim, opts.train), threshold: tuneThreshold(scored, positive) };
}
