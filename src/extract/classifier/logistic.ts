import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { lexiconPath } from '../../config/home.js';
import { normaliseText } from '../../text/normalise.js';
import { tokenize } from '../../text/tokens.js';
import { DEFAULT_FEATURES, FeatureExtractor, type FeatureConfig } from './features.js';
import { LEXICON_FILES, loadEventLexicon, type EventLexicon } from './lexicon.js';
import type { ClassifierRecipe } from './fit.js';
import { margin, sigmoid, type LinearWeights } from './train.js';

/**
 * A trained sentence classifier ("does this sentence describe an ASSAULT / a PROTEST?"):
 * feature extractor + logistic weights + decision threshold, stored as one small JSON file.
 */

export type EventKind = 'ASSAULT' | 'PROTEST';

export const MODEL_FORMAT = 'marsad-sentence-classifier/1';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  eventType: EventKind;
  features: FeatureConfig;
  unitNorm: boolean;
  threshold: number;
  bias: number;
  /** Non-zero weights only: parallel arrays of bucket index and value (rounded). */
  weights: { index: number[]; value: number[] };
  training: {
    /** What the model was trained on (file names, never the data). */
    data: string[];
    /** sha256 over the training texts and labels, to tell which data a model saw. */
    dataSha256: string;
    /** sha256 of the trigger/cue lists: features shift if the lists change without retraining. */
    lexiconSha256: string;
    examples: number;
    positives: number;
    /** How the model was trained: `marsad eval` re-runs cross-validation with this. */
    recipe: ClassifierRecipe;
    date: string;
    /** Figures measured by the training script, for the record (pooled over folds). */
    nestedCrossValidated?: { precision: number; recall: number; f1: number; folds: number };
    crossValidated?: { precision: number; recall: number; f1: number; folds: number };
    resubstitution?: { precision: number; recall: number; f1: number };
  };
}

/** The normalised word tokens of a sentence, as the features expect them. */
export function sentenceTokens(text: string): string[] {
  return tokenize(normaliseText(text)).map((t) => t.norm);
}

/** sha256 of the shipped lists (or those in `dir`), in their fixed order. */
export function lexiconHash(dir?: string): string {
  const h = createHash('sha256');
  for (const { file } of LEXICON_FILES) {
    h.update(file + '\n');
    h.update(readFileSync(dir === undefined ? lexiconPath(file) : `${dir}/${file}`));
  }
  return h.digest('hex');
}

export class SentenceClassifier {
  private readonly extractor: FeatureExtractor;
  private readonly linear: LinearWeights;

  private constructor(
    readonly file: ModelFile,
    lexicon: EventLexicon,
  ) {
    this.extractor = new FeatureExtractor(lexicon, file.features);
    const weights = new Float32Array(1 << file.features.bits);
    const { index, value } = file.weights;
    for (let k = 0; k < index.length; k++) weights[index[k]!] = value[k]!;
    this.linear = { weights, bias: file.bias, unitNorm: file.unitNorm };
  }

  get threshold(): number {
    return this.file.threshold;
  }

  get eventType(): EventKind {
    return this.file.eventType;
  }

  static load(path: string, lexicon: EventLexicon = loadEventLexicon()): SentenceClassifier {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      throw new Error(`cannot read classifier model ${path}: ${(e as Error).message}`);
    }
    return new SentenceClassifier(checkModelFile(raw, path), lexicon);
  }

  static fromFile(file: ModelFile, lexicon: EventLexicon = loadEventLexicon()): SentenceClassifier {
    return new SentenceClassifier(checkModelFile(file, 'model'), lexicon);
  }

  /** Probability that the sentence with these normalised tokens describes the event. */
  score(tokens: readonly string[]): number {
    return this.scoreBuckets(this.extractor.buckets(tokens));
  }

  /** The hashed features of a sentence, to score it with several models that share them. */
  buckets(tokens: readonly string[]): Uint32Array {
    return this.extractor.buckets(tokens);
  }

  scoreBuckets(x: Uint32Array): number {
    return sigmoid(margin(this.linear, x));
  }

  /** Whether another model reads the same features (so one `buckets` call serves both). */
  sharesFeaturesWith(other: SentenceClassifier): boolean {
    return this.extractor.lexicon === other.extractor.lexicon && JSON.stringify(this.file.features) === JSON.stringify(other.file.features);
  }

  scoreText(text: string): number {
    return this.score(sentenceTokens(text));
  }

  predict(tokens: readonly string[]): boolean {
    return this.score(tokens) >= this.file.threshold;
  }

  predictText(text: string): boolean {
    return this.predict(sentenceTokens(text));
  }
}

/** Build the JSON file of a trained model: only non-zero weights, rounded to 4 decimals. */
export function modelFile(
  eventType: EventKind,
  features: FeatureConfig,
  linear: LinearWeights,
  threshold: number,
  training: ModelFile['training'],
  minWeight = 1e-4,
): ModelFile {
  const index: number[] = [];
  const value: number[] = [];
  for (let j = 0; j < linear.weights.length; j++) {
    const v = Math.round(linear.weights[j]! * 1e4) / 1e4;
    if (Math.abs(v) >= minWeight) {
      index.push(j);
      value.push(v);
    }
  }
  return {
    format: MODEL_FORMAT,
    eventType,
    features,
    unitNorm: linear.unitNorm,
    threshold: Math.round(threshold * 1e6) / 1e6,
    bias: Math.round(linear.bias * 1e6) / 1e6,
    weights: { index, value },
    training,
  };
}

export function writeModelFile(path: string, file: ModelFile): void {
  // One weight pair per line would bloat the file; the arrays go on single lines.
  writeFileSync(path, JSON.stringify(file) + '\n');
}

function checkModelFile(raw: unknown, source: string): ModelFile {
  const bad = (what: string): never => {
    throw new Error(`classifier model ${source}: ${what}`);
  };
  if (typeof raw !== 'object' || raw === null) bad('not a JSON object');
  const f = raw as Partial<ModelFile>;
  if (f.format !== MODEL_FORMAT) bad(`format is ${JSON.stringify(f.format)}, expected "${MODEL_FORMAT}"`);
  if (f.eventType !== 'ASSAULT' && f.eventType !== 'PROTEST') bad(`unknown eventType ${JSON.stringify(f.eventType)}`);
  if (typeof f.threshold !== 'number' || typeof f.bias !== 'number') bad('threshold and bias must be numbers');
  const feats = f.features;
  if (typeof feats !== 'object' || feats === null || typeof feats.bits !== 'number') bad('missing feature config');
  const t = f.training;
  if (typeof t !== 'object' || t === null || typeof t.recipe !== 'object' || t.recipe === null || typeof t.recipe.train !== 'object') {
    bad('missing training.recipe (how the model was trained)');
  }
  const w = f.weights;
  if (!w || !Array.isArray(w.index) || !Array.isArray(w.value) || w.index.length !== w.value.length) {
    bad('weights must be parallel arrays index[] and value[]');
  }
  const size = 1 << feats!.bits;
  for (const j of w!.index) if (!Number.isInteger(j) || j < 0 || j >= size) bad(`weight index ${j} outside 0..${size - 1}`);
  return { ...(f as ModelFile), features: { ...DEFAULT_FEATURES, ...feats } };
}

const shipped = new Map<EventKind, SentenceClassifier>();

/** The model shipped in lexicon/models/, loaded once per process. */
export function shippedClassifier(kind: EventKind): SentenceClassifier {
  let c = shipped.get(kind);
  if (c === undefined) {
    c = SentenceClassifier.load(lexiconPath('models', kind === 'ASSAULT' ? 'assault.json' : 'protest.json'));
    shipped.set(kind, c);
  }
  return c;
}

/** The recipe the shipped model was trained with (for re-running its cross-validation). */
export function shippedRecipe(kind: EventKind): ClassifierRecipe {
  return shippedClassifier(kind).file.training.recipe;
}

export interface EventScores {
  ASSAULT: number;
  PROTEST: number;
}

/**
 * Both shipped models' probabilities for one sentence (normalised tokens), computing the
 * features once when the models share them: the cheap way to classify every sentence.
 */
export function scoreEventSentence(tokens: readonly string[]): EventScores {
  const a = shippedClassifier('ASSAULT');
  const p = shippedClassifier('PROTEST');
  if (a.sharesFeaturesWith(p)) {
    const x = a.buckets(tokens);
    return { ASSAULT: a.scoreBuckets(x), PROTEST: p.scoreBuckets(x) };
  }
  return { ASSAULT: a.score(tokens), PROTEST: p.score(tokens) };
}

/** Does this sentence describe an ASSAULT (PLOVER: bombing, shooting, killing, kidnapping...)? */
export function predictAssault(text: string): boolean {
  return shippedClassifier('ASSAULT').predictText(text);
}

/** Does this sentence describe a PROTEST (demonstration, sit-in, strike, march)? */
export function predictProtest(text: string): boolean {
  return shippedClassifier('PROTEST').predictText(text);
}
