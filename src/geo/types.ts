/**
 * The geo stage's domain types: gazetteer places, place mentions found in a document, and
 * mentions resolved to one place.
 */

export type PlaceKind = 'country' | 'admin1' | 'admin2' | 'admin3' | 'locality' | 'landmark';

export interface Place {
  /** 'wof:1293184687' (Who's On First), 'cod:SY0701' (OCHA P-code), 'gn:123456' (GeoNames), 'iso:TR' (a
   * country), 'fact:eastern-ghouta' (an area or city from the facts tables in import/world-facts.ts). */
  id: string;
  /** English display name. */
  name: string;
  name_ar: string | null;
  /** Every name and variant, in its original form (the keys are derived from these). */
  names: string[];
  lat: number;
  lon: number;
  kind: PlaceKind;
  /** ISO 3166-1 alpha-2. */
  country: string;
  admin1: string | null;
  admin2: string | null;
  admin3: string | null;
  admin1_ar: string | null;
  admin2_ar: string | null;
  admin3_ar: string | null;
  /**
   * For an admin area its own P-code; for a Syrian locality the P-code of the sub-district
   * (admin3) that contains it, so pcode.slice(0, 4) is its governorate.
   */
  pcode: string | null;
  population: number;
  /** Other records merged into this one (duplicates, the same area in another source). */
  alt_ids: string[];
}

/** How a region phrase around a name qualifies it. */
export type RegionKind =
  | 'countryside' // ريف إدلب, Idlib countryside
  | 'part' // شمال سوريا, southern Idlib: a part of the named area
  | 'near' // قرب, بالقرب من, محيط, أطراف, near, outskirts of
  | 'city' // مدينة X, X city
  | 'town' // بلدة / قرية X, village of X
  | 'province' // محافظة X, X province
  | 'district' // منطقة X
  | 'subdistrict' // ناحية X
  | 'camp' // مخيم X
  | 'neighbourhood'; // حي X

export type Direction =
  | 'north'
  | 'south'
  | 'east'
  | 'west'
  | 'north-east'
  | 'north-west'
  | 'south-east'
  | 'south-west';

export interface RegionMarker {
  kind: RegionKind;
  direction?: Direction;
  /** Original offsets of the whole phrase, name included. */
  start: number;
  end: number;
}

export interface PlaceMention {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  /** Original offsets of the name (clitic included: it is part of the written word). */
  start: number;
  end: number;
  /** The original text of the name. */
  text: string;
  candidates: Place[];
  /** The normalised clitic stripped from the first word ('' when none), e.g. 'و', 'بال'. */
  clitic: string;
  region?: RegionMarker;
}

export interface PlaceContext {
  /** The document's dateline place, as written ("إدلب", "Beirut"), or null. */
  dateline: string | null;
  /** The country the text is most likely about; default 'SY'. */
  country?: string;
  /** Lets the resolver look the dateline up; without it the dateline only helps when mentioned. */
  gazetteer?: { lookup(name: string): Place[] };
}

export interface ResolvedPlace {
  mention: PlaceMention;
  place: Place;
  /** ACLED: 1 the named town, 2 near a town / part of a region, 3 a region or larger. */
  geo_precision: 1 | 2 | 3;
  score: number;
  reason: string;
}
