/** Precision / recall / F1 from true-positive, false-positive and false-negative counts. */

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Metrics extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

export function emptyCounts(): Counts {
  return { tp: 0, fp: 0, fn: 0 };
}

export function addCounts(into: Counts, more: Counts): Counts {
  into.tp += more.tp;
  into.fp += more.fp;
  into.fn += more.fn;
  return into;
}

/** Count one binary decision against its gold label. */
export function countDecision(into: Counts, predicted: boolean, gold: boolean): void {
  if (predicted && gold) into.tp++;
  else if (predicted) into.fp++;
  else if (gold) into.fn++;
}

/** Precision and recall are 0 when undefined (nothing predicted / nothing to find). */
export function metrics(c: Counts): Metrics {
  const precision = c.tp + c.fp > 0 ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn > 0 ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp: c.tp, fp: c.fp, fn: c.fn, precision, recall, f1 };
}

/** Unweighted mean of several metric rows (e.g. cross-validation folds); counts are summed. */
export function meanMetrics(rows: readonly Metrics[]): Metrics {
  const sum = { tp: 0, fp: 0, fn: 0, precision: 0, recall: 0, f1: 0 };
  for (const r of rows) {
    sum.tp += r.tp;
    sum.fp += r.fp;
    sum.fn += r.fn;
    sum.precision += r.precision;
    sum.recall += r.recall;
    sum.f1 += r.f1;
  }
  const n = Math.max(rows.length, 1);
  return { ...sum, precision: sum.precision / n, recall: sum.recall / n, f1: sum.f1 / n };
}

export interface MetricsRow {
  name: string;
  m: Metrics;
}

/** A fixed-width text table: name, tp, fp, fn, precision, recall, F1. */
export function formatMetricsTable(rows: readonly MetricsRow[], title?: string): string {
  const nameWidth = Math.max(4, ...rows.map((r) => r.name.length));
  const head = `${'set'.padEnd(nameWidth)}  ${'tp'.padStart(5)} ${'fp'.padStart(5)} ${'fn'.padStart(5)}  ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)}`;
  const lines = rows.map(
    ({ name, m }) =>
      `${name.padEnd(nameWidth)}  ${String(m.tp).padStart(5)} ${String(m.fp).padStart(5)} ${String(m.fn).padStart(5)}  ` +
      `${m.precision.toFixed(3).padStart(6)} ${m.recall.toFixed(3).padStart(6)} ${m.f1.toFixed(3).padStart(6)}`,
  );
  return [...(title === undefined ? [] : [title]), head, '-'.repeat(head.length), ...lines].join('\n');
}
