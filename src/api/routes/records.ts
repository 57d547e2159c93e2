import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { exportEvents } from '../../store/export/index.js';
import { resolveEventFilter } from '../../store/filter.js';
import { MAX_PAGE_LIMIT } from '../../store/types.js';
import type { ApiContext } from '../context.js';
import { notFound } from '../errors.js';
import { incidentViews, listIncidentViews, violationsOf } from '../incident-views.js';
import {
  documentsQuery, eventFilterOf, eventQuery, exportQuery, idParams, incidentFilterOf, incidentQuery, noQuery, parse, searchQuery,
} from '../schemas.js';
import { routeOptions } from './route-options.js';

/** Documents, events and incidents as stored (incidents with their review and violations), search and exports. */
export function registerRecordRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { store } = ctx;

  app.get('/api/documents', routeOptions({ summary: 'Documents whose title or text matches', tags: ['records'], access: 'read', query: documentsQuery }),
    async (req) => {
      const q = parse(documentsQuery, req.query, 'query');
      return store.searchDocuments(q.text, { limit: q.limit ?? 20, cursor: q.cursor ?? null });
    });

  app.get('/api/documents/:id', routeOptions({ summary: 'One document with its original text', tags: ['records'], access: 'read', params: idParams, query: noQuery }),
    async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      parse(noQuery, req.query, 'query');
      const doc = await store.getDocument(id);
      if (!doc) throw notFound(`no document ${id}`);
      return doc;
    });

  app.get('/api/events', routeOptions({ summary: 'Events, filtered, newest first', tags: ['records'], access: 'read', query: eventQuery }),
    async (req) => {
      const q = parse(eventQuery, req.query, 'query');
      return store.listEvents(eventFilterOf(q), { limit: q.limit ?? 100, cursor: q.cursor ?? null });
    });

  app.get('/api/events/:id', routeOptions({ summary: 'One event with its evidence', tags: ['records'], access: 'read', params: idParams, query: noQuery }),
    async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      parse(noQuery, req.query, 'query');
      const e = await store.getEvent(id);
      if (!e) throw notFound(`no event ${id}`);
      return e;
    });

  app.get('/api/incidents', routeOptions({
    summary: 'Incidents, filtered, newest first, with review status and violation count', tags: ['records'], access: 'read', query: incidentQuery,
  }), async (req) => {
    const q = parse(incidentQuery, req.query, 'query');
    return listIncidentViews(ctx, incidentFilterOf(q), q.limit ?? 100, q.cursor ?? null, q.review ?? null);
  });

  app.get('/api/incidents/:id', routeOptions({
    summary: 'One incident: the reviewed record, the machine version, its events with evidence, its violations',
    tags: ['records'], access: 'read', params: idParams, query: noQuery,
  }), async (req) => {
    const { id } = parse(idParams, req.params, 'path');
    parse(noQuery, req.query, 'query');
    const incident = await store.getIncident(id);
    if (!incident) throw notFound(`no incident ${id}`);
    const [reviewed, events, violations] = await Promise.all([
      ctx.review.get(id),
      store.listEvents({ incident_id: id }, { limit: MAX_PAGE_LIMIT }),
      violationsOf(ctx, id),
    ]);
    return {
      incident,
      review: { status: reviewed?.status ?? 'unreviewed', machine: reviewed?.machine ?? null, last_action: reviewed?.last_action ?? null },
      events: events.items,
      violations,
    };
  });

  app.get('/api/search', routeOptions({ summary: 'First pages of matching events, incidents and documents', tags: ['records'], access: 'read', query: searchQuery }),
    async (req) => {
      const q = parse(searchQuery, req.query, 'query');
      const page = { limit: q.limit ?? 20 };
      const [events, incidents, documents] = await Promise.all([
        store.listEvents({ text: q.q }, page),
        store.listIncidents({ text: q.q }, page),
        store.searchDocuments(q.q, page),
      ]);
      return { events, incidents: { items: await incidentViews(ctx, incidents.items), next: incidents.next }, documents };
    });

  app.get('/api/export', routeOptions({
    summary: 'Every matching event as JSON lines, ACLED CSV or GeoJSON (streamed)', tags: ['records'], access: 'read', query: exportQuery, queryKey: true,
  }), async (req, res) => {
    const q = parse(exportQuery, req.query, 'query');
    const filter = eventFilterOf({ ...q });
    resolveEventFilter(filter); // a bad filter is a 400 before anything is sent
    const types = { jsonl: ['application/x-ndjson', 'jsonl'], 'acled-csv': ['text/csv', 'csv'], geojson: ['application/geo+json', 'geojson'] } as const;
    const [type, ext] = types[q.format];
    const out = new PassThrough();
    exportEvents(store, q.format, out, filter, { bom: q.bom ?? false }).then(() => out.end(), (err: unknown) => {
      req.log.error({ err }, 'export failed midway');
      out.destroy(err as Error);
    });
    return res.type(`${type}; charset=utf-8`).header('content-disposition', `attachment; filename="marsad-events.${ext}"`).send(out);
  });
}
