import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { Document, Scalar, isSeq, visit } from 'yaml';
import type { Agreement, ObservationPost, Rule, Zone } from '../types.js';
import { areaKm2, round } from './geometry.js';

/**
 * An agreement written back in the file format with everything resolved: zones as polygons
 * (with how they were built kept under built_from), posts as lat/lon with their gazetteer ids.
 * Loading it needs no gazetteer and gives the same agreement, whatever the gazetteer becomes.
 */
export function agreementToFileObject(a: Agreement): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    approximation: a.approximation,
    parties: a.parties,
    guarantors: a.guarantors,
    effective: { from: a.effective.from, until: a.effective.until },
    zones: a.zones.map(zoneObject),
    posts: a.posts.map(postObject),
    rules: a.rules.map(ruleObject),
  };
}

function zoneObject(z: Zone): Record<string, unknown> {
  return {
    id: z.id,
    name: z.name,
    ...(z.name_ar ? { name_ar: z.name_ar } : {}),
    geometry: z.geometry,
    ...(z.built_from ? { built_from: z.built_from } : {}),
  };
}

function postObject(p: ObservationPost): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    ...(p.name_ar ? { name_ar: p.name_ar } : {}),
    ...(p.gazetteer_id ? { gazetteer_id: p.gazetteer_id } : {}),
    lat: p.lat,
    lon: p.lon,
    radius_km: p.radius_km,
    held_by: p.held_by,
    ...(p.note ? { note: p.note } : {}),
  };
}

function ruleObject(r: Rule): Record<string, unknown> {
  return {
    id: r.id,
    description: r.description,
    sub_event_types: r.sub_event_types,
    ...(r.actors.length > 0 ? { actors: r.actors } : {}),
    ...(r.actor_inters.length > 0 ? { actor_inters: r.actor_inters } : {}),
    scope: r.scope.kind === 'zone'
      ? { zone: r.scope.zone }
      : { post: r.scope.post, ...(r.scope.within_km !== undefined ? { within_km: r.scope.within_km } : {}) },
    from: r.from,
    until: r.until,
  };
}

/** YAML with number pairs and short lists on one line, so a polygon reads as a column of positions. */
export function agreementToYaml(a: Agreement, header: string | null = null): string {
  const doc = new Document(agreementToFileObject(a));
  visit(doc, {
    Seq(_key, node) {
      if (isSeq(node) && node.items.length <= 12 && node.items.every((i) => typeof (i as { value?: unknown }).value === 'number')) node.flow = true;
    },
    // Quoted, so that YAML 1.1 readers (which turn bare 2018-10-15 into a timestamp) keep a string.
    Scalar(_key, node) {
      if (typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    },
  });
  if (header) doc.commentBefore = header.split('\n').map((l) => ` ${l}`).join('\n');
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * Zones (polygons, with their area), the lines they were built from, and posts (points with
 * their radius) as one GeoJSON FeatureCollection, for maps.
 */
export function agreementGeoJson(a: Agreement): FeatureCollection {
  const features: Feature<Geometry>[] = [];
  for (const z of a.zones) {
    features.push({
      type: 'Feature',
      id: `${a.id}/zone/${z.id}`,
      geometry: z.geometry,
      properties: { kind: 'zone', agreement_id: a.id, id: z.id, name: z.name, name_ar: z.name_ar ?? null, area_km2: round(areaKm2(z.geometry), 1), buffer_km: z.built_from?.buffer_km ?? null },
    });
    if (z.built_from) {
      features.push({
        type: 'Feature',
        id: `${a.id}/zone/${z.id}/line`,
        geometry: { type: 'LineString', coordinates: z.built_from.line },
        properties: { kind: 'zone-line', agreement_id: a.id, zone_id: z.id, places: z.built_from.places?.map((p) => p.gazetteer_id) ?? null },
      });
    }
  }
  for (const p of a.posts) {
    features.push({
      type: 'Feature',
      id: `${a.id}/post/${p.id}`,
      geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      properties: { kind: 'post', agreement_id: a.id, id: p.id, name: p.name, name_ar: p.name_ar ?? null, radius_km: p.radius_km, held_by: p.held_by, gazetteer_id: p.gazetteer_id ?? null },
    });
  }
  return { type: 'FeatureCollection', features };
}
