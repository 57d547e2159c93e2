import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { haversineKm } from '../geo-math.js';
import type { AdminArea } from './cod-ab.js';

interface Indexed {
  area: AdminArea;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function bboxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const p of ring) {
      const x = p[0]!;
      const y = p[1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Distance (km) from a point to the nearest vertex of an area: enough for a coastline tolerance. */
function nearestVertexKm(lat: number, lon: number, g: Polygon | MultiPolygon): number {
  let best = Infinity;
  const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  for (const ring of rings) {
    for (const p of ring) {
      const d = haversineKm(lat, lon, p[1]!, p[0]!);
      if (d < best) best = d;
    }
  }
  return best;
}

/**
 * Point-in-polygon lookup of the admin area containing a point. A bounding-box prefilter keeps
 * 10k points × 272 sub-districts to a few polygon tests each.
 */
export class AdminLookup {
  private readonly items: Indexed[];

  constructor(areas: readonly AdminArea[]) {
    this.items = areas.map((area) => {
      const [minX, minY, maxX, maxY] = bboxOf(area.geometry);
      return { area, minX, minY, maxX, maxY };
    });
  }

  /**
   * The area containing the point; else, for points just off a boundary or the coast (GeoNames
   * and COD-AB disagree by a few hundred metres), the nearest area within `toleranceKm`.
   */
  locate(lat: number, lon: number, toleranceKm = 5): AdminArea | null {
    for (const it of this.items) {
      if (lon < it.minX || lon > it.maxX || lat < it.minY || lat > it.maxY) continue;
      if (booleanPointInPolygon([lon, lat], it.area.geometry)) return it.area;
    }
    const pad = toleranceKm / 80; // degrees; generous at Syria's latitudes
    let best: AdminArea | null = null;
    let bestKm = toleranceKm;
    for (const it of this.items) {
      if (lon < it.minX - pad || lon > it.maxX + pad || lat < it.minY - pad || lat > it.maxY + pad) continue;
      const d = nearestVertexKm(lat, lon, it.area.geometry);
      if (d <= bestKm) {
        bestKm = d;
        best = it.area;
      }
    }
    return best;
  }
}
