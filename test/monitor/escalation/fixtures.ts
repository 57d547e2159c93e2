import { eventTypeOf, type SubEventType } from '../../../src/model/event.js';
import type { Agreement } from '../../../src/monitor/types.js';
import type { EventStore } from '../../../src/store/store.js';
import type { Incident, IncidentGrade, IncidentLocation } from '../../../src/store/types.js';
import { PLACES, fixture, makeIncident, type PlaceKey } from '../../store/fixtures.js';

/** A square zone around Kafr Nabudah and Qalaat al-Madiq, two posts near Qalaat al-Madiq. */
export const AGREEMENT: Agreement = {
  id: 'test-sochi',
  name: 'Test agreement',
  description: 'for tests',
  approximation: 'a square, for tests',
  parties: [{ id: 'russia', name: 'Russia' }, { id: 'turkey', name: 'Turkey' }],
  guarantors: [],
  effective: { from: '2018-10-15', until: null },
  zones: [{
    id: 'dmz',
    name: 'Test zone',
    geometry: { type: 'Polygon', coordinates: [[[36.2, 35.2], [36.7, 35.2], [36.7, 35.7], [36.2, 35.7], [36.2, 35.2]]] },
  }],
  posts: [
    { id: 'p1', name: 'Post one', lat: 35.42, lon: 36.40, radius_km: 3, held_by: 'turkey' },
    { id: 'p2', name: 'Post two', lat: 35.41, lon: 36.38, radius_km: 3, held_by: 'turkey' },
  ],
  rules: [],
};
export const ZONE_UNIT = 'zone:test-sochi/dmz';
export const HAMA_UNIT = 'admin1:SY/Hama';

export function locationOf(place: PlaceKey, precision: 1 | 2 | 3 = 1): IncidentLocation {
  const p = PLACES[place];
  return { name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: p.admin2, admin3: null, country: 'SY', geo_precision: precision };
}

export interface IncidentSpec {
  day: string | [string, string];
  sub?: SubEventType;
  place?: PlaceKey;
  grade?: IncidentGrade;
  fatalities?: number | null;
}

/** An Incident value, for the pure functions. */
export function incident(id: string, s: IncidentSpec): Incident {
  const sub = s.sub ?? 'Air/drone strike';
  const [start, end] = typeof s.day === 'string' ? [s.day, s.day] : s.day;
  return {
    id, event_type: eventTypeOf(sub), sub_event_type: sub, grade: s.grade ?? 'multiple-sources',
    location: locationOf(s.place ?? 'kafrNabudah'), date: { start, end }, actor_ids: ['russia-military-forces'],
    fatalities: s.fatalities ?? null, members: [{ event_id: `${id}#1`, doc_id: id, source: 'Example News' }], explanation: [],
    created_at: '2019-06-01T00:00:00.000Z', updated_at: '2019-06-01T00:00:00.000Z',
  };
}

/** The same, stored: a document with one event, and the incident over it. */
export async function storeIncident(store: EventStore, id: string, s: IncidentSpec): Promise<void> {
  const sub = s.sub ?? 'Air/drone strike';
  const day: [string, string] = typeof s.day === 'string' ? [s.day, s.day] : s.day;
  const f = fixture(id, [{ sub, place: s.place ?? 'kafrNabudah', date: day, fatalities: s.fatalities ?? null }]);
  await store.putDocument(f.doc, f.text, f.events);
  const inc = incident(`inc-${id}`, s);
  await store.putIncident(makeIncident(inc.id, [f.events[0]!.id], {
    event_type: inc.event_type, sub_event_type: inc.sub_event_type, grade: inc.grade, location: inc.location,
    date: inc.date, fatalities: inc.fatalities, actor_ids: inc.actor_ids,
  }));
}

/**
 * A quiet April (an armed clash from one source every seven days), three days of heavy air
 * strikes on 1–3 May, calm, then a heavier day on 21 May, and shelling by the posts on 15 May.
 */
export function scenario(): [string, IncidentSpec][] {
  const out: [string, IncidentSpec][] = [];
  for (const d of ['2019-04-01', '2019-04-08', '2019-04-15', '2019-04-22', '2019-04-29']) {
    out.push([`clash-${d}`, { day: d, sub: 'Armed clash', grade: 'single-source' }]);
  }
  for (const d of ['2019-05-01', '2019-05-02', '2019-05-03']) {
    for (let k = 1; k <= 3; k++) out.push([`strike-${d}-${k}`, { day: d, fatalities: 2 }]);
  }
  for (let k = 1; k <= 4; k++) out.push([`strike-2019-05-21-${k}`, { day: '2019-05-21', fatalities: 10 }]);
  out.push(['shelling-post', { day: '2019-05-15', sub: 'Shelling/artillery/missile attack', place: 'qalaatMadiq', grade: 'single-source' }]);
  return out;
}
