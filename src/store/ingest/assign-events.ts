import { candidateKeys } from '../../incidents/candidate-keys.js';
import { assignToIncidents, type AssignOptions } from '../../incidents/incident-builder.js';
import type { EventWithSource, IncidentState } from '../../incidents/types.js';
import { loadIncidentStates, type IncidentStateCache } from '../incident-mapping.js';
import type { EventStore } from '../store.js';
import { DocumentProblem, problemMessage } from './document-problem.js';

export interface DocumentIncidents {
  created: IncidentState[];
  /** Stored incidents that gained members (their new states). */
  updated: IncidentState[];
}

/**
 * Put one document's events into incidents: the stored incidents they may join are fetched by
 * blocking key and handed to the incident builder with the events. The events of a near-copy
 * (`mayCreate` false) only join incidents that exist — as members that add no independent
 * source — and never open one: a copy is not a new report of anything.
 */
export async function assignDocumentEvents(
  store: EventStore, events: readonly EventWithSource[], mayCreate: boolean, opts: AssignOptions, cache?: IncidentStateCache,
): Promise<DocumentIncidents> {
  if (events.length === 0) return { created: [], updated: [] };
  const keys = new Set<string>();
  for (const e of events) for (const k of guard(() => candidateKeys(e.event, opts))) keys.add(k);
  const stored = keys.size === 0 ? [] : await store.findIncidentsByKeys([...keys]);
  const existing = await loadIncidentStates(store, stored, opts, cache);
  if (mayCreate) return guard(() => assignToIncidents(events, existing, opts));

  const working = new Map(existing.map((s) => [s.id, s]));
  const updated = new Set<string>();
  // One document, one publication date: the builder's batch order is the event id order.
  const ordered = [...events].sort((a, b) => (a.event.id < b.event.id ? -1 : a.event.id > b.event.id ? 1 : 0));
  for (const ev of ordered) {
    const r = guard(() => assignToIncidents([ev], [...working.values()], opts));
    const joined = r.updated[0];
    if (joined === undefined) continue;
    working.set(joined.id, joined);
    updated.add(joined.id);
  }
  return { created: [], updated: [...updated].map((id) => working.get(id)!) };
}

/** The incident builder refuses events it cannot place or date: that is this document's problem. */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw new DocumentProblem(`could not put its events into incidents: ${problemMessage(err)}`);
  }
}
