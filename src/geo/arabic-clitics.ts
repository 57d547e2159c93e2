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
  if ((c0 === WAW || c0 === FA) && rest.length > MIN_BARE) {
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
  if (CONJ.has(rest.charAt(0)) && rest.length > MIN_BARE) {
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
 * Hash of a string's code units [from, end), read from the end so that one pass over a word
 * yields the hashes of all its suffixes (the clitic readings are suffixes, or ال + a suffix).
 * `arabicKeyHash(s)` and `cliticReadingHashesInto` agree: a reading's hash is the hash of its bare.
 */
export function arabicKeyHash(s: string): number {
  let h = 0;
  for (let k = s.length - 1; k >= 0; k--) h = (Math.imul(h, HASH_MUL) + s.charCodeAt(k)) | 0;
  return h;
}

const HASH_MUL = 0x01000193;
const ALEF = 'ا'.charCodeAt(0);

/**
 * The hashes of the bares `cliticReadingsInto(word, …)` would write, in the same order, without
 * building a string: a prefilter's question for every word of a document.
 */
export function cliticReadingHashesInto(word: string, out: Int32Array): number {
  const len = word.length;
  // Suffix hashes from offsets 3 down to 0 (the only offsets a reading starts at).
  let h = 0;
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  for (let k = len - 1; k >= 0; k--) {
    h = (Math.imul(h, HASH_MUL) + word.charCodeAt(k)) | 0;
    if (k === 3) h3 = h;
    else if (k === 2) h2 = h;
    else if (k === 1) h1 = h;
  }
  out[0] = h;
  let n = 1;
  let o = 0;
  const c0 = word.charCodeAt(0);
  if ((c0 === WAW || c0 === FA) && len > MIN_BARE) {
    o = 1;
    out[n++] = h1;
  }
  const rest = len - o;
  const c1 = word.charCodeAt(o);
  if (c1 === LAM && word.charCodeAt(o + 1) === LAM && rest > MIN_BARE + 1) {
    // ال + the word after لل
    const after = o === 0 ? h2 : h3;
    out[n++] = (Math.imul((Math.imul(after, HASH_MUL) + LAM) | 0, HASH_MUL) + ALEF) | 0;
  } else if ((c1 === BA || c1 === LAM) && rest > MIN_BARE) {
    out[n++] = o === 0 ? h1 : h2;
  }
  return n;
}
