import { join } from 'node:path';

/**
 * The on-disk gazetteer index (in gazetteerDir(home)). Bump FORMAT_VERSION whenever the files'
 * shape or the keys derived from names change meaning; the loader refuses other versions.
 *
 * Why several files: loading must take a few tens of milliseconds, so the name keys are
 * computed at import time (match-*.tsv), places are parsed only when a key hits them (one JSON
 * object a line), and the Latin keys, which only English text needs, load on first use.
 */
export const FORMAT_VERSION = 3;

export const INDEX_FILES = {
  /** One Place as JSON a line: Syria (WOF + COD-AB), countries, world cities with Arabic names. */
  places: 'places.jsonl',
  /** The lighter world baseline: one city a line, tab-separated (WORLD_COLUMNS). */
  world: 'world-cities.tsv',
  /** Arabic name keys and heads (see MATCH_SECTIONS). */
  matchArabic: 'match-ar.tsv',
  /** Latin name keys (folded and exact) and heads. */
  matchLatin: 'match-latin.tsv',
  meta: 'meta.json',
  admin1: 'admin1.geojson',
  admin2: 'admin2.geojson',
  admin3: 'admin3.geojson',
} as const;

/** Columns of world-cities.tsv. Names are Latin; tabs and newlines never occur in them. */
export const WORLD_COLUMNS = ['id', 'name', 'country', 'lat', 'lon', 'population', 'alt_name'] as const;

/**
 * Sections of a match file, each introduced by a line "#<section>", then "key\tvalue" lines.
 *  keys:  spaceless key → comma-separated place numbers (places.jsonl lines, then world lines)
 *  heads: a word (or joined first words) a name starts with → most words a text span may need
 *  exact: (Latin only) unfolded spaceless key → place numbers, for short names
 */
export const MATCH_SECTIONS = ['keys', 'heads', 'exact'] as const;
export type MatchSection = (typeof MATCH_SECTIONS)[number];

export interface GazetteerMeta {
  format: number;
  built: string;
  sources: { wof: string; codab: string; world: string };
  /** Number of lines of places.jsonl: world city j is place number corePlaces + j. */
  corePlaces: number;
  /** Number of lines of world-cities.tsv. */
  worldPlaces: number;
  counts: Record<string, number>;
}

export function indexPath(dir: string, file: keyof typeof INDEX_FILES): string {
  return join(dir, INDEX_FILES[file]);
}
