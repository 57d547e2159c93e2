/**
 * Train the ASSAULT and PROTEST sentence classifiers on the development half of
 * arabic-event-gsr and write lexicon/models/assault.json and protest.json.
 *
 *   npx tsx scripts/train-classifier.ts [--gsr DIR] [--only ASSAULT|PROTEST] [--dry-run]
 *
 * 1. Nested 5-fold cross-validation: inside each outer fold the recipe (optimiser, L2,
 *    treatment of ambiguous items) is chosen by an inner cross-validation on the training
 *    folds, the threshold is tuned by a further inner cross-validation, and the outer fold is
 *    scored once. This is the honest estimate for unseen sentences.
 * 2. The recipe is chosen on all development data and cross-validated once more (what
 *    `marsad eval` re-runs; slightly optimistic, since the recipe was chosen on this data).
 * 3. The final model is fitted on all development data; its figures on that same data are
 *    printed as resubstitution figures, which say nothing about generalisation.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURES } from '../src/extract/classifier/features.js';
import { describeRecipe, DEFAULT_RECIPE, type ClassifierRecipe } from '../src/extract/classifier/fit.js';
import { loadEventLexicon } from '../src/extract/classifier/lexicon.js';
import { lexiconHash, modelFile, SentenceClassifier, writeModelFile, type EventKind } from '../src/extract/classifier/logistic.js';
import { DEFAULT_TRAIN } from '../src/extract/classifier/train.js';
import {
  crossValidate,
  evaluateDetection,
  fitRecipe,
  labelledExamples,
  loadGsr,
  nestedCrossValidate,
  selectRecipe,
  type CrossValidation,
  type GsrItem,
} from '../src/eval/gsr.js';
import { formatMetricsTable, type MetricsRow } from '../src/eval/metrics.js';
import { FeatureExtractor } from '../src/extract/classifier/features.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const gsrDir = resolve(arg('--gsr') ?? join(repoRoot, '..', 'shared', 'eval', 'arabic-event-gsr'));
const only = arg('--only');
const dryRun = process.argv.includes('--dry-run');

/**
 * The recipes the inner cross-validation chooses among: the optimiser (full-batch L-BFGS at
 * two penalties, or early-stopped Adagrad) and what to do with ambiguous / split-vote items.
 * Kept small on purpose: every extra candidate is one more chance to fit the noise of ~50-170
 * positive sentences.
 */
const CANDIDATES: ClassifierRecipe[] = [];
for (const train of [
  { ...DEFAULT_TRAIN, optimizer: 'lbfgs' as const, l2: 1e-3, minCount: 3 },
  { ...DEFAULT_TRAIN, optimizer: 'lbfgs' as const, l2: 1e-2, minCount: 3 },
  { ...DEFAULT_TRAIN, optimizer: 'adagrad' as const, l2: 1e-2, minCount: 3 },
]) {
  for (const ambiguous of ['drop', 'soft', 'votes'] as const) {
    CANDIDATES.push({ ...DEFAULT_RECIPE, features: DEFAULT_FEATURES, train, ambiguous });
  }
}

function dataHash(items: readonly GsrItem[]): string {
  const h = createHash('sha256');
  for (const it of items) h.update(`${it.id}\t${it.label}\t${it.accept}\t${it.reject}\t${it.text}\n`);
  return h.digest('hex');
}

function foldRows(cv: CrossValidation, label: string): MetricsRow[] {
  return [
    ...cv.folds.map((f, i) => ({ name: `${label} fold ${i + 1} (t=${f.threshold.toFixed(3)})`, m: f.metrics })),
    { name: `${label} mean of folds`, m: cv.mean },
    { name: `${label} pooled`, m: cv.pooled },
  ];
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}

const set = loadGsr(gsrDir);
const lexicon = loadEventLexicon();
console.log(`arabic-event-gsr: ${gsrDir} (${set.files.join(', ')})`);
console.log(`candidate recipes: ${CANDIDATES.length}`);

for (const kind of ['ASSAULT', 'PROTEST'] as EventKind[]) {
  if (only !== undefined && only.toUpperCase() !== kind) continue;
  const items = set.items[kind];
  if (items.length === 0) {
    console.log(`\n${kind}: no items, skipped`);
    continue;
  }
  const count = (l: string): number => items.filter((it) => it.label === l).length;
  console.log(
    `\n=== ${kind}: ${items.length} sentences (yes ${count('yes')}, easy no ${count('easy no')}, ` +
      `difficult no ${count('difficult no')}, ambiguous ${count('ambiguous')} not scored)`,
  );
  const started = performance.now();

  const nested = nestedCrossValidate(items, CANDIDATES, { folds: 5, seed: 1, lexicon }, (f, chosen, scores) => {
    const best = Math.max(...scores);
    console.log(`  outer fold ${f + 1}: chose ${describeRecipe(chosen)} (inner F1 ${best.toFixed(3)})`);
  });
  console.log(formatMetricsTable(foldRows(nested, 'nested CV'), `\n${kind} — nested 5-fold cross-validation (honest estimate)`));

  const { recipe, scores } = selectRecipe(items, CANDIDATES, { lexicon });
  console.log(`\n${kind} — recipe chosen on all dev data by 5-fold CV:`);
  CANDIDATES.forEach((c, i) => console.log(`  ${c === recipe ? '*' : ' '} ${scores[i]!.toFixed(3)}  ${describeRecipe(c)}`));

  const cv = crossValidate(items, recipe, { folds: 5, seed: 1, lexicon });
  console.log(
    formatMetricsTable(foldRows(cv, 'CV'), `\n${kind} — 5-fold CV of the chosen recipe (what \`marsad eval\` re-runs; ${cv.seconds.toFixed(1)} s)`),
  );

  const base = labelledExamples(items, new FeatureExtractor(lexicon, recipe.features));
  const fitted = fitRecipe(base, recipe);
  const file = modelFile(kind, recipe.features, fitted.model, fitted.threshold, {
    data: set.files.filter((f) => f.startsWith(kind.toLowerCase()) && f.endsWith('.jsonl')).map((f) => basename(f)),
    dataSha256: dataHash(items),
    lexiconSha256: lexiconHash(),
    examples: base.filter((e) => e.scored || recipe.ambiguous !== 'drop').length,
    positives: base.filter((e) => e.scored && e.positive).length,
    recipe,
    date: new Date().toISOString().slice(0, 10),
    nestedCrossValidated: { precision: round(nested.pooled.precision), recall: round(nested.pooled.recall), f1: round(nested.pooled.f1), folds: 5 },
    crossValidated: { precision: round(cv.pooled.precision), recall: round(cv.pooled.recall), f1: round(cv.pooled.f1), folds: 5 },
  });
  // Score with the model as written (rounded, sparse), exactly what ships.
  const shipped = SentenceClassifier.fromFile(file, lexicon);
  const resub = evaluateDetection(items, (t) => shipped.predictText(t));
  file.training.resubstitution = { precision: round(resub.precision), recall: round(resub.recall), f1: round(resub.f1) };
  console.log(formatMetricsTable([{ name: 'all dev data', m: resub }], `\n${kind} — RESUBSTITUTION (final model on its own training data; not a generalisation estimate)`));

  const seconds = (performance.now() - started) / 1000;
  console.log(
    `\n${kind}: threshold ${file.threshold}, ${file.weights.index.length} non-zero weights, ` +
      `nested-CV F1 ${nested.pooled.f1.toFixed(3)} (mean of folds ${nested.mean.f1.toFixed(3)}), ` +
      `CV F1 ${cv.pooled.f1.toFixed(3)}, resubstitution F1 ${resub.f1.toFixed(3)}; ${seconds.toFixed(1)} s`,
  );
  if (!dryRun) {
    const out = join(repoRoot, 'lexicon', 'models', `${kind.toLowerCase()}.json`);
    mkdirSync(dirname(out), { recursive: true });
    writeModelFile(out, file);
    console.log(`wrote ${out}`);
  }
}
