import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Incident, IncidentLocation } from '../../store/types.js';
import type { EscalationUnitRef } from '../alerts/types.js';
import type { Agreement, Zone } from '../types.js';
import type { EscalationConfig } from './config.js';

/** A zone of an agreement as an escalation unit, with its bounding box for a quick first test. */
export interface ZoneUnit {
  ref: EscalationUnitRef;
  agreement: Agreement;
  zone: Zone;
  box: [number, number, number, number];
}

function boxOf(z: Zone): [number, number, number, number] {
  let minLon = Infinity, minLat = Infinity, maxLon = -Infinity, maxLat = -Infinity;
  const polys = z.geometry.type === 'Polygon' ? [z.geometry.coordinates] : z.geometry.coordinates;
  for (const poly of polys) {
    for (const ring of poly) {
      for (const p of ring) {
        const lon = p[0]!, lat = p[1]!;
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
    }
  }
  return [minLon, minLat, maxLon, maxLat];
}

export function zoneUnitId(agreementId: string, zoneId: string): string {
  return `zone:${agreementId}/${zoneId}`;
}

export function admin1UnitId(country: string, admin1: string): string {
  return `admin1:${country}/${admin1}`;
}

export function zoneUnits(agreements: readonly Agreement[]): ZoneUnit[] {
  const out: ZoneUnit[] = [];
  for (const a of agreements) {
    for (const z of a.zones) {
      out.push({
        ref: { id: zoneUnitId(a.id, z.id), kind: 'zone', name: `${a.name} — ${z.name}`, agreement_id: a.id, zone_id: z.id, admin1: null, country: null },
        agreement: a,
        zone: z,
        box: boxOf(z),
      });
    }
  }
  return out;
}

export function admin1Unit(loc: IncidentLocation): EscalationUnitRef | null {
  if (!loc.admin1) return null;
  return { id: admin1UnitId(loc.country, loc.admin1), kind: 'admin1', name: loc.admin1, agreement_id: null, zone_id: null, admin1: loc.admin1, country: loc.country };
}

/** Whether the agreement is in force on `day`. */
export function activeOn(a: Agreement, day: string): boolean {
  return a.effective.from <= day && (a.effective.until === null || day <= a.effective.until);
}

/** The zones an incident lies in (its point, when precise enough to place it in a zone). */
export function zonesOf(inc: Incident, units: readonly ZoneUnit[], c: EscalationConfig): ZoneUnit[] {
  const loc = inc.location;
  if (loc === null || loc.geo_precision > c.zone_max_geo_precision) return [];
  const pt: [number, number] = [loc.lon, loc.lat];
  return units.filter((u) => loc.lon >= u.box[0] && loc.lon <= u.box[2] && loc.lat >= u.box[1] && loc.lat <= u.box[3] &&
    booleanPointInPolygon(pt, u.zone.geometry));
}
