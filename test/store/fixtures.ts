import type { DocumentRecord } from '../../src/model/document.js';
import type { EventActor, EventLocation, MarsadEvent, SubEventType } from '../../src/model/event.js';
import { eventTypeOf } from '../../src/model/event.js';
import type { IncidentInput } from '../../src/store/types.js';

/** Places used by the tests (coordinates as in the SPEC example and public gazetteers). */
export const PLACES = {
  kafrNabudah: { name: 'Kafr Nabudah', name_ar: 'كفر نبودة', lat: 35.43175, lon: 36.49354, admin1: 'Hama', admin2: 'As-Suqaylabiyah' },
  qalaatMadiq: { name: 'Qalaat al-Madiq', name_ar: 'قلعة المضيق', lat: 35.41465, lon: 36.39085, admin1: 'Hama', admin2: 'As-Suqaylabiyah' },
  idlib: { name: 'Idlib', name_ar: 'إدلب', lat: 35.9306, lon: 36.6339, admin1: 'Idlib', admin2: 'Idlib' },
  aleppo: { name: 'Aleppo', name_ar: 'حلب', lat: 36.2021, lon: 37.1343, admin1: 'Aleppo', admin2: 'Jebel Saman' },
  damascus: { name: 'Damascus', name_ar: 'دمشق', lat: 33.5138, lon: 36.2765, admin1: 'Damascus', admin2: 'Damascus' },
} as const;
export type PlaceKey = keyof typeof PLACES;

export const ACTORS = {
  gov: { id: 'syria-government-forces', name: 'Military Forces of Syria', text: 'قوات النظام', inter: 1 },
  opp: { id: 'syria-opposition', name: 'Syrian opposition armed groups', text: 'المعارضة', inter: 2 },
  russia: { id: 'russia-military-forces', name: 'Military Forces of Russia', text: 'الطيران الروسي', inter: 8 },
  civilians: { id: 'civilians', name: 'Civilians', text: 'المدنيين', inter: 7 },
} satisfies Record<string, EventActor>;

export function makeDoc(id: string, over: Partial<DocumentRecord> = {}): DocumentRecord {
  return {
    id,
    input_id: `${id}.txt`,
    url: `https://news.example/${id}`,
    title: `Report ${id}`,
    dateline: null,
    byline: null,
    source: 'Example News',
    published: '2019-06-05',
    published_from: 'metadata',
    language: 'ar',
    boilerplate: [],
    repairs: [],
    length: 0,
    ...over,
  };
}

export function location(place: PlaceKey, over: Partial<EventLocation> = {}): EventLocation {
  const p = PLACES[place];
  return {
    name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: p.admin2, admin3: null,
    country: 'SY', geo_precision: 1, gazetteer_id: `test:${place}`, text: p.name_ar, ...over,
  };
}

export interface EventSpec {
  sub?: SubEventType;
  place?: PlaceKey | null;
  /** geo_precision of the place (default 1, the town itself). */
  precision?: 1 | 2 | 3;
  date?: [string, string] | null;
  actor1?: EventActor | null;
  actor2?: EventActor | null;
  evidence?: string;
  fatalities?: number | null;
}

export function makeEvent(docId: string, n: number, spec: EventSpec = {}): MarsadEvent {
  const sub = spec.sub ?? 'Air/drone strike';
  const date: [string, string] | null = spec.date === undefined ? ['2019-06-01', '2019-06-01'] : spec.date;
  const place = spec.place === undefined ? 'kafrNabudah' : spec.place;
  const evidence = spec.evidence ?? 'قصف الطيران الحربي بلدة كفرنبودة';
  return {
    id: `${docId}#${n}`,
    doc_id: docId,
    event_type: eventTypeOf(sub),
    sub_event_type: sub,
    plover: 'ASSAULT',
    plover_mode: 'aerial',
    actor1: spec.actor1 === undefined ? ACTORS.russia : spec.actor1,
    actor2: spec.actor2 === undefined ? ACTORS.civilians : spec.actor2,
    location: place === null ? null : location(place, { geo_precision: spec.precision ?? 1 }),
    date: date === null ? null : { start: date[0], end: date[1], precision: date[0] === date[1] ? 1 : 3 },
    fatalities: spec.fatalities === undefined ? null : spec.fatalities,
    injured: null,
    civilian_targeting: false,
    attribution: { status: 'reported', by: null },
    evidence: [{ start: 0, end: evidence.length, text: evidence }],
    confidence: 0.8,
  };
}

/** A document with its text and events, ready for putDocument. */
export interface Fixture {
  doc: DocumentRecord;
  text: string;
  events: MarsadEvent[];
}

export function fixture(id: string, specs: EventSpec[], over: Partial<DocumentRecord> = {}, text?: string): Fixture {
  const events = specs.map((s, i) => makeEvent(id, i + 1, s));
  const body = text ?? events.map((e) => e.evidence[0]!.text).join('\n');
  return { doc: makeDoc(id, { length: body.length, ...over }), text: body, events };
}

export function makeIncident(id: string, eventIds: string[], over: Partial<IncidentInput> = {}): IncidentInput {
  return {
    id,
    event_type: 'Explosions/Remote violence',
    sub_event_type: 'Air/drone strike',
    grade: eventIds.length > 1 ? 'multiple-sources' : 'single-source',
    location: {
      name: 'Kafr Nabudah', name_ar: 'كفر نبودة', lat: 35.43175, lon: 36.49354, admin1: 'Hama', admin2: 'As-Suqaylabiyah',
      admin3: null, country: 'SY', geo_precision: 1,
    },
    date: { start: '2019-06-01', end: '2019-06-01' },
    actor_ids: ['russia-military-forces', 'civilians'],
    fatalities: 3,
    members: eventIds.map((event_id) => ({ event_id })),
    explanation: ['same sub-type', 'same place', 'same day'],
    ...over,
  };
}
