import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as shapefile from 'shapefile';
import type { MultiPolygon, Polygon, Position } from 'geojson';

/** One OCHA COD-AB administrative area (admin1 governorate, admin2 district, admin3 sub-district). */
export interface AdminArea {
  level: 1 | 2 | 3;
  pcode: string;
  name: string;
  name_ar: string | null;
  /** P-codes and names of the areas above it (its own at its level). */
  admin1: string;
  admin1_ar: string | null;
  admin1_pcode: string;
  admin2: string | null;
  admin2_ar: string | null;
  admin2_pcode: string | null;
  admin3: string | null;
  admin3_ar: string | null;
  /** COD-AB's own label point (center_lat / center_lon). */
  centerLat: number;
  centerLon: number;
  geometry: Polygon | MultiPolygon;
}

/** A named point of COD-AB (admin points, admin capitals): used for English town names. */
export interface AdminPoint {
  level: number;
  name: string;
  name_ar: string | null;
  admin3_pcode: string | null;
  lat: number;
  lon: number;
}

export interface CodAb {
  country: { name: string; name_ar: string | null; centerLat: number; centerLon: number } | null;
  admin: AdminArea[];
  points: AdminPoint[];
}

type Props = Record<string, unknown>;

function str(p: Props, k: string): string | null {
  const v = p[k];
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : null;
}

function num(p: Props, k: string): number | null {
  const v = p[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The .cpg sidecar names the .dbf's encoding; COD-AB ships UTF-8. */
function dbfEncoding(base: string): string {
  const cpg = `${base}.cpg`;
  if (!existsSync(cpg)) return 'utf-8';
  const enc = readFileSync(cpg, 'utf8').trim().toLowerCase();
  return enc === 'utf-8' || enc === 'utf8' || enc.length === 0 ? 'utf-8' : enc;
}

async function readLayer(folder: string, layer: string): Promise<{ props: Props; geometry: unknown }[]> {
  const base = join(folder, layer);
  if (!existsSync(`${base}.shp`) || !existsSync(`${base}.dbf`)) {
    throw new Error(`${folder}: missing ${layer}.shp / ${layer}.dbf (expected the OCHA COD-AB Syria shapefiles)`);
  }
  const source = await shapefile.open(`${base}.shp`, `${base}.dbf`, { encoding: dbfEncoding(base) });
  const out: { props: Props; geometry: unknown }[] = [];
  for (let r = await source.read(); !r.done; r = await source.read()) {
    out.push({ props: (r.value.properties ?? {}) as Props, geometry: r.value.geometry });
  }
  return out;
}

function isPolygonal(g: unknown): g is Polygon | MultiPolygon {
  const t = (g as { type?: string } | null)?.type;
  return t === 'Polygon' || t === 'MultiPolygon';
}

function adminOf(level: 1 | 2 | 3, p: Props, geometry: Polygon | MultiPolygon, layer: string): AdminArea {
  const pcode = str(p, `adm${level}_pcode`);
  const name = str(p, `adm${level}_name`);
  const admin1 = str(p, 'adm1_name');
  const admin1Pcode = str(p, 'adm1_pcode');
  if (!pcode || !name || !admin1 || !admin1Pcode) {
    throw new Error(`${layer}: a feature lacks adm${level}_pcode / adm${level}_name / adm1_name`);
  }
  const lat = num(p, 'center_lat');
  const lon = num(p, 'center_lon');
  const [cLon, cLat] = lat !== null && lon !== null ? [lon, lat] : ringCentroid(geometry);
  return {
    level,
    pcode,
    name,
    name_ar: str(p, `adm${level}_name1`),
    admin1,
    admin1_ar: str(p, 'adm1_name1'),
    admin1_pcode: admin1Pcode,
    admin2: level >= 2 ? str(p, 'adm2_name') : null,
    admin2_ar: level >= 2 ? str(p, 'adm2_name1') : null,
    admin2_pcode: level >= 2 ? str(p, 'adm2_pcode') : null,
    admin3: level === 3 ? name : null,
    admin3_ar: level === 3 ? str(p, 'adm3_name1') : null,
    centerLat: cLat,
    centerLon: cLon,
    geometry,
  };
}

/** Mean of the outer ring's vertices: only a fallback when COD-AB gives no label point. */
function ringCentroid(g: Polygon | MultiPolygon): [number, number] {
  const ring: Position[] = g.type === 'Polygon' ? (g.coordinates[0] ?? []) : (g.coordinates[0]?.[0] ?? []);
  let x = 0;
  let y = 0;
  for (const p of ring) {
    x += p[0]!;
    y += p[1]!;
  }
  return ring.length ? [x / ring.length, y / ring.length] : [0, 0];
}

/** Read the COD-AB folder: admin0–3 polygons, admin points and admin capitals. */
export async function readCodAb(folder: string): Promise<CodAb> {
  const admin: AdminArea[] = [];
  for (const level of [1, 2, 3] as const) {
    const layer = `syr_admin${level}`;
    for (const f of await readLayer(folder, layer)) {
      if (!isPolygonal(f.geometry)) continue;
      admin.push(adminOf(level, f.props, f.geometry, layer));
    }
  }
  let country: CodAb['country'] = null;
  const admin0 = await readLayer(folder, 'syr_admin0');
  const c = admin0[0]?.props;
  if (c) {
    country = {
      name: str(c, 'adm0_name') ?? 'Syria',
      name_ar: str(c, 'adm0_name1'),
      centerLat: num(c, 'center_lat') ?? 34.8,
      centerLon: num(c, 'center_lon') ?? 38.6,
    };
  }
  const points: AdminPoint[] = [];
  for (const layer of ['syr_adminpoints', 'syr_admincapitals']) {
    for (const f of await readLayer(folder, layer)) {
      const g = f.geometry as { type?: string; coordinates?: number[] } | null;
      const name = str(f.props, 'name');
      if (!name || g?.type !== 'Point' || !g.coordinates) continue;
      points.push({
        level: num(f.props, 'admin_leve') ?? num(f.props, 'adm_p_lvl') ?? -1,
        name,
        name_ar: str(f.props, 'name1') ?? str(f.props, 'name_1'),
        admin3_pcode: str(f.props, 'adm3_pcode'),
        lon: g.coordinates[0]!,
        lat: g.coordinates[1]!,
      });
    }
  }
  return { country, admin, points };
}
