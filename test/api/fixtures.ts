import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { AccessRepo } from '../../src/api/access/access-repo.js';
import { buildApp, type ApiOptions } from '../../src/api/app.js';
import { openMonitorDb } from '../../src/monitor/alerts/monitor-db.js';
import { refreshMonitor } from '../../src/monitor/refresh.js';
import { openStore, type StoreConfig } from '../../src/store/open-store.js';
import type { EventStore } from '../../src/store/store.js';
import { fixture, makeIncident } from '../store/fixtures.js';

/**
 * A small monitored record for the API tests, written for them: 12 reports of air strikes on
 * Kafr Nabudah (one incident each, 1–12 June 2019), a 13th reporting that government forces took
 * Qalaat al-Madiq (a change of control), an agreement whose zone covers both with an observation
 * post at Kafr Nabudah, and the monitor refreshed over it (violations, control, escalation, alerts).
 */

export const AGREEMENT_YAML = `id: test-zone
name: Test de-escalation zone
description: A square around north Hama, for the API tests.
approximation: null
parties: [{id: syria-government-forces, name: Government}, {id: syria-opposition, name: Opposition}]
guarantors: [{id: turkey, name: Turkey}, {id: russia, name: Russia}]
effective: {from: "2019-01-01", until: null}
zones:
  - id: z
    name: North Hama
    geometry: {type: Polygon, coordinates: [[[36.2, 35.3], [36.8, 35.3], [36.8, 35.7], [36.2, 35.7], [36.2, 35.3]]]}
posts:
  - {id: op-kafr-nabudah, name: Kafr Nabudah post, lat: 35.432, lon: 36.494, radius_km: 3, held_by: turkey}
rules:
  - {id: no-air-strikes, description: No air strikes in the zone, sub_event_types: [Air/drone strike], scope: {zone: z}}
`;

export const BOUNDARIES = {
  type: 'FeatureCollection',
  features: [{ type: 'Feature', id: 'SY07', properties: { id: 'cod:SY07', level: 1, name: 'Hama', name_ar: 'حماة' },
    geometry: { type: 'Polygon', coordinates: [[[36, 35], [37.5, 35], [37.5, 35.7], [36, 35.7], [36, 35]]] } }],
};

export const INCIDENTS = 12;

export function dayOf(n: number): string {
  return `2019-06-${String(n).padStart(2, '0')}`;
}

export async function seedStore(store: EventStore): Promise<void> {
  for (let n = 1; n <= INCIDENTS; n++) {
    const id = `d${String(n).padStart(2, '0')}`;
    const f = fixture(id, [{ date: [dayOf(n), dayOf(n)], fatalities: n % 4 }],
      { published: dayOf(n), source: n % 2 === 0 ? 'Even News' : 'Odd News', title: `غارة على كفرنبودة ${n}` });
    await store.putDocument(f.doc, f.text, f.events);
    await store.putIncident(makeIncident(`inc-${String(n).padStart(2, '0')}`, [`${id}#1`], { date: { start: dayOf(n), end: dayOf(n) }, fatalities: n % 4 }));
  }
  // Two reports of one strike, kept as one incident that an analyst may split.
  const a = fixture('d20', [{ date: ['2019-06-20', '2019-06-20'] }, { date: ['2019-06-20', '2019-06-20'], place: 'qalaatMadiq' }], { published: '2019-06-20' });
  await store.putDocument(a.doc, a.text, a.events);
  await store.putIncident(makeIncident('inc-20', ['d20#1', 'd20#2'], { date: { start: '2019-06-20', end: '2019-06-20' } }));
  const t = fixture('d30', [{
    sub: 'Government regains territory', place: 'qalaatMadiq', date: ['2019-06-15', '2019-06-15'],
    actor1: { id: 'syria-government-forces', name: 'Military Forces of Syria', text: 'قوات النظام', inter: 1 },
    actor2: { id: 'syria-opposition', name: 'Syrian opposition armed groups', text: 'المعارضة', inter: 2 },
    evidence: 'سيطرت قوات النظام على قلعة المضيق',
  }], { published: '2019-06-15', language: 'ar' });
  await store.putDocument(t.doc, t.text, t.events);
  await store.putIncident(makeIncident('inc-30', ['d30#1'], {
    event_type: 'Battles', sub_event_type: 'Government regains territory', date: { start: '2019-06-15', end: '2019-06-15' },
    actor_ids: ['syria-government-forces', 'syria-opposition'], fatalities: null,
    location: { name: 'Qalaat al-Madiq', name_ar: 'قلعة المضيق', lat: 35.41465, lon: 36.39085, admin1: 'Hama', admin2: 'As-Suqaylabiyah', admin3: null, country: 'SY', geo_precision: 1 },
  }));
}

export interface TestKeys {
  admin: string;
  analyst: string;
  viewer: string;
  turkey: string;
  russia: string;
}

export async function makeUsers(storeConfig: StoreConfig): Promise<TestKeys> {
  const db = openMonitorDb(storeConfig);
  try {
    const repo = await AccessRepo.open(db);
    const key = async (name: string, role: string, party: string | null): Promise<string> => {
      await repo.addUser(name, role, party, 'test');
      return (await repo.createKey(name, null, 'test')).key;
    };
    return {
      admin: await key('ada', 'admin', null),
      analyst: await key('ana', 'analyst', null),
      viewer: await key('vic', 'viewer', null),
      turkey: await key('tariq', 'liaison', 'turkey'),
      russia: await key('roman', 'liaison', 'russia'),
    };
  } finally {
    await db.close();
  }
}

export interface ApiFixture {
  home: string;
  storeConfig: StoreConfig;
  store: EventStore;
  keys: TestKeys;
  app: FastifyInstance;
  /** Another app on the same store, with other options (closed by cleanup). */
  another(opts: Partial<ApiOptions>): Promise<FastifyInstance>;
  cleanup(): Promise<void>;
}

/** A temporary MARSAD_HOME with the fixture store, agreement, boundaries, users, and the app. */
export async function apiFixture(storeConfig?: (home: string) => StoreConfig, opts: Partial<ApiOptions> = {}): Promise<ApiFixture> {
  const home = mkdtempSync(join(tmpdir(), 'marsad-api-'));
  mkdirSync(join(home, 'agreements'), { recursive: true });
  writeFileSync(join(home, 'agreements', 'test-zone.yaml'), AGREEMENT_YAML);
  mkdirSync(join(home, 'gazetteer'), { recursive: true });
  writeFileSync(join(home, 'gazetteer', 'admin1.geojson'), JSON.stringify(BOUNDARIES));
  const config = storeConfig ? storeConfig(home) : { kind: 'sqlite' as const, path: join(home, 'marsad.db') };
  const store = await openStore(config);
  await seedStore(store);
  await refreshMonitor(store, { home, storeConfig: config, deliver: false, log: () => undefined });
  const keys = await makeUsers(config);
  const apps: FastifyInstance[] = [];
  const build = async (o: Partial<ApiOptions>): Promise<FastifyInstance> => {
    const app = await buildApp({ storeConfig: config, home, store, webRoot: null, streamPollMs: 100, keyCacheMs: 0, rateLimit: false, ...opts, ...o });
    apps.push(app);
    return app;
  };
  const app = await build({});
  return {
    home, storeConfig: config, store, keys, app,
    another: build,
    async cleanup() {
      for (const a of apps) await a.close();
      await store.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
