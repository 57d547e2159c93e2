import { ActorCatalogue } from '../../../src/extract/actors/catalogue.js';
import { haversineKm } from '../../../src/geo/geo-math.js';
import type { SubEventType } from '../../../src/model/event.js';
import { parseAgreement } from '../../../src/monitor/agreements/load.js';
import type { Agreement, Zone } from '../../../src/monitor/types.js';
import type { CheckableIncident } from '../../../src/monitor/violations/check.js';

/** The base catalogue, compiled without a disk cache (tests write only to temp folders). */
export function catalogue(): ActorCatalogue {
  return ActorCatalogue.load([], { cacheDir: null });
}

/**
 * A small agreement: a 10 km band each side of an east-west line at 35.0°N from 36.0°E to
 * 37.0°E, two posts north of it, rules binding anyone, one party's forces, and inter codes.
 */
export const TEST_AGREEMENT_YAML = `
id: test-ceasefire
name: Test ceasefire
description: A band along a straight line, two posts, four rules.
approximation: null
parties:
  - {id: syria-government-forces, name: Government forces}
  - {id: syria-opposition, name: Opposition}
guarantors:
  - {id: turkey, name: Turkey}
effective: {from: "2019-01-01", until: "2019-12-31"}
zones:
  - id: band
    name: Band
    line: [[36.0, 35.0], [37.0, 35.0]]
    buffer_km: 10
posts:
  - {id: op-north, name: North post, lat: 35.5, lon: 36.5, radius_km: 3, held_by: turkey}
  - {id: op-far, name: Far post, lat: 36.0, lon: 36.5, radius_km: 3, held_by: turkey}
rules:
  - id: no-air-strikes
    description: No air strikes in the band.
    sub_event_types: [Air/drone strike]
    scope: {zone: band}
  - id: government-no-shelling
    description: Government forces do not shell the band.
    sub_event_types: [Shelling/artillery/missile attack]
    actors: [syria-government]
    scope: {zone: any}
  - id: rebels-no-clashes
    description: Rebel groups start no fighting in the band (by inter code).
    sub_event_types: [Armed clash]
    actor_inters: [2]
    scope: {zone: band}
  - id: posts-not-attacked
    description: Nothing fired at the posts.
    sub_event_types: [Air/drone strike, Shelling/artillery/missile attack]
    scope: {post: any}
  - id: summer-only
    description: A rule narrowed in time.
    sub_event_types: [Remote explosive/landmine/IED]
    scope: {zone: band}
    from: "2019-06-01"
    until: "2019-08-31"
`;

export function testAgreement(): Agreement {
  return parseAgreement(TEST_AGREEMENT_YAML, 'test-agreement.yaml');
}

export interface IncidentSpec {
  id?: string;
  sub?: SubEventType;
  lat?: number;
  lon?: number;
  date?: [string, string];
  grade?: string;
  perpetrators?: { id: string; inter: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | null }[];
  actor_ids?: string[];
  geo_precision?: 1 | 2 | 3;
}

export function incident(spec: IncidentSpec = {}): CheckableIncident {
  return {
    id: spec.id ?? 'inc-1',
    sub_event_type: spec.sub ?? 'Air/drone strike',
    grade: spec.grade ?? 'single-source',
    location: { lat: spec.lat ?? 35.0, lon: spec.lon ?? 36.5, country: 'SY', geo_precision: spec.geo_precision ?? 1 },
    date: spec.date ? { start: spec.date[0], end: spec.date[1] } : { start: '2019-06-01', end: '2019-06-01' },
    actor_ids: spec.actor_ids ?? (spec.perpetrators ?? []).map((p) => p.id),
    ...(spec.perpetrators ? { perpetrators: spec.perpetrators } : {}),
    members: [{ event_id: `${spec.id ?? 'inc-1'}#e1` }],
  };
}

/**
 * The latitude where the zone's northern edge crosses the meridian `lon`, read off the polygon
 * itself (the highest crossing of any ring edge), so "just inside/outside" tests follow the
 * geometry actually built rather than an assumed buffer.
 */
export function northEdgeAt(zone: Zone, lon: number): number {
  if (zone.geometry.type !== 'Polygon') throw new Error('expected a polygon');
  let best = -Infinity;
  for (const ring of zone.geometry.coordinates) {
    for (let i = 1; i < ring.length; i++) {
      const [x1, y1] = ring[i - 1] as [number, number];
      const [x2, y2] = ring[i] as [number, number];
      if ((x1 - lon) * (x2 - lon) > 0 || x1 === x2) continue;
      const y = y1 + ((lon - x1) / (x2 - x1)) * (y2 - y1);
      if (y > best) best = y;
    }
  }
  return best;
}

/** A point `km` due east of (lat, lon). */
export function eastOf(lat: number, lon: number, km: number): { lat: number; lon: number } {
  const perDegree = haversineKm(lat, lon, lat, lon + 1);
  return { lat, lon: lon + km / perDegree };
}
