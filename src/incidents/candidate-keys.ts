import type { EventDate, EventLocation, MarsadEvent, SubEventType } from '../model/event.js';
import { dayRange } from './dates.js';
import { KM_PER_DEGREE } from '../geo/geo-math.js';
import { subTypeFamily } from './sub-types.js';

/**
 * Blocking keys, so that finding the incidents an event may join never scans them all.
 * An incident is filed under  family | grid cell of its location | date bucket  for every bucket
 * its date range touches; an event asks for every cell its matching radius touches and every
 * bucket its date range (widened by the slack) touches. Any incident the matcher could accept
 * shares at least one key with the event (same family, distance ≤ radius, dates within slack),
 * so a store can look incidents up by key (an index on (key, incident_id)) and pass only those.
 */

export const GRID_DEGREES = 0.1;
export const DATE_BUCKET_DAYS = 7;

export interface KeyOptions {
  maxDistanceKm?: number;
  dateSlackDays?: number;
}

export const DEFAULT_MAX_DISTANCE_KM = 10;
export const DEFAULT_DATE_SLACK_DAYS = 1;

function cell(deg: number): number {
  return Math.floor(deg / GRID_DEGREES);
}

function buckets(start: number, end: number): number[] {
  const out: number[] = [];
  for (let b = Math.floor(start / DATE_BUCKET_DAYS); b <= Math.floor(end / DATE_BUCKET_DAYS); b++) out.push(b);
  return out;
}

function key(family: string, latCell: number, lonCell: number, bucket: number): string {
  return `${family}|${latCell}:${lonCell}|${bucket}`;
}

/** The keys an incident is filed under; empty when it has no place or no date (it cannot be joined). */
export function incidentKeys(inc: {
  sub_event_type: SubEventType;
  location: EventLocation | null;
  date: EventDate | null;
}, what = 'incident'): string[] {
  if (inc.location === null || inc.date === null) return [];
  const r = dayRange(inc.date, what);
  const family = subTypeFamily(inc.sub_event_type);
  const la = cell(inc.location.lat);
  const lo = cell(inc.location.lon);
  return buckets(r.start, r.end).map((b) => key(family, la, lo, b));
}

/** The keys to look up for an event: all cells within its radius, all buckets within its slack. */
export function candidateKeys(ev: MarsadEvent, opts: KeyOptions = {}): string[] {
  if (ev.location === null || ev.date === null) return [];
  const radius = opts.maxDistanceKm ?? DEFAULT_MAX_DISTANCE_KM;
  const slack = opts.dateSlackDays ?? DEFAULT_DATE_SLACK_DAYS;
  const r = dayRange(ev.date, `event ${ev.id}`);
  const family = subTypeFamily(ev.sub_event_type);
  const { lat, lon } = ev.location;
  const dLat = radius / KM_PER_DEGREE;
  // Longitude degrees shrink with latitude; near the poles just take every longitude.
  const cosLat = Math.cos((Math.min(89, Math.abs(lat) + dLat) * Math.PI) / 180);
  const dLon = Math.min(180, radius / (KM_PER_DEGREE * cosLat));
  const keys: string[] = [];
  const bs = buckets(r.start - slack, r.end + slack);
  for (let la = cell(lat - dLat); la <= cell(lat + dLat); la++) {
    for (let lo = cell(lon - dLon); lo <= cell(lon + dLon); lo++) {
      for (const b of bs) keys.push(key(family, la, lo, b));
    }
  }
  return keys;
}
