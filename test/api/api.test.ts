import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { apiFixture, bearer, INCIDENTS, type ApiFixture } from './fixtures.js';

let f: ApiFixture;
beforeAll(async () => { f = await apiFixture(); }, 120_000);
afterAll(async () => { await f?.cleanup(); });

type Who = 'admin' | 'analyst' | 'viewer' | 'turkey' | 'russia' | null;

async function get(url: string, who: Who = 'viewer'): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'GET', url, headers: who ? bearer(f.keys[who]) : {} });
}

async function post(url: string, body: unknown, who: Who = 'analyst'): Promise<LightMyRequestResponse> {
  return f.app.inject({ method: 'POST', url, payload: body as object, headers: who ? bearer(f.keys[who]) : {} });
}

function expectError(r: LightMyRequestResponse, status: number, pattern?: RegExp): void {
  expect(r.statusCode, r.body).toBe(status);
  const body = r.json() as { error: { code: string; message: string } };
  expect(typeof body.error.code).toBe('string');
  if (pattern) expect(body.error.message).toMatch(pattern);
}

/** Every item of a paged listing, following `next`; also returns how many pages it took. */
async function allPages<T>(url: string, who: Who = 'viewer'): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let next: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const r = await get(next ? `${url}${sep}cursor=${encodeURIComponent(next)}` : url, who);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { items: T[]; next: string | null };
    items.push(...page.items);
    next = page.next;
    pages++;
  } while (next !== null && pages < 50);
  return { items, pages };
}

describe('authentication and roles', () => {
  it('health needs no key and reports the store and counts', async () => {
    const r = await get('/api/health', null);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ ok: true, store: 'sqlite', counts: { incidents: INCIDENTS + 2, documents: INCIDENTS + 2 } });
  });

  it('a read without a key is 401 when reads are not public; an unknown or malformed key is 401', async () => {
    expectError(await get('/api/events', null), 401, /API key/);
    const bad = await f.app.inject({ url: '/api/events', headers: bearer('mk_000000000000_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx') });
    expectError(bad, 401, /unknown or revoked/);
    const malformed = await f.app.inject({ url: '/api/events', headers: { authorization: 'Basic abc' } });
    expectError(malformed, 401, /Bearer/);
  });

  it('X-API-Key works as well as Authorization: Bearer', async () => {
    const r = await f.app.inject({ url: '/api/me', headers: { 'x-api-key': f.keys.analyst } });
    expect(r.json()).toEqual({ user: 'ana', role: 'analyst', party: null });
  });

  it('/api/me names the liaison and its party', async () => {
    expect((await get('/api/me', 'turkey')).json()).toEqual({ user: 'tariq', role: 'liaison', party: 'turkey' });
  });

  it('with public reads, GETs work without a key but writes never do', async () => {
    const open = await f.another({ publicReads: true });
    const r = await open.inject({ url: '/api/incidents?limit=1' });
    expect(r.statusCode).toBe(200);
    expect((await open.inject({ url: '/api/me' })).json()).toEqual({ user: null, role: 'public', party: null });
    const w = await open.inject({ method: 'POST', url: '/api/incidents/inc-01/confirm', payload: {} });
    expectError(w, 401);
    expectError(await open.inject({ url: '/api/coordination' }), 401, /public access is read-only/);
    expect((await open.inject({ url: '/api/config' })).json()).toMatchObject({ publicReads: true, tileUrl: null });
  });

  it('a viewer or a liaison cannot review (403); an analyst can', async () => {
    expectError(await post('/api/incidents/inc-01/confirm', {}, 'viewer'), 403, /analyst or admin/);
    expectError(await post('/api/incidents/inc-01/confirm', {}, 'turkey'), 403);
    expectError(await post('/api/incidents/inc-01/confirm', {}, null), 401);
  });

  it('the audit log is for admins only', async () => {
    expectError(await get('/api/audit', 'viewer'), 403, /admin/);
    expect((await get('/api/audit', 'admin')).statusCode).toBe(200);
  });
});

describe('documents and events', () => {
  it('documents: search by text, one document with its text, 404, missing text is 400', async () => {
    const r = await get(`/api/documents?text=${encodeURIComponent('كفرنبودة')}&limit=5`);
    expect(r.statusCode, r.body).toBe(200);
    const page = r.json() as { items: { doc: { id: string } }[]; next: string | null };
    expect(page.items).toHaveLength(5);
    expect(page.next).not.toBeNull();
    const one = await get(`/api/documents/${page.items[0]!.doc.id}`);
    expect(one.json()).toMatchObject({ doc: { id: page.items[0]!.doc.id } });
    expect(typeof (one.json() as { text: string }).text).toBe('string');
    expectError(await get('/api/documents/nope'), 404, /no document nope/);
    expectError(await get('/api/documents'), 400, /text/);
  });

  it('events: filters, type as repeated or comma-separated, evidence spans, 404', async () => {
    const battles = (await get('/api/events?type=Battles')).json() as { items: { event: { id: string; event_type: string } }[] };
    expect(battles.items.map((e) => e.event.id)).toEqual(['d30#1']);
    const both = (await get('/api/events?type=Battles,Protests&limit=50')).json() as { items: unknown[] };
    const rep = (await get('/api/events?type=Battles&type=Protests&limit=50')).json() as { items: unknown[] };
    expect(both.items).toEqual(rep.items);
    const june3 = (await get('/api/events?from=2019-06-03&to=2019-06-03')).json() as { items: { event: { id: string } }[] };
    expect(june3.items.map((e) => e.event.id)).toEqual(['d03#1']);
    const boxed = (await get('/api/events?bbox=36.3,35.35,36.45,35.45&limit=50')).json() as { items: { event: { id: string } }[] };
    expect(boxed.items.map((e) => e.event.id).sort()).toEqual(['d20#2', 'd30#1']);
    const src = (await get(`/api/events?source=${encodeURIComponent('Even News')}&limit=50`)).json() as { items: { source: string }[] };
    expect(src.items.length).toBe(6);
    expect(src.items.every((e) => e.source === 'Even News')).toBe(true);
    const one = await get('/api/events/d30%231');
    expect(one.json()).toMatchObject({ event: { id: 'd30#1', evidence: [{ text: 'سيطرت قوات النظام على قلعة المضيق' }] } });
    expectError(await get('/api/events/nope'), 404);
  });

  it('unknown parameters and bad values are 400s that name the parameter', async () => {
    expectError(await get('/api/events?colour=red'), 400, /unknown query parameter "colour"/);
    expectError(await get('/api/events?from=2019-13-01'), 400, /from: expected a date/);
    expectError(await get('/api/events?type=Picnic'), 400, /type: unknown value "Picnic"/);
    expectError(await get('/api/events?bbox=1,2,3'), 400, /bbox/);
    expectError(await get('/api/events?bbox=37,35,36,36'), 400, /bbox/);
    expectError(await get('/api/events?limit=0'), 400, /limit/);
    expectError(await get('/api/events?from=2019-06-10&to=2019-06-01'), 400, /after/);
    expectError(await get('/api/events?cursor=garbage'), 400, /cursor/);
    expectError(await get('/api/events?from=2019-06-01&from=2019-06-02'), 400, /from: give this parameter once/);
    expectError(await get('/api/incidents?grade=excellent'), 400, /grade/);
    expectError(await get('/api/incidents?review=maybe'), 400, /review/);
  });

  it('paginates events over several pages without gaps or repeats', async () => {
    const { items, pages } = await allPages<{ event: { id: string } }>('/api/events?limit=4');
    expect(pages).toBe(4);
    const ids = items.map((e) => e.event.id);
    expect(new Set(ids).size).toBe(15);
  });
});

describe('incidents', () => {
  it('pages of incidents cover every incident once, with review status and violation counts', async () => {
    const { items, pages } = await allPages<{ id: string; review: string; violations: number }>('/api/incidents?limit=5');
    expect(pages).toBe(3);
    expect(items.map((i) => i.id).sort()).toEqual([
      ...Array.from({ length: INCIDENTS }, (_, i) => `inc-${String(i + 1).padStart(2, '0')}`), 'inc-20', 'inc-30',
    ].sort());
    expect(items.every((i) => i.review === 'unreviewed')).toBe(true);
    expect(items.find((i) => i.id === 'inc-03')!.violations).toBe(1);
    expect(items.find((i) => i.id === 'inc-30')!.violations).toBe(0);
  });

  it('filters incidents by type, grade, actor and text', async () => {
    const r = (await get('/api/incidents?type=Battles&actor=syria-government-forces')).json() as { items: { id: string }[] };
    expect(r.items.map((i) => i.id)).toEqual(['inc-30']);
    const g = (await get('/api/incidents?grade=multiple-sources')).json() as { items: { id: string }[] };
    expect(g.items.map((i) => i.id)).toEqual(['inc-20']);
    const t = (await get(`/api/incidents?text=${encodeURIComponent('سيطرت')}`)).json() as { items: { id: string }[] };
    expect(t.items.map((i) => i.id)).toEqual(['inc-30']);
  });

  it('an incident in detail: review state, member events with evidence, violations; 404 when missing', async () => {
    const r = await get('/api/incidents/inc-20');
    expect(r.statusCode).toBe(200);
    const d = r.json() as { incident: { id: string }; review: { status: string }; events: { event: { id: string; evidence: unknown[] } }[]; violations: { rule_id: string }[] };
    expect(d.incident.id).toBe('inc-20');
    expect(d.review.status).toBe('unreviewed');
    expect(d.events.map((e) => e.event.id).sort()).toEqual(['d20#1', 'd20#2']);
    expect(d.events[0]!.event.evidence.length).toBeGreaterThan(0);
    expect(d.violations.map((v) => v.rule_id)).toEqual(['no-air-strikes']);
    expectError(await get('/api/incidents/inc-99'), 404, /no incident inc-99/);
    expectError(await get('/api/incidents/inc-99/reviews'), 404);
  });

  it('search returns first pages of events, incidents and documents; an empty query is 400', async () => {
    const r = (await get(`/api/search?q=${encodeURIComponent('قوات النظام')}`)).json() as Record<string, { items: unknown[] }>;
    expect(r['events']!.items.length).toBe(1);
    expect(r['incidents']!.items.length).toBe(1);
    expect(r['documents']!.items.length).toBe(1);
    expectError(await get('/api/search'), 400, /q/);
  });
});

describe('monitor reads', () => {
  it('agreements: the list, one with GeoJSON and violations by party and rule, 404', async () => {
    const list = (await get('/api/agreements')).json() as { items: { id: string; zones: number }[] };
    expect(list.items).toEqual([expect.objectContaining({ id: 'test-zone', zones: 1, posts: 1 })]);
    const a = (await get('/api/agreements/test-zone')).json() as { geojson: { type: string; features: unknown[] }; violations: { violations: number; by_party: { key: string }[] } };
    expect(a.geojson.type).toBe('FeatureCollection');
    expect(a.geojson.features.length).toBeGreaterThanOrEqual(2);
    expect(a.violations.violations).toBe(INCIDENTS + 1);
    expect(a.violations.by_party[0]!.key).toBe('russia');
    expectError(await get('/api/agreements/nope'), 404, /test-zone/);
  });

  it('violations: filters and pages', async () => {
    const { items, pages } = await allPages<{ incident_id: string }>('/api/violations?agreement=test-zone&limit=5');
    expect(pages).toBe(3);
    expect(items).toHaveLength(INCIDENTS + 1);
    const june = (await get('/api/violations?from=2019-06-01&to=2019-06-05&party=russia')).json() as { items: unknown[] };
    expect(june.items).toHaveLength(5);
    expect(((await get('/api/violations?rule=other')).json() as { items: unknown[] }).items).toHaveLength(0);
    expectError(await get('/api/violations?cursor=abc'), 400, /cursor/);
  });

  it('control on a date: the place taken is held after, unknown before', async () => {
    const after = (await get('/api/control?date=2019-06-30&agreement=test-zone')).json() as { places: { place_id: string; controller: string; lat: number; lon: number; confidence: number; since: unknown }[] };
    expect(after.places).toEqual([expect.objectContaining({ name: 'Qalaat al-Madiq', controller: 'syria-government-forces', since: { start: '2019-06-15', end: '2019-06-15' } })]);
    const before = (await get('/api/control?date=2019-06-01')).json() as { places: unknown[] };
    expect(before.places).toHaveLength(0);
    expectError(await get('/api/control'), 400, /date/);
  });

  it('escalation: series of the agreement zone, of one unit, 404 for an unknown unit', async () => {
    const r = (await get('/api/escalation?agreement=test-zone&from=2019-06-01&to=2019-06-30')).json() as { series: { unit: { id: string }; points: { date: string; index: number }[] }[] };
    expect(r.series.map((s) => s.unit.id)).toEqual(['zone:test-zone/z']);
    expect(r.series[0]!.points.length).toBe(30);
    const one = (await get(`/api/escalation?unit=${encodeURIComponent('admin1:SY/Hama')}&from=2019-06-01&to=2019-06-05`)).json() as { series: { points: unknown[] }[] };
    expect(one.series[0]!.points).toHaveLength(5);
    expectError(await get('/api/escalation?unit=zone:x/y'), 404);
  });

  it('alerts: the post attacked, filtered by kind', async () => {
    const r = (await get('/api/alerts?kind=post-attacked')).json() as { items: { alert: { kind: string; posts: { id: string }[] } }[] };
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items[0]!.alert.posts[0]!.id).toBe('op-kafr-nabudah');
    expectError(await get('/api/alerts?kind=weather'), 400, /kind/);
  });

  it('boundaries from the imported gazetteer; a level not imported is 404, an unknown level 400', async () => {
    const r = await get('/api/boundaries/admin1');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/geo\+json/);
    expect(r.json()).toMatchObject({ type: 'FeatureCollection', features: [{ properties: { name: 'Hama' } }] });
    expectError(await get('/api/boundaries/admin2'), 404, /import/);
    expectError(await get('/api/boundaries/admin9'), 400, /level/);
  });

  it('the daily report as HTML; a bad date is 400', async () => {
    const r = await get('/api/reports/daily?date=2019-06-03&agreement=test-zone&lang=en');
    expect(r.statusCode, r.body.slice(0, 300)).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.body).toContain('<html');
    expectError(await get('/api/reports/daily?date=June'), 400, /date/);
    expectError(await get('/api/reports/daily?date=2019-06-03&format=docx'), 400, /format/);
  });
});

describe('exports', () => {
  it('JSON lines, ACLED CSV and GeoJSON of the filtered events, as downloads', async () => {
    const jsonl = await get('/api/export?format=jsonl&type=Battles');
    expect(jsonl.statusCode).toBe(200);
    expect(jsonl.headers['content-disposition']).toMatch(/attachment; filename="marsad-events.jsonl"/);
    const lines = jsonl.body.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ id: 'd30#1' });
    const csv = await get('/api/export?format=acled-csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.trim().split('\n')).toHaveLength(16);
    const geo = await get('/api/export?format=geojson&from=2019-06-01&to=2019-06-02');
    expect((geo.json() as { features: unknown[] }).features).toHaveLength(2);
    expectError(await get('/api/export?format=xlsx'), 400, /format/);
    // Download links cannot send headers: the key may come in the query, there and only there.
    const linked = await f.app.inject({ url: `/api/export?format=jsonl&type=Battles&key=${encodeURIComponent(f.keys.viewer)}` });
    expect(linked.statusCode).toBe(200);
    expect(linked.body.trim().split('\n')).toHaveLength(1);
    expectError(await f.app.inject({ url: `/api/events?key=${encodeURIComponent(f.keys.viewer)}` }), 401);
    expectError(await f.app.inject({ url: '/api/export?key=mk_nope' }), 401, /unknown or revoked/);
    expectError(await get('/api/export?to=yesterday'), 400, /to/);
  });
});

describe('review through the API', () => {
  it('confirm: the status shows in the listing and the detail, and the write is audited', async () => {
    const r = await post('/api/incidents/inc-01/confirm', { note: 'checked against two sources' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'confirmed', incident: { id: 'inc-01' } });
    const confirmed = (await get('/api/incidents?review=confirmed')).json() as { items: { id: string }[] };
    expect(confirmed.items.map((i) => i.id)).toEqual(['inc-01']);
    const audit = (await get('/api/audit?user=ana', 'admin')).json() as { items: { action: string; target: string; user: string; role: string; at: string; before: { id: string }[]; after: { id: string }[] }[] };
    expect(audit.items[0]).toMatchObject({ action: 'POST /api/incidents/:id/confirm', target: 'incident:inc-01', user: 'ana', role: 'analyst' });
    expect(audit.items[0]!.before[0]!.id).toBe('inc-01');
    expect(audit.items[0]!.after[0]!.id).toBe('inc-01');
    expect(Date.parse(audit.items[0]!.at)).toBeGreaterThan(0);
  });

  it('correct: the corrected fields are stored and the machine version kept; bad bodies are 400', async () => {
    const r = await post('/api/incidents/inc-02/correct', { changes: { fatalities: 9, sub_event_type: 'Shelling/artillery/missile attack' }, note: 'artillery, not air' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'corrected', incident: { fatalities: 9, sub_event_type: 'Shelling/artillery/missile attack' } });
    const d = (await get('/api/incidents/inc-02')).json() as { incident: { fatalities: number }; review: { status: string; machine: { fatalities: number } } };
    expect(d.incident.fatalities).toBe(9);
    expect(d.review.status).toBe('corrected');
    expect(d.review.machine.fatalities).toBe(2);
    expectError(await post('/api/incidents/inc-02/correct', { changes: {} }), 400, /at least one field/);
    expectError(await post('/api/incidents/inc-02/correct', { changes: { fatalities: -1 } }), 400, /fatalities/);
    expectError(await post('/api/incidents/inc-02/correct', { changes: { fatalities: 1 }, colour: 'red' }), 400, /unknown body parameter "colour"/);
    expectError(await post('/api/incidents/inc-02/correct', { changes: { date: { start: '2019-06-05', end: '2019-06-01' } } }), 400, /after/);
  });

  it('reject: the incident is discounted and no longer counts as a violation', async () => {
    expect(((await get('/api/incidents/inc-04')).json() as { violations: unknown[] }).violations).toHaveLength(1);
    const r = await post('/api/incidents/inc-04/reject', { note: 'a rumour' });
    expect(r.statusCode, r.body).toBe(200);
    const d = (await get('/api/incidents/inc-04')).json() as { incident: { grade: string }; review: { status: string }; violations: unknown[] };
    expect(d.incident.grade).toBe('discounted');
    expect(d.review.status).toBe('rejected');
    expect(d.violations).toHaveLength(0);
  });

  it('split and merge; unknown incidents are 404, bad groups 400', async () => {
    const s = await post('/api/incidents/inc-20/split', { groups: [['d20#1'], ['d20#2']] });
    expect(s.statusCode, s.body).toBe(200);
    const parts = s.json() as { incident: { id: string } }[];
    expect(parts).toHaveLength(2);
    const ids = parts.map((p) => p.incident.id);
    const m = await post('/api/incidents/merge', { ids, note: 'one strike after all' });
    expect(m.statusCode, m.body).toBe(200);
    expect((m.json() as { incident: { members: unknown[] } }).incident.members).toHaveLength(2);
    expectError(await post('/api/incidents/inc-99/confirm', {}), 404, /inc-99/);
    expectError(await post('/api/incidents/inc-05/split', { groups: [['d05#1'], ['d99#1']] }), 400, /split/);
    expectError(await post('/api/incidents/merge', { ids: ['inc-05'] }), 400, /at least two/);
    expectError(await post('/api/incidents/merge', { ids: ['inc-05', 'inc-05'] }), 400, /twice/);
  });

  it('the review history of an incident and the accuracy', async () => {
    const h = (await get('/api/incidents/inc-02/reviews')).json() as { kind: string; by: { user: string } }[];
    expect(h.map((a) => a.kind)).toEqual(['correct']);
    expect(h[0]!.by.user).toBe('ana');
    const acc = (await get('/api/review/accuracy')).json() as { reviewed: number; confirmed: number; rejected: number };
    expect(acc.confirmed).toBe(1);
    expect(acc.rejected).toBe(1);
  });

  it('a malformed JSON body is a 400 in the same error shape', async () => {
    const r = await f.app.inject({ method: 'POST', url: '/api/incidents/inc-05/confirm', payload: '{"note":', headers: { ...bearer(f.keys.analyst), 'content-type': 'application/json' } });
    expectError(r, 400);
  });
});

describe('coordination log', () => {
  let privateId = '';
  let sharedId = '';

  it('a liaison files for its party; a viewer may not file (403), an admin must say for whom', async () => {
    const r = await post('/api/coordination', { subject: { kind: 'incident', incident_id: 'inc-03' }, text: 'Private note: checking our post logs.' }, 'turkey');
    expect(r.statusCode, r.body).toBe(200);
    privateId = (r.json() as { item: { id: string; filed_by: { party: string } } }).item.id;
    expect((r.json() as { item: { filed_by: { party: string; user: string } } }).item.filed_by).toEqual({ party: 'turkey', user: 'tariq' });
    const s = await post('/api/coordination', { subject: { kind: 'place', place: 'Kafr Nabudah', date: '2019-06-05' }, text: 'Shelling reported near our post.', share_with: ['russia'] }, 'turkey');
    sharedId = (s.json() as { item: { id: string } }).item.id;
    expectError(await post('/api/coordination', { subject: { kind: 'incident', incident_id: 'inc-03' }, text: 'x' }, 'viewer'), 403, /liaison or admin/);
    expectError(await post('/api/coordination', { subject: { kind: 'incident', incident_id: 'inc-03' }, text: 'x' }, 'admin'), 400, /"as"/);
    expectError(await post('/api/coordination', { subject: { kind: 'incident', incident_id: 'inc-03' }, text: 'x', as: 'russia' }, 'turkey'), 403, /cannot act as russia/);
    expectError(await post('/api/coordination', { subject: { kind: 'moon' }, text: 'x' }, 'turkey'), 400, /subject/);
  });

  it("a liaison sees only its own party's private items; viewers see shared ones; admins all", async () => {
    const ids = async (who: Who) => ((await get('/api/coordination', who)).json() as { items: { id: string }[] }).items.map((i) => i.id).sort();
    expect(await ids('turkey')).toEqual([privateId, sharedId].sort());
    expect(await ids('russia')).toEqual([sharedId]);
    expect(await ids('viewer')).toEqual([sharedId]);
    expect(await ids('admin')).toEqual([privateId, sharedId].sort());
    expectError(await get(`/api/coordination/${privateId}`, 'russia'), 404);
    expectError(await get(`/api/coordination/${privateId}`, 'viewer'), 404);
    expect((await get(`/api/coordination/${privateId}`, 'admin')).statusCode).toBe(200);
    expect((await get(`/api/coordination/${privateId}`, 'turkey')).statusCode).toBe(200);
    const filtered = (await get('/api/coordination?scope=own', 'russia')).json() as { items: unknown[] };
    expect(filtered.items).toHaveLength(0);
    expectError(await get('/api/coordination?scope=own', 'viewer'), 400, /liaison/);
    expectError(await get('/api/coordination', null), 401);
  });

  it('the other party acknowledges and answers; steps out of order are 409; every step is audited', async () => {
    expectError(await post(`/api/coordination/${sharedId}/answer`, { text: 'Looking into it.' }, 'russia'), 409, /acknowledge/);
    expect((await post(`/api/coordination/${sharedId}/ack`, {}, 'russia')).statusCode).toBe(200);
    const a = await post(`/api/coordination/${sharedId}/answer`, { text: 'Our units were not there.' }, 'russia');
    expect(a.json()).toMatchObject({ item: { status: 'answered' } });
    expect((a.json() as { steps: unknown[] }).steps).toHaveLength(3);
    expectError(await post(`/api/coordination/${privateId}/ack`, {}, 'russia'), 404);
    const shared = await post(`/api/coordination/${privateId}/share`, { with: ['russia'] }, 'turkey');
    expect(shared.json()).toMatchObject({ item: { shared_with: ['russia'] } });
    const closed = await post(`/api/coordination/${sharedId}/close`, { note: 'settled', as: 'turkey' }, 'admin');
    expect(closed.json()).toMatchObject({ item: { status: 'closed', closed_by: { party: 'turkey', user: 'ada' } } });
    expectError(await post(`/api/coordination/${sharedId}/close`, {}, 'russia'), 409, /closed/);
    const audit = (await get('/api/audit?limit=20', 'admin')).json() as { items: { action: string; user: string; before: { status: string } | null; after: { status: string } }[] };
    const close = audit.items.find((e) => e.action === 'POST /api/coordination/:id/close')!;
    expect(close).toMatchObject({ user: 'ada', before: { status: 'answered' }, after: { status: 'closed' } });
  });

  it('the coordination and audit listings page with cursors like the others', async () => {
    const coord = await allPages<{ id: string }>('/api/coordination?limit=1', 'admin');
    expect(coord.pages).toBe(2);
    expect(new Set(coord.items.map((i) => i.id)).size).toBe(2);
    const audit = await allPages<{ id: string }>('/api/audit?limit=3', 'admin');
    expect(audit.pages).toBeGreaterThan(2);
    expect(new Set(audit.items.map((i) => i.id)).size).toBe(audit.items.length);
  });
});

describe('the API document, errors and the dashboard files', () => {
  it('the OpenAPI document lists every route, and /api/docs serves the interactive page', async () => {
    const doc = (await get('/api/openapi.json', null)).json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    const routes = [
      ['get', '/api/health'], ['get', '/api/me'], ['get', '/api/config'], ['get', '/api/audit'],
      ['get', '/api/documents'], ['get', '/api/documents/{id}'], ['get', '/api/events'], ['get', '/api/events/{id}'],
      ['get', '/api/incidents'], ['get', '/api/incidents/{id}'], ['post', '/api/incidents/{id}/confirm'],
      ['post', '/api/incidents/{id}/correct'], ['post', '/api/incidents/{id}/reject'], ['post', '/api/incidents/{id}/split'],
      ['post', '/api/incidents/merge'], ['get', '/api/incidents/{id}/reviews'], ['get', '/api/review/accuracy'],
      ['get', '/api/agreements'], ['get', '/api/agreements/{id}'], ['get', '/api/violations'], ['get', '/api/control'],
      ['get', '/api/escalation'], ['get', '/api/alerts'], ['get', '/api/coordination'], ['get', '/api/coordination/{id}'],
      ['post', '/api/coordination'], ['post', '/api/coordination/{id}/share'], ['post', '/api/coordination/{id}/ack'],
      ['post', '/api/coordination/{id}/answer'], ['post', '/api/coordination/{id}/close'], ['get', '/api/search'],
      ['get', '/api/export'], ['get', '/api/boundaries/{level}'], ['get', '/api/reports/daily'], ['get', '/api/stream'],
      ['get', '/api/openapi.json'],
    ] as const;
    for (const [method, path] of routes) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    const events = doc.paths['/api/events']!['get'] as { parameters: { name: string }[] };
    expect(events.parameters.map((p) => p.name)).toEqual(expect.arrayContaining(['from', 'to', 'bbox', 'type', 'limit', 'cursor']));
    const ui = await get('/api/docs', null);
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('an unknown API path is a JSON 404', async () => {
    expectError(await get('/api/nothing-here'), 404, /no route GET \/api\/nothing-here/);
  });
});
