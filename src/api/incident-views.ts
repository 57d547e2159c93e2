import type { Violation } from '../monitor/types.js';
import type { ReviewStatus } from '../review/types.js';
import { encodeCursor } from '../store/filter.js';
import { MAX_PAGE_LIMIT, type Incident, type IncidentFilter, type Page } from '../store/types.js';
import type { ApiContext } from './context.js';

/** An incident as listings show it: with how it was reviewed and how many violations it counts. */
export type IncidentView = Incident & { review: ReviewStatus; violations: number };

async function violationCounts(ctx: ApiContext, ids: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  // The violation store creates its tables on open; counting all a page's incidents is one query.
  await ctx.violations();
  const rows = await ctx.monitorDb.all<{ incident_id: string; n: number | string }>(
    `SELECT incident_id, count(*) AS n FROM monitor_violations WHERE incident_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})
      GROUP BY incident_id`, ids);
  for (const r of rows) out.set(r.incident_id, Number(r.n));
  return out;
}

/**
 * With the built-in review service, only incidents that have a review row (src/review keeps one
 * per reviewed incident in review_overrides) are asked about: one query for a page instead of
 * three per incident. Any other service is asked about every incident.
 */
async function reviewed(ctx: ApiContext, ids: readonly string[]): Promise<readonly string[]> {
  if (!ctx.builtinReview || ids.length === 0) return ids;
  const rows = await ctx.monitorDb.all<{ incident_id: string }>(
    `SELECT incident_id FROM review_overrides WHERE incident_id IN (${ids.map((_, i) => `$${i + 1}`).join(', ')})`, ids);
  return rows.map((r) => r.incident_id);
}

async function reviewStatuses(ctx: ApiContext, ids: readonly string[]): Promise<Map<string, ReviewStatus>> {
  const statuses = await Promise.all((await reviewed(ctx, ids)).map(async (id) => [id, (await ctx.review.get(id))?.status ?? 'unreviewed'] as const));
  return new Map(statuses);
}

export async function incidentViews(ctx: ApiContext, incidents: readonly Incident[]): Promise<IncidentView[]> {
  const ids = incidents.map((i) => i.id);
  const [counts, statuses] = await Promise.all([violationCounts(ctx, ids), reviewStatuses(ctx, ids)]);
  return incidents.map((i) => ({ ...i, review: statuses.get(i.id) ?? 'unreviewed', violations: counts.get(i.id) ?? 0 }));
}

/** How many incidents one request may look through for a review filter before handing back a cursor. */
const REVIEW_SCAN_LIMIT = 20000;

/**
 * A page of incidents, optionally only those with one review status. The store cannot filter by
 * review (reviews live beside it), so pages are read until `limit` match; the cursor is a store
 * cursor after the last incident looked at, so paging on continues where this stopped.
 */
export async function listIncidentViews(
  ctx: ApiContext, filter: IncidentFilter, limit: number, cursor: string | null, review: ReviewStatus | null,
): Promise<Page<IncidentView>> {
  if (review === null) {
    const page = await ctx.store.listIncidents(filter, { limit, cursor });
    return { items: await incidentViews(ctx, page.items), next: page.next };
  }
  const out: IncidentView[] = [];
  let scanned = 0;
  let at = cursor;
  const batch = Math.min(MAX_PAGE_LIMIT, Math.max(200, limit * 2));
  for (;;) {
    const page = await ctx.store.listIncidents(filter, { limit: batch, cursor: at });
    const views = await incidentViews(ctx, page.items);
    for (let i = 0; i < views.length; i++) {
      const v = views[i]!;
      scanned++;
      if (v.review === review) out.push(v);
      const more = i < views.length - 1 || page.next !== null;
      if (out.length === limit || scanned >= REVIEW_SCAN_LIMIT) {
        return { items: out, next: more ? encodeCursor({ date: v.date?.start ?? '', id: v.id }) : null };
      }
    }
    if (page.next === null) return { items: out, next: null };
    at = page.next;
  }
}

/** The violations of one incident, as stored. */
export async function violationsOf(ctx: ApiContext, incidentId: string): Promise<Violation[]> {
  return (await ctx.violations()).list({ incident: incidentId });
}
