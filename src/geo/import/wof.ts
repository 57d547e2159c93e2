import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { hasArabic, hasLatin } from '../place-keys.js';

/** One Who's On First record, reduced to what the gazetteer uses. */
export interface WofRecord {
  id: number;
  placetype: string;
  /** wof:name. */
  name: string;
  /** Arabic names: preferred first, then variants. */
  namesAr: string[];
  /** English preferred names (name:eng_x_preferred). */
  engPreferred: string[];
  /** Other Latin names: wof:name, GeoNames names, English and undetermined variants. */
  namesLatin: string[];
  lat: number;
  lon: number;
  population: number;
  /** src:geom: 'geonames', 'quattroshapes', 'meso', ... */
  source: string;
  /** mz:is_current: 1 current, 0 not (abandoned, ceased), -1 unknown. */
  current: number;
  /** Deprecated or superseded by another record: not a place of its own. */
  retired: boolean;
  /** The GeoNames id this record corresponds to, if WOF knows it. */
  geonamesId: number | null;
}

type Props = Record<string, unknown>;

function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.trim().length > 0);
  return typeof v === 'string' && v.trim().length > 0 ? [v] : [];
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Airport codes and similar (KAC, OSKL) are not names. */
const CODE_LIKE = /^[A-Z0-9]{2,5}$/;

/** Bidi and zero-width marks some WOF names carry ("عربين\u200e\u200e"). */
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function pushUnique(out: string[], seen: Set<string>, names: string[]): void {
  for (const n of names) {
    const t = n.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim();
    if (t.length === 0 || seen.has(t) || CODE_LIKE.test(t)) continue;
    seen.add(t);
    out.push(t);
  }
}

export function wofRecordOf(p: Props): WofRecord | null {
  const id = num(p['wof:id']);
  const placetype = p['wof:placetype'];
  const lat = num(p['geom:latitude']);
  const lon = num(p['geom:longitude']);
  // Alternate-geometry lines carry no placetype: they are not places.
  if (id === null || typeof placetype !== 'string' || lat === null || lon === null) return null;
  const name = typeof p['wof:name'] === 'string' ? (p['wof:name'] as string) : '';

  // name:ara_x_preferred sometimes holds a Latin name; sort every name by script.
  const arabicSources = [
    ...strings(p['name:ara_x_preferred']),
    ...strings(p['name:ara_x_variant']),
    ...strings(p['name:arz_x_preferred']),
    ...strings(p['name:und_x_variant']),
  ];
  const latinSources = [
    name,
    ...strings(p['gn:asciiname']),
    ...strings(p['gn:name']),
    ...strings(p['name:eng_x_variant']),
    ...strings(p['name:und_x_variant']),
    ...strings(p['name:ara_x_preferred']),
    ...strings(p['name:ara_x_variant']),
    ...strings(p['qs:name']),
  ];
  const namesAr: string[] = [];
  const seenAr = new Set<string>();
  pushUnique(namesAr, seenAr, arabicSources.filter(hasArabic));
  const engPreferred: string[] = [];
  pushUnique(engPreferred, new Set<string>(), strings(p['name:eng_x_preferred']).filter(hasLatin));
  const namesLatin: string[] = [];
  const seenLatin = new Set<string>(engPreferred);
  pushUnique(namesLatin, seenLatin, latinSources.filter((n) => hasLatin(n) && !hasArabic(n)));

  const population = num(p['gn:population']) ?? num(p['wof:population']) ?? 0;
  const supersededBy = Array.isArray(p['wof:superseded_by']) ? (p['wof:superseded_by'] as unknown[]) : [];
  const deprecated = typeof p['edtf:deprecated'] === 'string' && p['edtf:deprecated'] !== 'uuuu';
  return {
    id,
    placetype,
    name: name.replace(INVISIBLE, '').trim(),
    namesAr,
    engPreferred,
    namesLatin,
    lat,
    lon,
    population,
    source: typeof p['src:geom'] === 'string' ? (p['src:geom'] as string) : '',
    current: num(p['mz:is_current']) ?? -1,
    retired: supersededBy.length > 0 || deprecated,
    geonamesId: geonamesIdOf(p),
  };
}

function geonamesIdOf(p: Props): number | null {
  const conc = p['wof:concordances'];
  const fromConc = conc && typeof conc === 'object' ? num((conc as Props)['gn:id']) : null;
  return fromConc ?? num(p['gn:geonameid']) ?? num(p['qs:gn_id']) ?? num(p['qs_pg:gn_id']);
}

/**
 * Stream a gzipped GeoJSON-lines WOF export. Each line is parsed alone so memory stays flat; a
 * malformed line is an error naming the file and line.
 */
export async function readWof(file: string, onRecord?: (n: number) => void): Promise<WofRecord[]> {
  const input = createReadStream(file);
  const lines = createInterface({ input: file.endsWith('.gz') ? input.pipe(createGunzip()) : input, crlfDelay: Infinity });
  const out: WofRecord[] = [];
  let lineNo = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim().length === 0) continue;
    let feature: { properties?: Props };
    try {
      feature = JSON.parse(line) as { properties?: Props };
    } catch (err) {
      throw new Error(`${file}:${lineNo}: not a JSON GeoJSON feature (${(err as Error).message})`);
    }
    const rec = feature.properties ? wofRecordOf(feature.properties) : null;
    if (rec) out.push(rec);
    onRecord?.(lineNo);
  }
  return out;
}
