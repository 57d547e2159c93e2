import { describe, expect, it } from 'vitest';
import { escalationChart } from '../../src/report/chart.js';
import { TEXT, formatters } from '../../src/report/i18n.js';
import type { ReportEscalation } from '../../src/report/types.js';

function escalation(values: number[], threshold: number | null, baseline: (number | null)[] = []): ReportEscalation {
  const points = values.map((index, k) => ({ date: `2019-06-${String(k + 1).padStart(2, '0')}`, index, baseline: baseline[k] ?? null }));
  const last = points[points.length - 1]!;
  return { area: { id: 'z', en: 'Zone <b>', ar: null }, threshold, points, today: last.index, baseline_today: last.baseline, crossed: threshold !== null && last.index >= threshold };
}

describe('escalation chart', () => {
  it('draws no threshold line without a threshold, and breaks the baseline where it is unknown', () => {
    const svg = escalationChart(escalation([1, 2, 3, 4, 5, 6], null, [1, 1, null, 2, 2, 2]), '2019-06-06', formatters('en'), TEXT.en);
    expect(svg).not.toContain('class="threshold"');
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(6);
    expect(svg.match(/<polyline class="baseline"/g)).toHaveLength(2);
    expect(svg).toContain('Zone &lt;b&gt;');
    expect(svg).not.toContain('Zone <b>');
  });

  it('scales the axis to the highest of index, baseline and threshold', () => {
    const svg = escalationChart(escalation([0, 0, 0], 40), '2019-06-03', formatters('en'), TEXT.en);
    const ticks = [...svg.matchAll(/text-anchor="end"[^>]*>([^<]+)</g)].map((m) => Number(m[1]));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(40);
    // The threshold line lies inside the plot.
    const y = Number(/class="threshold" x1="\d+" x2="\d+" y1="([\d.]+)"/.exec(svg)![1]);
    expect(y).toBeGreaterThan(30);
    expect(y).toBeLessThan(200);
  });
});
