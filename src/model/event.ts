import type { TextSpan } from './span.js';

export const EVENT_TYPES = {
  Battles: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'],
  'Explosions/Remote violence': [
    'Chemical weapon',
    'Air/drone strike',
    'Suicide bomb',
    'Shelling/artillery/missile attack',
    'Remote explosive/landmine/IED',
    'Grenade',
  ],
  'Violence against civilians': ['Sexual violence', 'Attack', 'Abduction/forced disappearance'],
  Protests: ['Peaceful protest', 'Protest with intervention', 'Excessive force against protesters'],
  Riots: ['Violent demonstration', 'Mob violence'],
  'Strategic developments': [
    'Agreement',
    'Arrests',
    'Change to group/activity',
    'Disrupted weapons use',
    'Headquarters or base established',
    'Looting/property destruction',
    'Non-violent transfer of territory',
    'Other',
  ],
} as const;

export type EventType = keyof typeof EVENT_TYPES;
export type SubEventType = (typeof EVENT_TYPES)[EventType][number];

export const PLOVER_CATEGORIES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE',
  'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export type PloverCategory = (typeof PLOVER_CATEGORIES)[number];

export function eventTypeOf(sub: SubEventType): EventType {
  for (const [type, subs] of Object.entries(EVENT_TYPES) as [EventType, readonly string[]][]) {
    if (subs.includes(sub)) return type;
  }
  throw new Error(`unknown sub_event_type: ${sub}`);
}

/** ACLED actor type: 1 state forces … 8 external/other forces. */
export type InterCode = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface EventActor {
  id: string;
  name: string;
  /** The words of the document that named it. */
  text: string;
  inter: InterCode;
}

export interface EventLocation {
  name: string;
  name_ar: string | null;
  lat: number;
  lon: number;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  country: string;
  /** ACLED: 1 the named town, 2 near a town / part of a region, 3 a region or larger. */
  geo_precision: 1 | 2 | 3;
  gazetteer_id: string;
  text: string;
}

export interface EventDate {
  start: string;
  end: string;
  /** 1 day, 2 within a week, 3 within a month or a longer stated range. */
  precision: 1 | 2 | 3;
}

export type AttributionStatus = 'reported' | 'claimed' | 'alleged' | 'denied';

export interface Attribution {
  status: AttributionStatus;
  by: string | null;
}

export interface MarsadEvent {
  id: string;
  doc_id: string;
  event_type: EventType;
  sub_event_type: SubEventType;
  plover: PloverCategory | null;
  plover_mode: string | null;
  actor1: EventActor | null;
  actor2: EventActor | null;
  location: EventLocation | null;
  date: EventDate | null;
  fatalities: number | null;
  injured: number | null;
  civilian_targeting: boolean;
  attribution: Attribution;
  evidence: TextSpan[];
  confidence: number;
}
