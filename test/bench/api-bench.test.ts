import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentStore } from '../../src/bench/api/incident-store.js';
import { formatReport, runApiBench, type ApiBenchReport } from '../../src/bench/api/run.js';

/**
 * The API load test's machinery on a tiny store (1,000 incidents, 1 s a row): the report's shape
 * and the store cache. No timing is asserted — the machine is shared.
 */

describe('api bench', () => {
  let dir: string;
  let report: ApiBenchReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marsad-api-bench-'));
    report = await runApiBench({ incidents: 1000, seed: 7, seconds: 1, connections: 2, cacheDir: dir });
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds a store with exactly the incidents asked for', () => {
    expect(report.store.built).toBe(true);
    expect(report.store.counts.incidents).toBe(1000);
    expect(report.store.counts.events).toBe(1000);
  });

  it('measures the health baseline and the incidents query, first pages and a cursor page', () => {
    const names = report.rows.map((r) => r.name);
    expect(report.rows.filter((r) => r.baseline).map((r) => r.path)).toEqual(['/api/health']);
    const incidents = report.rows.filter((r) => !r.baseline);
    expect(incidents.length).toBeGreaterThanOrEqual(4);
    for (const r of incidents) expect(r.path.startsWith('/api/incidents?')).toBe(true);
    expect(names).toContain('incidents: no filter, next page by cursor');
    expect(incidents.find((r) => r.name === 'incidents: no filter, next page by cursor')?.path).toMatch(/[?&]cursor=/);
    // A filter with too few matches for a second page is said to be skipped, not dropped silently.
    const first = names.includes('incidents: date + bbox + type, next page by cursor') ||
      report.skipped.some((s) => s.name === 'incidents: date + bbox + type, next page by cursor');
    expect(first).toBe(true);
    // The unfiltered first page of 1,000 incidents is full.
    expect(incidents.find((r) => r.name.includes('no filter'))?.items).toBe(100);
  });

  it('reports requests/s and p50/p95/p99 for every row, with no failed request', () => {
    for (const r of report.rows) {
      const { result } = r;
      expect(result.requests, r.name).toBeGreaterThan(0);
      expect(result.requestsPerSec, r.name).toBeGreaterThan(0);
      expect(result.non2xx, r.name).toBe(0);
      expect(result.errors, r.name).toBe(0);
      expect(r.serverCpuMsPerRequest, r.name).toBeGreaterThan(0);
      expect(result.latency.p50, r.name).toBeLessThanOrEqual(result.latency.p95);
      expect(result.latency.p95, r.name).toBeLessThanOrEqual(result.latency.p99);
      expect(result.latency.p99, r.name).toBeLessThanOrEqual(result.latency.max);
    }
    expect(report.target.p95Ms).toBe(100);
    expect(report.target.worstP95Ms).toBe(Math.max(...report.rows.filter((r) => !r.baseline).map((r) => r.result.latency.p95)));
    const text = formatReport(report);
    expect(text).toMatch(/p95 ms/);
    expect(text).toContain('GET /api/health');
  });

  it('reuses the cached store on the next run', async () => {
    const again = await incidentStore({ dir, incidents: 1000, seed: 7 });
    expect(again.built).toBe(false);
    expect(again.path).toBe(report.store.path);
    expect(again.counts).toEqual(report.store.counts);
  });
});
