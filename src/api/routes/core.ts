import type { FastifyInstance } from 'fastify';
import type { ApiContext } from '../context.js';
import { auditQuery, noQuery, parse } from '../schemas.js';
import { offsetOf, offsetPage, routeOptions } from './route-options.js';

/** Health, who am I, the dashboard's configuration, the OpenAPI document and the audit log. */
export function registerCoreRoutes(app: FastifyInstance, ctx: ApiContext): void {
  app.get('/api/health', routeOptions({ summary: 'Whether the server and its store answer, with counts', tags: ['meta'], access: 'open', query: noQuery }),
    async (req) => {
      parse(noQuery, req.query, 'query');
      return { ok: true, store: ctx.store.kind, counts: await ctx.store.counts() };
    });

  app.get('/api/me', routeOptions({ summary: 'The caller: user, role and party', tags: ['meta'], access: 'read', query: noQuery }), async (req) => {
    parse(noQuery, req.query, 'query');
    const p = req.principal!;
    return { user: p.user, role: p.role, party: p.party };
  });

  app.get('/api/config', routeOptions({ summary: "The dashboard's settings", tags: ['meta'], access: 'open', query: noQuery }), async (req) => {
    parse(noQuery, req.query, 'query');
    return { tileUrl: ctx.tileUrl, publicReads: ctx.publicReads, version: ctx.version };
  });

  app.get('/api/openapi.json', routeOptions({ summary: 'This OpenAPI document', tags: ['meta'], access: 'open' }), async () => app.swagger());

  app.get('/api/audit', routeOptions({ summary: 'The audit log of writes, newest first', tags: ['meta'], access: 'admin', query: auditQuery }),
    async (req) => {
      const q = parse(auditQuery, req.query, 'query');
      const offset = offsetOf(q.cursor);
      const limit = q.limit ?? 100;
      const items = await ctx.access.auditLog({ ...(q.user ? { user: q.user } : {}), ...(q.since ? { since: q.since } : {}), limit: offset + limit + 1 });
      return offsetPage(items, offset, limit);
    });
}
