import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incidentStore } from '../../src/bench/api/incident-store.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { IncidentFilter } from '../../src/store/types.js';

/**
 * The incident query picks a plan per request (R-tree hits fetched and sorted, or the date order
 * walked with coordinates checked) from how many hits the box has and how large the table is —
 * the API load test's fix. Whatever the plan, every page must be the same: compared here on the
 * load test's generated store, paging through with several page sizes.
 */

const FILTERS: [string, IncidentFilter][] = [
  ['one town, all years', { bbox: [36.6, 35.9, 36.7, 36.0] }],
  ['a front over a season, one type', { from: '2019-04-01', to: '2019-06-30', bbox: [36.3, 35.3, 37.0, 36.1], event_type: 'Explosions/Remote violence' }],
  ['wide box, a year, two types, grade', {
    from: '2019-01-01', to: '2019-12-31', bbox: [35.7, 35.0, 38.0, 36.8], event_type: ['Battles', 'Violence against civilians'], grade: 'single-source',
  }],
  ['small box far away', { bbox: [40.0, 35.0, 40.3, 35.3] }],
];

describe('incident query plans', () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marsad-incident-plans-'));
    path = (await incidentStore({ dir, incidents: 3000, seed: 11 })).path;
  }, 120_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function allPages(driveMax: number | undefined, f: IncidentFilter, limit: number): Promise<string[]> {
    const store = SqliteStore.open({ path, ...(driveMax === undefined ? {} : { indexDriveMax: driveMax }) });
    try {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.listIncidents(f, { limit, cursor });
        ids.push(...page.items.map((i) => i.id));
        cursor = page.next;
      } while (cursor !== null);
      return ids;
    } finally {
      await store.close();
    }
  }

  for (const [name, f] of FILTERS) {
    it(`gives the same pages whatever the plan: ${name}`, async () => {
      // indexDriveMax 1: always walk; 1e9: the R-tree or the walk by the cost rule; default: as shipped.
      const reference = await allPages(1, f, 1000);
      for (const limit of [7, 100]) {
        for (const driveMax of [1, undefined, 1e9]) expect(await allPages(driveMax, f, limit), `${driveMax} ${limit}`).toEqual(reference);
      }
      if (name !== 'small box far away') expect(reference.length).toBeGreaterThan(7);
    });
  }
});
