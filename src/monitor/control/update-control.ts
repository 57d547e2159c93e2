import { iterateEvents, iterateIncidents } from '../../store/iterate.js';
import type { EventStore } from '../../store/store.js';
import type { BBox, Incident, StoredEvent } from '../../store/types.js';
import { claimFromEvent, claimFromIncident, eventClaimId, incidentClaimId } from './claims.js';
import type { ControlRepo } from './control-repo.js';
import { TERRITORY_SUB_TYPES, isTerritorySubType, type ControlClaim } from './types.js';

export interface ControlUpdateOptions {
  /** YYYY-MM-DD: only reports whose dates overlap [from, to]. */
  from?: string;
  to?: string;
  bbox?: BBox;
  now?: Date;
}

export interface ControlUpdateSummary {
  incidents: number;
  events: number;
  /** Claims written or confirmed this run. */
  claims: number;
  added: number;
  changed: number;
  /** Incident claims withdrawn (incident gone, or now contested so its members speak for themselves). */
  removed: number;
}

const PAGE = 1000;

/** The filter both listings share: territory changes within the update's dates and box. */
function territoryFilter(opts: ControlUpdateOptions) {
  return {
    sub_event_type: TERRITORY_SUB_TYPES,
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.bbox ? { bbox: opts.bbox } : {}),
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function allIncidents(store: EventStore, opts: ControlUpdateOptions): Promise<Incident[]> {
  return collect(iterateIncidents(store, territoryFilter(opts), PAGE));
}

async function allEvents(store: EventStore, opts: ControlUpdateOptions): Promise<StoredEvent[]> {
  // A syndicated near-copy repeats its original: one claim, not two.
  return collect(iterateEvents(store, { ...territoryFilter(opts), exclude_duplicates: true }, PAGE));
}

async function membersOf(store: EventStore, inc: Incident): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (const m of inc.members) {
    const e = await store.getEvent(m.event_id);
    if (e) out.push(e);
  }
  return out;
}

/**
 * Bring the control timeline up to date with the store's territory reports:
 * - a graded incident gives one claim that supersedes its members' own claims — except a
 *   contested incident, whose members keep their own claims so that each source's version of
 *   who took the place is shown side by side;
 * - an event in no incident gives its own claim (grade unknown);
 * - an incident claim whose incident was deleted, or became contested, is withdrawn.
 * Running it again over the same reports writes nothing.
 */
export async function updateControl(store: EventStore, repo: ControlRepo, opts: ControlUpdateOptions = {}): Promise<ControlUpdateSummary> {
  const now = opts.now ?? new Date();
  const summary: ControlUpdateSummary = { incidents: 0, events: 0, claims: 0, added: 0, changed: 0, removed: 0 };
  const incidentOf = new Map<string, Incident>();
  const written = new Set<string>();

  const incidents = await allIncidents(store, opts);
  summary.incidents = incidents.length;
  for (const inc of incidents) {
    for (const m of inc.members) incidentOf.set(m.event_id, inc);
    const members = await membersOf(store, inc);
    const claims: ControlClaim[] = [];
    if (inc.grade === 'contested') {
      for (const m of members) {
        const c = claimFromEvent(m, 'contested');
        if (c) claims.push(c);
      }
      if (await repo.remove(incidentClaimId(inc.id))) summary.removed++;
      await save(repo, claims, summary, now, written);
    } else {
      const c = claimFromIncident(inc, members);
      if (c === null) continue;
      await save(repo, [c], summary, now, written);
      await repo.setSuperseded(c.id, members.map((m) => eventClaimId(m.event.id)));
    }
  }

  const events = await allEvents(store, opts);
  summary.events = events.length;
  const loose: ControlClaim[] = [];
  for (const se of events) {
    let inc = incidentOf.get(se.event.id);
    if (inc === undefined) {
      // Its incident may lie outside the window (an incident's dates can be narrower than a member's).
      const page = await store.listIncidents({ event_id: se.event.id }, { limit: 1 });
      inc = page.items[0];
      if (inc) incidentOf.set(se.event.id, inc);
    }
    if (inc !== undefined && inc.grade !== 'contested' && isTerritorySubType(inc.sub_event_type)) continue;
    const c = claimFromEvent(se, inc?.grade ?? null);
    if (c) loose.push(c);
  }
  await save(repo, loose, summary, now, written);

  for (const id of await repo.incidentClaimIds(opts.from ?? null, opts.to ?? null)) {
    if (written.has(id)) continue;
    const inc = await store.getIncident(id.slice('inc:'.length));
    if (inc === null || inc.grade === 'contested' || !isTerritorySubType(inc.sub_event_type)) {
      if (await repo.remove(id)) summary.removed++;
    }
  }
  return summary;
}

async function save(repo: ControlRepo, claims: ControlClaim[], summary: ControlUpdateSummary, now: Date, written: Set<string>): Promise<void> {
  if (claims.length === 0) return;
  const r = await repo.upsert(claims, now);
  summary.added += r.added;
  summary.changed += r.changed;
  for (const c of claims) {
    if (!written.has(c.id)) summary.claims++;
    written.add(c.id);
  }
}
