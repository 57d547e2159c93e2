import type { Place } from '../../geo/types.js';

/** What resolving needs of the gazetteer (src/geo/gazetteer.ts's Gazetteer has both). */
export interface PlaceSource {
  get(id: string): Place | undefined;
  lookup(name: string): Place[];
}

const ID_PREFIX = /^(wof|cod|gn|iso|fact):\S+$/;

export type PlaceResolution = { place: Place } | { problem: string };

/**
 * A place reference of an agreement file: a gazetteer id is taken as is; a name must denote
 * exactly one town. Names are ambiguous more often than one expects (four Zaytunah in
 * north-west Syria), and a post or a zone line in the wrong one is silently wrong, so an
 * ambiguous name is an error that lists the candidates' ids to choose from.
 */
export function resolvePlaceRef(ref: string, gazetteer: PlaceSource): PlaceResolution {
  const text = ref.trim();
  if (ID_PREFIX.test(text)) {
    const place = gazetteer.get(text);
    return place ? { place } : { problem: `no place with id "${text}" in the gazetteer` };
  }
  const found = gazetteer.lookup(text);
  if (found.length === 0) {
    return { problem: `no place named "${text}" in the gazetteer; give its gazetteer id ("wof:…") or its lat and lon` };
  }
  const towns = found.filter((p) => p.kind === 'locality' || p.kind === 'landmark');
  const choice = towns.length > 0 ? towns : found;
  if (choice.length === 1) return { place: choice[0]! };
  const listed = choice.slice(0, 6).map(describePlace).join('; ');
  return {
    problem: `"${text}" names ${choice.length} places in the gazetteer: ${listed}${choice.length > 6 ? '; …' : ''} — give the gazetteer id of the one meant`,
  };
}

export function describePlace(p: Place): string {
  const admin = [p.admin1, p.admin2].filter(Boolean).join('/');
  return `${p.id} ${p.name}${admin ? ` (${admin})` : ''} ${p.lat},${p.lon}`;
}
