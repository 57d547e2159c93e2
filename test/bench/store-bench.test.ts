import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadActors } from '../../src/bench/store/actors.js';
import { CorpusGenerator, EventColumns, dayOf, type GeneratedDoc } from '../../src/bench/store/generate.js';
import { SYRIA_BBOX } from '../../src/bench/store/geography.js';
import { ingest } from '../../src/bench/store/ingest.js';
import { boxFilter, boxQueries, scanColumns } from '../../src/bench/store/queries.js';
import { summarise } from '../../src/bench/store/stats.js';
import { lexiconPath } from '../../src/config/home.js';
import { openStore } from '../../src/store/open-store.js';
import { checkDocument } from '../../src/store/validate.js';

const actors = loadActors(lexiconPath('actors.yaml'));

function docs(seed: number, n: number): GeneratedDoc[] {
  const g = new CorpusGenerator({ seed, actors });
  return Array.from({ length: n }, () => g.next());
}

describe('synthetic corpus for the store benchmark', () => {
  const sample = docs(7, 3000);
  const events = sample.flatMap((d) => d.events);

  it('is the same for the same seed and differs for another', () => {
    const again = docs(7, 5);
    expect(again.map((d) => d.doc.id)).toEqual(sample.slice(0, 5).map((d) => d.doc.id));
    expect(again[0]!.text).toBe(sample[0]!.text);
    expect(docs(8, 1)[0]!.doc.id).not.toBe(sample[0]!.doc.id);
  });

  it('makes documents the store accepts, whose evidence spans point into their text', () => {
    for (const d of sample.slice(0, 500)) {
      expect(() => checkDocument(d.doc, d.text, d.events)).not.toThrow();
      expect(d.doc.length).toBe(d.text.length);
      for (const e of d.events) {
        for (const s of e.evidence) expect(d.text.slice(s.start, s.end)).toBe(s.text);
        expect(e.evidence[0]!.text).toMatch(/[\u0600-\u06ff]/);
      }
    }
  });

  it('has reports of 1 to 10 events, about 3 on average, of realistic length', () => {
    const sizes = sample.map((d) => d.events.length);
    expect(Math.min(...sizes)).toBe(1);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(10);
    const mean = events.length / sample.length;
    expect(mean).toBeGreaterThan(2.5);
    expect(mean).toBeLessThan(4);
    const chars = sample.reduce((a, d) => a + d.text.length, 0) / sample.length;
    expect(chars).toBeGreaterThan(900);
    expect(chars).toBeLessThan(3000);
  });

  it('puts events in Syria over eight years, clustered, with ACLED sub-type frequencies', () => {
    const { minLon, minLat, maxLon, maxLat } = SYRIA_BBOX;
    for (const e of events) {
      expect(e.location!.lon).toBeGreaterThanOrEqual(minLon);
      expect(e.location!.lon).toBeLessThanOrEqual(maxLon);
      expect(e.location!.lat).toBeGreaterThanOrEqual(minLat);
      expect(e.location!.lat).toBeLessThanOrEqual(maxLat);
      expect(e.date!.start >= '2016-12-01' && e.date!.end <= '2024-12-31').toBe(true);
    }
    const years = new Set(events.map((e) => e.date!.end.slice(0, 4)));
    expect(years.size).toBeGreaterThanOrEqual(8);
    const share = (sub: string): number => events.filter((e) => e.sub_event_type === sub).length / events.length;
    expect(share('Shelling/artillery/missile attack')).toBeGreaterThan(0.25);
    expect(share('Shelling/artillery/missile attack')).toBeLessThan(0.42);
    expect(share('Armed clash')).toBeGreaterThan(0.12);
    expect(share('Peaceful protest')).toBeLessThan(0.1);
    // Hot spots: a few exact points carry many events.
    const points = new Map<string, number>();
    for (const e of events) points.set(`${e.location!.lon},${e.location!.lat}`, (points.get(`${e.location!.lon},${e.location!.lat}`) ?? 0) + 1);
    expect(Math.max(...points.values())).toBeGreaterThan(events.length / 100);
  });

  it('names actors by catalogue ids', () => {
    for (const e of events.slice(0, 2000)) {
      for (const a of [e.actor1, e.actor2]) if (a) expect(() => actors.byId(a.id)).not.toThrow();
    }
    expect(events.some((e) => e.actor1?.id === 'syria-government-forces')).toBe(true);
  });
});

describe('benchmark queries', () => {
  it('are boxes of 0.2° to 1°, one week to three months, one or two sub-types', () => {
    for (const q of boxQueries(300, 3)) {
      const [minLon, minLat, maxLon, maxLat] = q.bbox;
      expect(maxLon - minLon).toBeGreaterThanOrEqual(0.199);
      expect(maxLon - minLon).toBeLessThanOrEqual(1.001);
      expect(maxLat - minLat).toBeGreaterThanOrEqual(0.199);
      expect(maxLat - minLat).toBeLessThanOrEqual(1.001);
      const days = dayOf(q.to) - dayOf(q.from) + 1;
      expect(days).toBeGreaterThanOrEqual(7);
      expect(days).toBeLessThanOrEqual(92);
      expect(q.subTypes.length === 1 || (q.subTypes.length === 2 && q.subTypes[0] !== q.subTypes[1])).toBe(true);
    }
  });

  it('percentiles are nearest-rank', () => {
    const s = summarise([5, 1, 4, 2, 3, 6, 7, 8, 9, 10], [1, 1, 1, 1, 1, 1, 1, 1, 1, 11], [0, 2]);
    expect(s.p50).toBe(5);
    expect(s.p95).toBe(10);
    expect(s.p99).toBe(10);
    expect(s.mean).toBe(5.5);
    expect(s.rowsAvg).toBe(2);
    expect(s.matchesAvg).toBe(1);
  });
});

describe('ingest and the in-memory reference agree with the store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-store-bench-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads exactly the generated events and returns pages the size of the true match counts', async () => {
    const store = await openStore({ kind: 'sqlite', path: join(dir, 'bench.db') });
    const columns = new EventColumns(8);
    const gen = new CorpusGenerator({ seed: 11, actors });
    const r = await ingest(store, gen, columns, {
      events: 3000, measureEvents: 1000, batchDocs: 50, loadBatchDocs: 400, loadParallel: 1, progress: () => undefined,
    });
    expect(r.phases.map((p) => p.name)).toEqual(['putDocument, measured', 'putDocument, rest of the load']);
    const counts = await store.counts();
    expect(counts.events).toBe(columns.n);
    expect(counts.events).toBeGreaterThanOrEqual(3000);
    expect(counts.events).toBeLessThan(3010);
    expect(r.phases.reduce((a, p) => a + p.events, 0)).toBe(counts.events);
    let nonEmpty = 0;
    for (const q of boxQueries(40, 5)) {
      const page = await store.listEvents(boxFilter(q), { limit: 5 });
      const matches = scanColumns(columns, q);
      expect(page.items.length).toBe(Math.min(5, matches));
      if (matches > 0) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(0);
    await store.close();
  });
});
