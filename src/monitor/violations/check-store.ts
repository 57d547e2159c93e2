import type { EventActor } from '../../model/event.js';
import type { Agreement } from '../types.js';
import {
  candidateRules, perpetratorsOf, violationsFor, type ActorLineage, type CheckableIncident, type Perpetrator,
} from './check.js';
import type { SyncResult, ViolationStore } from './violation-store.js';

interface PageOf<T> {
  items: T[];
  next: string | null;
}

interface PageRequest {
  limit?: number;
  cursor?: string | null;
}

/**
 * What checking reads from the event store. EventStore (src/store/store.ts) fits; it is
 * restated here because the monitor stage comes before the store and must not import it.
 */
export interface IncidentSource {
  listIncidents(filter?: { from?: string; to?: string }, page?: PageRequest): Promise<PageOf<CheckableIncident>>;
  /** The member events of an incident, to know its perpetrators (actor1); optional. */
  listEvents?(filter: { incident_id: string }, page?: PageRequest): Promise<PageOf<{ event: { actor1: EventActor | null; actor2?: EventActor | null } }>>;
}

export interface CheckStoreOptions {
  /** YYYY-MM-DD: re-check only incidents dated on or after this day (no withdrawal of others). */
  since?: string;
  /** Incidents a page; default 500. */
  batch?: number;
  /**
   * On a full check (no `since`), also withdraw the violations of agreements not among those
   * given (an agreement file removed). Off when checking a chosen subset of agreements.
   */
  dropOtherAgreements?: boolean;
  onProgress?: (incidentsSeen: number) => void;
}

export interface CheckStoreResult {
  incidents: number;
  /** Incidents that fell under some rule's type, period and place. */
  candidates: number;
  added: number;
  updated: number;
  removed: number;
}

/**
 * Check every incident of the store against the agreements and make the violation store agree:
 * violations added, changed ones rewritten, ones that no longer hold (an incident discounted,
 * moved, merged away, or an agreement changed) withdrawn. Paged, so memory holds one page.
 * Running it twice in a row changes nothing the second time.
 */
export async function checkStore(
  source: IncidentSource,
  violations: ViolationStore,
  agreements: readonly Agreement[],
  catalogue: ActorLineage,
  options: CheckStoreOptions = {},
): Promise<CheckStoreResult> {
  const scope = { agreements: agreements.map((a) => a.id) };
  const result: CheckStoreResult = { incidents: 0, candidates: 0, added: 0, updated: 0, removed: 0 };
  const seen = new Set<string>();
  // Most incidents make no violation and had none: knowing which had some spares them a write.
  const hadViolations = await violations.incidentIds(scope);
  const filter = options.since ? { from: options.since } : {};
  let cursor: string | null = null;
  do {
    const page: PageOf<CheckableIncident> = await source.listIncidents(filter, { limit: options.batch ?? 500, cursor });
    for (const inc of page.items) {
      seen.add(inc.id);
      result.incidents++;
      const r = await recheckIncident(source, violations, inc, agreements, catalogue, hadViolations.has(inc.id));
      if (r.candidate) result.candidates++;
      result.added += r.added;
      result.updated += r.updated;
      result.removed += r.removed;
    }
    options.onProgress?.(result.incidents);
    cursor = page.next;
  } while (cursor !== null);
  if (!options.since) {
    result.removed += await violations.retain(seen, { ...scope, dropOtherAgreements: options.dropOtherAgreements === true });
  }
  return result;
}

/**
 * Check one incident (new or revised) and store the outcome: what ingest calls after it writes
 * an incident. Perpetrators come from the member events' actor1 when the source can list them.
 */
export async function recheckIncident(
  source: IncidentSource,
  violations: ViolationStore,
  inc: CheckableIncident,
  agreements: readonly Agreement[],
  catalogue: ActorLineage,
  /** False when the caller knows the incident has no stored violations (skips a no-op write). */
  mayHaveViolations = true,
): Promise<SyncResult & { candidate: boolean }> {
  const candidates = candidateRules(inc, agreements);
  const found = candidates.length === 0
    ? []
    : violationsFor(inc, candidates, await perpetratorsFrom(source, inc, catalogue), catalogue);
  if (found.length === 0 && !mayHaveViolations) return { added: 0, updated: 0, removed: 0, candidate: candidates.length > 0 };
  const r = await violations.syncIncident(inc.id, found, { agreements: agreements.map((a) => a.id) });
  return { ...r, candidate: candidates.length > 0 };
}

async function perpetratorsFrom(source: IncidentSource, inc: CheckableIncident, catalogue: ActorLineage): Promise<Perpetrator[]> {
  if (inc.perpetrators || !source.listEvents) return perpetratorsOf(inc, catalogue);
  const out: Perpetrator[] = [];
  const named = new Set<string>();
  // An analyst may have corrected the incident's actors (src/review): a member's actor1 the
  // incident no longer names is no perpetrator, and an actor it names that no member does stands
  // in for one, as every actor does when perpetrators are unknown. The machine's incidents name
  // every member's actors, so for them this changes nothing.
  const keep = (id: string): boolean => inc.actor_ids.length === 0 || inc.actor_ids.includes(id);
  let cursor: string | null = null;
  do {
    const page: PageOf<{ event: { actor1: EventActor | null; actor2?: EventActor | null } }> =
      await source.listEvents({ incident_id: inc.id }, { limit: 1000, cursor });
    for (const { event } of page.items) {
      const a = event.actor1;
      if (a) named.add(a.id);
      if (event.actor2) named.add(event.actor2.id);
      if (a && keep(a.id) && !out.some((p) => p.id === a.id)) out.push({ id: a.id, inter: a.inter });
    }
    cursor = page.next;
  } while (cursor !== null);
  if (named.size > 0) {
    const added = inc.actor_ids.filter((id) => !named.has(id));
    if (added.length > 0) out.push(...perpetratorsOf({ ...inc, perpetrators: undefined, actor_ids: added }, catalogue));
  }
  return out;
}
