import { existsSync, readFileSync } from 'node:fs';
import { gazetteerDir } from '../config/home.js';
import type { Token } from '../text/tokens.js';
import { cliticAt, cliticReadingHashesInto } from './arabic-clitics.js';
import { FORMAT_VERSION, indexPath, type GazetteerMeta, type MatchSection } from './index-files.js';
import { HashedKeys, KEY_HASH_MUL, NO_MORE, arabicKeyHash, arabicNameWords, hasArabic, keyHashPower } from './place-keys.js';
import { SHORT_LATIN_KEY, foldLatinWord, isLatinArticle, latinExactKeyOfWords, latinKeyOfWords, latinWords } from './transliteration.js';
import type { Place, PlaceKind } from './types.js';

/** The gazetteer index is missing or unusable; the message says what to run. */
export class GazetteerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GazetteerError';
  }
}

/** Key → place numbers: kept as the file's text ("12,40") until the key is first hit. */
type KeyTable = Map<string, string | readonly number[]>;

interface MatchTables {
  keys: KeyTable;
  heads: Map<string, number>;
  exact: KeyTable;
}

/**
 * The Arabic tables, by hash (place-keys.ts HashedKeys): heads with their most words, keys with
 * their place numbers by key number (text until first hit).
 */
interface ArabicTables {
  heads: HashedKeys;
  keys: HashedKeys;
  places: (string | readonly number[])[];
}

const NO_PLACES: readonly number[] = Object.freeze([]);

/** A reading of a document word (clitics stripped) that starts some name of up to maxWords words. */
export interface HeadReading {
  bare: string;
  clitic: string;
  maxWords: number;
  /** arabicKeyHash(bare) and M^|bare| (place-keys.ts), to hash longer spans without strings. */
  hash: number;
  power: number;
}

/** A HeadReading to be filled by arabicHeadReadingsInto. */
export function emptyHeadReading(): HeadReading {
  return { bare: '', clitic: '', maxWords: 0, hash: 0, power: 1 };
}

/** Prior of a kind when nothing else tells candidates apart (lookup order). */
const KIND_RANK: Record<PlaceKind, number> = { country: 5, admin1: 4, locality: 3, admin2: 2, admin3: 1, landmark: 0 };

/**
 * The place index: Syrian localities and admin areas, countries and world cities, with the
 * lookup tables place-mentions.ts scans a document with.
 *
 * Loading reads three small files and builds Maps of strings only: a place is parsed from its
 * JSON line the first time a name hits it, and the Latin tables load on the first Latin word.
 */
export class Gazetteer {
  private readonly placeCache: (Place | undefined)[];
  private readonly placeLines: string;
  private readonly lineStarts: Uint32Array;
  private worldLines: string[] | null = null;
  private latin: MatchTables | null = null;
  private idIndex: Map<string, number> | null = null;
  /** latinPlaces answers already worked out, by exact|folded key. */
  private readonly latinChosen = new Map<string, readonly number[]>();
  private readonly foldCache = new Map<string, string>();
  private readonly lookupCache = new Map<string, Place[]>();
  /**
   * The Arabic heads (with their most words) and keys by hash: a document word is read through
   * its clitics and ruled out, or matched, without building or hashing a string.
   */
  private readonly arabicHeadTable: HashedKeys;
  private readonly arabicKeyTable: HashedKeys;
  private readonly readingHashes = new Int32Array(4);
  private readonly readingCuts = new Int32Array(4);

  private constructor(
    readonly dir: string,
    readonly meta: GazetteerMeta,
    placeLines: string,
    private readonly arabic: ArabicTables,
  ) {
    this.placeLines = placeLines;
    this.lineStarts = lineStartsOf(placeLines, meta.corePlaces);
    this.placeCache = new Array<Place | undefined>(meta.corePlaces);
    this.arabicHeadTable = arabic.heads;
    this.arabicKeyTable = arabic.keys;
  }

  /** Load the index written by `marsad data import` (default: MARSAD_HOME/gazetteer). */
  static load(dir: string = gazetteerDir()): Gazetteer {
    const metaFile = indexPath(dir, 'meta');
    if (!existsSync(metaFile)) {
      throw new GazetteerError(
        `no gazetteer index in ${dir}: run "marsad data import <folder>" (the folder holding wof-sy/ and cod-ab-sy/) first`,
      );
    }
    let meta: GazetteerMeta;
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8')) as GazetteerMeta;
    } catch (err) {
      throw new GazetteerError(`${metaFile}: unreadable (${(err as Error).message}); run "marsad data import <folder>" again`);
    }
    if (meta.format !== FORMAT_VERSION) {
      throw new GazetteerError(
        `${dir}: gazetteer index format ${String(meta.format)}, this version of marsad reads ${FORMAT_VERSION}: run "marsad data import <folder>" again`,
      );
    }
    const placeLines = readIndexFile(dir, 'places');
    const arabic = parseArabicMatchFile(readIndexFile(dir, 'matchArabic'));
    return new Gazetteer(dir, meta, placeLines, arabic);
  }

  /** Number of places (core and world). */
  get size(): number {
    return this.meta.corePlaces + this.meta.worldPlaces;
  }

  /** Place number n (a line of places.jsonl, then of world-cities.tsv). */
  place(n: number): Place {
    if (n < this.meta.corePlaces) {
      let p = this.placeCache[n];
      if (!p) {
        const start = this.lineStarts[n]!;
        const end = n + 1 < this.meta.corePlaces ? this.lineStarts[n + 1]! - 1 : this.placeLines.indexOf('\n', start);
        p = JSON.parse(this.placeLines.slice(start, end < 0 ? undefined : end)) as Place;
        this.placeCache[n] = p;
      }
      return p;
    }
    return this.worldPlace(n - this.meta.corePlaces);
  }

  places(ns: readonly number[]): Place[] {
    return ns.map((n) => this.place(n));
  }

  /** A place by id ('wof:…', 'cod:…', 'gn:…', 'iso:…', 'fact:…'), or an alt id merged into one. */
  get(id: string): Place | undefined {
    if (!this.idIndex) this.idIndex = this.buildIdIndex();
    const n = this.idIndex.get(id);
    return n === undefined ? undefined : this.place(n);
  }

  /**
   * Places a name (Arabic or Latin, any spelling the index folds) may denote, the likeliest
   * first: Syria before elsewhere, then countries, governorates, towns, by population.
   */
  lookup(name: string): Place[] {
    const cached = this.lookupCache.get(name);
    if (cached) return [...cached];
    if (this.lookupCache.size > 10_000) this.lookupCache.clear();
    const found = this.lookupUncached(name);
    this.lookupCache.set(name, found);
    return [...found];
  }

  private lookupUncached(name: string): Place[] {
    const found = new Set<number>();
    if (hasArabic(name)) {
      const key = arabicNameWords(name).join('');
      for (const n of this.arabicKeyPlaces(key)) found.add(n);
      // Written with a leading article or without: الرقة / رقة.
      if (found.size === 0 && key.startsWith('ال')) for (const n of this.arabicKeyPlaces(key.slice(2))) found.add(n);
      if (found.size === 0) for (const n of this.arabicKeyPlaces(`ال${key}`)) found.add(n);
    } else {
      const words = latinWords(name);
      let first = 0;
      while (first < words.length - 1 && isLatinArticle(words[first]!)) first++;
      const rest = words.slice(first);
      for (const n of this.latinPlaces(latinExactKeyOfWords(rest), latinKeyOfWords(rest))) found.add(n);
    }
    return sortByPrior(this.places([...found]));
  }

  // ---- The tables place-mentions.ts scans with. Keys are normalised/folded spaceless words.

  /** Most words a span starting with this (normalised Arabic) word may have; 0: not a head. */
  arabicHead(word: string): number {
    const id = this.arabic.heads.idOfReading(word, 0, arabicKeyHash(word));
    return id === NO_MORE ? 0 : this.arabic.heads.data[id]!;
  }

  /**
   * The clitic readings of a document word that may start a name (وكفرنبودة → كفرنبوده, 1),
   * least stripped first.
   */
  arabicHeadReadings(word: string): HeadReading[] {
    const out = [emptyHeadReading(), emptyHeadReading(), emptyHeadReading()];
    return out.slice(0, this.arabicHeadReadingsInto(word, out));
  }

  /**
   * arabicHeadReadings written into the caller's (reused) objects; returns how many. Most words
   * of a text start no name: they cost one hash of the word and a slot or two of the table.
   */
  arabicHeadReadingsInto(word: string, out: HeadReading[]): number {
    const hashes = this.readingHashes;
    const cuts = this.readingCuts;
    const table = this.arabicHeadTable;
    const readings = cliticReadingHashesInto(word, table, hashes, cuts);
    let n = 0;
    for (let k = 0; k < readings; k++) {
      const id = table.idOfReading(word, cuts[k]!, hashes[k]!);
      if (id === NO_MORE || !table.data[id]) continue;
      const r = out[n++]!;
      r.bare = table.keys[id]!;
      r.clitic = cliticAt(word, cuts[k]!);
      r.maxWords = table.data[id]!;
      r.hash = hashes[k]!;
      r.power = keyHashPower(r.bare.length);
    }
    return n;
  }

  /**
   * The Arabic key spelt by `bare` followed by the words of tokens from … from+count-1 (a span
   * of a document, spaces dropped), given the span's arabicKeyHash: its number, or -1.
   */
  arabicSpanKey(hash: number, bare: string, tokens: readonly Token[], from: number, count: number): number {
    const table = this.arabicKeyTable;
    if (!table.mayHave(hash)) return -1;
    for (let s = table.first(hash); ; s = table.next(s)) {
      const id = table.at(s, hash);
      if (id === NO_MORE) return -1;
      if (id >= 0 && spells(table.keys[id]!, bare, tokens, from, count)) return id;
    }
  }

  /** The text of Arabic key number id (from arabicSpanKey). */
  arabicKey(id: number): string {
    return this.arabicKeyTable.keys[id]!;
  }

  /** arabicKeyPlaces of key number id (from arabicSpanKey). */
  arabicKeyIdPlaces(id: number): readonly number[] {
    const v = this.arabic.places[id]!;
    if (typeof v !== 'string') return v;
    const list = v.split(',').map(Number);
    this.arabic.places[id] = list;
    return list;
  }

  arabicKeyPlaces(key: string): readonly number[] {
    const id = this.arabic.keys.idOfReading(key, 0, arabicKeyHash(key));
    return id === NO_MORE ? NO_PLACES : this.arabicKeyIdPlaces(id);
  }

  /** Fold a document's Latin word (cached: a corpus repeats its words). */
  foldWord(word: string): string {
    let f = this.foldCache.get(word);
    if (f === undefined) {
      if (this.foldCache.size > 50_000) this.foldCache.clear();
      f = foldLatinWord(word);
      this.foldCache.set(word, f);
    }
    return f;
  }

  latinHead(folded: string): number {
    return this.latinTables().heads.get(folded) ?? 0;
  }

  latinKeyPlaces(foldedKey: string): readonly number[] {
    return resolveKey(this.latinTables().keys, foldedKey);
  }

  latinExactPlaces(exactKey: string): readonly number[] {
    return resolveKey(this.latinTables().exact, exactKey);
  }

  /**
   * Places a Latin span names, given its exact (unfolded) and folded keys: short names only as
   * written; longer ones through the fold, keeping only the places spelt exactly so when there
   * are any (Kuwait the country, not the villages Kutah and Kuwaytah that fold alike).
   */
  latinPlaces(exactKey: string, foldedKey: string): readonly number[] {
    if (exactKey.length <= SHORT_LATIN_KEY) return this.latinExactPlaces(exactKey);
    const folded = this.latinKeyPlaces(foldedKey);
    if (folded.length === 0) return folded;
    const cacheKey = `${exactKey}|${foldedKey}`;
    let list = this.latinChosen.get(cacheKey);
    if (!list) {
      const exact = folded.filter((n) => this.place(n).names.some((name) => exactLatinKey(name) === exactKey));
      // The fold is for Syrian names and their many transliterations; a foreign town matches
      // only as spelt (else "Syrian" is Serrana, Brazil).
      list = exact.length > 0 ? exact : folded.filter((n) => this.place(n).country === 'SY');
      this.latinChosen.set(cacheKey, list);
    }
    return list;
  }

  /** Every core place (Syria, countries, cities with Arabic names): parses them all. */
  corePlaces(): Place[] {
    const out: Place[] = [];
    for (let n = 0; n < this.meta.corePlaces; n++) out.push(this.place(n));
    return out;
  }

  private latinTables(): MatchTables {
    if (!this.latin) this.latin = parseMatchFile(readIndexFile(this.dir, 'matchLatin'));
    return this.latin;
  }

  private worldPlace(j: number): Place {
    if (!this.worldLines) this.worldLines = readIndexFile(this.dir, 'world').split('\n');
    const n = this.meta.corePlaces + j;
    let p = this.placeCache[n];
    if (p) return p;
    const line = this.worldLines[j];
    if (line === undefined || line.length === 0) throw new RangeError(`no world city number ${j} in ${this.dir}`);
    const [id, name, country, lat, lon, population, altName] = line.split('\t');
    p = {
      id: `gn:${id}`,
      name: name!,
      name_ar: null,
      names: altName ? [name!, altName] : [name!],
      lat: Number(lat),
      lon: Number(lon),
      kind: 'locality',
      country: country!,
      admin1: null,
      admin2: null,
      admin3: null,
      admin1_ar: null,
      admin2_ar: null,
      admin3_ar: null,
      pcode: null,
      population: Number(population) || 0,
      alt_ids: [],
    };
    this.placeCache[n] = p;
    return p;
  }

  /**
   * Ids (and alt ids) to place numbers, read off the JSON lines without parsing them: each line
   * starts with {"id":"…" and ends with "alt_ids":[…]} as the importer writes it.
   */
  private buildIdIndex(): Map<string, number> {
    const index = new Map<string, number>();
    const text = this.placeLines;
    for (let n = 0; n < this.meta.corePlaces; n++) {
      const start = this.lineStarts[n]! + ID_PREFIX.length;
      const end = text.indexOf('"', start);
      index.set(text.slice(start, end), n);
      const lineEnd = n + 1 < this.meta.corePlaces ? this.lineStarts[n + 1]! : text.length;
      const alt = text.lastIndexOf(ALT_PREFIX, lineEnd);
      if (alt > start) {
        const close = text.indexOf(']', alt);
        for (const m of text.slice(alt + ALT_PREFIX.length, close).matchAll(/"([^"]+)"/g)) {
          if (!index.has(m[1]!)) index.set(m[1]!, n);
        }
      }
    }
    if (!this.worldLines) this.worldLines = readIndexFile(this.dir, 'world').split('\n');
    this.worldLines.forEach((line, j) => {
      const tab = line.indexOf('\t');
      if (tab > 0) index.set(`gn:${line.slice(0, tab)}`, this.meta.corePlaces + j);
    });
    return index;
  }
}

const ID_PREFIX = '{"id":"';
const ALT_PREFIX = '"alt_ids":[';

/** A name's exact Latin key: its words joined, a leading article dropped. */
function exactLatinKey(name: string): string {
  const words = latinWords(name);
  let first = 0;
  while (first < words.length - 1 && isLatinArticle(words[first]!)) first++;
  return latinExactKeyOfWords(words.slice(first));
}

export function sortByPrior(places: Place[], country = 'SY'): Place[] {
  return places.sort(
    (a, b) =>
      Number(b.country === country) - Number(a.country === country) ||
      KIND_RANK[b.kind] - KIND_RANK[a.kind] ||
      b.population - a.population ||
      (a.id < b.id ? -1 : 1),
  );
}

function readIndexFile(dir: string, file: 'places' | 'world' | 'matchArabic' | 'matchLatin'): string {
  const path = indexPath(dir, file);
  if (!existsSync(path)) {
    throw new GazetteerError(`${path} is missing: the gazetteer index is incomplete; run "marsad data import <folder>" again`);
  }
  return readFileSync(path, 'utf8');
}

function lineStartsOf(text: string, count: number): Uint32Array {
  const starts = new Uint32Array(count);
  let pos = 0;
  for (let i = 0; i < count; i++) {
    starts[i] = pos;
    const nl = text.indexOf('\n', pos);
    if (nl < 0) {
      if (i !== count - 1) throw new GazetteerError(`places index has ${i + 1} lines, meta.json says ${count}`);
      break;
    }
    pos = nl + 1;
  }
  return starts;
}

/** One lookup: the place numbers are parsed from their text the first time the key is hit. */
function resolveKey(table: KeyTable, key: string): readonly number[] {
  const v = table.get(key);
  if (v === undefined) return NO_PLACES;
  if (typeof v !== 'string') return v;
  const list = v.split(',').map(Number);
  table.set(key, list);
  return list;
}

/**
 * The Arabic match file, read straight into tables by hash: each key is hashed from the file's
 * text as it is read (arabicKeyHash), and no Map is built.
 */
function parseArabicMatchFile(text: string): ArabicTables {
  const heads: string[] = [];
  const headHashes: number[] = [];
  const headWords: number[] = [];
  const keys: string[] = [];
  const keyHashes: number[] = [];
  const keyValues: number[] = [];
  const values: string[] = [];
  let section: MatchSection | null = null;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (text.charCodeAt(pos) === 35 /* # */) {
      section = text.slice(pos + 1, nl) as MatchSection;
    } else if (nl > pos && (section === 'heads' || section === 'keys')) {
      let tab = text.indexOf('\t', pos);
      if (tab < 0 || tab > nl) tab = nl;
      let h = 0;
      for (let k = tab - 1; k >= pos; k--) h = (Math.imul(h, KEY_HASH_MUL) + text.charCodeAt(k)) | 0;
      const key = text.slice(pos, tab);
      const value = tab < nl ? text.slice(tab + 1, nl) : '';
      if (section === 'heads') {
        heads.push(key);
        headHashes.push(h);
        headWords.push(Number(value));
      } else {
        keys.push(key);
        keyHashes.push(h);
        keyValues.push(values.length);
        values.push(value);
      }
    }
    pos = nl + 1;
  }
  const keyTable = HashedKeys.build(keys, keyHashes, keyValues);
  // A key's data is the number of its (last) line's value: its places, parsed on first hit.
  const places: (string | readonly number[])[] = keyTable.data.map((v) => values[v]!);
  return { heads: HashedKeys.build(heads, headHashes, headWords), keys: keyTable, places };
}

/** key === bare + tokens[from].norm + … + tokens[from+count-1].norm, without building the right side. */
function spells(key: string, bare: string, tokens: readonly Token[], from: number, count: number): boolean {
  if (!hasAt(key, bare, 0)) return false;
  let pos = bare.length;
  for (let c = 0; c < count; c++) {
    const w = tokens[from + c]!.norm;
    if (!hasAt(key, w, pos)) return false;
    pos += w.length;
  }
  return pos === key.length;
}

function hasAt(s: string, part: string, pos: number): boolean {
  if (pos + part.length > s.length) return false;
  for (let j = 0; j < part.length; j++) if (s.charCodeAt(pos + j) !== part.charCodeAt(j)) return false;
  return true;
}

function parseMatchFile(text: string): MatchTables {
  const tables: MatchTables = { keys: new Map(), heads: new Map(), exact: new Map() };
  let section: MatchSection | null = null;
  let pos = 0;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (text.charCodeAt(pos) === 35 /* # */) {
      section = text.slice(pos + 1, nl) as MatchSection;
    } else if (nl > pos && section) {
      const tab = text.indexOf('\t', pos);
      const key = text.slice(pos, tab);
      const value = text.slice(tab + 1, nl);
      if (section === 'heads') tables.heads.set(key, Number(value));
      else tables[section].set(key, value);
    }
    pos = nl + 1;
  }
  return tables;
}
