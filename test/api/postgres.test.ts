import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestPostgres } from '../support/postgres.js';
import { apiFixture, bearer, INCIDENTS, type ApiFixture } from './fixtures.js';

const hasBinaries = existsSync('/usr/lib/postgresql')
  && readdirSync('/usr/lib/postgresql').some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin/initdb')));
const available = Boolean(process.env['MARSAD_TEST_PG_URL']) || hasBinaries;
if (!available) {
  const reason = 'no PostgreSQL for the API tests: set MARSAD_TEST_PG_URL, or install the server (scripts/pg-test-server.sh install)';
  if (process.env['CI'] === 'true') throw new Error(reason);
  console.warn(`SKIPPING: ${reason}`);
}

/** The same API on PostgreSQL: store, monitor, review, access and coordination tables in one schema. */
describe.skipIf(!available)('the API on PostgreSQL', () => {
  const server = useTestPostgres('marsad-api-pg-');
  let f: ApiFixture;
  beforeAll(async () => {
    const schema = server.newSchema('marsad_api_t');
    f = await apiFixture(() => ({ kind: 'postgres', url: server.url, schema, poolSize: 4, postgis: false }));
  }, 180_000);
  afterAll(async () => { await f?.cleanup(); });

  const get = (url: string, key = f.keys.viewer) => f.app.inject({ url, headers: bearer(key) });
  const post = (url: string, payload: object, key = f.keys.analyst) => f.app.inject({ method: 'POST', url, payload, headers: bearer(key) });

  it('health, keys and roles', async () => {
    expect((await f.app.inject({ url: '/api/health' })).json()).toMatchObject({ ok: true, store: 'postgres', counts: { incidents: INCIDENTS + 2 } });
    expect((await get('/api/me', f.keys.turkey)).json()).toEqual({ user: 'tariq', role: 'liaison', party: 'turkey' });
    expect((await f.app.inject({ url: '/api/events' })).statusCode).toBe(401);
    expect((await post('/api/incidents/inc-01/confirm', {}, f.keys.viewer)).statusCode).toBe(403);
  });

  it('pages of incidents with violation counts', async () => {
    const ids: string[] = [];
    let next: string | null = null;
    let pages = 0;
    do {
      const r = await get(`/api/incidents?limit=5${next ? `&cursor=${encodeURIComponent(next)}` : ''}`);
      const page = r.json() as { items: { id: string; violations: number }[]; next: string | null };
      ids.push(...page.items.map((i) => i.id));
      if (pages === 0) expect(page.items.find((i) => i.id === 'inc-12')?.violations).toBe(1);
      next = page.next;
      pages++;
    } while (next !== null);
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(INCIDENTS + 2);
  });

  it('review with audit, then the reviewed listing', async () => {
    const r = await post('/api/incidents/inc-06/correct', { changes: { fatalities: 11 } });
    expect(r.statusCode, r.body).toBe(200);
    const audit = (await get('/api/audit', f.keys.admin)).json() as { items: { action: string; user: string; after: { fatalities: number }[] }[] };
    expect(audit.items[0]).toMatchObject({ action: 'POST /api/incidents/:id/correct', user: 'ana' });
    expect(audit.items[0]!.after[0]!.fatalities).toBe(11);
    const corrected = (await get('/api/incidents?review=corrected')).json() as { items: { id: string }[] };
    expect(corrected.items.map((i) => i.id)).toEqual(['inc-06']);
  });

  it("coordination: a liaison sees only its party's private items", async () => {
    const filed = await post('/api/coordination', { subject: { kind: 'incident', incident_id: 'inc-03' }, text: 'private' }, f.keys.turkey);
    expect(filed.statusCode, filed.body).toBe(200);
    const id = (filed.json() as { item: { id: string } }).item.id;
    const seen = async (key: string) => ((await get('/api/coordination', key)).json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(await seen(f.keys.turkey)).toEqual([id]);
    expect(await seen(f.keys.russia)).toEqual([]);
    expect(await seen(f.keys.viewer)).toEqual([]);
    expect(await seen(f.keys.admin)).toEqual([id]);
  });

  it('monitor reads: violations, control, alerts', async () => {
    expect(((await get('/api/violations?agreement=test-zone&limit=50')).json() as { items: unknown[] }).items).toHaveLength(INCIDENTS + 1);
    const control = (await get('/api/control?date=2019-06-30')).json() as { places: { controller: string }[] };
    expect(control.places.map((p) => p.controller)).toEqual(['syria-government-forces']);
    expect(((await get('/api/alerts')).json() as { items: unknown[] }).items.length).toBeGreaterThan(0);
  });
});
