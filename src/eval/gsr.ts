import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeatureExtractor, type FeatureConfig } from '../extract/classifier/features.js';
import {
  describeRecipe,
  fitClassifier,
  probability,
  stratifiedFolds,
  stratumOf,
  trainingSet,
  tuneThreshold,
  type ClassifierRecipe,
  type FittedClassifier,
  type LabelledExample,
} from '../extract/classifier/fit.js';
import { loadEventLexicon, type EventLexicon } from '../extract/classifier/lexicon.js';
import { sentenceTokens, shippedRecipe, type EventKind } from '../extract/classifier/logistic.js';
import { trainLogistic } from '../extract/classifier/train.js';
import { normalise } from '../text/normalise.js';
import { addCounts, countDecision, emptyCounts, meanMetrics, metrics, type Counts, type Metrics } from './metrics.js';

/**
 * The arabic-event-gsr evaluation (Open Event Data Alliance): sentences labelled for whether
 * they describe an ASSAULT / a PROTEST, and sentences with gold source-actor / verb / target
 * spans. "yes" scores as positive, "easy no" and "difficult no" as negative, "ambiguous" is
 * left out of scoring.
 */

export type GsrLabel = 'yes' | 'easy no' | 'difficult no' | 'ambiguous';
const LABELS: ReadonlySet<string> = new Set(['yes', 'easy no', 'difficult no', 'ambiguous']);

export interface GsrItem {
  id: string;
  eventType: EventKind;
  label: GsrLabel;
  /** Annotator votes for / against (ambiguous items can be trained on as soft labels). */
  accept: number;
  reject: number;
  text: string;
}

export interface GsrSpan {
  source: string[];
  verb: string[];
  target: string[];
}

export interface GsrSpanRecord {
  id: string;
  eventType: EventKind;
  text: string;
  spans: GsrSpan[];
}

export interface GsrSet {
  folder: string;
  /** Detection items by event type, and the files they came from. */
  items: Record<EventKind, GsrItem[]>;
  spans: Record<EventKind, GsrSpanRecord[]>;
  files: string[];
}

function eventKind(v: unknown, where: string): EventKind {
  if (v === 'ASSAULT' || v === 'PROTEST') return v;
  throw new Error(`${where}: event_type must be ASSAULT or PROTEST, got ${JSON.stringify(v)}`);
}

function stringArray(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string')) throw new Error(`${where}: expected an array of strings`);
  return v as string[];
}

/** Parse one JSON-lines file of labelled sentences. */
export function parseGsrItems(text: string, source: string): GsrItem[] {
  const out: GsrItem[] = [];
  const lines = text.split('\n');
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln]!.trim();
    if (line === '') continue;
    const where = `${source}:${ln + 1}`;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`${where}: invalid JSON (${(e as Error).message})`);
    }
    if (typeof o['text'] !== 'string') throw new Error(`${where}: missing "text"`);
    if (typeof o['label'] !== 'string' || !LABELS.has(o['label'])) {
      throw new Error(`${where}: label must be one of yes / easy no / difficult no / ambiguous, got ${JSON.stringify(o['label'])}`);
    }
    out.push({
      id: typeof o['id'] === 'string' ? o['id'] : `${source}:${ln + 1}`,
      eventType: eventKind(o['event_type'], where),
      label: o['label'] as GsrLabel,
      accept: typeof o['accept'] === 'number' ? o['accept'] : 0,
      reject: typeof o['reject'] === 'number' ? o['reject'] : 0,
      text: o['text'],
    });
  }
  return out;
}

/** Parse one spans file: a JSON array of {text, event_type, spans: [{source_actor, verb, target_actor}]}. */
export function parseGsrSpans(text: string, source: string): GsrSpanRecord[] {
  let arr: unknown;
  try {
    arr = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: invalid JSON (${(e as Error).message})`);
  }
  if (!Array.isArray(arr)) throw new Error(`${source}: expected a JSON array of records`);
  return arr.map((r: unknown, i) => {
    const where = `${source}[${i}]`;
    if (typeof r !== 'object' || r === null) throw new Error(`${where}: not an object`);
    const o = r as Record<string, unknown>;
    if (typeof o['text'] !== 'string') throw new Error(`${where}: missing "text"`);
    if (!Array.isArray(o['spans'])) throw new Error(`${where}: missing "spans" array`);
    const spans = (o['spans'] as unknown[]).map((s, k) => {
      const sw = `${where}.spans[${k}]`;
      if (typeof s !== 'object' || s === null) throw new Error(`${sw}: not an object`);
      const so = s as Record<string, unknown>;
      return {
        source: stringArray(so['source_actor'] ?? [], `${sw}.source_actor`),
        verb: stringArray(so['verb'] ?? [], `${sw}.verb`),
        target: stringArray(so['target_actor'] ?? [], `${sw}.target_actor`),
      };
    });
    return {
      id: typeof o['source'] === 'string' ? o['source'] : `${source}[${i}]`,
      eventType: eventKind(o['event_type'], where),
      text: o['text'],
      spans,
    };
  });
}

/**
 * Read every *.jsonl (labelled sentences) and *spans*.json (gold spans) file in a folder,
 * grouped by the event type each record names.
 */
export function loadGsr(folder: string): GsrSet {
  let names: string[];
  try {
    names = readdirSync(folder).sort();
  } catch (e) {
    throw new Error(`cannot read GSR folder ${folder}: ${(e as Error).message}`);
  }
  const set: GsrSet = { folder, items: { ASSAULT: [], PROTEST: [] }, spans: { ASSAULT: [], PROTEST: [] }, files: [] };
  for (const name of names) {
    const path = join(folder, name);
    if (name.endsWith('.jsonl')) {
      for (const it of parseGsrItems(readFileSync(path, 'utf8'), path)) set.items[it.eventType].push(it);
    } else if (name.endsWith('.json') && name.includes('spans')) {
      for (const r of parseGsrSpans(readFileSync(path, 'utf8'), path)) set.spans[r.eventType].push(r);
    } else {
      continue;
    }
    set.files.push(name);
  }
  if (set.files.length === 0) throw new Error(`GSR folder ${folder} holds no *.jsonl or *spans*.json files`);
  return set;
}

export function isScored(item: GsrItem): boolean {
  return item.label !== 'ambiguous';
}

/** Detection precision/recall/F1 of a sentence predictor; ambiguous items are left out. */
export function evaluateDetection(items: readonly GsrItem[], predictor: (text: string) => boolean): Metrics {
  const c = emptyCounts();
  for (const it of items) if (isScored(it)) countDecision(c, predictor(it.text), it.label === 'yes');
  return metrics(c);
}

/** Featurise labelled items once; every fold and every recipe reuses the result. */
export function labelledExamples(items: readonly GsrItem[], extractor: FeatureExtractor): LabelledExample[] {
  return items.map((it) => {
    const votes = it.accept + it.reject;
    return {
      x: extractor.buckets(sentenceTokens(it.text)),
      scored: isScored(it),
      positive: it.label === 'yes',
      share: votes > 0 ? it.accept / votes : it.label === 'yes' ? 1 : 0,
    };
  });
}

export interface FoldResult {
  metrics: Metrics;
  threshold: number;
  /** The recipe used in this fold (chosen inside the fold in nested cross-validation). */
  recipe: string;
}

export interface CrossValidation {
  folds: FoldResult[];
  /** Mean of the per-fold figures. */
  mean: Metrics;
  /** Figures over all test decisions pooled together. */
  pooled: Metrics;
  seconds: number;
}

export interface CrossValidateOptions {
  folds?: number;
  seed?: number;
  lexicon?: EventLexicon;
}

/** Featurised items per feature configuration, so recipes that share features share work. */
class ExampleCache {
  private readonly cache = new Map<string, LabelledExample[]>();
  constructor(
    private readonly items: readonly GsrItem[],
    private readonly lexicon: EventLexicon,
  ) {}
  get(features: FeatureConfig): LabelledExample[] {
    const key = JSON.stringify(features);
    let ex = this.cache.get(key);
    if (ex === undefined) {
      ex = labelledExamples(this.items, new FeatureExtractor(this.lexicon, features));
      this.cache.set(key, ex);
    }
    return ex;
  }
}

/** Item folds, stratified by positive / negative / ambiguous. */
function itemFolds(items: readonly GsrItem[], k: number, seed: number): number[] {
  return stratifiedFolds(items.map((it) => stratumOf({ scored: isScored(it), positive: it.label === 'yes' })), k, seed);
}

/**
 * Out-of-fold F1 of a recipe on the given examples: the yardstick that picks recipes inside
 * nested cross-validation. The threshold is the best one on the pooled out-of-fold scores,
 * optimistic in absolute terms but fair for ranking recipes against each other.
 */
export function recipeScore(base: readonly LabelledExample[], recipe: ClassifierRecipe, k: number, seed: number): number {
  const folds = stratifiedFolds(base.map(stratumOf), k, seed);
  const dim = 1 << recipe.features.bits;
  const scores: number[] = [];
  const gold: boolean[] = [];
  for (let f = 0; f < k; f++) {
    const train = trainingSet(base.filter((_, i) => folds[i] !== f), recipe.ambiguous);
    const model = trainLogistic(train, dim, recipe.train);
    base.forEach((e, i) => {
      if (folds[i] !== f || !e.scored) return;
      scores.push(probability(model, e.x));
      gold.push(e.positive);
    });
  }
  const t = tuneThreshold(scores, gold);
  const c = emptyCounts();
  scores.forEach((p, i) => countDecision(c, p >= t, gold[i]!));
  return metrics(c).f1;
}

/** The candidate with the best inner cross-validated F1 (first one on ties), and every score. */
export function selectRecipe(
  items: readonly GsrItem[],
  candidates: readonly ClassifierRecipe[],
  options: CrossValidateOptions = {},
): { recipe: ClassifierRecipe; scores: number[] } {
  return selectWithCache(candidates, options, new ExampleCache(items, options.lexicon ?? loadEventLexicon()));
}

function selectWithCache(
  candidates: readonly ClassifierRecipe[],
  options: CrossValidateOptions,
  cache: ExampleCache,
): { recipe: ClassifierRecipe; scores: number[] } {
  if (candidates.length === 0) throw new Error('selectRecipe: no candidate recipes');
  const scores = candidates.map((r) => recipeScore(cache.get(r.features), r, options.folds ?? 5, options.seed ?? 7));
  let best = 0;
  scores.forEach((s, i) => {
    if (s > scores[best]! + 1e-12) best = i;
  });
  return { recipe: candidates[best]!, scores };
}

/** Train on scored-or-soft items with a recipe; threshold from inner cross-validation. */
export function fitRecipe(base: readonly LabelledExample[], recipe: ClassifierRecipe): FittedClassifier {
  return fitClassifier(trainingSet(base, recipe.ambiguous), 1 << recipe.features.bits, {
    train: recipe.train,
    innerFolds: recipe.innerFolds,
  });
}

function runFolds(
  items: readonly GsrItem[],
  options: CrossValidateOptions,
  fitFold: (trainIdx: number[]) => { fitted: FittedClassifier; base: LabelledExample[]; recipe: string },
): CrossValidation {
  const started = performance.now();
  const k = options.folds ?? 5;
  const fold = itemFolds(items, k, options.seed ?? 1);
  const folds: FoldResult[] = [];
  const pooled: Counts = emptyCounts();
  for (let f = 0; f < k; f++) {
    const trainIdx: number[] = [];
    fold.forEach((g, i) => g !== f && trainIdx.push(i));
    const { fitted, base, recipe } = fitFold(trainIdx);
    const c = emptyCounts();
    base.forEach((e, i) => {
      if (fold[i] !== f || !e.scored) return;
      countDecision(c, probability(fitted.model, e.x) >= fitted.threshold, e.positive);
    });
    addCounts(pooled, c);
    folds.push({ metrics: metrics(c), threshold: fitted.threshold, recipe });
  }
  return {
    folds,
    mean: meanMetrics(folds.map((r) => r.metrics)),
    pooled: metrics(pooled),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * k-fold stratified cross-validation of one recipe, retrained in-process. In each fold the
 * weights are trained and the threshold tuned (by inner cross-validation) on the training
 * folds only, and the held-out fold is scored once. Because the recipe itself was chosen on
 * this data, the figure is slightly optimistic; `nestedCrossValidate` is the strict one.
 * Without a recipe, the one the shipped model of the items' event type was trained with.
 * Takes ~1 s per set on one core.
 */
export function crossValidate(
  items: readonly GsrItem[],
  recipe?: ClassifierRecipe,
  options: CrossValidateOptions = {},
): CrossValidation {
  if (items.length === 0) throw new Error('crossValidate: no items');
  recipe ??= shippedRecipe(items[0]!.eventType);
  const base = labelledExamples(items, new FeatureExtractor(options.lexicon ?? loadEventLexicon(), recipe.features));
  return runFolds(items, options, (trainIdx) => ({
    fitted: fitRecipe(trainIdx.map((i) => base[i]!), recipe),
    base,
    recipe: describeRecipe(recipe),
  }));
}

/**
 * Nested cross-validation: in each outer fold the recipe is chosen among `candidates` by an
 * inner cross-validation on the training folds, then fitted there (threshold included) and
 * scored on the outer test fold. The outer figures estimate the whole procedure, selection
 * included, on unseen sentences.
 */
export function nestedCrossValidate(
  items: readonly GsrItem[],
  candidates: readonly ClassifierRecipe[],
  options: CrossValidateOptions = {},
  onFold?: (fold: number, chosen: ClassifierRecipe, scores: number[]) => void,
): CrossValidation {
  const lexicon = options.lexicon ?? loadEventLexicon();
  const all = new ExampleCache(items, lexicon);
  let f = 0;
  return runFolds(items, options, (trainIdx) => {
    const trainItems = trainIdx.map((i) => items[i]!);
    const sub = new ExampleCache(trainItems, lexicon);
    const { recipe, scores } = selectWithCache(candidates, { seed: (options.seed ?? 1) + 100 }, sub);
    onFold?.(f++, recipe, scores);
    const base = all.get(recipe.features);
    return { fitted: fitRecipe(trainIdx.map((i) => base[i]!), recipe), base, recipe: describeRecipe(recipe) };
  });
}

/* ---------------------------------------------------------------- spans ------------------ */

export type SpanPredictor = (text: string) => Array<{ source: string[]; verb: string[]; target: string[] }>;

export interface SpanMetrics {
  source: Metrics;
  verb: Metrics;
  target: Metrics;
}

/** Multiset overlap of two token lists (already normalised). */
function overlap(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const t of b) left.set(t, (left.get(t) ?? 0) + 1);
  let n = 0;
  for (const t of a) {
    const c = left.get(t) ?? 0;
    if (c > 0) {
      n++;
      left.set(t, c - 1);
    }
  }
  return n;
}

function normTokens(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) for (const w of normalise(t).split(' ')) if (w !== '') out.push(w);
  return out;
}

/**
 * Token-overlap scoring of source actor, verb and target spans, each role separately.
 *
 * Per record and role, empty spans are ignored on both sides, tokens are compared after
 * normalise() as multisets, and:
 *  - each PREDICTED span is matched to the gold span it overlaps most; its overlapping tokens
 *    count as matched predicted tokens, the rest as false positives (fp);
 *  - each GOLD span is matched to the predicted span it overlaps most; its tokens not covered
 *    count as missed (fn).
 * Micro-averaged over all records: precision = matched predicted / all predicted tokens,
 * recall = matched gold / all gold tokens, F1 their harmonic mean. In the returned Metrics
 * `tp` is the matched predicted tokens, so recall is (gold - fn) / gold, not tp / (tp + fn).
 */
export function evaluateSpans(records: readonly GsrSpanRecord[], predictor: SpanPredictor): SpanMetrics {
  const roles = ['source', 'verb', 'target'] as const;
  const acc = {
    source: { predicted: 0, matchedPred: 0, gold: 0, matchedGold: 0 },
    verb: { predicted: 0, matchedPred: 0, gold: 0, matchedGold: 0 },
    target: { predicted: 0, matchedPred: 0, gold: 0, matchedGold: 0 },
  };
  for (const rec of records) {
    const predicted = predictor(rec.text);
    for (const role of roles) {
      const gold = rec.spans.map((s) => normTokens(s[role])).filter((t) => t.length > 0);
      const pred = predicted.map((s) => normTokens(s[role])).filter((t) => t.length > 0);
      const a = acc[role];
      for (const p of pred) {
        let best = 0;
        for (const g of gold) best = Math.max(best, overlap(p, g));
        a.predicted += p.length;
        a.matchedPred += best;
      }
      for (const g of gold) {
        let best = 0;
        for (const p of pred) best = Math.max(best, overlap(g, p));
        a.gold += g.length;
        a.matchedGold += best;
      }
    }
  }
  const toMetrics = (a: (typeof acc)['source']): Metrics => {
    const precision = a.predicted > 0 ? a.matchedPred / a.predicted : 0;
    const recall = a.gold > 0 ? a.matchedGold / a.gold : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { tp: a.matchedPred, fp: a.predicted - a.matchedPred, fn: a.gold - a.matchedGold, precision, recall, f1 };
  };
  return { source: toMetrics(acc.source), verb: toMetrics(acc.verb), target: toMetrics(acc.target) };
}
