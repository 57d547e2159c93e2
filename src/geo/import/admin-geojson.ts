import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { AdminArea } from './cod-ab.js';
import { simplifyGeometry, vertexCount } from './simplify.js';

/** Admin boundaries for the map and agreements; simplified (~100 m) only when large. */
const SIMPLIFY_ABOVE_VERTICES = 20000;
const SIMPLIFY_TOLERANCE_DEG = 0.001;

export function adminCollection(areas: readonly AdminArea[], level: 1 | 2 | 3): FeatureCollection<Polygon | MultiPolygon> {
  const mine = areas.filter((a) => a.level === level);
  const total = mine.reduce((n, a) => n + vertexCount(a.geometry), 0);
  const simplify = total > SIMPLIFY_ABOVE_VERTICES;
  const features: Feature<Polygon | MultiPolygon>[] = mine.map((a) => ({
    type: 'Feature',
    id: a.pcode,
    properties: {
      id: `cod:${a.pcode}`,
      pcode: a.pcode,
      level,
      name: a.name,
      name_ar: a.name_ar,
      admin1: a.admin1,
      admin1_ar: a.admin1_ar,
      admin1_pcode: a.admin1_pcode,
      admin2: a.admin2,
      admin2_ar: a.admin2_ar,
      admin2_pcode: a.admin2_pcode,
    },
    geometry: simplify ? simplifyGeometry(a.geometry, SIMPLIFY_TOLERANCE_DEG) : a.geometry,
  }));
  return { type: 'FeatureCollection', features };
}
