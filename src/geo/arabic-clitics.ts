import { KEY_HASH_MUL, type HashFilter } from './place-keys.js';

/**
 * Readings of a normalised Arabic word with its attached proclitics removed, for looking the
 * word up as (the first word of) a place name: وكفرنبودة → كفرنبوده, بالقصابية → القصابيه,
 * للرقة → الرقه, وبحلب → حلب. The article itself stays: names are indexed with it. Readings come from the least to the most stripped; the caller
 * keeps the longest match and, among equally long ones, the least stripped, so a name that
 * itself starts with a clitic letter (بنش, لبنان, كفر) is read whole.
 */
export interface CliticReading {
  bare: string;
  clitic: string;
}

const CONJ = new Set(['و', 'ف']);
// كـ ("like") is left out: it rarely precedes a place and often starts a word (كبار، كرمه).
const PREP = new Set(['ب', 'ل']);
/** What is left after a clitic must still be a word worth looking up. */
const MIN_BARE = 3;
/**
 * After و/ف two letters may start a name of several words: "وتل ملح", "وعين العرب". A
 * two-letter word is never a name on its own (see place-mentions' judge), so this costs nothing
 * for single words.
 */
const MIN_BARE_AFTER_CONJ = 2;

/**
 * The same readings written into caller-owned arrays (no allocation per word on the hot path);
 * returns how many were written.
 */
export function cliticReadingsInto(word: string, bares: string[], clitics: string[]): number {
  bares[0] = word;
  clitics[0] = '';
  let n = 1;
  let rest = word;
  let clitic = '';
  const c0 = rest.charCodeAt(0);
  if ((c0 === WAW || c0 === FA) && rest.length > MIN_BARE_AFTER_CONJ) {
    clitic = rest.charAt(0);
    rest = rest.slice(1);
    bares[n] = rest;
    clitics[n++] = clitic;
  }
  const c1 = rest.charCodeAt(0);
  if (c1 === LAM && rest.charCodeAt(1) === LAM && rest.length > MIN_BARE + 1) {
    bares[n] = `ال${rest.slice(2)}`;
    clitics[n++] = `${clitic}لل`;
  } else if ((c1 === BA || c1 === LAM) && rest.length > MIN_BARE) {
    bares[n] = rest.slice(1);
    clitics[n++] = clitic + rest.charAt(0);
  }
  return n;
}

const WAW = 'و'.charCodeAt(0);
const FA = 'ف'.charCodeAt(0);
const BA = 'ب'.charCodeAt(0);
const LAM = 'ل'.charCodeAt(0);

export function cliticReadings(word: string): CliticReading[] {
  const out: CliticReading[] = [{ bare: word, clitic: '' }];
  let rest = word;
  let clitic = '';
  if (CONJ.has(rest.charAt(0)) && rest.length > MIN_BARE_AFTER_CONJ) {
    clitic = rest.charAt(0);
    rest = rest.slice(1);
    out.push({ bare: rest, clitic });
  }
  if (rest.startsWith('لل') && rest.length > MIN_BARE + 1) {
    // ل + ال is written لل: للرقة is ل + الرقة.
    out.push({ bare: `ال${rest.slice(2)}`, clitic: `${clitic}لل` });
  } else if (PREP.has(rest.charAt(0)) && rest.length > MIN_BARE) {
    clitic += rest.charAt(0);
    rest = rest.slice(1);
    out.push({ bare: rest, clitic });
  }
  // The article is never stripped: السورية would read as سورية (Syria), التركية as a village.
  return out;
}

/**
 * The readings `cliticReadingsInto(word, …)` would write, in the same order, without building a
 * string, keeping only those whose hash `filter` may hold: the question asked of every word of
 * a document, so one pass over the word and no allocation. The readings are suffixes of the
 * word, or ال + a suffix. For a kept reading k, `hashes[k]` is arabicKeyHash(bare) (place-keys.ts)
 * and `cuts[k]` says where the bare starts: c ≥ 0, bare = word.slice(c); c < 0, bare = 'ال' +
 * word.slice(~c) (the word had لل). Either way the clitic is word.slice(0, c or ~c). The
 * readings are written from index `at` on; the hash of the whole word, kept or not, at
 * wordHashes[wordAt] (so the words after a head need no second hashing).
 */
export function cliticReadingHashesInto(
  word: string,
  filter: HashFilter,
  hashes: Int32Array,
  cuts: Int32Array,
  at = 0,
  wordHashes: Int32Array = NO_WORD_HASHES,
  wordAt = 0,
): number {
  const len = word.length;
  // Suffix hashes at offsets 3 down to 0, the only offsets a reading starts at.
  let h = 0;
  let k = len - 1;
  for (; k > 3; k--) h = (Math.imul(h, KEY_HASH_MUL) + word.charCodeAt(k)) | 0;
  let h3 = 0;
  let h2 = 0;
  let h1 = 0;
  if (k === 3) h = h3 = (Math.imul(h, KEY_HASH_MUL) + word.charCodeAt(k--)) | 0;
  if (k === 2) h = h2 = (Math.imul(h, KEY_HASH_MUL) + word.charCodeAt(k--)) | 0;
  if (k === 1) h = h1 = (Math.imul(h, KEY_HASH_MUL) + word.charCodeAt(k--)) | 0;
  if (k === 0) h = (Math.imul(h, KEY_HASH_MUL) + word.charCodeAt(0)) | 0;
  wordHashes[wordAt] = h;
  let n = at;
  if (filter.mayHave(h)) {
    hashes[n] = h;
    cuts[n++] = 0;
  }
  let o = 0;
  const c0 = word.charCodeAt(0);
  if ((c0 === WAW || c0 === FA) && len > MIN_BARE_AFTER_CONJ) {
    o = 1;
    if (filter.mayHave(h1)) {
      hashes[n] = h1;
      cuts[n++] = 1;
    }
  }
  const rest = len - o;
  const c1 = word.charCodeAt(o);
  if (c1 === LAM && rest > MIN_BARE + 1 && word.charCodeAt(o + 1) === LAM) {
    // ال + the word after لل, hashed on from that word's hash.
    const after = o === 0 ? h2 : h3;
    const hal = (Math.imul((Math.imul(after, KEY_HASH_MUL) + LAM) | 0, KEY_HASH_MUL) + ALEF) | 0;
    if (filter.mayHave(hal)) {
      hashes[n] = hal;
      cuts[n++] = ~(o + 2);
    }
  } else if ((c1 === BA || c1 === LAM) && rest > MIN_BARE) {
    const hp = o === 0 ? h1 : h2;
    if (filter.mayHave(hp)) {
      hashes[n] = hp;
      cuts[n++] = o + 1;
    }
  }
  return n - at;
}

const NO_WORD_HASHES = new Int32Array(1);

/**
 * The clitic cut off a word at `cut` (see cliticReadingHashesInto): و, فب, ولل … (the
 * one-letter ones, by far the most frequent, without allocation).
 */
export function cliticAt(word: string, cut: number): string {
  const to = cut >= 0 ? cut : ~cut;
  if (to === 0) return '';
  const c0 = word.charCodeAt(0);
  if (to === 1) {
    if (c0 === WAW) return 'و';
    if (c0 === FA) return 'ف';
    if (c0 === BA) return 'ب';
    if (c0 === LAM) return 'ل';
  }
  return word.slice(0, to);
}

const ALEF = 'ا'.charCodeAt(0);

/**
 * Every word one of whose readings (cliticReadingsInto) may be `bare`: bare with a conjunction,
 * a preposition, both, or لل for ال (a superset: the length rules are left to the caller, who
 * reads each form again). Lets a small table of words be looked up by the document's word
 * itself, its clitics included.
 */
export function cliticForms(bare: string): string[] {
  const forms = new Set<string>();
  const rests = [bare, ...['ب', 'ل'].map((p) => p + bare)];
  if (bare.startsWith('ال')) rests.push(`لل${bare.slice(2)}`);
  for (const rest of rests) for (const c of ['', 'و', 'ف']) forms.add(c + rest);
  return [...forms];
}
