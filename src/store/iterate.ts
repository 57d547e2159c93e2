import type { EventStore } from './store.js';
import type { EventFilter, Incident, IncidentFilter, StoredEvent } from './types.js';

/**
 * Every matching event, fetched a page at a time by cursor, so a caller (an export of a million
 * events) holds one page in memory and no connection or statement stays open between pages.
 */
export async function* iterateEvents(store: EventStore, filter: EventFilter = {}, batch = 1000): AsyncGenerator<StoredEvent> {
  let cursor: string | null = null;
  do {
    const page = await store.listEvents(filter, { limit: batch, cursor });
    yield* page.items;
    cursor = page.next;
  } while (cursor !== null);
}

export async function* iterateIncidents(store: EventStore, filter: IncidentFilter = {}, batch = 500): AsyncGenerator<Incident> {
  let cursor: string | null = null;
  do {
    const page = await store.listIncidents(filter, { limit: batch, cursor });
    yield* page.items;
    cursor = page.next;
  } while (cursor !== null);
}
