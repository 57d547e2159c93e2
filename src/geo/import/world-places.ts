import { foldLatin } from '../transliteration.js';
import type { Place } from '../types.js';
import type { AdminArea, CodAb } from './cod-ab.js';
import { round5 } from './build-places.js';
import { CITY_FACTS, COUNTRY_FACTS, type CityFact } from './world-facts.js';
import type { WorldCity } from './world-cities.js';
import { keepWorldCity } from './world-cities.js';
import type { WofRecord } from './wof.js';

/** Countries, and the world's cities: the places outside Syria. */

/** A Place from a facts-table entry (no source record behind it). */
export function factPlace(
  id: string,
  name: string,
  names: string[],
  lat: number,
  lon: number,
  kind: Place['kind'],
  country: string,
  area: AdminArea | null = null,
): Place {
  const ar = names.find((n) => /[\u0600-\u06ff]/.test(n)) ?? null;
  return {
    id,
    name,
    name_ar: ar,
    names: [...new Set([name, ...names])],
    lat,
    lon,
    kind,
    country,
    admin1: area?.admin1 ?? null,
    admin2: area?.admin2 ?? null,
    admin3: area?.admin3 ?? null,
    admin1_ar: area?.admin1_ar ?? null,
    admin2_ar: area?.admin2_ar ?? null,
    admin3_ar: area?.admin3_ar ?? null,
    pcode: area?.pcode ?? null,
    population: 0,
    alt_ids: [],
  };
}

const NOT_SYRIA = /^(ال)?شام$|^Ash Sh[aā]m$|^Syrian$/;

/** Syria from WOF (its names) and COD-AB admin0 (its centre), plus the other countries. */
export function countryPlaces(wof: readonly WofRecord[], cod: CodAb): Place[] {
  const out: Place[] = [];
  const wofSyria = wof.find((r) => r.placetype === 'country');
  for (const f of COUNTRY_FACTS) {
    if (f.iso2 === 'SY') {
      // الشام alone names the Levant, Damascus and Hayat Tahrir al-Sham as often as Syria;
      // "Syrian" is an adjective.
      const wofNames = wofSyria
        ? [...wofSyria.namesAr, ...wofSyria.engPreferred, ...wofSyria.namesLatin].filter((n) => !NOT_SYRIA.test(n))
        : [];
      const p = factPlace(
        wofSyria ? `wof:${wofSyria.id}` : 'iso:SY',
        f.en,
        [...f.ar, ...f.enAlt, ...(cod.country?.name_ar ? [cod.country.name_ar] : []), ...wofNames],
        round5(cod.country?.centerLat ?? f.lat),
        round5(cod.country?.centerLon ?? f.lon),
        'country',
        'SY',
      );
      p.name_ar = f.ar[0]!;
      p.pcode = 'SY';
      p.population = wofSyria?.population ?? 0;
      out.push(p);
      continue;
    }
    const p = factPlace(`iso:${f.iso2}`, f.en, [...f.ar, ...f.enAlt], f.lat, f.lon, 'country', f.iso2);
    p.name_ar = f.ar[0]!;
    out.push(p);
  }
  return out;
}

/**
 * The world baseline: cities named in CITY_FACTS become full Places (with Arabic names) in
 * places.jsonl; every other kept city becomes one compact TSV line of world-cities.tsv.
 */
export function worldPlaces(cities: readonly WorldCity[]): { withArabic: Place[]; rest: string[] } {
  const byNameCountry = new Map<string, WorldCity[]>();
  for (const c of cities) {
    for (const n of [c.name, c.altName]) {
      if (!n) continue;
      const k = `${foldLatin(n)}|${c.country}`;
      const list = byNameCountry.get(k) ?? [];
      list.push(c);
      byNameCountry.set(k, list);
    }
  }
  const claimed = new Set<string>();
  const withArabic: Place[] = [];
  for (const f of CITY_FACTS) {
    const match = findCity(f, byNameCountry);
    const id = match ? `gn:${match.cityId}` : `fact:${f.en.toLowerCase().replace(/[^a-z]+/g, '-')}-${f.country.toLowerCase()}`;
    const lat = match ? match.loc.coordinates[1] : f.lat;
    const lon = match ? match.loc.coordinates[0] : f.lon;
    const p = factPlace(id, f.en, [...f.ar, ...f.enAlt, ...(match ? [match.name] : [])], lat, lon, 'locality', f.country);
    p.name_ar = f.ar[0]!;
    p.population = match?.population ?? 0;
    withArabic.push(p);
    if (match) claimed.add(String(match.cityId));
  }
  const rest: string[] = [];
  for (const c of cities) {
    if (!keepWorldCity(c) || claimed.has(String(c.cityId))) continue;
    const [lon, lat] = c.loc.coordinates;
    rest.push([c.cityId, clean(c.name), c.country, lat, lon, c.population, clean(c.altName)].join('\t'));
  }
  return { withArabic, rest };
}

function clean(s: string): string {
  return (s ?? '').replace(/[\t\r\n]+/g, ' ').trim();
}

/**
 * The GeoNames city a fact names: same country, one of its English names (folded: GeoNames
 * writes Tall ‘Afar, Şanlıurfa), the most populous.
 */
function findCity(f: CityFact, byNameCountry: Map<string, WorldCity[]>): WorldCity | null {
  let best: WorldCity | null = null;
  for (const n of [f.en, ...f.enAlt]) {
    for (const c of byNameCountry.get(`${foldLatin(n)}|${f.country}`) ?? []) {
      if (!best || c.population > best.population) best = c;
    }
  }
  return best;
}

