import type { Place } from '../../geo/types.js';
import type { Agreement, ObservationPost, ResolvedPlaceRef, Rule, RuleScope, Zone } from '../types.js';
import type { AgreementProblem } from './errors.js';
import { pathString } from './errors.js';
import type { AgreementFile, PostFile, RuleFile, ZoneFile } from './format.js';
import { bufferLine, geometryProblems, lineProblems, round } from './geometry.js';
import { resolvePlaceRef, type PlaceSource } from './resolve-places.js';

/** What building an agreement may consult; both optional so a fully resolved file needs neither. */
export interface BuildOptions {
  /** The gazetteer, or a function that loads it the first time a place has to be resolved. */
  places?: PlaceSource | (() => PlaceSource);
  /** The actor catalogue, to check rule actor ids (ActorCatalogue has `get`). */
  actors?: { get(id: string): unknown };
}

type Path = (string | number)[];

/**
 * Turn a shape-checked agreement file into an Agreement: resolve places through the gazetteer,
 * buffer lines into polygons, and check everything that needs the whole document — unique ids,
 * geometry, the zone or post a rule names, who holds a post, dates in order, known actors.
 * Returns the agreement or every problem found.
 */
export function buildAgreement(file: AgreementFile, options: BuildOptions = {}): { agreement: Agreement } | { problems: AgreementProblem[] } {
  const problems: AgreementProblem[] = [];
  const add = (path: Path, message: string): void => {
    problems.push({ path: pathString(path), line: null, message });
  };
  const places = lazyPlaces(options.places);

  checkUnique(file.parties.concat(file.guarantors).map((p) => p.id), (i) => (i < file.parties.length ? ['parties', i, 'id'] : ['guarantors', i - file.parties.length, 'id']), 'party', add);
  checkUnique(file.zones.map((z) => z.id), (i) => ['zones', i, 'id'], 'zone', add);
  checkUnique(file.posts.map((p) => p.id), (i) => ['posts', i, 'id'], 'post', add);
  checkUnique(file.rules.map((r) => r.id), (i) => ['rules', i, 'id'], 'rule', add);

  const until = file.effective.until ?? null;
  if (until !== null && until < file.effective.from) add(['effective', 'until'], `ends (${until}) before it starts (${file.effective.from})`);

  const zones = file.zones.map((z, i) => buildZone(z, ['zones', i], places, add, problems));
  const partyIds = new Set(file.parties.concat(file.guarantors).map((p) => p.id));
  const posts = file.posts.map((p, i) => buildPost(p, ['posts', i], places, partyIds, add, problems));
  const zoneIds = new Set(file.zones.map((z) => z.id));
  const postIds = new Set(file.posts.map((p) => p.id));
  const rules = file.rules.map((r, i) => buildRule(r, ['rules', i], zoneIds, postIds, options.actors, add));

  if (problems.length > 0) return { problems };
  return {
    agreement: {
      id: file.id,
      name: file.name,
      description: file.description,
      approximation: file.approximation,
      parties: file.parties,
      guarantors: file.guarantors,
      effective: { from: file.effective.from, until },
      zones: zones as Zone[],
      posts: posts as ObservationPost[],
      rules,
    },
  };
}

interface LazyPlaces {
  get(): PlaceSource | { unavailable: string };
}

function lazyPlaces(p: BuildOptions['places']): LazyPlaces {
  let cached: PlaceSource | { unavailable: string } | null = null;
  return {
    get() {
      if (cached) return cached;
      if (p === undefined) {
        cached = { unavailable: 'resolving place names needs the gazetteer: run "marsad data import <folder>" first, or give lat/lon' };
      } else if (typeof p === 'function') {
        try {
          cached = p();
        } catch (err) {
          cached = { unavailable: `resolving place names needs the gazetteer: ${(err as Error).message}` };
        }
      } else {
        cached = p;
      }
      return cached;
    },
  };
}

function resolve(ref: string, path: Path, places: LazyPlaces, add: (p: Path, m: string) => void): Place | null {
  const source = places.get();
  if ('unavailable' in source) {
    add(path, source.unavailable);
    return null;
  }
  const r = resolvePlaceRef(ref, source);
  if ('problem' in r) {
    add(path, r.problem);
    return null;
  }
  return r.place;
}

function checkUnique(ids: readonly string[], pathOf: (i: number) => Path, what: string, add: (p: Path, m: string) => void): void {
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    const first = seen.get(id);
    if (first !== undefined) add(pathOf(i), `${what} id "${id}" is used twice (first at ${pathString(pathOf(first))})`);
    else seen.set(id, i);
  });
}

function buildZone(z: ZoneFile, path: Path, places: LazyPlaces, add: (p: Path, m: string) => void, problems: AgreementProblem[]): Zone | null {
  const before = problems.length;
  const base = { id: z.id, name: z.name, ...(z.name_ar ? { name_ar: z.name_ar } : {}) };
  if (z.geometry) {
    for (const p of geometryProblems(z.geometry, [...path, 'geometry'])) problems.push(p);
    if (problems.length > before) return null;
    return { ...base, geometry: z.geometry, ...(z.built_from ? { built_from: z.built_from } : {}) };
  }
  const bufferKm = z.buffer_km!;
  let line: [number, number][];
  let resolved: ResolvedPlaceRef[] | undefined;
  if (z.line) {
    for (const p of lineProblems(z.line, [...path, 'line'])) problems.push(p);
    line = z.line.map((p) => [p[0]!, p[1]!]);
  } else {
    resolved = [];
    const refs = z.line_from_places!;
    for (let i = 0; i < refs.length; i++) {
      const place = resolve(refs[i]!, [...path, 'line_from_places', i], places, add);
      if (place) resolved.push({ ref: refs[i]!, gazetteer_id: place.id, name: place.name, lat: place.lat, lon: place.lon });
      if ('unavailable' in places.get()) break; // one message is enough
    }
    line = resolved.map((p) => [p.lon, p.lat]);
  }
  if (problems.length > before) return null;
  const geometry = bufferLine(line, bufferKm);
  const geomProblems = geometryProblems(geometry, [...path, 'line']);
  if (geomProblems.length > 0) {
    add(path, `buffering the line by ${bufferKm} km gave an invalid polygon (${geomProblems[0]!.message})`);
    return null;
  }
  return { ...base, geometry, built_from: { line, ...(resolved ? { places: resolved } : {}), buffer_km: bufferKm } };
}

function buildPost(p: PostFile, path: Path, places: LazyPlaces, partyIds: ReadonlySet<string>, add: (p: Path, m: string) => void, problems: AgreementProblem[]): ObservationPost | null {
  const before = problems.length;
  if (!partyIds.has(p.held_by)) {
    add([...path, 'held_by'], `"${p.held_by}" is not one of the agreement's parties or guarantors (${[...partyIds].join(', ')})`);
  }
  let lat = p.lat;
  let lon = p.lon;
  let gazetteerId = p.gazetteer_id;
  if (lat !== undefined && lon !== undefined) {
    if (Math.abs(lat) > 90) add([...path, 'lat'], `${lat} is not a latitude (-90 to 90)`);
    if (Math.abs(lon) > 180) add([...path, 'lon'], `${lon} is not a longitude (-180 to 180)`);
  } else {
    const place = resolve(p.place!, [...path, 'place'], places, add);
    if (place) {
      lat = place.lat;
      lon = place.lon;
      gazetteerId = place.id;
    }
  }
  if (problems.length > before || lat === undefined || lon === undefined) return null;
  return {
    id: p.id,
    name: p.name,
    ...(p.name_ar ? { name_ar: p.name_ar } : {}),
    lat: round(lat, 6),
    lon: round(lon, 6),
    radius_km: p.radius_km,
    held_by: p.held_by,
    ...(gazetteerId ? { gazetteer_id: gazetteerId } : {}),
    ...(p.note ? { note: p.note } : {}),
  };
}

function buildRule(
  r: RuleFile,
  path: Path,
  zoneIds: ReadonlySet<string>,
  postIds: ReadonlySet<string>,
  actors: BuildOptions['actors'],
  add: (p: Path, m: string) => void,
): Rule {
  let scope: RuleScope;
  if ('zone' in r.scope) {
    scope = { kind: 'zone', zone: r.scope.zone };
    if (r.scope.zone === 'any') {
      if (zoneIds.size === 0) add([...path, 'scope', 'zone'], 'the rule applies in "any" zone but the agreement has no zones');
    } else if (!zoneIds.has(r.scope.zone)) {
      add([...path, 'scope', 'zone'], `no zone "${r.scope.zone}" in this agreement (zones: ${[...zoneIds].join(', ') || 'none'})`);
    }
  } else {
    scope = { kind: 'post', post: r.scope.post, ...(r.scope.within_km !== undefined ? { within_km: r.scope.within_km } : {}) };
    if (r.scope.post === 'any') {
      if (postIds.size === 0) add([...path, 'scope', 'post'], 'the rule applies at "any" post but the agreement has no observation posts');
    } else if (!postIds.has(r.scope.post)) {
      add([...path, 'scope', 'post'], `no observation post "${r.scope.post}" in this agreement (posts: ${[...postIds].join(', ') || 'none'})`);
    }
  }
  const ruleActors = r.actors ?? [];
  if (actors) {
    ruleActors.forEach((a, i) => {
      if (actors.get(a) === undefined) add([...path, 'actors', i], `"${a}" is not an actor id of the catalogue (lexicon/actors.yaml)`);
    });
  }
  const from = r.from ?? null;
  const until = r.until ?? null;
  if (from !== null && until !== null && until < from) add([...path, 'until'], `ends (${until}) before it starts (${from})`);
  return {
    id: r.id,
    description: r.description,
    sub_event_types: r.sub_event_types,
    actors: ruleActors,
    actor_inters: r.actor_inters ?? [],
    scope,
    from,
    until,
  };
}
