import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReviewError, type ReviewService } from '../../src/review/types.js';
import { startServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import { fixture, makeIncident } from '../store/fixtures.js';
import { apiFixture, bearer, type ApiFixture } from './fixtures.js';

let f: ApiFixture;
beforeAll(async () => { f = await apiFixture(); }, 120_000);
afterAll(async () => { await f?.cleanup(); });

describe('rate limits', () => {
  it('each key has its own budget; over it, a JSON 429', async () => {
    const app = await f.another({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
    const call = (key: string) => app.inject({ url: '/api/me', headers: bearer(key) });
    for (let i = 0; i < 3; i++) expect((await call(f.keys.viewer)).statusCode).toBe(200);
    const over = await call(f.keys.viewer);
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: { code: 'rate-limited' } });
    expect((over.json() as { error: { message: string } }).error.message).toMatch(/3 requests per 60 s/);
    // Another key is not affected.
    expect((await call(f.keys.analyst)).statusCode).toBe(200);
  });
});

describe('the dashboard files', () => {
  it('serves the web root, falls back to index.html for the dashboard routes, never for /api', async () => {
    const web = join(f.home, 'web');
    mkdirSync(join(web, 'assets'), { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Marsad</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    const app = await f.another({ webRoot: web, tileUrl: 'https://tiles.example/{z}/{x}/{y}.png' });
    const root = await app.inject({ url: '/' });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>Marsad</title>');
    expect((await app.inject({ url: '/assets/app.js' })).body).toBe('console.log(1)');
    const deep = await app.inject({ url: '/incidents/inc-01?lang=ar' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>Marsad</title>');
    const api = await app.inject({ url: '/api/missing' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'not-found' } });
    expect((await app.inject({ url: '/api/config' })).json()).toMatchObject({ tileUrl: 'https://tiles.example/{z}/{x}/{y}.png', publicReads: false });
  });
});

describe('review errors from the service', () => {
  it('not-found, conflict and invalid become 404, 409 and 400', async () => {
    const fail = (code: 'not-found' | 'conflict' | 'invalid') => async (): Promise<never> => { throw new ReviewError(code, `${code} from the service`); };
    const fake: ReviewService = {
      confirm: fail('not-found'), correct: fail('invalid'), reject: fail('conflict'), merge: fail('conflict'), split: fail('invalid'),
      get: async () => null, history: async () => [], accuracy: fail('invalid'), reapply: async () => ({ reapplied: 0 }), close: async () => undefined,
    };
    const app = await f.another({ review: fake });
    const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, headers: bearer(f.keys.analyst) });
    expect((await post('/api/incidents/inc-01/confirm', {})).statusCode).toBe(404);
    const r = await post('/api/incidents/inc-01/reject', {});
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({ error: { code: 'conflict', message: 'conflict from the service' } });
    expect((await post('/api/incidents/merge', { ids: ['inc-01', 'inc-02'] })).statusCode).toBe(409);
    expect((await post('/api/incidents/inc-01/correct', { changes: { fatalities: 1 } })).statusCode).toBe(400);
    // Nothing was written, so nothing was audited.
    const audit = await app.inject({ url: '/api/audit', headers: bearer(f.keys.admin) });
    expect((audit.json() as { items: { action: string }[] }).items.filter((e) => e.action.startsWith('POST /api/incidents'))).toHaveLength(0);
  });
});

interface SseEvent { event: string; data: unknown }

/** Connect to the stream and collect events until `until` says enough (or the time runs out). */
function readStream(url: string, key: string, until: (events: SseEvent[]) => boolean, onOpen: () => Promise<void>, timeoutMs = 10_000): Promise<SseEvent[]> {
  return new Promise((resolve, reject) => {
    const events: SseEvent[] = [];
    // As a browser's EventSource does: no headers, the key in the query.
    const req = request(`${url}/api/stream?key=${encodeURIComponent(key)}`, (res) => {
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/event-stream/);
      let buf = '';
      let opened = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        let i: number;
        while ((i = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          if (block.startsWith(': ready') && !opened) {
            opened = true;
            onOpen().catch(reject);
          }
          const ev = /^event: (.+)$/m.exec(block);
          const data = /^data: (.+)$/m.exec(block);
          if (ev && data) events.push({ event: ev[1]!, data: JSON.parse(data[1]!) });
          if (until(events)) {
            clearTimeout(timer);
            req.destroy();
            resolve(events);
            return;
          }
        }
      });
    });
    const timer = setTimeout(() => { req.destroy(); reject(new Error(`stream: timed out with ${JSON.stringify(events)}`)); }, timeoutMs);
    req.on('error', (err) => { if (!req.destroyed) reject(err); });
    req.end();
  });
}

describe('the live stream and the server', () => {
  it('startServer listens on loopback and close() stops it', async () => {
    const server = await startServer({ storeConfig: f.storeConfig, home: f.home, port: 0, webRoot: null });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    await server.close();
    await expect(fetch(`${server.url}/api/health`)).rejects.toThrow();
  });

  it('pushes incidents and alerts written by another process (another connection), and stops polling when the client leaves', async () => {
    const app = await f.another({ streamPollMs: 100, heartbeatMs: 200 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    {
      const events = await readStream(url, f.keys.viewer, (evs) => evs.some((e) => e.event === 'incident') && evs.some((e) => e.event === 'alert'), async () => {
        // A writer of its own, as a CLI ingest would be.
        const other = await openStore(f.storeConfig);
        try {
          const d = fixture('d40', [{ date: ['2019-07-01', '2019-07-01'] }], { published: '2019-07-01' });
          await other.putDocument(d.doc, d.text, d.events);
          await other.putIncident(makeIncident('inc-40', ['d40#1'], { date: { start: '2019-07-01', end: '2019-07-01' } }));
        } finally {
          await other.close();
        }
        const { openMonitorDb } = await import('../../src/monitor/alerts/monitor-db.js');
        const { AlertOutbox } = await import('../../src/monitor/alerts/outbox.js');
        const db = openMonitorDb(f.storeConfig);
        try {
          const outbox = await AlertOutbox.open(db);
          await outbox.enqueue([{
            id: 'test-alert-1', kind: 'post-attacked', day: '2019-07-01', agreement_id: 'test-zone', message: 'test', incident_ids: ['inc-40'],
            posts: [], incident: { id: 'inc-40', sub_event_type: 'Air/drone strike', grade: 'single-source', lat: 35.4, lon: 36.5, date: { start: '2019-07-01', end: '2019-07-01' }, fatalities: null, actor_ids: [] },
          }]);
        } finally {
          await db.close();
        }
      });
      const inc = events.find((e) => e.event === 'incident')!.data as { id: string; change: string; summary: { sub_event_type: string } };
      expect(inc).toMatchObject({ id: 'inc-40', change: 'new', summary: { sub_event_type: 'Air/drone strike' } });
      expect(events.find((e) => e.event === 'alert')!.data).toMatchObject({ id: 'test-alert-1', kind: 'post-attacked' });
      // No incident from before the connection was pushed.
      expect(events.filter((e) => e.event === 'incident').map((e) => (e.data as { id: string }).id)).toEqual(['inc-40']);
    }
    // The client is gone: its listener is removed and the poller stops.
    for (let i = 0; i < 50 && app.changeFeed.listenerCount > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(app.changeFeed.listenerCount).toBe(0);
  }, 30_000);

  it('the stream needs a key like any read', async () => {
    const r = await f.app.inject({ url: '/api/stream' });
    expect(r.statusCode).toBe(401);
  });
});

describe('the daily report as PDF', () => {
  it.skipIf(!existsSync('/usr/bin/chromium'))('is rendered through headless Chromium', async () => {
    const r = await f.app.inject({ url: `/api/reports/daily?date=2019-06-03&lang=ar&format=pdf&key=${encodeURIComponent(f.keys.viewer)}` });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);
});
