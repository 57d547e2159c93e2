import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Douglas–Peucker simplification of polygon rings, for the admin boundaries written next to the
 * index: the map and agreement checks need ~100 m, not the survey's vertex density. Rings keep
 * at least 4 positions and stay closed; coordinates are rounded to 5 decimals (~1 m).
 */

function sqSegDist(p: Position, a: Position, b: Position): number {
  let x = a[0]!;
  let y = a[1]!;
  let dx = b[0]! - x;
  let dy = b[1]! - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((p[0]! - x) * dx + (p[1]! - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0]!;
      y = b[1]!;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = p[0]! - x;
  dy = p[1]! - y;
  return dx * dx + dy * dy;
}

function simplifyRing(ring: Position[], tolerance: number): Position[] {
  if (ring.length <= 4) return ring;
  const sqTol = tolerance * tolerance;
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  const stack: [number, number][] = [[0, ring.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxSq = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const d = sqSegDist(ring[i]!, ring[first]!, ring[last]!);
      if (d > maxSq) {
        maxSq = d;
        index = i;
      }
    }
    if (index > 0 && maxSq > sqTol) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  let out = ring.filter((_, i) => keep[i] === 1);
  if (out.length < 4) {
    // A tiny ring (an islet, an enclave): keep the original rather than a degenerate one.
    out = ring;
  }
  return out.map((p) => [round5(p[0]!), round5(p[1]!)]);
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

export function simplifyGeometry(g: Polygon | MultiPolygon, tolerance: number): Polygon | MultiPolygon {
  if (g.type === 'Polygon') {
    return { type: 'Polygon', coordinates: g.coordinates.map((r) => simplifyRing(r, tolerance)) };
  }
  return {
    type: 'MultiPolygon',
    coordinates: g.coordinates.map((poly) => poly.map((r) => simplifyRing(r, tolerance))),
  };
}

export function vertexCount(g: Polygon | MultiPolygon): number {
  const rings: Position[][] = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  return rings.reduce((n, r) => n + r.length, 0);
}
