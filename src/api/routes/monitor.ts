import type { FastifyInstance } from 'fastify';
import { agreementGeoJson } from '../../monitor/agreements/serialise.js';
import { boxOf, containsPoint } from '../../monitor/agreements/geometry.js';
import { addDays } from '../../monitor/escalation/days.js';
import { zoneUnitId } from '../../monitor/escalation/units.js';
import type { Agreement } from '../../monitor/types.js';
import type { ApiContext } from '../context.js';
import { notFound } from '../errors.js';
import { alertsQuery, controlQuery, escalationQuery, idParams, noQuery, parse, violationsQuery } from '../schemas.js';
import { offsetOf, offsetPage, routeOptions } from './route-options.js';

function agreementSummary(a: Agreement) {
  return {
    id: a.id, name: a.name, description: a.description, approximation: a.approximation, parties: a.parties, guarantors: a.guarantors,
    effective: a.effective, zones: a.zones.length, posts: a.posts.length, rules: a.rules.length,
  };
}

/** Inside one of the agreement's zones, or within the radius of one of its posts. */
function withinAgreement(a: Agreement): (lon: number, lat: number) => boolean {
  const zones = a.zones.map((z) => ({ g: z.geometry, box: boxOf(z.geometry) }));
  return (lon, lat) => zones.some((z) => containsPoint(z.g, z.box, lon, lat)) ||
    a.posts.some((p) => haversineKm(p.lat, p.lon, lat, lon) <= p.radius_km);
}

function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * r) / 2) ** 2 + Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 12742 * Math.asin(Math.sqrt(a));
}

const DEFAULT_SERIES_DAYS = 90;

/** Agreements, violations, control of territory, the escalation index and alerts: the monitor's record. */
export function registerMonitorRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const tags = ['monitor'];

  async function agreementOr404(id: string): Promise<Agreement> {
    const a = await ctx.agreement(id);
    if (!a) throw notFound(`no agreement ${id} (have: ${(await ctx.agreements()).map((x) => x.id).join(', ') || 'none'})`);
    return a;
  }

  app.get('/api/agreements', routeOptions({ summary: 'The agreements monitored', tags, access: 'read', query: noQuery }), async (req) => {
    parse(noQuery, req.query, 'query');
    return { items: (await ctx.agreements()).map(agreementSummary), next: null };
  });

  app.get('/api/agreements/:id', routeOptions({
    summary: 'One agreement: parties, rules, zones and posts (also as GeoJSON), and its violations by party and rule',
    tags, access: 'read', params: idParams, query: noQuery,
  }), async (req) => {
    const { id } = parse(idParams, req.params, 'path');
    parse(noQuery, req.query, 'query');
    const a = await agreementOr404(id);
    const summary = await (await ctx.violations()).summary({ agreement: a.id });
    return { ...a, geojson: agreementGeoJson(a), violations: summary };
  });

  app.get('/api/violations', routeOptions({ summary: 'Violations, newest first', tags, access: 'read', query: violationsQuery }), async (req) => {
    const q = parse(violationsQuery, req.query, 'query');
    const offset = offsetOf(q.cursor);
    const limit = q.limit ?? 100;
    const all = await (await ctx.violations()).list({
      ...(q.agreement ? { agreement: q.agreement } : {}), ...(q.party ? { party: q.party } : {}), ...(q.rule ? { rule: q.rule } : {}),
      ...(q.incident ? { incident: q.incident } : {}), ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}),
      limit: offset + limit + 1,
    });
    return offsetPage(all, offset, limit);
  });

  app.get('/api/control', routeOptions({
    summary: 'Who holds each place with a reported change of control, on a date', tags, access: 'read', query: controlQuery,
  }), async (req) => {
    const q = parse(controlQuery, req.query, 'query');
    const inside = q.agreement ? withinAgreement(await agreementOr404(q.agreement)) : null;
    const map = await (await ctx.control()).controlMap(q.date, q.bbox);
    const places = map.filter((c) => inside === null || inside(c.place.lon, c.place.lat)).map((c) => ({
      place_id: c.place.key, name: c.place.name, name_ar: c.place.name_ar, lon: c.place.lon, lat: c.place.lat,
      admin1: c.place.admin1, status: c.status, controller: c.holder, holders: c.holders, since: c.since,
      in_transition: c.in_transition,
      confidence: c.claims.reduce((m, x) => Math.max(m, x.confidence), 0),
      previous: c.previous,
      claims: c.claims.map((x) => ({ id: x.id, holder: x.holder, from_actor: x.from_actor, since: x.since, grade: x.grade, sources: x.sources, evidence: x.evidence, event_ids: x.event_ids })),
    }));
    return { date: q.date, agreement: q.agreement ?? null, places };
  });

  app.get('/api/escalation', routeOptions({
    summary: 'The escalation index per day: one unit, the zones of an agreement, or every unit computed',
    tags, access: 'read', query: escalationQuery,
  }), async (req) => {
    const q = parse(escalationQuery, req.query, 'query');
    const to = q.to ?? new Date().toISOString().slice(0, 10);
    const from = q.from ?? addDays(to, -(DEFAULT_SERIES_DAYS - 1));
    const repo = await ctx.escalation();
    const known = await repo.units();
    let units = known;
    if (q.unit) {
      units = known.filter((u) => u.id === q.unit);
      if (units.length === 0) throw notFound(`no escalation unit ${q.unit} (computed: ${known.map((u) => u.id).slice(0, 20).join(', ') || 'none'})`);
    } else if (q.agreement) {
      const a = await agreementOr404(q.agreement);
      const ids = new Set(a.zones.map((z) => zoneUnitId(a.id, z.id)));
      units = known.filter((u) => ids.has(u.id));
    }
    const series = [];
    for (const u of units) {
      const days = await repo.series(u.id, from, to);
      series.push({
        unit: u,
        points: days.map((d) => ({ date: d.day, score: d.score, index: d.index, baseline: d.baseline, crossed: d.crossed, incident_ids: d.incident_ids })),
      });
    }
    return { from, to, series };
  });

  app.get('/api/alerts', routeOptions({ summary: 'Alerts, newest day first, with their deliveries', tags, access: 'read', query: alertsQuery }), async (req) => {
    const q = parse(alertsQuery, req.query, 'query');
    const offset = offsetOf(q.cursor);
    const limit = q.limit ?? 100;
    const all = await (await ctx.outbox()).list({
      ...(q.from ? { from: q.from } : {}), ...(q.to ? { to: q.to } : {}), ...(q.kind ? { kind: q.kind } : {}),
      ...(q.agreement ? { agreement_id: q.agreement } : {}), limit: Math.min(10000, offset + limit + 1),
    });
    return offsetPage(all, offset, limit);
  });
}
