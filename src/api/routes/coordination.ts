import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { CoordActor, CoordItem, CoordItemWithSteps, CoordStatus } from '../../monitor/coordination/types.js';
import type { ApiContext } from '../context.js';
import { ApiError, badRequest, notFound } from '../errors.js';
import {
  coordAckBody, coordAnswerBody, coordCloseBody, coordFileBody, coordShareBody, coordinationQuery, idParams, noQuery, parse,
} from '../schemas.js';
import { audit, offsetOf, offsetPage, routeOptions } from './route-options.js';

/**
 * The liaison officers' channel (src/monitor/coordination). A liaison reads and acts as its own
 * party and sees what its party filed or was shared; an admin sees everything and acts for the
 * party it names; other roles see the items that are shared (never a party's private ones).
 */

interface ItemRow { record: string }

/** A non-liaison's listing straight from the log's tables: everything (admin) or only shared items. */
async function listAll(ctx: ApiContext, sharedOnly: boolean, f: { status?: string[]; incident?: string; agreement?: string; limit: number }): Promise<CoordItem[]> {
  await ctx.coordination(); // creates the tables when the store has none yet
  const statuses = f.status ?? [];
  const params: (string | number)[] = [f.incident ?? '', f.agreement ?? '', f.limit];
  const statusCond = statuses.length > 0 ? `AND i.status IN (${statuses.map((s) => { params.push(s); return `$${params.length}`; }).join(', ')})` : '';
  const rows = await ctx.monitorDb.all<ItemRow>(`SELECT CAST(i.record AS TEXT) AS record FROM coord_items i
    WHERE ($1 = '' OR i.incident_id = $1) AND ($2 = '' OR i.agreement_id = $2) ${statusCond}
      ${sharedOnly ? 'AND EXISTS (SELECT 1 FROM coord_shares s WHERE s.item_id = i.id)' : ''}
    ORDER BY i.created_at DESC, i.id LIMIT $3`, params);
  return rows.map((r) => JSON.parse(r.record) as CoordItem);
}

/** The party a write acts for: a liaison's own; an admin's named in "as". */
function actorOf(req: FastifyRequest, as: string | undefined): CoordActor {
  const p = req.principal;
  if (!p || p.user === null) throw new ApiError(401, 'unauthorized', 'coordination needs an API key');
  if (p.role === 'liaison') {
    if (as !== undefined && as !== p.party) throw new ApiError(403, 'forbidden', `user ${p.user} is the liaison of ${p.party} and cannot act as ${as}`);
    return { party: p.party!, user: p.user };
  }
  if (p.role === 'admin') {
    if (as === undefined) throw badRequest('an admin names the party it acts for: "as": "<party id>"');
    return { party: as, user: p.user };
  }
  throw new ApiError(403, 'forbidden', 'acting in the coordination log needs the liaison or admin role');
}

export function registerCoordinationRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const tags = ['coordination'];

  /** The item as the caller may see it, or a 404 that says nothing about whether it exists. */
  async function showFor(req: FastifyRequest, id: string): Promise<CoordItemWithSteps> {
    const log = await ctx.coordination();
    const p = req.principal!;
    if (p.role === 'liaison') return log.show(id, p.party!);
    const rows = await ctx.monitorDb.all<ItemRow>('SELECT CAST(record AS TEXT) AS record FROM coord_items WHERE id = $1', [id]);
    const item = rows[0] ? (JSON.parse(rows[0].record) as CoordItem) : null;
    if (item === null || (p.role !== 'admin' && item.shared_with.length === 0)) throw notFound(`no coordination item ${id} visible to you`);
    return log.show(id, item.filed_by.party);
  }

  app.get('/api/coordination', routeOptions({
    summary: 'Coordination log items, newest first (a liaison: its own party\'s and those shared with it)',
    tags, access: 'member', query: coordinationQuery,
  }), async (req) => {
    const q = parse(coordinationQuery, req.query, 'query');
    const p = req.principal!;
    const offset = offsetOf(q.cursor);
    const limit = Math.min(5000, offset + (q.limit ?? 100) + 1);
    let items: CoordItem[];
    if (p.role === 'liaison') {
      items = await (await ctx.coordination()).list(p.party!, {
        ...(q.status ? { status: q.status as CoordStatus[] } : {}), ...(q.incident ? { incident_id: q.incident } : {}),
        ...(q.agreement ? { agreement_id: q.agreement } : {}), scope: q.scope ?? 'all', limit,
      });
    } else {
      if (q.scope !== undefined && q.scope !== 'all') throw badRequest('scope (own/shared) is for liaisons, who act for a party');
      items = await listAll(ctx, p.role !== 'admin', {
        ...(q.status ? { status: q.status } : {}), ...(q.incident ? { incident: q.incident } : {}),
        ...(q.agreement ? { agreement: q.agreement } : {}), limit,
      });
    }
    return offsetPage(items, offset, q.limit ?? 100);
  });

  app.get('/api/coordination/:id', routeOptions({ summary: 'One coordination item with its audit trail', tags, access: 'member', params: idParams, query: noQuery }),
    async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      parse(noQuery, req.query, 'query');
      return showFor(req, id);
    });

  app.post('/api/coordination', routeOptions({ summary: 'File a notification (private until shared)', tags, access: 'coordinate', body: coordFileBody }),
    async (req) => {
      const body = parse(coordFileBody, req.body, 'body');
      const actor = actorOf(req, body.as);
      const log = await ctx.coordination();
      const t = await log.file(actor, {
        subject: body.subject, text: body.text, agreement_id: body.agreement_id ?? null, share_with: body.share_with ?? [],
      });
      const shown = await log.show(t.item.id, actor.party);
      await audit(ctx, req, `coordination:${t.item.id}`, null, shown.item);
      return shown;
    });

  const step = (path: string, summary: string, schema: typeof coordAckBody | typeof coordShareBody | typeof coordAnswerBody | typeof coordCloseBody,
    run: (id: string, actor: CoordActor, body: Record<string, unknown>) => Promise<unknown>) =>
    app.post(`/api/coordination/:id/${path}`, routeOptions({ summary, tags, access: 'coordinate', params: idParams, body: schema }), async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      const body = parse(schema, req.body, 'body') as Record<string, unknown> & { as?: string };
      const actor = actorOf(req, body.as);
      const log = await ctx.coordination();
      const was = await log.show(id, actor.party);
      await run(id, actor, body);
      const now = await log.show(id, actor.party);
      await audit(ctx, req, `coordination:${id}`, was.item, now.item);
      return now;
    });

  step('share', 'Share an item your party filed with more parties', coordShareBody,
    async (id, actor, b) => (await ctx.coordination()).share(id, actor, b['with'] as string[]));
  step('ack', 'Acknowledge an item shared with your party', coordAckBody,
    async (id, actor) => (await ctx.coordination()).acknowledge(id, actor));
  step('answer', 'Answer an item shared with your party (after acknowledging it)', coordAnswerBody,
    async (id, actor, b) => (await ctx.coordination()).answer(id, actor, b['text'] as string));
  step('close', 'Close an item', coordCloseBody,
    async (id, actor, b) => (await ctx.coordination()).closeItem(id, actor, (b['note'] as string | undefined) ?? null));
}
