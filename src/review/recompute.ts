import type { GradeOptions } from '../incidents/grade.js';
import { incidentInputOf, incidentStateOf } from '../store/incident-mapping.js';
import type { EventStore } from '../store/store.js';
import type { IncidentInput, StoredEvent } from '../store/types.js';
import { ReviewError } from './types.js';

/**
 * The incident the machine would make of these member events (a merge's union, a split's group):
 * summarised with the same function the incident builder uses, so that what the review writes
 * and what a later ingest recomputes from the same members agree. `explanations` are the lines
 * of the incidents the members come from (why each member joined is read back from them).
 */
export async function machineIncident(store: EventStore, id: string, memberIds: readonly string[],
  explanations: readonly string[], grade: GradeOptions): Promise<IncidentInput> {
  if (memberIds.length === 0) throw new ReviewError('invalid', `incident ${id}: an incident needs at least one member event`);
  const events = new Map<string, StoredEvent>();
  for (const e of memberIds) {
    const se = await store.getEvent(e);
    if (se === null) throw new ReviewError('not-found', `event ${e} is not in the store`);
    events.set(e, se);
  }
  const draft = {
    id, event_type: 'Battles', sub_event_type: 'Armed clash', grade: 'single-source', location: null, date: null,
    actor_ids: [], fatalities: null, members: memberIds.map((event_id) => ({ event_id, doc_id: '', source: null })),
    explanation: [...explanations], created_at: '', updated_at: '',
  } as const;
  return incidentInputOf(incidentStateOf({ ...draft, actor_ids: [], members: [...draft.members], explanation: [...draft.explanation] }, events, grade));
}
