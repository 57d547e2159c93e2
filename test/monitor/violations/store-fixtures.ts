import type { DocumentRecord } from '../../../src/model/document.js';
import type { EventActor, MarsadEvent, SubEventType } from '../../../src/model/event.js';
import { eventTypeOf } from '../../../src/model/event.js';
import type { EventStore } from '../../../src/store/store.js';
import type { IncidentGrade, IncidentInput } from '../../../src/store/types.js';

export const GOV: EventActor = { id: 'syria-government-forces', name: 'Military Forces of Syria', text: 'قوات النظام', inter: 1 };
export const OPP: EventActor = { id: 'syria-opposition', name: 'Syrian opposition armed groups', text: 'المعارضة', inter: 2 };
export const RUSSIA: EventActor = { id: 'russia-military-forces', name: 'Military Forces of Russia', text: 'الطيران الروسي', inter: 8 };

function doc(id: string): DocumentRecord {
  return {
    id, input_id: `${id}.txt`, url: null, title: id, dateline: null, byline: null, source: 'Test News',
    published: '2019-06-05', published_from: 'metadata', language: 'ar', boilerplate: [], repairs: [], length: 4,
  };
}

export interface StoredSpec {
  id: string;
  sub: SubEventType;
  lat: number;
  lon: number;
  date: string;
  actor1: EventActor | null;
  actor2?: EventActor | null;
  grade?: IncidentGrade;
}

function event(docId: string, s: StoredSpec): MarsadEvent {
  return {
    id: `${docId}#1`,
    doc_id: docId,
    event_type: eventTypeOf(s.sub),
    sub_event_type: s.sub,
    plover: 'ASSAULT',
    plover_mode: null,
    actor1: s.actor1,
    actor2: s.actor2 ?? null,
    location: {
      name: s.id, name_ar: null, lat: s.lat, lon: s.lon, admin1: null, admin2: null, admin3: null, country: 'SY',
      geo_precision: 1, gazetteer_id: `test:${s.id}`, text: s.id,
    },
    date: { start: s.date, end: s.date, precision: 1 },
    fatalities: null,
    injured: null,
    civilian_targeting: false,
    attribution: { status: 'reported', by: null },
    evidence: [{ start: 0, end: 4, text: 'text' }],
    confidence: 0.8,
  };
}

export function incidentInput(s: StoredSpec): IncidentInput {
  const e = event(`doc-${s.id}`, s);
  return {
    id: `inc-${s.id}`,
    event_type: e.event_type,
    sub_event_type: e.sub_event_type,
    grade: s.grade ?? 'single-source',
    location: {
      name: s.id, name_ar: null, lat: s.lat, lon: s.lon, admin1: null, admin2: null, admin3: null, country: 'SY', geo_precision: 1,
    },
    date: { start: s.date, end: s.date },
    // Both sides, as the store keeps them: the victims must not be taken for perpetrators.
    actor_ids: [s.actor1?.id, s.actor2?.id].filter((x): x is string => typeof x === 'string'),
    fatalities: null,
    members: [{ event_id: e.id }],
    explanation: [],
  };
}

/** One document, one event and one incident per spec. */
export async function seed(store: EventStore, specs: readonly StoredSpec[]): Promise<void> {
  for (const s of specs) {
    const d = doc(`doc-${s.id}`);
    await store.putDocument(d, 'text', [event(d.id, s)]);
    await store.putIncident(incidentInput(s));
  }
}
