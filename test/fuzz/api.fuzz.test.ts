import { join } from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFixture, bearer, type ApiFixture } from '../api/fixtures.js';
import { dumpStore, type StoreDump } from '../store/ingest/dump-store.js';
import { fcOptions } from './arbitraries.js';

/**
 * The HTTP API under hostile requests: injection strings in every filter, path traversal and
 * junk in ids, wrong types, huge bodies and prototype-pollution keys in bodies. Each answer is
 * a 2xx with the documented shape or a 4xx JSON error — never a 5xx, never a change to what is
 * stored, never a polluted Object.prototype.
 */

let f: ApiFixture;
let dbPath: string;
let before: StoreDump;

beforeAll(async () => {
  f = await apiFixture();
  dbPath = join(f.home, 'marsad.db');
  before = dumpStore(dbPath);
}, 120_000);
afterAll(async () => {
  await f?.cleanup();
});

type Who = 'admin' | 'analyst' | 'viewer';

async function request(method: 'GET' | 'POST', url: string, opts: { body?: unknown; raw?: string; who?: Who; contentType?: string } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...bearer(f.keys[opts.who ?? 'analyst']) };
  if (opts.contentType) headers['content-type'] = opts.contentType;
  return f.app.inject({
    method,
    url,
    headers,
    ...(opts.raw !== undefined ? { payload: opts.raw } : opts.body !== undefined ? { payload: opts.body as object } : {}),
  });
}


/** A safe answer: not a server error; an error is {error: {code, message}} JSON. */
function checkSafe(r: LightMyRequestResponse, what: string): void {
  if (r.statusCode >= 500) throw new Error(`${what}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  if (r.statusCode >= 400) {
    let body: { error?: { code?: unknown; message?: unknown }; code?: unknown };
    try {
      body = r.json();
    } catch {
      throw new Error(`${what}: ${r.statusCode} with a body that is not JSON: ${r.body.slice(0, 200)}`);
    }
    if (typeof body.error?.code !== 'string' || typeof body.error?.message !== 'string') {
      throw new Error(`${what}: ${r.statusCode} error body without {error: {code, message}}: ${r.body.slice(0, 200)}`);
    }
  }
}

const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE events; --",
  "x' UNION SELECT id, record FROM documents --",
  '"); DELETE FROM incidents; --',
  '%',
  '_',
  '*',
  'NEAR(a b)',
  '"unbalanced',
  'a AND OR NOT',
  '{"$gt": ""}',
  '__proto__',
  'constructor',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '<script>alert(1)</script>',
  '\u0000',
  '\u0001\u001b[2J\u0007',
  '\u202eevil',
  'ر'.repeat(5000),
  'x'.repeat(70_000),
  '-1',
  '9'.repeat(400),
  'NaN',
  '2019-02-30',
  '1e309',
];

const LIST_ROUTES: Array<{ path: string; params: string[] }> = [
  { path: '/api/events', params: ['from', 'to', 'bbox', 'admin1', 'admin2', 'actor', 'type', 'sub_type', 'source', 'text', 'limit', 'cursor'] },
  { path: '/api/incidents', params: ['from', 'to', 'bbox', 'actor', 'type', 'grade', 'review', 'text', 'limit', 'cursor'] },
  { path: '/api/documents', params: ['text', 'limit', 'cursor'] },
  { path: '/api/search', params: ['q'] },
  { path: '/api/violations', params: ['agreement', 'party', 'rule', 'from', 'to', 'limit', 'cursor'] },
  { path: '/api/alerts', params: ['limit', 'cursor'] },
  { path: '/api/control', params: ['date', 'agreement'] },
  { path: '/api/escalation', params: ['agreement', 'unit', 'from', 'to'] },
  { path: '/api/export', params: ['format', 'from', 'to', 'text', 'bbox'] },
];

describe('query strings', () => {
  it('injection strings in every filter of every listing give 2xx or a 4xx JSON error', async () => {
    const failures: string[] = [];
    for (const route of LIST_ROUTES) {
      for (const param of route.params) {
        for (const value of INJECTIONS) {
          const url = `${route.path}?${param}=${encodeURIComponent(value)}`;
          const r = await request('GET', url, { who: 'viewer' });
          try {
            checkSafe(r, `GET ${route.path}?${param}=${JSON.stringify(value.slice(0, 40))}`);
            if (r.statusCode === 200 && route.path !== '/api/export' && route.path !== '/api/control' && route.path !== '/api/escalation') {
              const body = r.json() as Record<string, unknown>;
              if (route.path !== '/api/search' && !Array.isArray(body['items'])) failures.push(`${url.slice(0, 80)}: 200 without items`);
            }
          } catch (err) {
            failures.push((err as Error).message);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('random bytes, percent-encoded (invalid UTF-8 included), as filter values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...LIST_ROUTES),
        fc.uint8Array({ maxLength: 60 }),
        fc.nat(),
        async (route, bytes, k) => {
          const param = route.params[k % route.params.length]!;
          const value = Array.from(bytes, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
          checkSafe(await request('GET', `${route.path}?${param}=${value}&${param}=${value}`, { who: 'viewer' }), `${route.path}?${param}=${value}`);
        },
      ),
      fcOptions(150),
    );
  });
});

describe('ids in paths', () => {
  const IDS = ['..%2F..%2Fetc%2Fpasswd', '..', '%2e%2e', '%00', '__proto__', 'constructor', 'prototype', "1'%20OR%20'1'%3D'1", 'x'.repeat(5000), '%E2%80%AE', '%ff%fe', 'inc-01%23x'];
  const ROUTES = ['/api/events/', '/api/incidents/', '/api/documents/', '/api/agreements/', '/api/incidents/{id}/reviews', '/api/boundaries/'];

  it('traversal and junk ids give 404/400 JSON errors', async () => {
    const failures: string[] = [];
    for (const r of ROUTES) {
      for (const id of IDS) {
        const url = r.includes('{id}') ? r.replace('{id}', id) : `${r}${id}`;
        const res = await request('GET', url, { who: 'viewer' });
        try {
          checkSafe(res, `GET ${url.slice(0, 80)}`);
          if (res.statusCode === 200) failures.push(`GET ${url.slice(0, 80)}: 200 for a junk id: ${res.body.slice(0, 100)}`);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('bodies', () => {
  // Raw JSON text: 1e999 parses to Infinity, which JSON.stringify could not write.
  const WRITES: Array<{ url: string; bodies: string[] }> = [
    {
      url: '/api/incidents/inc-01/confirm',
      bodies: ['{"note": 123}', '{"note": ["a"]}', '{"note": {"$ne": null}}', '"not an object"', '[]', '42', '{"note": 1e999}'],
    },
    {
      url: '/api/incidents/inc-01/correct',
      bodies: [
        '{}', '{"changes": "x"}', '{"changes": {"fatalities": "many"}}', '{"changes": {"fatalities": -5}}', '{"changes": {"fatalities": 1e999}}',
        '{"changes": {"fatalities": 2.5}}', '{"changes": {"date": {"start": "2019-13-45", "end": "x"}}}',
        '{"changes": {"event_type": "\'; DROP TABLE incidents; --"}}', '{"changes": {"location": {"lat": 999, "lon": -999}}}', '{"changes": []}',
      ],
    },
    { url: '/api/incidents/inc-01/reject', bodies: ['{"note": 5}', '"x"', '[1]'] },
    {
      url: '/api/incidents/inc-20/split',
      bodies: ['{}', '{"groups": "x"}', '{"groups": [[1, 2]]}', '{"groups": []}', '{"groups": [["d20#1"], ["d20#1"]]}', '{"groups": [["nope"], ["d20#2"]]}'],
    },
    {
      url: '/api/incidents/merge',
      bodies: ['{}', '{"ids": "inc-01"}', '{"ids": [1, 2]}', '{"ids": []}', '{"ids": ["inc-01"]}', '{"ids": ["inc-01", "inc-01"]}', '{"ids": ["inc-01", "../../etc"]}'],
    },
  ];

  it('wrong types and wrong shapes give 4xx JSON errors', async () => {
    const failures: string[] = [];
    for (const w of WRITES) {
      for (const body of w.bodies) {
        const raw = body;
        const r = await request('POST', w.url, { raw, contentType: 'application/json' });
        try {
          checkSafe(r, `POST ${w.url} ${raw}`);
          if (r.statusCode < 400) failures.push(`POST ${w.url} ${raw}: accepted with ${r.statusCode}`);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('invalid JSON, a wrong content type and an empty body give 4xx JSON errors', async () => {
    for (const [raw, type] of [['{"note": ', 'application/json'], ['note=x', 'application/x-www-form-urlencoded'], ['', 'application/json'], ['\u0000\u0001', 'application/json'], ['<xml/>', 'text/xml']] as const) {
      const r = await request('POST', '/api/incidents/inc-01/confirm', { raw, contentType: type });
      checkSafe(r, `POST confirm ${JSON.stringify(raw)} as ${type}`);
      expect(r.statusCode, `${JSON.stringify(raw)} as ${type}`).toBeGreaterThanOrEqual(400);
    }
  });

  it('a 20 MB body is refused with 413, not read into memory', async () => {
    const raw = JSON.stringify({ note: 'x'.repeat(20 * 1024 * 1024) });
    const r = await request('POST', '/api/incidents/inc-01/confirm', { raw, contentType: 'application/json' });
    checkSafe(r, 'POST confirm 20 MB');
    expect(r.statusCode).toBe(413);
  });

  it('prototype-pollution keys in bodies pollute nothing and are refused or ignored', async () => {
    const bodies = [
      '{"__proto__": {"polluted": "yes"}, "note": "x"}',
      '{"constructor": {"prototype": {"polluted": "yes"}}}',
      '{"changes": {"__proto__": {"polluted": "yes"}}}',
      '{"ids": ["inc-01", "inc-02"], "__proto__": {"role": "admin"}}',
    ];
    for (const raw of bodies) {
      for (const url of ['/api/incidents/nope/confirm', '/api/incidents/nope/correct', '/api/incidents/merge']) {
        const r = await request('POST', url, { raw, contentType: 'application/json', who: 'viewer' });
        checkSafe(r, `POST ${url} ${raw}`);
        // A viewer may not write, whatever the body claims.
        expect(r.statusCode, `${url} ${raw}`).toBeGreaterThanOrEqual(400);
      }
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['role']).toBeUndefined();
  });

  it('control characters and a 70 KB note to a missing incident are a 4xx (too long or not found), not a 500', async () => {
    const long = await request('POST', '/api/incidents/no-such-incident/confirm', { body: { note: `\u0000\u0007'; DROP TABLE incidents; --${'ش'.repeat(35_000)}` } });
    checkSafe(long, 'confirm missing, long note');
    expect([400, 404, 413]).toContain(long.statusCode);
    const short = await request('POST', '/api/incidents/no-such-incident/confirm', { body: { note: "\u0000\u0007'; DROP TABLE incidents; --" } });
    checkSafe(short, 'confirm missing');
    expect(short.statusCode).toBe(404);
  });
});

describe('what is stored', () => {
  it('is byte for byte what it was before the hostile requests', () => {
    const after = dumpStore(dbPath);
    expect(after).toEqual(before);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
