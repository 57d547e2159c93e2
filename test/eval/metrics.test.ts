import { describe, expect, it } from 'vitest';
import { addCounts, countDecision, emptyCounts, formatMetricsTable, meanMetrics, metrics } from '../../src/eval/metrics.js';

describe('metrics', () => {
  it('counts decisions and derives precision, recall and F1', () => {
    const c = emptyCounts();
    for (const [p, g] of [[true, true], [true, true], [true, false], [false, true], [false, false]] as const) countDecision(c, p, g);
    expect(c).toEqual({ tp: 2, fp: 1, fn: 1 });
    const m = metrics(c);
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
  });

  it('is 0, not NaN, when nothing is predicted or nothing is gold', () => {
    expect(metrics({ tp: 0, fp: 0, fn: 3 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
    expect(metrics({ tp: 0, fp: 2, fn: 0 })).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('adds counts and averages folds', () => {
    expect(addCounts({ tp: 1, fp: 2, fn: 3 }, { tp: 1, fp: 1, fn: 1 })).toEqual({ tp: 2, fp: 3, fn: 4 });
    const mean = meanMetrics([metrics({ tp: 1, fp: 0, fn: 0 }), metrics({ tp: 0, fp: 1, fn: 1 })]);
    expect(mean.f1).toBeCloseTo(0.5, 12);
    expect(mean.tp).toBe(1);
  });

  it('formats a table with one row per set', () => {
    const table = formatMetricsTable([{ name: 'ASSAULT', m: metrics({ tp: 3, fp: 1, fn: 2 }) }], 'title');
    const lines = table.split('\n');
    expect(lines[0]).toBe('title');
    expect(lines[1]).toMatch(/set\s+tp\s+fp\s+fn\s+P\s+R\s+F1/);
    expect(lines[3]).toMatch(/^ASSAULT\s+3\s+1\s+2\s+0\.750\s+0\.600\s+0\.667$/);
  });
});
