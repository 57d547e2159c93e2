/** Latency figures of one kind of query, in milliseconds. */
export interface LatencySummary {
  queries: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Rows returned per query, on average (at most one page). */
  rowsAvg: number;
  /** True matches per query on average, when known (the whole result, not one page). */
  matchesAvg: number | null;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function summarise(ms: readonly number[], rows: readonly number[], matches?: readonly number[]): LatencySummary {
  const sorted = [...ms].sort((a, b) => a - b);
  const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);
  const r3 = (x: number): number => Math.round(x * 1000) / 1000;
  // No queries (e.g. no first page had a next page): NaN, printed "-" and written as null.
  const n = ms.length || NaN;
  return {
    queries: ms.length,
    mean: r3(sum(ms) / n),
    p50: r3(percentile(sorted, 50)),
    p95: r3(percentile(sorted, 95)),
    p99: r3(percentile(sorted, 99)),
    max: r3(sorted[sorted.length - 1] ?? NaN),
    rowsAvg: Math.round((sum(rows) / (rows.length || NaN)) * 10) / 10,
    matchesAvg: matches ? Math.round((sum(matches) / (matches.length || NaN)) * 10) / 10 : null,
  };
}

/** Time one async call in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}
