import { normaliseText } from '../text/normalise.js';
import { tokenize } from '../text/tokens.js';

/**
 * Keys a place name is indexed under, built with the same normaliser and tokenizer that read
 * documents, so that a name and the words of a text that spell it always meet.
 */

const ARABIC_LETTER = /[\u0621-\u064a\u066e-\u06d3]/;
const LATIN_LETTER = /[a-z\u00c0-\u024f]/i;

export function hasArabic(s: string): boolean {
  return ARABIC_LETTER.test(s);
}

export function hasLatin(s: string): boolean {
  return LATIN_LETTER.test(s);
}

/** The normalised words of an Arabic name, as the tokenizer would read them in a document. */
export function arabicNameWords(name: string): string[] {
  return tokenize(normaliseText(name)).map((t) => t.norm);
}

/** Whether a normalised word is written in Arabic script (first letter decides). */
export function isArabicWord(word: string): boolean {
  const c = word.charCodeAt(0);
  return c >= 0x0600 && c <= 0x06ff;
}

/**
 * Hash of an Arabic key (a normalised, spaceless name or a document word), for the Bloom bits
 * the gazetteer keeps so that a document's words can be ruled out without building strings.
 * Read from the end, h(s) = Σ s[k]·M^k (mod 2^32): one pass over a word gives the hashes of
 * all its suffixes (clitic readings), and keys compose: h(a + b) = h(a) + M^|a|·h(b).
 */
export function arabicKeyHash(s: string): number {
  let h = 0;
  for (let k = s.length - 1; k >= 0; k--) h = (Math.imul(h, KEY_HASH_MUL) + s.charCodeAt(k)) | 0;
  return h;
}

export const KEY_HASH_MUL = 0x01000193;

const POWERS = new Int32Array(64);
POWERS[0] = 1;
for (let k = 1; k < POWERS.length; k++) POWERS[k] = Math.imul(POWERS[k - 1]!, KEY_HASH_MUL);

/** M^len, the factor a key of this length puts on what is appended to it. */
export function keyHashPower(len: number): number {
  if (len < POWERS.length) return POWERS[len]!;
  let p = POWERS[POWERS.length - 1]!;
  for (let k = POWERS.length - 1; k < len; k++) p = Math.imul(p, KEY_HASH_MUL);
  return p;
}

/** A set of hashes that may answer "maybe" for a hash it does not hold, never "no" for one it does. */
export interface HashFilter {
  mayHave(hash: number): boolean;
}

/**
 * Strings (the Arabic heads or keys of the gazetteer) found by arabicKeyHash, so that a document
 * word or span is looked up from a hash and checked character by character, without building
 * or hashing a string. In front, Bloom bits (one probe, 32 per key: 3% false positives) rule
 * out most words in one step; behind, open addressing, at most half full, one 32-bit slot per
 * key (12 bits of the hash as a tag, and the key's number), small enough to stay in the cache.
 * The caller walks the slots of a hash:
 *
 *   for (let s = t.first(h); ; s = t.next(s)) { const k = t.at(s, h); if (k === NO_MORE) break; if (k >= 0 && …t.keys[k]…) … }
 */
export class HashedKeys implements HashFilter {
  readonly keys: string[] = [];
  /** A number kept with each key (a head's most words). */
  readonly data: number[] = [];
  /** arabicKeyHash of each key. */
  private readonly hashes: number[] = [];
  /** tag << 20 | (key number + 1); 0: empty slot. */
  private slots: Int32Array = new Int32Array(0);
  private mask = 0;
  private shift = 32;
  private bloom: Int32Array = new Int32Array(0);
  private bloomShift = 32;

  private constructor() {
    this.resize(16);
  }

  /** A table of these strings (with 0 as their data). */
  static of(keys: Iterable<string>): HashedKeys {
    const list = [...keys];
    return HashedKeys.build(list, list.map(arabicKeyHash), new Array<number>(list.length).fill(0));
  }

  /**
   * A table of keys given with their arabicKeyHash and data. A key given twice is kept once with
   * its last data, as a Map would. One loop (no call per key): it runs at start-up, before the
   * JIT has warmed to anything.
   */
  static build(keys: readonly string[], hashes: ArrayLike<number>, data: ArrayLike<number>): HashedKeys {
    const t = new HashedKeys();
    t.resize(Math.max(16, keys.length * 2));
    const slots = t.slots;
    const mask = t.mask;
    const shift = t.shift;
    const bloom = t.bloom;
    const bloomShift = t.bloomShift;
    for (let i = 0; i < keys.length; i++) {
      const h = hashes[i]!;
      const tag = Math.imul(h, 0x85ebca6b) >>> ID_BITS; // tagOf(h), and below setBloom(h), inlined
      for (let s = Math.imul(h, 0x9e3779b1) >>> shift; ; s = (s + 1) & mask) {
        const v = slots[s]!;
        if (v === 0) {
          slots[s] = (tag << ID_BITS) | (t.keys.length + 1);
          const b = Math.imul(h, 0xc2b2ae35) >>> bloomShift;
          bloom[b >>> 5]! |= 1 << (b & 31);
          t.keys.push(keys[i]!);
          t.data.push(data[i]!);
          t.hashes.push(h);
          break;
        }
        const id = (v & ID_MASK) - 1;
        if (v >>> ID_BITS === tag && t.hashes[id] === h && t.keys[id] === keys[i]) {
          t.data[id] = data[i]!;
          break;
        }
      }
    }
    return t;
  }

  get size(): number {
    return this.keys.length;
  }

  /** False: no key has this hash. True: one may have (walk the slots from first(hash)). */
  mayHave(hash: number): boolean {
    const b = Math.imul(hash, 0xc2b2ae35) >>> this.bloomShift;
    return (this.bloom[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  first(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  next(slot: number): number {
    return (slot + 1) & this.mask;
  }

  /**
   * The key that is the reading of `word` cut at `cut` (arabic-clitics.ts cliticReadingHashesInto),
   * given the reading's hash: its number, or NO_MORE.
   */
  idOfReading(word: string, cut: number, hash: number): number {
    for (let s = this.first(hash); ; s = this.next(s)) {
      const id = this.at(s, hash);
      if (id === NO_MORE || (id >= 0 && readingIs(word, cut, this.keys[id]!))) return id;
    }
  }

  /** The number of the key in this slot if it has this hash; OTHER_HASH; or NO_MORE (empty slot). */
  at(slot: number, hash: number): number {
    const v = this.slots[slot]!;
    if (v === 0) return NO_MORE;
    if (v >>> ID_BITS !== tagOf(hash)) return OTHER_HASH;
    const id = (v & ID_MASK) - 1;
    return this.hashes[id] === hash ? id : OTHER_HASH;
  }

  /** Room for `slots` slots, the keys there rehashed (a table grows only when built). */
  private resize(slots: number): void {
    if (slots > ID_MASK) throw new RangeError(`HashedKeys holds fewer than ${ID_MASK >>> 1} keys`);
    const log2 = 31 - Math.clz32(slots);
    this.slots = new Int32Array(1 << log2);
    this.mask = (1 << log2) - 1;
    this.shift = 32 - log2;
    this.bloom = new Int32Array(1 << (log2 + 4 - 5));
    this.bloomShift = 32 - (log2 + 4);
    for (let id = 0; id < this.keys.length; id++) {
      const h = this.hashes[id]!;
      let s = this.first(h);
      while (this.slots[s] !== 0) s = this.next(s);
      this.slots[s] = (tagOf(h) << ID_BITS) | (id + 1);
      this.setBloom(h);
    }
  }

  private setBloom(hash: number): void {
    const b = Math.imul(hash, 0xc2b2ae35) >>> this.bloomShift;
    this.bloom[b >>> 5]! |= 1 << (b & 31);
  }
}

const ID_BITS = 20;
const ID_MASK = (1 << ID_BITS) - 1;

/** 12 bits of a hash, other than those that pick the slot. */
function tagOf(hash: number): number {
  return Math.imul(hash, 0x85ebca6b) >>> ID_BITS;
}

export const NO_MORE = -1;
export const OTHER_HASH = -2;

/**
 * Whether the reading of `word` cut at `cut` is `key`: c ≥ 0, word.slice(c); c < 0, 'ال' +
 * word.slice(~c) (see arabic-clitics.ts cliticReadingHashesInto). No string is built.
 */
export function readingIs(word: string, cut: number, key: string): boolean {
  if (cut >= 0) {
    if (key.length !== word.length - cut) return false;
    for (let j = 0; j < key.length; j++) if (key.charCodeAt(j) !== word.charCodeAt(cut + j)) return false;
    return true;
  }
  const from = ~cut;
  if (key.length !== word.length - from + 2 || key.charCodeAt(0) !== ALEF || key.charCodeAt(1) !== LAM) return false;
  for (let j = 2; j < key.length; j++) if (key.charCodeAt(j) !== word.charCodeAt(from + j - 2)) return false;
  return true;
}

const ALEF = 'ا'.charCodeAt(0);
const LAM = 'ل'.charCodeAt(0);
