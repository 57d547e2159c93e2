import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IncidentCorrection, Reviewer } from '../../review/types.js';
import type { Incident } from '../../store/types.js';
import type { ApiContext } from '../context.js';
import { ApiError, notFound } from '../errors.js';
import { correctBody, idParams, mergeBody, noQuery, noteBody, parse, splitBody } from '../schemas.js';
import { audit, routeOptions } from './route-options.js';

function reviewer(req: FastifyRequest): Reviewer {
  const p = req.principal;
  if (!p || p.user === null || (p.role !== 'analyst' && p.role !== 'admin')) {
    throw new ApiError(403, 'forbidden', 'reviewing incidents needs the analyst or admin role');
  }
  return { user: p.user, role: p.role };
}

/** Analysts' decisions on incidents (src/review), each audited with the incidents before and after. */
export function registerReviewRoutes(app: FastifyInstance, ctx: ApiContext): void {
  const { review, store } = ctx;
  const tags = ['review'];

  async function before(ids: readonly string[]): Promise<Incident[]> {
    const out: Incident[] = [];
    for (const id of ids) {
      const i = await store.getIncident(id);
      if (i) out.push(i);
    }
    return out;
  }

  const single = (kind: 'confirm' | 'reject', summary: string) =>
    app.post(`/api/incidents/:id/${kind}`, routeOptions({ summary, tags, access: 'review', params: idParams, body: noteBody }), async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      const body = parse(noteBody, req.body, 'body');
      const by = reviewer(req);
      const was = await before([id]);
      const r = kind === 'confirm' ? await review.confirm(id, by, body.note) : await review.reject(id, by, body.note);
      await audit(ctx, req, `incident:${id}`, was, [r.incident]);
      return r;
    });
  single('confirm', 'Confirm an incident as the machine made it');
  single('reject', "Reject an incident (kept, graded 'discounted', no longer a violation)");

  app.post('/api/incidents/:id/correct', routeOptions({
    summary: 'Correct type, actors, place, date, fatalities or grade', tags, access: 'review', params: idParams, body: correctBody,
  }), async (req) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(correctBody, req.body, 'body');
    const by = reviewer(req);
    const was = await before([id]);
    // The review service checks the correction against the incident (a place without a country keeps the incident's).
    const r = await review.correct(id, body.changes as IncidentCorrection, by, body.note);
    await audit(ctx, req, `incident:${id}`, was, [r.incident]);
    return r;
  });

  app.post('/api/incidents/:id/split', routeOptions({
    summary: 'Split an incident: each group of member event ids becomes an incident', tags, access: 'review', params: idParams, body: splitBody,
  }), async (req) => {
    const { id } = parse(idParams, req.params, 'path');
    const body = parse(splitBody, req.body, 'body');
    const by = reviewer(req);
    const was = await before([id]);
    const r = await review.split(id, body.groups, by, body.note);
    await audit(ctx, req, `incident:${id}`, was, r.map((x) => x.incident));
    return r;
  });

  app.post('/api/incidents/merge', routeOptions({
    summary: 'Merge incidents into the first', tags, access: 'review', body: mergeBody,
  }), async (req) => {
    const body = parse(mergeBody, req.body, 'body');
    const by = reviewer(req);
    const was = await before(body.ids);
    const r = await review.merge(body.ids, by, body.note);
    await audit(ctx, req, `incidents:${body.ids.join(',')}`, was, [r.incident]);
    return r;
  });

  app.get('/api/incidents/:id/reviews', routeOptions({ summary: "An incident's review actions, oldest first", tags, access: 'read', params: idParams, query: noQuery }),
    async (req) => {
      const { id } = parse(idParams, req.params, 'path');
      parse(noQuery, req.query, 'query');
      const history = await review.history(id);
      if (history.length === 0 && !(await store.getIncident(id))) throw notFound(`no incident ${id}`);
      return history;
    });

  app.get('/api/review/accuracy', routeOptions({ summary: "The machine's accuracy against analysts' reviews", tags, access: 'read', query: noQuery }),
    async (req) => {
      parse(noQuery, req.query, 'query');
      return review.accuracy();
    });
}
