import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAgreement } from '../../../src/monitor/agreements/load.js';
import type { Agreement } from '../../../src/monitor/types.js';
import { checkStore } from '../../../src/monitor/violations/check-store.js';
import { openViolationStore } from '../../../src/monitor/violations/open.js';
import type { ViolationStore } from '../../../src/monitor/violations/violation-store.js';
import { openStore } from '../../../src/store/open-store.js';
import type { EventStore } from '../../../src/store/store.js';
import { catalogue, eastOf, testAgreement } from './fixtures.js';
import { GOV, OPP, RUSSIA, incidentInput, seed, type StoredSpec } from './store-fixtures.js';

const agreement = testAgreement();
const cat = catalogue();
const post = agreement.posts.find((p) => p.id === 'op-north')!;
const nearPost = eastOf(post.lat, post.lon, 1);

/** Another agreement, to check that checking one leaves the other's violations alone. */
const other: Agreement = parseAgreement(`
id: other
name: Other
description: d
approximation: null
parties: [{id: syria-opposition, name: O}]
effective: {from: "2019-01-01"}
zones: [{id: all, name: All, geometry: {type: Polygon, coordinates: [[[35, 34], [38, 34], [38, 37], [35, 37], [35, 34]]]}}]
rules: [{id: no-strikes, description: d, sub_event_types: [Air/drone strike], scope: {zone: all}}]
`, 'other.yaml');

const SPECS: StoredSpec[] = [
  { id: 'in', sub: 'Air/drone strike', lat: 35.0, lon: 36.5, date: '2019-06-01', actor1: RUSSIA },
  { id: 'out', sub: 'Air/drone strike', lat: 34.5, lon: 37.5, date: '2019-06-01', actor1: RUSSIA },
  { id: 'early', sub: 'Air/drone strike', lat: 35.0, lon: 36.6, date: '2018-06-01', actor1: RUSSIA },
  { id: 'post', sub: 'Shelling/artillery/missile attack', ...nearPost, date: '2019-05-01', actor1: OPP },
  { id: 'gov-shell', sub: 'Shelling/artillery/missile attack', lat: 35.02, lon: 36.3, date: '2019-04-01', actor1: GOV, actor2: OPP },
  // Government forces attack rebels: the rebels (inter 2) are the victims, not the perpetrators.
  { id: 'clash-gov', sub: 'Armed clash', lat: 35.01, lon: 36.4, date: '2019-03-01', actor1: GOV, actor2: OPP },
];

interface Pair {
  store: EventStore;
  violations: ViolationStore;
}

function defineContract(name: string, open: () => Promise<Pair>): void {
  describe(`violations in the store (${name})`, () => {
    let pair: Pair;
    afterEach(async () => {
      await pair?.violations.close();
      await pair?.store.close();
    });

    async function ready(): Promise<Pair> {
      pair = await open();
      await seed(pair.store, SPECS);
      return pair;
    }

    it('records the violations of the incidents, with perpetrators from the member events', async () => {
      const { store, violations } = await ready();
      const r = await checkStore(store, violations, [agreement], cat);
      expect(r).toMatchObject({ incidents: 6, added: 3, updated: 0, removed: 0 });
      const list = await violations.list();
      expect(list.map((v) => v.id)).toEqual([
        'test-ceasefire/no-air-strikes/inc-in',
        'test-ceasefire/posts-not-attacked/inc-post',
        'test-ceasefire/government-no-shelling/inc-gov-shell',
      ]);
      expect(list[2]).toMatchObject({ parties: ['syria-government-forces'], accountable: ['syria-government-forces'], zone_id: 'band', event_ids: ['doc-gov-shell#1'] });
      expect(list[1]).toMatchObject({ post_id: 'op-north', zone_id: null, parties: ['syria-opposition'] });
      expect(list[0]!.detected_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('filters by agreement, party, rule and dates, and summarises by party and rule', async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement, other], cat);
      expect((await violations.list({ agreement: 'other' })).map((v) => v.incident_id)).toEqual(['inc-in', 'inc-out']);
      expect((await violations.list({ party: 'syria-government-forces' })).map((v) => v.rule_id)).toEqual(['government-no-shelling']);
      expect((await violations.list({ rule: 'posts-not-attacked' })).map((v) => v.incident_id)).toEqual(['inc-post']);
      expect((await violations.list({ agreement: 'test-ceasefire', from: '2019-04-15', to: '2019-05-31' })).map((v) => v.incident_id)).toEqual(['inc-post']);
      const s = await violations.summary({ agreement: 'test-ceasefire' });
      expect(s).toMatchObject({ violations: 3, incidents: 3 });
      expect(s.by_rule.map((r) => [r.key, r.violations])).toEqual([
        ['government-no-shelling', 1], ['no-air-strikes', 1], ['posts-not-attacked', 1],
      ]);
      expect(s.by_party.map((r) => [r.key, r.violations]).sort()).toEqual([
        ['russia-military-forces', 1], ['syria-government-forces', 1], ['syria-opposition', 1],
      ]);
    });

    it('re-running the check changes nothing', async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement], cat);
      const before = await violations.list();
      const again = await checkStore(store, violations, [agreement], cat);
      expect(again).toMatchObject({ added: 0, updated: 0, removed: 0 });
      expect(await violations.list()).toEqual(before);
    });

    it('an incident later discounted withdraws its violations; restored, they come back', async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement], cat);
      await store.updateIncident({ ...incidentInput(SPECS[0]!), grade: 'discounted' });
      const r = await checkStore(store, violations, [agreement], cat);
      expect(r).toMatchObject({ added: 0, removed: 1 });
      expect(await violations.list({ incident: 'inc-in' })).toEqual([]);
      await store.updateIncident(incidentInput(SPECS[0]!));
      expect(await checkStore(store, violations, [agreement], cat)).toMatchObject({ added: 1, removed: 0 });
    });

    it('a revised incident rewrites its violation; a deleted one loses it', async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement], cat);
      await store.updateIncident({ ...incidentInput(SPECS[0]!), grade: 'multiple-sources' });
      expect(await checkStore(store, violations, [agreement], cat)).toMatchObject({ added: 0, updated: 1, removed: 0 });
      expect((await violations.list({ incident: 'inc-in' }))[0]!.grade).toBe('multiple-sources');
      await store.deleteIncident('inc-post');
      expect(await checkStore(store, violations, [agreement], cat)).toMatchObject({ removed: 1 });
      expect(await violations.list({ incident: 'inc-post' })).toEqual([]);
    });

    it("checking one agreement leaves another's violations alone, unless told to drop agreements no longer loaded", async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement, other], cat);
      await checkStore(store, violations, [other], cat);
      expect(await violations.list({ agreement: 'test-ceasefire' })).toHaveLength(3);
      const r = await checkStore(store, violations, [other], cat, { dropOtherAgreements: true });
      expect(r.removed).toBe(3);
      expect(await violations.list({ agreement: 'test-ceasefire' })).toEqual([]);
    });

    it('--since re-checks only recent incidents and withdraws nothing else', async () => {
      const { store, violations } = await ready();
      await checkStore(store, violations, [agreement], cat);
      await store.deleteIncident('inc-gov-shell');
      const r = await checkStore(store, violations, [agreement], cat, { since: '2019-05-01' });
      expect(r.incidents).toBe(3);
      expect(await violations.list({ incident: 'inc-gov-shell' })).toHaveLength(1);
    });
  });
}

const tmp = mkdtempSync(join(tmpdir(), 'marsad-violations-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

defineContract('SQLite', async () => {
  const path = join(tmp, `store-${++n}.db`);
  const store = await openStore({ kind: 'sqlite', path });
  const violations = await openViolationStore({ kind: 'sqlite', path });
  return { store, violations };
});

describe('SQLite violation store', () => {
  it('needs the store file to exist', async () => {
    await expect(openViolationStore({ kind: 'sqlite', path: join(tmp, 'missing.db') })).rejects.toThrow(/no Marsad store at/);
  });
});

// PostgreSQL: MARSAD_TEST_PG_URL, or a throwaway cluster from the local binaries (as test/store does).
const repoRoot = resolve(import.meta.dirname, '../../..');
const script = join(repoRoot, 'scripts/pg-test-server.sh');
const envUrl = process.env['MARSAD_TEST_PG_URL'];
const hasBinaries = existsSync('/usr/lib/postgresql') && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/initdb')));
const pgAvailable = process.env['MARSAD_TEST_PG_DISABLE'] !== '1' && (Boolean(envUrl) || hasBinaries);

if (!pgAvailable) {
  if (process.env['CI'] === 'true') {
    it('has a PostgreSQL server to test the violation store against (required in CI)', () => {
      throw new Error('no PostgreSQL: set MARSAD_TEST_PG_URL or install the server');
    });
  } else {
    console.warn('SKIPPING PostgreSQL violation store tests: no MARSAD_TEST_PG_URL and no local PostgreSQL binaries');
  }
} else {
  let url = envUrl ?? '';
  let clusterDir: string | null = null;
  const schemas: string[] = [];
  beforeAll(() => {
    if (url) return;
    clusterDir = mkdtempSync(join(tmpdir(), 'marsad-pg-violations-'));
    const r = spawnSync('bash', [script, 'start'], { env: { ...process.env, MARSAD_PG_TEST_DIR: clusterDir }, encoding: 'utf8' });
    const m = /MARSAD_TEST_PG_URL=(\S+)/.exec(r.stdout);
    if (r.status !== 0 || !m) throw new Error(`could not start a test PostgreSQL: ${r.stderr}`);
    url = m[1]!;
  });
  afterAll(async () => {
    if (url && schemas.length > 0) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      for (const s of schemas) await admin.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      await admin.end();
    }
    if (clusterDir) {
      spawnSync('bash', [script, 'stop'], { env: { ...process.env, MARSAD_PG_TEST_DIR: clusterDir }, stdio: 'inherit' });
      rmSync(clusterDir, { recursive: true, force: true });
    }
  });

  defineContract('PostgreSQL', async () => {
    const schema = `marsad_v${process.pid}_${++n}`;
    schemas.push(schema);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await admin.end();
    const store = await openStore({ kind: 'postgres', url, schema, postgis: false, poolSize: 2 });
    const violations = await openViolationStore({ kind: 'postgres', url, schema, poolSize: 2 });
    return { store, violations };
  });
}
