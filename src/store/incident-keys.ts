import { incidentKeys } from '../incidents/candidate-keys.js';
import type { EventLocation } from '../model/event.js';
import type { IncidentInput } from './types.js';

/**
 * The blocking keys a stored incident is filed under (src/incidents/candidate-keys.ts), so that
 * the incidents a new event may join are found by key instead of by scanning. Both backends
 * derive them here from the incident's sub-type, point and date range — the same values the
 * incident builder files its in-memory incidents under. They are derived data: a change to the
 * key scheme needs a migration that recomputes them.
 */
export function storedIncidentKeys(inc: Pick<IncidentInput, 'id' | 'sub_event_type' | 'location' | 'date'>): string[] {
  if (inc.location === null || inc.date === null) return [];
  // incidentKeys reads only the point of a location and the bounds of a date.
  const location: EventLocation = {
    ...inc.location, gazetteer_id: '', text: '',
  };
  return incidentKeys(
    { sub_event_type: inc.sub_event_type, location, date: { start: inc.date.start, end: inc.date.end, precision: 1 } },
    `incident ${inc.id}`,
  );
}
