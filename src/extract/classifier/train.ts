/**
 * L2-regularised logistic regression over sparse binary features. Two optimisers:
 *  - 'lbfgs': the exact optimum of the convex objective on the full batch;
 *  - 'adagrad': a few epochs of per-example Adagrad with the L2 penalty applied to the
 *    weights each example touches; stopping early is itself a regulariser.
 * Both are deterministic (Adagrad visits examples in an order drawn from a seeded generator),
 * so the shipped model is reproducible.
 */

export interface Example {
  /** Active feature buckets (sorted, unique). */
  x: Uint32Array;
  /** Target in [0, 1]: 1 event, 0 not; in between for soft (annotator-split) labels. */
  y: number;
  /** Example weight before class weighting (default 1). */
  weight?: number;
}

export interface TrainParams {
  /** L2 penalty λ/2·|w|² added to the weighted mean cross-entropy (the bias is not penalised). */
  l2: number;
  /**
   * Weight of positive examples relative to negatives; 'balanced' gives both classes the
   * same total weight, which counters the ~1:8 (ASSAULT) and ~1:20 (PROTEST) imbalance.
   */
  positiveWeight: number | 'balanced';
  /** Scale each example's features to unit L2 norm, so long sentences do not dominate. */
  unitNorm: boolean;
  optimizer: 'lbfgs' | 'adagrad';
  /**
   * Features seen in fewer training sentences than this get no weight: a word met once
   * cannot be told from noise, and dropping them keeps the model file small.
   */
  minCount: number;
  /** L-BFGS iteration cap. */
  maxIterations: number;
  /** Adagrad passes over the data and base step. */
  epochs: number;
  learningRate: number;
  /** Seed of the Adagrad visiting order and of the folds used when the threshold is tuned. */
  seed: number;
}

export const DEFAULT_TRAIN: TrainParams = {
  l2: 1e-2,
  positiveWeight: 2,
  unitNorm: true,
  optimizer: 'lbfgs',
  minCount: 3,
  maxIterations: 200,
  epochs: 12,
  learningRate: 0.2,
  seed: 17,
};

export interface LinearWeights {
  weights: Float32Array;
  bias: number;
  unitNorm: boolean;
}

/** mulberry32: tiny, fast, good enough for shuffling. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Raw score w·x + b of one example. */
export function margin(model: LinearWeights, x: Uint32Array): number {
  if (x.length === 0) return model.bias;
  const v = model.unitNorm ? 1 / Math.sqrt(x.length) : 1;
  let s = 0;
  for (let k = 0; k < x.length; k++) s += model.weights[x[k]!]!;
  return s * v + model.bias;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Training data re-indexed onto the buckets that occur in it: the only ones L2 lets move. */
interface Compact {
  /** Local index → bucket. */
  buckets: Uint32Array;
  /** Per example: local indices, feature value, target, weight. */
  rows: Int32Array[];
  value: Float64Array;
  y: Float64Array;
  /** Cross-entropy weights of the positive and negative parts of each example. */
  wPos: Float64Array;
  wNeg: Float64Array;
}

function compact(examples: readonly Example[], dim: number, params: TrainParams): Compact {
  const df = new Uint32Array(dim);
  for (const e of examples) {
    for (let k = 0; k < e.x.length; k++) {
      const j = e.x[k]!;
      if (j >= dim) throw new Error(`trainLogistic: feature bucket ${j} outside 0..${dim - 1}`);
      df[j]!++;
    }
  }
  const local = new Int32Array(dim).fill(-1);
  const buckets: number[] = [];
  const rows = examples.map((e) => {
    const r: number[] = [];
    for (let k = 0; k < e.x.length; k++) {
      const j = e.x[k]!;
      if (df[j]! < params.minCount) continue;
      if (local[j]! < 0) {
        local[j] = buckets.length;
        buckets.push(j);
      }
      r.push(local[j]!);
    }
    return Int32Array.from(r);
  });
  let posMass = 0;
  let negMass = 0;
  for (const e of examples) {
    posMass += (e.weight ?? 1) * e.y;
    negMass += (e.weight ?? 1) * (1 - e.y);
  }
  const pw = params.positiveWeight === 'balanced' ? (posMass > 0 ? negMass / posMass : 1) : params.positiveWeight;
  const total = pw * posMass + negMass;
  const n = examples.length;
  const c: Compact = {
    buckets: Uint32Array.from(buckets),
    rows,
    value: new Float64Array(n),
    y: new Float64Array(n),
    wPos: new Float64Array(n),
    wNeg: new Float64Array(n),
  };
  examples.forEach((e, i) => {
    const base = (e.weight ?? 1) / total;
    c.value[i] = params.unitNorm && e.x.length > 0 ? 1 / Math.sqrt(e.x.length) : 1;
    c.y[i] = e.y;
    c.wPos[i] = base * pw * e.y;
    c.wNeg[i] = base * (1 - e.y);
  });
  return c;
}

/** Objective and gradient at theta (weights then bias, last). */
function objective(c: Compact, l2: number, theta: Float64Array, grad: Float64Array): number {
  const m = theta.length - 1;
  grad.fill(0);
  let f = 0;
  for (let i = 0; i < c.rows.length; i++) {
    const row = c.rows[i]!;
    const v = c.value[i]!;
    let z = theta[m]!;
    for (let k = 0; k < row.length; k++) z += theta[row[k]!]! * v;
    const wp = c.wPos[i]!;
    const wn = c.wNeg[i]!;
    f += wp * softplus(-z) + wn * softplus(z);
    const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    const dz = wp * (p - 1) + wn * p;
    for (let k = 0; k < row.length; k++) grad[row[k]!]! += dz * v;
    grad[m]! += dz;
  }
  for (let j = 0; j < m; j++) {
    f += 0.5 * l2 * theta[j]! * theta[j]!;
    grad[j]! += l2 * theta[j]!;
  }
  return f;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Limited-memory BFGS with a backtracking (Armijo) line search. */
function lbfgs(c: Compact, l2: number, size: number, maxIterations: number): Float64Array {
  const memory = 8;
  const x = new Float64Array(size);
  const g = new Float64Array(size);
  let f = objective(c, l2, x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(size);
  const xNew = new Float64Array(size);
  const gNew = new Float64Array(size);
  const alpha = new Array<number>(memory).fill(0);
  for (let iter = 0; iter < maxIterations; iter++) {
    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < size; i++) d[i] = -g[i]!;
    for (let k = sList.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(sList[k]!, d);
      const yk = yList[k]!;
      for (let i = 0; i < size; i++) d[i]! -= alpha[k]! * yk[i]!;
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last]!, yList[last]!) / dot(yList[last]!, yList[last]!);
      for (let i = 0; i < size; i++) d[i]! *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      if (norm > 0) for (let i = 0; i < size; i++) d[i]! /= norm;
    }
    for (let k = 0; k < sList.length; k++) {
      const beta = rho[k]! * dot(yList[k]!, d);
      const sk = sList[k]!;
      for (let i = 0; i < size; i++) d[i]! += (alpha[k]! - beta) * sk[i]!;
    }
    let slope = dot(g, d);
    if (slope >= 0) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < size; i++) d[i] = -g[i]!;
      slope = dot(g, d);
    }
    let step = 1;
    let fNew = f;
    let accepted = false;
    for (let tries = 0; tries < 30; tries++) {
      for (let i = 0; i < size; i++) xNew[i] = x[i]! + step * d[i]!;
      fNew = objective(c, l2, xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step *= 0.5;
    }
    if (!accepted) break;
    const s = new Float64Array(size);
    const y = new Float64Array(size);
    for (let i = 0; i < size; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-12) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(y);
      rho.push(1 / sy);
    }
    const decrease = f - fNew;
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    let gMax = 0;
    for (let i = 0; i < size; i++) gMax = Math.max(gMax, Math.abs(g[i]!));
    if (gMax < 1e-6 || decrease < 1e-9 * Math.max(1, Math.abs(f))) break;
  }
  return x;
}

/** Per-example Adagrad on the same (per-example weighted) objective. */
function adagrad(c: Compact, params: TrainParams, size: number): Float64Array {
  const m = size - 1;
  const theta = new Float64Array(size);
  // Accumulators start small so the first steps are bounded.
  const g2 = new Float64Array(size).fill(1e-2);
  const n = c.rows.length;
  // Example weights are normalised to sum 1; per-example steps want them around 1.
  const scale = n;
  const order = Array.from({ length: n }, (_, i) => i);
  const rand = seededRandom(params.seed);
  for (let epoch = 0; epoch < params.epochs; epoch++) {
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = order[i]!;
      order[i] = order[j]!;
      order[j] = t;
    }
    for (const i of order) {
      const row = c.rows[i]!;
      const v = c.value[i]!;
      let z = theta[m]!;
      for (let k = 0; k < row.length; k++) z += theta[row[k]!]! * v;
      const p = z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
      const err = scale * (c.wPos[i]! * (p - 1) + c.wNeg[i]! * p);
      for (let k = 0; k < row.length; k++) {
        const j = row[k]!;
        const g = err * v + params.l2 * theta[j]!;
        g2[j]! += g * g;
        theta[j]! -= (params.learningRate * g) / Math.sqrt(g2[j]!);
      }
      g2[m]! += err * err;
      theta[m]! -= (params.learningRate * err) / Math.sqrt(g2[m]!);
    }
  }
  return theta;
}

export function trainLogistic(examples: readonly Example[], dim: number, params: TrainParams): LinearWeights {
  if (examples.length === 0) throw new Error('trainLogistic: no training examples');
  if (!(params.l2 > 0)) throw new Error(`trainLogistic: l2 must be > 0, got ${params.l2}`);
  const c = compact(examples, dim, params);
  const m = c.buckets.length;
  const theta =
    params.optimizer === 'adagrad' ? adagrad(c, params, m + 1) : lbfgs(c, params.l2, m + 1, params.maxIterations);
  const weights = new Float32Array(dim);
  for (let j = 0; j < m; j++) weights[c.buckets[j]!] = theta[j]!;
  return { weights, bias: theta[m]!, unitNorm: params.unitNorm };
}
