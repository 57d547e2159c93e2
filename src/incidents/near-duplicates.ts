import { normaliseText } from '../text/normalise.js';

/**
 * Syndicated near-copy detection. An agency story republished by several outlets arrives as
 * several documents that differ in their title line, a paragraph added or cut, and page
 * furniture; they must count as one source. Two different reports from one agency share
 * boilerplate sentences ("government forces, backed by Russian air power, have escalated since
 * 26 April…") and must NOT be linked.
 *
 * Method: MinHash over normalised word 3-shingles (so hamza/harakat/tatweel variants of a copy
 * still agree), banded for LSH lookup. MinHash estimates the Jaccard similarity of the shingle
 * sets directly, which is what the threshold is about; a 64-bit SimHash only approximates cosine
 * similarity and is noisier exactly where the decision is made (Jaccard 0.3–0.6).
 *
 * A copy is linked when
 *   - Jaccard ≥ JACCARD_NEAR: a copy with a new title and one of five paragraphs swapped
 *     measures ≈0.54, with a paragraph added 0.6–0.7; two different stories whose background
 *     paragraphs (about 40% of each) are the same agency boilerplate measure 0.29–0.36. The
 *     estimate's standard error is ≈0.03 there, so 0.45 keeps both sides about three errors
 *     away; or
 *   - the shorter document is almost wholly contained in the longer one (a shortened syndication,
 *     or the "breaking" lede of a story published in full later: containment ≥ 0.85, where two
 *     different stories sharing boilerplate measure 0.50–0.60) and Jaccard ≥ JACCARD_CONTAINED,
 * and in both cases the numbers the two texts state agree (see numbersAgree): templated strike
 * reports differ mostly in a place name and a death toll, so their text can be very similar
 * while the numbers are not.
 */

/**
 * 252 bins of 16 bits (b-bit MinHash: the low 16 bits of each minimum; a chance equality adds
 * 1/65536 to the estimate): standard error ≈0.031 at J=0.5, in 504 bytes.
 */
export const NUM_HASHES = 252;
/**
 * LSH: 84 bands of 3 rows. P(candidate) = 1-(1-J³)^84: 0.90 at J=0.3 (the lowest similarity a
 * shortened copy is linked at), 0.998 at 0.45, 0.08 at J=0.1.
 */
export const LSH_BANDS = 84;
export const LSH_ROWS = NUM_HASHES / LSH_BANDS;
export const JACCARD_NEAR = 0.45;
export const JACCARD_CONTAINED = 0.3;
export const CONTAINMENT_NEAR = 0.85;
/** At most this many distinct numbers are kept per fingerprint (the first ones in the text). */
const MAX_NUMBERS = 32;
const FORMAT = 'mh2';

export interface DocFingerprint {
  /** Number of distinct shingles (needed to estimate containment from the Jaccard estimate). */
  size: number;
  /** Distinct numbers the text states, in order of first appearance (Eastern digits folded). */
  numbers: string[];
  /** MinHash signature: the low 16 bits of NUM_HASHES minima (one-permutation, densified). */
  sig: Uint16Array;
}

export interface NearMatch {
  docId: string;
  /** Estimated Jaccard similarity of the two documents' shingle sets, 0..1. */
  similarity: number;
}

// Fixed, so fingerprints persisted by one run compare with those of the next.
const VALUE_SALT = 0x2545f491;
const EMPTY = 0xffffffff;

/** murmur3's 32-bit finaliser: a bijection that spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r));
}

// Character classes of normalised text, looked up once per code unit and cached: words are runs
// of letters (and combining marks), numbers runs of digits, kept apart so the number in "و20"
// ("and 20") is seen as a number. A loop over cached classes is cheaper than a \p{L} regex.
const NONE = 1;
const LETTER = 2;
const DIGIT = 3;
const CLASS = new Uint8Array(0x10000);
const IS_LETTER = /[\p{L}\p{M}]/u;
const IS_DIGIT = /\p{N}/u;
for (let c = 0; c < 0x80; c++) {
  CLASS[c] = c >= 48 && c <= 57 ? DIGIT : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? LETTER : NONE;
}
// Astral characters arrive as surrogate pairs; count them as letters (emoji are too rare to matter).
CLASS.fill(LETTER, 0xd800, 0xe000);

function classOf(c: number): number {
  let k = CLASS[c]!;
  if (k === 0) {
    const ch = String.fromCharCode(c);
    k = IS_LETTER.test(ch) ? LETTER : IS_DIGIT.test(ch) ? DIGIT : NONE;
    CLASS[c] = k;
  }
  return k;
}

const LEADING_ZEROS = /^0+(?=\d)/;

export function fingerprint(text: string): DocFingerprint {
  if (typeof text !== 'string') throw new TypeError('fingerprint: text must be a string');
  return fingerprintNormalised(normaliseText(text).norm);
}

/** The same, for a caller that already holds the document's NormText.norm (saves ~0.1 ms). */
export function fingerprintNormalised(norm: string): DocFingerprint {
  const words: number[] = [];
  const numbers: string[] = [];
  const seenNumbers = new Set<string>();
  const n = norm.length;
  let i = 0;
  while (i < n) {
    const k = classOf(norm.charCodeAt(i));
    if (k === NONE) {
      i++;
      continue;
    }
    const start = i;
    let h = 0x811c9dc5; // FNV-1a, computed while scanning
    while (i < n) {
      const c = norm.charCodeAt(i);
      if (classOf(c) !== k) break;
      h = Math.imul(h ^ c, 0x01000193);
      i++;
    }
    words.push(h >>> 0);
    if (k === DIGIT && numbers.length < MAX_NUMBERS) {
      // "05" and "5" are the same number; a bare "0" stays "0".
      const num = norm.slice(start, i).replace(LEADING_ZEROS, '');
      if (!seenNumbers.has(num)) {
        seenNumbers.add(num);
        numbers.push(num);
      }
    }
  }

  const shingles = new Set<number>();
  if (words.length > 0 && words.length < 3) {
    let h = 0;
    for (const w of words) h = fmix32(rotl(h, 13) ^ w);
    shingles.add(h);
  }
  for (let i = 0; i + 2 < words.length; i++) {
    const h = fmix32(
      Math.imul(words[i]!, 0x9e3779b1) ^ rotl(Math.imul(words[i + 1]!, 0x85ebca6b), 11) ^ rotl(words[i + 2]!, 22),
    );
    shingles.add(h);
  }

  return { size: shingles.size, numbers, sig: oneHashSignature(shingles) };
}

/**
 * One-permutation MinHash with optimal densification (Shrivastava, ICML 2017): each shingle is
 * hashed once into one of NUM_HASHES bins and each bin keeps its minimum; an empty bin borrows
 * the value of the first non-empty bin along its own fixed probe sequence, so two documents
 * densify alike. Same estimator as NUM_HASHES independent permutations, at the cost of one
 * hash per shingle instead of NUM_HASHES (0.12 ms → ~0.01 ms on a 2,000-character article).
 */
function oneHashSignature(shingles: ReadonlySet<number>): Uint16Array {
  const min = new Uint32Array(NUM_HASHES).fill(EMPTY);
  const filled = new Uint8Array(NUM_HASHES);
  for (const h of shingles) {
    // High 16 bits pick the bin, an independent remix of the whole hash is the value.
    const bin = ((h >>> 16) * NUM_HASHES) >>> 16;
    const v = fmix32(h ^ VALUE_SALT);
    if (v < min[bin]!) min[bin] = v;
    filled[bin] = 1;
  }
  const sig = new Uint16Array(NUM_HASHES);
  if (shingles.size === 0) return sig;
  for (let i = 0; i < NUM_HASHES; i++) {
    if (filled[i] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const j = ((fmix32(Math.imul(i + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> 16) * NUM_HASHES) >>> 16;
      if (filled[j] === 1) {
        min[i] = min[j]!;
        break;
      }
    }
  }
  for (let k = 0; k < NUM_HASHES; k++) sig[k] = min[k]! & 0xffff;
  return sig;
}

/** Estimated Jaccard similarity of two fingerprints' shingle sets (0 when either is empty). */
export function jaccard(a: DocFingerprint, b: DocFingerprint): number {
  if (a.size === 0 || b.size === 0) return 0;
  let same = 0;
  for (let k = 0; k < NUM_HASHES; k++) if (a.sig[k] === b.sig[k]) same++;
  return same / NUM_HASHES;
}

/** Share of the smaller document's shingles that the larger one also has, estimated from J. */
export function containment(a: DocFingerprint, b: DocFingerprint, j = jaccard(a, b)): number {
  const small = Math.min(a.size, b.size);
  if (small === 0) return 0;
  // |A∩B| = J·|A∪B| and |A∪B| = |A|+|B|−|A∩B|  ⇒  |A∩B| = J(|A|+|B|)/(1+J)
  const inter = (j * (a.size + b.size)) / (1 + j);
  return Math.min(1, inter / small);
}

/**
 * Numbers must not contradict: each side may state numbers the other lacks (a paragraph added
 * or cut), but when both do, most of the numbers must still be shared. "3 killed" against
 * "5 killed" with nothing else in common is two different reports (or a revised toll, which is
 * a new report too).
 */
export function numbersAgree(a: DocFingerprint, b: DocFingerprint): boolean {
  if (a.numbers.length === 0 || b.numbers.length === 0) return true;
  const bs = new Set(b.numbers);
  let shared = 0;
  for (const n of a.numbers) if (bs.has(n)) shared++;
  const onlyA = a.numbers.length - shared;
  const onlyB = b.numbers.length - shared;
  if (onlyA === 0 || onlyB === 0) return true;
  return shared / (shared + onlyA + onlyB) >= 0.5;
}

/** The verdict for one pair; null when they are not near-copies. */
export function nearSimilarity(a: DocFingerprint, b: DocFingerprint): number | null {
  const j = jaccard(a, b);
  if (j < JACCARD_CONTAINED) return null;
  if (j < JACCARD_NEAR && containment(a, b, j) < CONTAINMENT_NEAR) return null;
  if (!numbersAgree(a, b)) return null;
  return j;
}

/**
 * LSH band keys: two documents whose Jaccard similarity is above ~0.4 share at least one key
 * with high probability. A store indexes these to find candidates without scanning; like
 * NearDuplicateIndex it should skip keys held by more than CROWDED_BAND documents.
 */
export function bandKeys(fp: DocFingerprint): string[] {
  return bandNumbers(fp).map((n) => `${Math.floor(n / 2 ** 32)}:${(n % 2 ** 32).toString(36)}`);
}

/** The band keys as numbers (band · 2³² + hash of its rows): cheaper Map keys in memory. */
function bandNumbers(fp: DocFingerprint): number[] {
  if (fp.size === 0) return [];
  const keys: number[] = [];
  for (let b = 0; b < LSH_BANDS; b++) {
    let h = b;
    for (let r = 0; r < LSH_ROWS; r++) h = fmix32(rotl(h, 7) ^ fp.sig[b * LSH_ROWS + r]!);
    keys.push(b * 2 ** 32 + h);
  }
  return keys;
}

export function serialiseFingerprint(fp: DocFingerprint): string {
  const bytes = Buffer.alloc(NUM_HASHES * 2);
  for (let k = 0; k < NUM_HASHES; k++) bytes.writeUInt16LE(fp.sig[k]!, k * 2);
  return `${FORMAT};${fp.size};${fp.numbers.join(',')};${bytes.toString('base64')}`;
}

export function parseFingerprint(s: string): DocFingerprint {
  const bad = (why: string): Error =>
    new Error(`parseFingerprint: ${why} in ${JSON.stringify(s.length > 60 ? s.slice(0, 60) + '…' : s)}`);
  const parts = s.split(';');
  if (parts.length !== 4) throw bad('expected 4 ";"-separated fields');
  const [format, sizeText, numbersText, sigText] = parts as [string, string, string, string];
  if (format !== FORMAT) throw bad(`unknown format "${format}" (expected "${FORMAT}")`);
  if (!/^\d+$/.test(sizeText)) throw bad('size is not a whole number');
  if (numbersText !== '' && !/^\d+(,\d+)*$/.test(numbersText)) throw bad('numbers field is malformed');
  const bytes = Buffer.from(sigText, 'base64');
  if (bytes.length !== NUM_HASHES * 2) throw bad(`signature has ${bytes.length} bytes, expected ${NUM_HASHES * 2}`);
  const sig = new Uint16Array(NUM_HASHES);
  for (let k = 0; k < NUM_HASHES; k++) sig[k] = bytes.readUInt16LE(k * 2);
  return { size: Number(sizeText), numbers: numbersText === '' ? [] : numbersText.split(','), sig };
}

/**
 * A band key shared by more documents than this comes from boilerplate many different stories
 * repeat (an agency's background paragraph), not from a story's own text: looking it up would
 * verify thousands of unrelated candidates, so lookups skip it. A copy still meets its original
 * on the bands its own text fills (about 10 of 84 at J=0.5). This relies on copies not being
 * indexed themselves (see NearDuplicateIndex), so a story syndicated a hundred times does not
 * crowd its own bands.
 */
export const CROWDED_BAND = 20;

/**
 * In-memory LSH index of ORIGINALS: findNear a new document; add it only when nothing was found
 * (a copy is represented by its original, and adding copies would crowd the original's bands).
 * `findNear` returns the most similar document, the earliest added on a tie.
 */
export class NearDuplicateIndex {
  private readonly fps = new Map<string, DocFingerprint>();
  private readonly order = new Map<string, number>();
  private readonly bands = new Map<number, string[]>();

  get size(): number {
    return this.fps.size;
  }

  add(docId: string, fp: DocFingerprint | string): void {
    const f = typeof fp === 'string' ? parseFingerprint(fp) : fp;
    if (this.fps.has(docId)) return;
    this.fps.set(docId, f);
    this.order.set(docId, this.order.size);
    for (const key of bandNumbers(f)) {
      const list = this.bands.get(key);
      if (list === undefined) this.bands.set(key, [docId]);
      else list.push(docId);
    }
  }

  findNear(fp: DocFingerprint | string, exclude?: string): NearMatch | null {
    const f = typeof fp === 'string' ? parseFingerprint(fp) : fp;
    const seen = new Set<string>();
    let best: NearMatch | null = null;
    for (const key of bandNumbers(f)) {
      const list = this.bands.get(key);
      if (list === undefined || list.length > CROWDED_BAND) continue;
      for (const docId of list) {
        if (seen.has(docId) || docId === exclude) continue;
        seen.add(docId);
        const sim = nearSimilarity(f, this.fps.get(docId)!);
        if (sim === null) continue;
        if (
          best === null || sim > best.similarity ||
          (sim === best.similarity && this.order.get(docId)! < this.order.get(best.docId)!)
        ) {
          best = { docId, similarity: sim };
        }
      }
    }
    return best;
  }
}
