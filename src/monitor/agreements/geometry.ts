import { area } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { buffer } from '@turf/buffer';
import { kinks } from '@turf/kinks';
import type { LineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { AgreementProblem } from './errors.js';
import { pathString } from './errors.js';

/**
 * Zone geometry: the checks a hand-written polygon needs before it can be trusted (coordinates
 * in range, closed rings, no self-intersection), the buffer that turns a line into a band, and
 * the point test violations use. Coordinates are GeoJSON [lon, lat], WGS84 degrees.
 */

export type ZoneGeometry = Polygon | MultiPolygon;
type Path = readonly (string | number)[];

/** [minLon, minLat, maxLon, maxLat] */
export type Box = [number, number, number, number];

/** Problems with one position; hints at swapped axes because [lat, lon] is the usual slip. */
export function positionProblems(p: readonly number[], path: Path): AgreementProblem[] {
  const [lon, lat] = p as [number, number];
  const where = pathString(path);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180;
    return [{
      path: where,
      line: null,
      message: `[${lon}, ${lat}] is not a valid [lon, lat] position (lon must be within ±180, lat within ±90)` +
        (swapped ? '; GeoJSON positions are [lon, lat] — are these swapped?' : ''),
    }];
  }
  return [];
}

function sameXY(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A linear ring: at least 4 positions, valid coordinates, first repeated as last. */
function ringProblems(ring: readonly Position[], path: Path): AgreementProblem[] {
  const where = pathString(path);
  if (ring.length < 4) {
    return [{ path: where, line: null, message: `a ring needs at least 4 positions (3 corners and the first again to close it); it has ${ring.length}` }];
  }
  const out: AgreementProblem[] = [];
  ring.forEach((p, i) => out.push(...positionProblems(p, [...path, i])));
  if (out.length > 0) return out;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (!sameXY(first, last)) {
    out.push({
      path: where,
      line: null,
      message: `the ring is not closed: it starts at [${first.join(', ')}] and ends at [${last.join(', ')}]; repeat the first position at the end`,
    });
  }
  return out;
}

function polygonRingsProblems(rings: readonly (readonly Position[])[], path: Path): AgreementProblem[] {
  const out: AgreementProblem[] = [];
  rings.forEach((r, i) => out.push(...ringProblems(r, [...path, i])));
  return out;
}

/**
 * Everything wrong with a zone polygon. Self-intersections are looked for only once every ring
 * is well formed, and reported at the first crossing.
 */
export function geometryProblems(g: ZoneGeometry, path: Path): AgreementProblem[] {
  const coordsPath = [...path, 'coordinates'];
  const out: AgreementProblem[] = g.type === 'Polygon'
    ? polygonRingsProblems(g.coordinates, coordsPath)
    : g.coordinates.flatMap((poly, i) => polygonRingsProblems(poly, [...coordsPath, i]));
  if (out.length > 0) return out;
  const crossings = kinks(g).features;
  if (crossings.length > 0) {
    const [lon, lat] = crossings[0]!.geometry.coordinates as [number, number];
    out.push({
      path: pathString(path),
      line: null,
      message: `the ${g.type === 'Polygon' ? 'polygon' : 'multipolygon'} intersects itself (${crossings.length} crossing${crossings.length === 1 ? '' : 's'}, the first at [${round(lon, 5)}, ${round(lat, 5)}]); its edges must not cross`,
    });
  } else if (areaKm2(g) <= 0) {
    out.push({ path: pathString(path), line: null, message: 'the polygon has no area' });
  }
  return out;
}

/** Problems with a line given as positions. */
export function lineProblems(line: readonly (readonly number[])[], path: Path): AgreementProblem[] {
  const out: AgreementProblem[] = [];
  line.forEach((p, i) => out.push(...positionProblems(p, [...path, i])));
  return out;
}

/**
 * The band of `bufferKm` on each side of a line (round caps at the ends), as a polygon. Turf
 * buffers in a local azimuthal projection, accurate to well under 1% over a few hundred km.
 * Coordinates are rounded to 5 decimals (~1 m) to keep stored files readable.
 */
export function bufferLine(line: readonly (readonly [number, number])[], bufferKm: number): ZoneGeometry {
  const geometry: LineString = { type: 'LineString', coordinates: line.map(([lon, lat]) => [lon, lat]) };
  const out = buffer(geometry, bufferKm, { units: 'kilometers', steps: 16 });
  if (!out) throw new Error(`buffering a line of ${line.length} points by ${bufferKm} km gave no polygon`);
  return roundGeometry(out.geometry);
}

function roundGeometry(g: ZoneGeometry): ZoneGeometry {
  const r = (ring: Position[]): Position[] => dedupe(ring.map((p) => [round(p[0]!, 5), round(p[1]!, 5)]));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(r) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((poly) => poly.map(r)) };
}

/** Drop consecutive repeats that rounding can create (the closing position stays). */
function dedupe(ring: Position[]): Position[] {
  const out: Position[] = [];
  for (const p of ring) if (out.length === 0 || !sameXY(out[out.length - 1]!, p)) out.push(p);
  if (!sameXY(out[0]!, out[out.length - 1]!)) out.push(out[0]!);
  return out;
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export function areaKm2(g: ZoneGeometry): number {
  return area(g) / 1e6;
}

export function boxOf(g: ZoneGeometry): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const poly of polys) {
    for (const p of poly[0] ?? []) {
      const lon = p[0]!;
      const lat = p[1]!;
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

/** Point in polygon (holes excluded; a point on the boundary counts as inside). */
export function containsPoint(g: ZoneGeometry, box: Box, lon: number, lat: number): boolean {
  if (lon < box[0] || lon > box[2] || lat < box[1] || lat > box[3]) return false;
  return booleanPointInPolygon([lon, lat], g);
}
