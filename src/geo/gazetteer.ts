import { existsSync, readFileSync } from 'node:fs';
import { gazetteerDir } from '../config/home.js';
import type { Token } from '../text/tokens.js';
import { cliticAt, cliticReadingHashesInto } from './arabic-clitics.js';
import { FORMAT_VERSION, indexPath, type GazetteerMeta, type MatchSection } from './index-files.js';
import { HashedKeys, KEY_HASH_MUL, NO_MORE, arabicNameWords, hasArabic, keyHashPower } from './place-keys.js';
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

/**
 * The Arabic tables, by hash (place-keys.ts HashedKeys), ranges of the index file's text: heads
 * with their most words; keys with, as data, the number of their place list, whose text
 * ("12,40", at valueStarts/valueEnds in the file) is parsed the first time the key is hit.
 */
interface ArabicTables {
  text: string;
  heads: HashedKeys;
  keys: HashedKeys;
  valueStarts: Int32Array;
  valueEnds: Int32Array;
  places: (readonly number[] | undefined)[];
}

const NO_PLACES: readonly number[] = Object.freeze([]);
const UNKNOWN_KEY = -2;

/** A reading of a document word (clitics stripped) that starts some name of up to maxWords words. */
export interface HeadReading {
  bare: string;
  clitic: string;
  maxWords: number;
}

/**
 * A head reading as the scan keeps it, without strings: the reading is the word cut at `cut`
 * (arabic-clitics.ts cliticReadingHashesInto), its hash and M^length (place-keys.ts) let longer
 * spans be hashed on, and keyId is the key that is the reading itself (a one-word name) or -1.
 */
export interface HeadHit {
  cut: number;
  maxWords: number;
  hash: number;
  power: number;
  keyId: number;
}

/** A HeadHit to be filled by arabicHeadHitsFrom. */
export function emptyHeadHit(): HeadHit {
  return { cut: 0, maxWords: 0, hash: 0, power: 1, keyId: -1 };
}

/** Prior of a kind when nothing else tells candidates apart (lookup order). */
const KIND_RANK: Record<PlaceKind, number> = { country: 5, admin1: 4, locality: 3, admin2: 2, admin3: 1, landmark: 0 };

/**
 * The place index: Syrian localities and admin areas, countries and world cities, with the
 * lookup tables place-mentions.ts scans a document with.
 *
 * Loading reads three small files and slices none of them: the Arabic names become hash tables
 * over the match file's text (place-keys.ts HashedKeys), a place is parsed from its JSON line
 * the first time a name hits it, and each Latin table loads when a Latin word first needs it.
 */
export class Gazetteer {
  private readonly placeCache: (Place | undefined)[];
  private readonly placeLines: string;
  private readonly lineStarts: Uint32Array;
  private worldLines: string[] | null = null;
  private latin: LatinTables | null = null;
  private idIndex: Map<string, number> | null = null;
  /** latinPlaces answers already worked out, by exact|folded key. */
  private readonly latinChosen = new Map<string, readonly number[]>();
  private readonly foldCache = new Map<string, string>();
  private readonly lookupCache = new Map<string, Place[]>();
  private readonly sortedLists = new WeakMap<readonly number[], Place[]>();
  /** headKeyId by head number; UNKNOWN_KEY until asked. */
  private readonly headKeyIds: Int32Array;
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
    this.headKeyIds = new Int32Array(arabic.heads.size).fill(UNKNOWN_KEY);
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

  /**
   * sortByPrior(places(ns)), a new array each time; the order is worked out once per list (the
   * lists of the match tables are kept, so a name's list is the same array each time it is hit).
   */
  placesByPrior(ns: readonly number[]): Place[] {
    let sorted = this.sortedLists.get(ns);
    if (!sorted) {
      sorted = sortByPrior(this.places(ns));
      this.sortedLists.set(ns, sorted);
    }
    return sorted.slice();
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
    const id = this.arabic.heads.idOf(word);
    return id === NO_MORE ? 0 : this.arabic.heads.data(id);
  }

  /**
   * The clitic readings of a document word that may start a name (وكفرنبودة → كفرنبوده, 1),
   * least stripped first.
   */
  arabicHeadReadings(word: string): HeadReading[] {
    const hits = [emptyHeadHit(), emptyHeadHit(), emptyHeadHit()];
    const n = cliticReadingHashesInto(word, this.arabic.heads, this.readingHashes, this.readingCuts);
    return hits.slice(0, this.arabicHeadHitsFrom(word, this.readingHashes, this.readingCuts, 0, n, hits)).map((h) => {
      const cut = h.cut >= 0 ? h.cut : ~h.cut;
      return { bare: (h.cut >= 0 ? '' : 'ال') + word.slice(cut), clitic: cliticAt(word, h.cut), maxWords: h.maxWords };
    });
  }

  /**
   * The clitic readings of a (normalised Arabic) word that may start a name, as hashes and cuts
   * (arabic-clitics.ts cliticReadingHashesInto) written from index `at`, and the hash of the
   * whole word at wordHashes[wordAt]; returns how many. 0 rules the word out; the others are
   * checked by arabicHeadHitsFrom. One pass over the word, no allocation: this is asked of
   * every word of a document.
   */
  arabicHeadHashesInto(word: string, hashes: Int32Array, cuts: Int32Array, at: number, wordHashes: Int32Array, wordAt: number): number {
    return cliticReadingHashesInto(word, this.arabic.heads, hashes, cuts, at, wordHashes, wordAt);
  }

  /**
   * The readings among the n that arabicHeadHashesInto wrote at `at` that are heads, least
   * stripped first, written into the caller's (reused) objects; returns how many.
   */
  arabicHeadHitsFrom(word: string, hashes: Int32Array, cuts: Int32Array, at: number, n: number, out: HeadHit[]): number {
    const heads = this.arabic.heads;
    let found = 0;
    for (let k = at; k < at + n; k++) {
      const cut = cuts[k]!;
      const id = heads.idOfReading(word, cut, hashes[k]!);
      if (id === NO_MORE) continue;
      const maxWords = heads.data(id);
      if (maxWords === 0) continue;
      const r = out[found++]!;
      r.cut = cut;
      r.maxWords = maxWords;
      r.hash = hashes[k]!;
      r.power = keyHashPower(cut >= 0 ? word.length - cut : word.length - ~cut + 2);
      r.keyId = this.headKeyId(id, word, cut, hashes[k]!);
    }
    return found;
  }

  /** The key spelt as head number `head` (the reading of word at cut), or -1; found once per head. */
  private headKeyId(head: number, word: string, cut: number, hash: number): number {
    let id = this.headKeyIds[head]!;
    if (id === UNKNOWN_KEY) {
      id = this.arabic.keys.idOfReading(word, cut, hash);
      this.headKeyIds[head] = id;
    }
    return id;
  }

  /**
   * The Arabic key spelt by the reading of `word` at `cut` followed by the words of tokens from
   * … from+count-1 (a span of a document, spaces dropped), given the span's arabicKeyHash: its
   * number, or -1.
   */
  arabicSpanKey(hash: number, word: string, cut: number, tokens: readonly Token[], from: number, count: number): number {
    return this.arabic.keys.idOfSpan(hash, word, cut, tokens, from, count);
  }

  /** The text of Arabic key number id (from arabicSpanKey). */
  arabicKey(id: number): string {
    return this.arabic.keys.key(id);
  }

  /** arabicKeyPlaces of key number id (from arabicSpanKey). */
  arabicKeyIdPlaces(id: number): readonly number[] {
    let list = this.arabic.places[id];
    if (list === undefined) {
      const v = this.arabic.keys.data(id);
      list = placeList(this.arabic.text, this.arabic.valueStarts[v]!, this.arabic.valueEnds[v]!);
      this.arabic.places[id] = list;
    }
    return list;
  }

  arabicKeyPlaces(key: string): readonly number[] {
    const id = this.arabic.keys.idOf(key);
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
    return this.latinTables().heads().get(folded) ?? 0;
  }

  latinKeyPlaces(foldedKey: string): readonly number[] {
    return resolveKey(this.latinTables().keys(), foldedKey);
  }

  latinExactPlaces(exactKey: string): readonly number[] {
    return resolveKey(this.latinTables().exact(), exactKey);
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

  private latinTables(): LatinTables {
    if (!this.latin) this.latin = new LatinTables(readIndexFile(this.dir, 'matchLatin'));
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
  const list = placeList(v, 0, v.length);
  table.set(key, list);
  return list;
}

/**
 * The place numbers written at text[from, to) ("12,40"), as text.slice(from, to).split(',')
 * .map(Number) reads them, but always a packed array of small integers for well-formed lists:
 * every list has one shape, and code that reads them is not deoptimised by another.
 */
function placeList(text: string, from: number, to: number): number[] {
  const list: number[] = [];
  let start = from;
  for (let k = from; k <= to; k++) {
    if (k < to && text.charCodeAt(k) !== 44 /* , */) continue;
    let n = 0;
    let digits = k > start && k - start < 10;
    for (let j = start; j < k && digits; j++) {
      const d = text.charCodeAt(j) - 48;
      if (d < 0 || d > 9) digits = false;
      else n = n * 10 + d;
    }
    list.push(digits ? n : Number(text.slice(start, k)));
    start = k + 1;
  }
  return list;
}

/**
 * The Arabic match file, read straight into tables by hash: each key is hashed from the file's
 * text as it is read (arabicKeyHash), and no Map is built.
 */
function parseArabicMatchFile(text: string): ArabicTables {
  // Upper bounds: one key per line.
  let lines = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lines++;
  const heads = { starts: new Int32Array(lines), lengths: new Int32Array(lines), hashes: new Int32Array(lines), data: new Int32Array(lines), n: 0 };
  const keys = { starts: new Int32Array(lines), lengths: new Int32Array(lines), hashes: new Int32Array(lines), data: new Int32Array(lines), n: 0 };
  const valueStarts = new Int32Array(lines);
  const valueEnds = new Int32Array(lines);
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
      const to = section === 'heads' ? heads : keys;
      to.starts[to.n] = pos;
      to.lengths[to.n] = tab - pos;
      to.hashes[to.n] = h;
      if (section === 'heads') {
        to.data[to.n] = smallNumber(text, tab + 1, nl);
      } else {
        to.data[to.n] = to.n;
        valueStarts[to.n] = Math.min(tab + 1, nl);
        valueEnds[to.n] = nl;
      }
      to.n++;
    }
    pos = nl + 1;
  }
  return {
    text,
    heads: HashedKeys.fromRanges(text, heads.starts, heads.lengths, heads.hashes, heads.data, heads.n),
    keys: HashedKeys.fromRanges(text, keys.starts, keys.lengths, keys.hashes, keys.data, keys.n),
    valueStarts,
    valueEnds,
    places: [],
  };
}

/**
 * The number written at text[from, to): a head's most words, a small positive integer as the
 * importer writes it (anything else as Number() reads it, then truncated to an integer; NaN as 0,
 * which, as before, makes no head).
 */
function smallNumber(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9 || n > 1e8) return Number(text.slice(from, to)) | 0;
    n = n * 10 + d;
  }
  return to > from ? n : 0;
}

/**
 * The Latin match file, each section parsed into its Map the first time it is asked for: a
 * capitalised Latin word needs the heads, and only a word that is a head the keys.
 */
class LatinTables {
  /** [start, end) of each section's lines, in file order (a section may come more than once). */
  private readonly ranges = new Map<string, [number, number][]>();
  private headsMap: Map<string, number> | null = null;
  private keysMap: KeyTable | null = null;
  private exactMap: KeyTable | null = null;

  constructor(private readonly text: string) {
    let section: string | null = null;
    let from = 0;
    const close = (end: number): void => {
      if (section === null) return;
      let list = this.ranges.get(section);
      if (!list) this.ranges.set(section, (list = []));
      list.push([from, end]);
    };
    for (let pos = 0; pos < text.length; ) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      if (text.charCodeAt(pos) === 35 /* # */) {
        close(pos);
        section = text.slice(pos + 1, nl);
        from = nl + 1;
      }
      // Jump to the next section header: only those lines are read here.
      const next = text.indexOf('\n#', nl);
      pos = next < 0 ? text.length : next + 1;
      if (next < 0) close(text.length);
    }
  }

  heads(): Map<string, number> {
    if (!this.headsMap) {
      const map = new Map<string, number>();
      this.parse('heads', (key, value) => map.set(key, Number(value)));
      this.headsMap = map;
    }
    return this.headsMap;
  }

  keys(): KeyTable {
    if (!this.keysMap) this.keysMap = this.table('keys');
    return this.keysMap;
  }

  exact(): KeyTable {
    if (!this.exactMap) this.exactMap = this.table('exact');
    return this.exactMap;
  }

  private table(section: MatchSection): KeyTable {
    const map: KeyTable = new Map();
    this.parse(section, (key, value) => map.set(key, value));
    return map;
  }

  /** Each key and value of the section's lines, in file order. */
  private parse(section: MatchSection, add: (key: string, value: string) => void): void {
    const text = this.text;
    for (const [from, end] of this.ranges.get(section) ?? []) {
      let pos = from;
      while (pos < end) {
        let nl = text.indexOf('\n', pos);
        if (nl < 0 || nl > end) nl = end;
        if (nl > pos) {
          const tab = text.indexOf('\t', pos);
          add(text.slice(pos, tab), text.slice(tab + 1, nl));
        }
        pos = nl + 1;
      }
    }
  }
}
