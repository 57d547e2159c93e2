import type { EventActor, MarsadEvent, SubEventType, AttributionStatus } from '../../src/model/event.js';
import { eventTypeOf } from '../../src/model/event.js';
import type { EventWithSource } from '../../src/incidents/types.js';

/** Places used by the incident tests (coordinates are public facts, rounded). */
export const PLACES = {
  maarat: { name: 'Maarat al-Numan', name_ar: 'معرة النعمان', lat: 35.6476, lon: 36.6741, gid: 'test:maarat' },
  /** ~1 km north of the centre of Maarat al-Numan: another report's geocode of the same market. */
  maaratNorth: { name: 'Maarat al-Numan (north)', name_ar: null, lat: 35.6566, lon: 36.6741, gid: 'test:maarat-n' },
  saraqib: { name: 'Saraqib', name_ar: 'سراقب', lat: 35.8647, lon: 36.8006, gid: 'test:saraqib' },
  kafrNabl: { name: 'Kafr Nabl', name_ar: 'كفرنبل', lat: 35.6136, lon: 36.5617, gid: 'test:kafr-nabl' },
  /** ~5 km west of Maarat al-Numan: a neighbouring village. */
  maaratWest: { name: 'Maarshourin', name_ar: 'معرشورين', lat: 35.6476, lon: 36.6190, gid: 'test:maarat-w' },
  idlibRegion: { name: 'Idlib countryside', name_ar: 'ريف إدلب', lat: 35.65, lon: 36.66, gid: 'test:idlib-region' },
} as const;

export type PlaceName = keyof typeof PLACES;

const ACTORS: Record<string, { name: string; inter: EventActor['inter'] }> = {
  'russia-military-forces': { name: 'Military Forces of Russia', inter: 8 },
  'russia': { name: 'Government of Russia', inter: 8 },
  'syria-government-forces': { name: 'Military Forces of Syria', inter: 1 },
  'syria-government': { name: 'Government of Syria', inter: 1 },
  'syria-opposition': { name: 'Syrian opposition armed groups', inter: 2 },
  'hts': { name: 'Hayat Tahrir al-Sham', inter: 2 },
  'civilians': { name: 'Civilians', inter: 7 },
  'unidentified-armed-group': { name: 'Unidentified Armed Group', inter: 3 },
};

export function actor(id: string | null): EventActor | null {
  if (id === null) return null;
  const a = ACTORS[id] ?? { name: id, inter: 8 as const };
  return { id, name: a.name, text: a.name, inter: a.inter };
}

export interface EventSpec {
  id: string;
  doc: string;
  source?: string | null;
  copyOf?: string | null;
  sub?: SubEventType;
  place?: PlaceName | null;
  precision?: 1 | 2 | 3;
  date?: string | [string, string] | null;
  actor1?: string | null;
  actor2?: string | null;
  attribution?: [AttributionStatus, string | null];
  fatalities?: number | null;
}

/** One event as extraction would emit it, with the document facts incident grading needs. */
export function ev(spec: EventSpec): EventWithSource {
  const sub = spec.sub ?? 'Air/drone strike';
  const placeName = spec.place === undefined ? 'maarat' : spec.place;
  const p = placeName === null ? null : PLACES[placeName];
  const date = spec.date === undefined ? '2019-06-04' : spec.date;
  const [start, end] = date === null ? [null, null] : typeof date === 'string' ? [date, date] : date;
  const event: MarsadEvent = {
    id: spec.id,
    doc_id: spec.doc,
    event_type: eventTypeOf(sub),
    sub_event_type: sub,
    plover: 'ASSAULT',
    plover_mode: 'aerial',
    actor1: actor(spec.actor1 === undefined ? 'russia-military-forces' : spec.actor1),
    actor2: actor(spec.actor2 === undefined ? 'civilians' : spec.actor2),
    location: p === null ? null : {
      name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: 'Idlib', admin2: null, admin3: null,
      country: 'SY', geo_precision: spec.precision ?? 1, gazetteer_id: p.gid, text: p.name,
    },
    date: start === null || end === null ? null : { start, end, precision: start === end ? 1 : 2 },
    fatalities: spec.fatalities === undefined ? null : spec.fatalities,
    injured: null,
    civilian_targeting: true,
    attribution: { status: spec.attribution?.[0] ?? 'reported', by: spec.attribution?.[1] ?? null },
    evidence: [],
    confidence: 0.8,
  };
  return {
    event,
    source: spec.source === undefined ? `source of ${spec.doc}` : spec.source,
    doc_id: spec.doc,
    duplicate_of: spec.copyOf ?? null,
    published: start,
  };
}
