import type { Token } from '../text/tokens.js';
import { cliticAt, cliticForms, cliticReadingsInto } from './arabic-clitics.js';
import { ARABIC_COMMON_PHRASES, ARABIC_COMMON_WORDS, ARABIC_FUNCTION_WORDS, ENGLISH_COMMON_WORDS } from './common-words.js';
import { emptyHeadHit, type Gazetteer } from './gazetteer.js';
import { isArabicWord, keyHashPower } from './place-keys.js';
import { regionAround } from './region-phrases.js';
import { isLatinArticle } from './transliteration.js';
import type { Place, PlaceMention, RegionKind, RegionMarker } from './types.js';

/**
 * Place names in a tokenised document: the longest gazetteer name at each word, Arabic read
 * through attached clitics and spacing variants (كفرنبودة / كفر نبودة), Latin through the
 * transliteration fold (Khan Sheikhoun / Khan Shaykhun), with the region phrase around each.
 *
 * `text` is the document's original text (the string the tokens' start/end index). Without it
 * mentions carry normalised text, separators between words are guessed from offsets, and Latin
 * names are not required to be capitalised.
 */
export function findPlaceMentions(tokens: readonly Token[], gaz: Gazetteer, text?: string): PlaceMention[] {
  const joinable = text === undefined ? (i: number) => gapByOffsets(tokens, i) : (i: number) => gapInText(tokens, i, text);
  const found: Found[] = [];
  const around: RegionAsk = { tokens, joinable, start: 0, end: 0, done: false, marker: undefined };
  // Most words start no name; they are ruled out first, in one tight pass over hashes, and the
  // words left are read in order as if every word had been.
  const count = mayStartNames(tokens, gaz);
  let i = 0;
  for (let c = 0; c < count; c++) {
    if (STARTS[c]! < i) continue; // inside a name already found
    i = STARTS[c]!;
    const hit = READS[c]! > 0 ? matchArabic(tokens, i, c, gaz, joinable) : matchLatin(tokens, i, gaz, joinable, text);
    if (!hit) {
      i++;
      continue;
    }
    const end = i + hit.words;
    // The region phrase is looked for only when the verdict needs it, or the name is kept.
    around.start = i;
    around.end = end;
    around.done = false;
    const verdict = judge(hit, tokens, i, end, around, gaz, text, found.at(-1));
    if (verdict === 'no') {
      i++;
      continue;
    }
    found.push({ hit, start: i, end, region: regionOf(around), verdict });
    i = end;
  }
  acceptCoordinated(found, tokens, text);
  const out = mentionsOf(found, tokens, gaz, text);
  shareCountryside(out);
  return out;
}

/**
 * The words that may start a name (mayStartNames), in order: token number, and for an Arabic
 * word how many of its clitic readings may be heads (0: a Latin word), their hashes and cuts at
 * 3 × its place in the list.
 */
let STARTS = new Int32Array(1024);
let READS = new Int32Array(1024);
let READ_HASHES = new Int32Array(3 * 1024);
let READ_CUTS = new Int32Array(3 * 1024);
/** arabicKeyHash of every Arabic word of the document, by token number (mayStartNames). */
let WORD_HASHES = new Int32Array(1024);

/**
 * Lists in STARTS the words that may start a name: Arabic words the gazetteer cannot rule out
 * by hash, and words starting with a Latin letter (few, and read in full by matchLatin). Every
 * other word would match nothing.
 */
function mayStartNames(tokens: readonly Token[], gaz: Gazetteer): number {
  if (STARTS.length < tokens.length) {
    STARTS = new Int32Array(tokens.length * 2);
    READS = new Int32Array(tokens.length * 2);
    READ_HASHES = new Int32Array(tokens.length * 6);
    READ_CUTS = new Int32Array(tokens.length * 6);
    WORD_HASHES = new Int32Array(tokens.length * 2);
  }
  let n = 0;
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!.norm;
    const c = w.charCodeAt(0);
    if (c >= 0x0600 && c <= 0x06ff) {
      const reads = gaz.arabicHeadHashesInto(w, READ_HASHES, READ_CUTS, 3 * n, WORD_HASHES, i);
      if (reads === 0) continue;
      READS[n] = reads;
    } else if (isLatinLetter(c)) {
      READS[n] = 0;
    } else {
      continue;
    }
    STARTS[n++] = i;
  }
  return n;
}

/** The accepted names as mentions. */
function mentionsOf(found: readonly Found[], tokens: readonly Token[], gaz: Gazetteer, text: string | undefined): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const f of found) {
    if (f.verdict !== 'yes') continue;
    const first = tokens[f.start]!;
    const last = tokens[f.end - 1]!;
    const mention: PlaceMention = {
      tokenStart: f.start,
      tokenEnd: f.end,
      start: first.start,
      end: last.end,
      text: text !== undefined ? text.slice(first.start, last.end) : tokens.slice(f.start, f.end).map((t) => t.norm).join(' '),
      candidates: f.hit.places.length === 1 ? [gaz.place(f.hit.places[0]!)] : gaz.placesByPrior(f.hit.places),
      clitic: f.hit.clitic,
    };
    if (f.region) mention.region = f.region;
    out.push(mention);
  }
  return out;
}

/** The region phrase around the name being judged, found the first time it is asked for. */
interface RegionAsk {
  readonly tokens: readonly Token[];
  readonly joinable: (i: number) => boolean;
  start: number;
  end: number;
  done: boolean;
  marker: RegionMarker | undefined;
}

function regionOf(a: RegionAsk): RegionMarker | undefined {
  if (!a.done) {
    a.marker = regionAround(a.tokens, a.start, a.end, a.joinable);
    a.done = true;
  }
  return a.marker;
}

/** A region word saying what kind of place the name is (بلدة السلام), or that one is near (قرب). */
function triggered(a: RegionAsk): boolean {
  const kind = regionOf(a)?.kind;
  return isPlaceType(kind) || kind === 'near';
}

/** 'maybe': a small place's name with no sign around it that a place is meant (yet). */
type Verdict = 'yes' | 'maybe' | 'no';

interface Found {
  hit: Hit;
  start: number;
  end: number;
  region: RegionMarker | undefined;
  verdict: Verdict;
}

interface Hit {
  words: number;
  places: readonly number[];
  clitic: string;
  /** The bare key matched (normalised, spaceless; folded for Latin). */
  key: string;
  arabic: boolean;
  /** Latin: the span as written was all capitals (US, UAE). */
  allCaps: boolean;
  /** The name is one word in the text. */
  single: boolean;
}

/** Scratch for matchArabic: a word's head readings, and hashes of the words after it. */
const READINGS = [emptyHeadHit(), emptyHeadHit(), emptyHeadHit()];
let NEXT_HASH = new Int32Array(8);
let NEXT_POWER = new Int32Array(8);
let SPAN_HASH = new Int32Array(8);

/**
 * Longest Arabic name starting at word i (candidate c of mayStartNames), over the word's clitic
 * readings. Spans are looked up by hash (place-keys.ts) and compared with the gazetteer's keys
 * in place: no string is built for a span that names nothing.
 */
function matchArabic(tokens: readonly Token[], i: number, c: number, gaz: Gazetteer, joinable: (i: number) => boolean): Hit | null {
  const word = tokens[i]!.norm;
  const readings = gaz.arabicHeadHitsFrom(word, READ_HASHES, READ_CUTS, 3 * c, READS[c]!, READINGS);
  if (readings === 0) return null;
  let most = 1;
  for (let k = 0; k < readings; k++) if (READINGS[k]!.maxWords > most) most = READINGS[k]!.maxWords;
  if (most >= SPAN_HASH.length) {
    NEXT_HASH = new Int32Array(most + 1);
    NEXT_POWER = new Int32Array(most + 1);
    SPAN_HASH = new Int32Array(most + 1);
  }
  // Words i+1 … i+span-1 may continue a name: Arabic and joined to the previous one by spaces.
  let span = 1;
  while (span < most) {
    const next = tokens[i + span];
    if (!next || !isArabicWord(next.norm) || !joinable(i + span - 1)) break;
    NEXT_HASH[span] = WORD_HASHES[i + span]!; // arabicKeyHash(next.norm), from mayStartNames
    NEXT_POWER[span] = keyHashPower(next.norm.length);
    span++;
  }
  let best: Hit | null = null;
  for (let k = 0; k < readings; k++) {
    const r = READINGS[k]!;
    const words = r.maxWords < span ? Math.max(1, r.maxWords) : span;
    let h = r.hash;
    let p = r.power;
    SPAN_HASH[1] = h;
    for (let n = 2; n <= words; n++) {
      h = (h + Math.imul(p, NEXT_HASH[n - 1]!)) | 0;
      p = Math.imul(p, NEXT_POWER[n - 1]!);
      SPAN_HASH[n] = h;
    }
    for (let n = words; n >= 1; n--) {
      if (best && n <= best.words) break; // only a longer span beats an earlier (less stripped) reading
      const id = n === 1 ? r.keyId : gaz.arabicSpanKey(SPAN_HASH[n]!, word, r.cut, tokens, i + 1, n - 1);
      if (id < 0) continue;
      const places = gaz.arabicKeyIdPlaces(id);
      if (places.length === 0) continue;
      best = { words: n, places, clitic: cliticAt(word, r.cut), key: gaz.arabicKey(id), arabic: true, allCaps: false, single: n === 1 };
      break;
    }
  }
  return best;
}

/** Longest Latin name starting at word i; articles never start a name (al-Bab is matched at Bab). */
function matchLatin(
  tokens: readonly Token[],
  i: number,
  gaz: Gazetteer,
  joinable: (i: number) => boolean,
  text: string | undefined,
): Hit | null {
  const first = tokens[i]!.norm;
  if (isLatinArticle(first) || !isLatinLetter(first.charCodeAt(0))) return null;
  if (text !== undefined && !isUpper(text.charCodeAt(tokens[i]!.start))) return null;
  const maxWords = gaz.latinHead(gaz.foldWord(first));
  if (maxWords === 0) return null;
  const raws = [first];
  const folds = [gaz.foldWord(first)];
  for (let n = 1; n < maxWords; n++) {
    const next = tokens[i + n];
    if (!next || !isLatinLetter(next.norm.charCodeAt(0)) || !joinable(i + n - 1)) break;
    const article = isLatinArticle(next.norm);
    raws.push(raws[n - 1]! + (article ? 'al' : next.norm));
    folds.push(folds[n - 1]! + (article ? 'al' : gaz.foldWord(next.norm)));
  }
  for (let n = raws.length; n >= 1; n--) {
    // A name does not end on an article ("Idlib and al" is not "Idlib").
    if (n > 1 && isLatinArticle(tokens[i + n - 1]!.norm)) continue;
    const raw = raws[n - 1]!;
    const places = gaz.latinPlaces(raw, collapse(folds[n - 1]!));
    if (places.length === 0) continue;
    const last = tokens[i + n - 1]!;
    const allCaps = text !== undefined && isAllCaps(text, tokens[i]!.start, last.end);
    return { words: n, places, clitic: '', key: raw, arabic: false, allCaps, single: n === 1 };
  }
  return null;
}

/** Words after which a noun is often a place: في كفرنبودة, من القصابية, near X, in X. */
const AR_LOCATIVE = new Set(['في', 'علي', 'من', 'الي', 'نحو', 'باتجاه', 'اتجاه', 'عند', 'حتي', 'داخل', 'قرب', 'وسط', 'جنوب', 'شمال', 'شرق', 'غرب']);
const EN_LOCATIVE = new Set(['in', 'at', 'near', 'from', 'to', 'into', 'outside', 'inside', 'towards', 'toward', 'around', 'across', 'through', 'on']);
/** Words after a name that place it: X بريف إدلب, X في ريف حماة, X شمال حماة. */
const AR_LOCATOR_AFTER = new Set(['ريف', 'شمال', 'جنوب', 'شرق', 'غرب', 'شمالي', 'جنوبي', 'شرقي', 'غربي', 'قرب', 'بالقرب', 'التابعه', 'الواقعه']);

/** Place-type words: only these make a common word a name (بلدة السلام, قرية جديدة). */
const PLACE_TYPES = new Set<RegionKind>(['city', 'town', 'camp', 'neighbourhood', 'province', 'district', 'subdistrict', 'countryside']);

function isPlaceType(kind: RegionKind | undefined): boolean {
  return kind !== undefined && PLACE_TYPES.has(kind);
}

/** Tanween (ً ٌ ٍ) marks an indefinite noun or adverb (دوماً, درعاً): not a place name. */
function hasTanween(text: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 0x064b && c <= 0x064d) return true;
  }
  return false;
}

/**
 * Is this match a place name and not a word? Single words need the most care: a village may be
 * called عين, تل, الشيخ or السلام, and those words are everywhere in news. A small place's
 * single-word name needs a sign: a place word or preposition before it, a locator after it, or
 * (decided later) another place it is listed with.
 */
function judge(
  hit: Hit,
  tokens: readonly Token[],
  start: number,
  end: number,
  around: RegionAsk,
  gaz: Gazetteer,
  text: string | undefined,
  before: Found | undefined,
): Verdict {
  if (hit.arabic) {
    if (!hit.single) {
      // "أن قرأت" is not انقرات: a name does not contain a function word.
      let allCommon = true;
      for (let k = start; k < end; k++) {
        const w = bareArabic(tokens[k]!.norm);
        if (ARABIC_FUNCTION_WORDS.has(w)) return 'no';
        if (allCommon && !ARABIC_COMMON_WORDS.has(w)) allCommon = false;
      }
      // Person names and phrases: محمد حسين, الشيخ حسن, عبد الأمير, غير أن. Listed with و after
      // a place it is a place ("قرى الجبين وتل ملح"): only the list rule can accept it.
      if (ARABIC_COMMON_PHRASES.has(hit.key) || allCommon) {
        return isPlaceType(regionOf(around)?.kind) ? 'yes' : hit.clitic.startsWith('و') ? 'maybe' : 'no';
      }
      return 'yes';
    }
    if (hit.key.length < 3) return 'no';
    // The whole word is a common word (واسعة, وفيق): no clitic reading makes it a name.
    if (hit.clitic !== '' && ARABIC_COMMON_WORDS.has(tokens[start]!.norm)) return 'no';
    if (ARABIC_COMMON_WORDS.has(hit.key)) {
      if (isPlaceType(regionOf(around)?.kind) && regionOf(around)?.kind !== 'district') return 'yes';
      // The second of two towns (بلدتي قلعة المضيق والشريعة): a common word, but the dual says a place.
      return hit.clitic === 'و' && closesPairOrList(before, start, tokens) ? 'yes' : 'no';
    }
    if (text !== undefined && hasTanween(text, tokens[start]!.start, tokens[start]!.end)) return 'no';
    const prominent = anyProminent(hit.places, gaz);
    // A three-letter name is usually a word; listed with و after a place it is a village:
    // "كفرنبل وحاس". Only the list rule can accept it.
    if (hit.key.length === 3 && !prominent && !triggered(around)) return hit.clitic.startsWith('و') ? 'maybe' : 'no';
    if (prominent || triggered(around)) return 'yes';
    const prev = start > 0 ? bareArabic(tokens[start - 1]!.norm) : '';
    // After a definite noun an ال-word is its adjective: القوات الروسية, الأزمة المالية.
    if (prev.startsWith('ال') && hit.key.startsWith('ال')) return 'no';
    // A clitic preposition is no sign: بواسطة, بحلول, باراك are words.
    if (AR_LOCATIVE.has(prev) && !/[بلك]/.test(hit.clitic)) return 'yes';
    const next = tokens[end] ? bareArabic(tokens[end]!.norm) : '';
    if (AR_LOCATOR_AFTER.has(next)) return 'yes';
    return 'maybe';
  }
  if (hit.key.length < 3) return hit.allCaps && hit.key.length >= 2 ? 'yes' : 'no';
  if (hit.single && ENGLISH_COMMON_WORDS.has(hit.key)) return hit.allCaps || isPlaceType(regionOf(around)?.kind) ? 'yes' : 'no';
  if (!hit.single || triggered(around) || anyProminent(hit.places, gaz)) return 'yes';
  const prev = start > 0 ? tokens[start - 1]!.norm : '';
  return EN_LOCATIVE.has(prev) ? 'yes' : 'maybe';
}

/** Duals and plurals of place words, which head a list of names: بلدتي X وY, قرى X وY وZ. */
const LIST_HEADS = new Set(['بلدتي', 'قريتي', 'مدينتي', 'بلدتا', 'قريتا', 'مدينتا', 'بلدات', 'قري', 'مدن', 'بلدتين', 'قريتين', 'مدينتين']);

/**
 * The name right before (prev, accepted) opens or continues a list headed by a dual or plural
 * place word, and the name at `start` follows it with و.
 */
function closesPairOrList(prev: Found | undefined, start: number, tokens: readonly Token[]): boolean {
  if (prev === undefined || prev.verdict !== 'yes' || prev.end !== start || prev.start === 0) return false;
  return LIST_HEADS.has(bareArabic(tokens[prev.start - 1]!.norm));
}

/** The word without a conjunction or preposition: وفي → في, بريف → ريف, والقوات → القوات. */
function bareArabic(word: string): string {
  const placing = PLACING_WORDS.get(word);
  if (placing !== undefined) return placing;
  const c = word.charCodeAt(0);
  return (c === WAW || c === FA) && word.length > 3 ? word.slice(1) : word;
}

/** The first reading of a word that is in AR_LOCATIVE or AR_LOCATOR_AFTER, if any. */
function placingReading(word: string): string | undefined {
  const n = cliticReadingsInto(word, BARES, CLITICS);
  for (let k = 0; k < n; k++) if (AR_LOCATIVE.has(BARES[k]!) || AR_LOCATOR_AFTER.has(BARES[k]!)) return BARES[k]!;
  return undefined;
}

const BARES: string[] = [];
const CLITICS: string[] = [];

/** placingReading of every word that has one, worked out once: one lookup per word in the text. */
const PLACING_WORDS = new Map<string, string>();
for (const bare of [...AR_LOCATIVE, ...AR_LOCATOR_AFTER]) {
  for (const form of cliticForms(bare)) {
    const reading = placingReading(form);
    if (reading !== undefined) PLACING_WORDS.set(form, reading);
  }
}

const WAW = 'و'.charCodeAt(0);
const FA = 'ف'.charCodeAt(0);

/**
 * Names listed with an accepted place are places too: "قلعة المضيق وكفرنبودة", "كفرنبل وحاس",
 * "Kafr Nabl, Has". Repeated until nothing changes, so a whole list follows its first name.
 */
function acceptCoordinated(found: Found[], tokens: readonly Token[], text: string | undefined): void {
  const listed = (a: Found, b: Found): boolean => {
    if (a.end !== b.start) return false;
    if (b.hit.clitic.startsWith('و')) return true;
    if (text === undefined) return false;
    const gap = text.slice(tokens[a.end - 1]!.end, tokens[b.start]!.start);
    return /^\s*[،,]\s*$/.test(gap);
  };
  const andBefore = (a: Found, b: Found): boolean =>
    // "Kafr Nabl and Has": the English "and" is a word of its own between the names.
    b.start === a.end + 1 && tokens[a.end]!.norm === 'and';
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 0; k < found.length; k++) {
      const f = found[k]!;
      if (f.verdict !== 'maybe') continue;
      const prev = found[k - 1];
      const next = found[k + 1];
      if (
        (prev?.verdict === 'yes' && (listed(prev, f) || andBefore(prev, f))) ||
        (next?.verdict === 'yes' && (listed(f, next) || andBefore(f, next)))
      ) {
        f.verdict = 'yes';
        changed = true;
      }
    }
  }
}

function anyProminent(places: readonly number[], gaz: Gazetteer): boolean {
  for (const n of places) if (isProminent(gaz.place(n))) return true;
  return false;
}

/** A place news names often enough that a short name is more likely it than a word. */
const PROMINENT_POPULATION = 10000;

/**
 * Countries, governorates, districts, Syrian towns of 10,000 people and the foreign cities of
 * the facts table. A world-baseline city is not: its name is as often a person's (Vladimir,
 * Hassan), so it needs a preposition or a list like any village.
 */
function isProminent(p: Place): boolean {
  if (p.kind === 'country' || p.kind === 'admin1' || p.kind === 'admin2') return true;
  return p.country === 'SY' ? p.population >= PROMINENT_POPULATION : p.name_ar !== null;
}

/** "ريفي حماة وإدلب", "أرياف حماة واللاذقية": the countryside cue covers the joined name too. */
function shareCountryside(mentions: PlaceMention[]): void {
  for (let k = 1; k < mentions.length; k++) {
    const prev = mentions[k - 1]!;
    const cur = mentions[k]!;
    if (prev.region?.kind !== 'countryside' || cur.tokenStart !== prev.tokenEnd && cur.tokenStart !== prev.tokenEnd + 1) continue;
    if (!cur.clitic.startsWith('و') && cur.tokenStart === prev.tokenEnd) continue;
    if (cur.region && cur.region.kind !== 'part') continue;
    cur.region = { kind: 'countryside', start: cur.start, end: cur.region?.end ?? cur.end, ...(cur.region?.direction ? { direction: cur.region.direction } : {}) };
  }
}

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

function isLatinLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f);
}

function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}

function isAllCaps(text: string, start: number, end: number): boolean {
  let letters = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 97 && c <= 122) return false;
    if (c >= 65 && c <= 90) letters++;
  }
  return letters >= 2;
}

/** Without the text: words one code unit apart are taken to be separated by a space. */
function gapByOffsets(tokens: readonly Token[], i: number): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  return a !== undefined && b !== undefined && b.ns - a.ne <= 1;
}

/** Only spaces, hyphens, apostrophes or tatweel between two words of one name. */
function gapInText(tokens: readonly Token[], i: number, text: string): boolean {
  const a = tokens[i];
  const b = tokens[i + 1];
  if (!a || !b) return false;
  if (b.start - a.end > 3) return false;
  for (let k = a.end; k < b.start; k++) if (!isJoiningChar(text.charCodeAt(k))) return false;
  return true;
}

/** space, tab, nbsp, ZWNJ, RLM, LRM, - – ' ’ ‘ ` ʿ ʾ and tatweel */
function isJoiningChar(c: number): boolean {
  switch (c) {
    case 0x20: case 0x09: case 0xa0: case 0x200c: case 0x200f: case 0x200e: case 0x2d: case 0x2013:
    case 0x27: case 0x2019: case 0x2018: case 0x60: case 0x2bf: case 0x2be: case 0x640:
      return true;
    default:
      return false;
  }
}

