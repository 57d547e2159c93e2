import { normaliseText } from '../text/normalise.js';
import { tokenize, type Token } from '../text/tokens.js';

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
 * word or span is looked up from a hash and compared character by character, without building
 * or hashing a string. The keys are ranges of one source text (the index file as read), so
 * loading slices nothing; a key is made a string only when asked for (key()).
 *
 * In front, Bloom bits (one probe, 32 per key: 3% false positives) rule out most words in one
 * step; behind, open addressing, at most half full, one 32-bit slot per key (12 bits of the
 * hash as a tag, and the key's number); then one record per key (hash, data, start, length).
 * All small enough to stay in the cache.
 */
export class HashedKeys implements HashFilter {
  /** Per key: arabicKeyHash, data, start in source, length. */
  private readonly rec: Int32Array;
  private count = 0;
  private readonly strings: (string | undefined)[] = [];
  /** tag << 20 | (key number + 1); 0: empty slot. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private readonly shift: number;
  private readonly bloom: Int32Array;
  private readonly bloomShift: number;

  private constructor(
    private readonly source: string,
    capacity: number,
  ) {
    let log2 = 4;
    while (1 << log2 < capacity * 2) log2++;
    if (log2 > ID_BITS) throw new RangeError(`HashedKeys holds fewer than ${1 << (ID_BITS - 1)} keys, not ${capacity}`);
    this.slots = new Int32Array(1 << log2);
    this.mask = (1 << log2) - 1;
    this.shift = 32 - log2;
    this.bloom = new Int32Array(1 << (log2 + 4 - 5));
    this.bloomShift = 32 - (log2 + 4);
    this.rec = new Int32Array(4 * Math.max(1, capacity));
  }

  /**
   * A table of the n keys source.slice(starts[i], starts[i] + lengths[i]), given with their
   * arabicKeyHash and data. A key given twice is kept once with its last data, as a Map would.
   * One loop, no call per key: it runs at start-up, before the JIT has warmed to anything.
   */
  static fromRanges(
    source: string,
    starts: ArrayLike<number>,
    lengths: ArrayLike<number>,
    hashes: ArrayLike<number>,
    data: ArrayLike<number>,
    n: number,
  ): HashedKeys {
    const t = new HashedKeys(source, n);
    const { slots, mask, shift, bloom, bloomShift, rec } = t;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const h = hashes[i]!;
      const start = starts[i]!;
      const length = lengths[i]!;
      const tag = Math.imul(h, 0x85ebca6b) >>> ID_BITS; // tagOf(h)
      for (let s = Math.imul(h, 0x9e3779b1) >>> shift; ; s = (s + 1) & mask) {
        const v = slots[s]!;
        if (v === 0) {
          slots[s] = (tag << ID_BITS) | (count + 1);
          const b = Math.imul(h, 0xc2b2ae35) >>> bloomShift; // as mayHave
          bloom[b >>> 5]! |= 1 << (b & 31);
          rec[4 * count] = h;
          rec[4 * count + 1] = data[i]!;
          rec[4 * count + 2] = start;
          rec[4 * count + 3] = length;
          count++;
          break;
        }
        const id = (v & ID_MASK) - 1;
        if (v >>> ID_BITS === tag && rec[4 * id] === h && rec[4 * id + 3] === length && sameText(source, rec[4 * id + 2]!, start, length)) {
          rec[4 * id + 1] = data[i]!;
          break;
        }
      }
    }
    t.count = count;
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** Key number id as a string (made once). */
  key(id: number): string {
    let k = this.strings[id];
    if (k === undefined) {
      k = this.source.slice(this.rec[4 * id + 2], this.rec[4 * id + 2]! + this.rec[4 * id + 3]!);
      this.strings[id] = k;
    }
    return k;
  }

  /** The number kept with key number id (a head's most words). */
  data(id: number): number {
    return this.rec[4 * id + 1]!;
  }

  /** False: no key has this hash. True: one may have. */
  mayHave(hash: number): boolean {
    const b = Math.imul(hash, 0xc2b2ae35) >>> this.bloomShift;
    return (this.bloom[b >>> 5]! & (1 << (b & 31))) !== 0;
  }

  /** The number of the key equal to `s`, or NO_MORE. */
  idOf(s: string): number {
    return this.idOfReading(s, 0, arabicKeyHash(s));
  }

  /**
   * The key that is the reading of `word` cut at `cut` (arabic-clitics.ts cliticReadingHashesInto):
   * word.slice(cut), or for cut < 0 'ال' + word.slice(~cut); given the reading's hash. Its
   * number, or NO_MORE.
   */
  idOfReading(word: string, cut: number, hash: number): number {
    return this.idOfSpan(hash, word, cut, NO_TOKENS, 0, 0);
  }

  /**
   * The key that is the reading of `word` cut at `cut` followed by the words of tokens from …
   * from+count-1 (a span of a document, spaces dropped), given the span's hash: its number, or
   * NO_MORE. Compared in place: no string is built.
   */
  idOfSpan(hash: number, word: string, cut: number, tokens: readonly Token[], from: number, count: number): number {
    if (!this.mayHave(hash)) return NO_MORE;
    const tag = tagOf(hash);
    for (let s = this.first(hash); ; s = (s + 1) & this.mask) {
      const v = this.slots[s]!;
      if (v === 0) return NO_MORE;
      if (v >>> ID_BITS !== tag) continue;
      const id = (v & ID_MASK) - 1;
      if (this.rec[4 * id] === hash && this.spells(id, word, cut, tokens, from, count)) return id;
    }
  }

  private first(hash: number): number {
    return Math.imul(hash, 0x9e3779b1) >>> this.shift;
  }

  /** Whether key number id is the reading of word at cut, then tokens from … from+count-1. */
  private spells(id: number, word: string, cut: number, tokens: readonly Token[], from: number, count: number): boolean {
    const src = this.source;
    let pos = this.rec[4 * id + 2]!;
    const end = pos + this.rec[4 * id + 3]!;
    let k = cut;
    if (cut < 0) {
      // 'ال' + word.slice(~cut)
      if (end - pos < 2 || src.charCodeAt(pos) !== ALEF || src.charCodeAt(pos + 1) !== LAM) return false;
      pos += 2;
      k = ~cut;
    }
    if (end - pos < word.length - k) return false;
    for (; k < word.length; k++, pos++) if (src.charCodeAt(pos) !== word.charCodeAt(k)) return false;
    for (let c = 0; c < count; c++) {
      const w = tokens[from + c]!.norm;
      if (end - pos < w.length) return false;
      for (let j = 0; j < w.length; j++, pos++) if (src.charCodeAt(pos) !== w.charCodeAt(j)) return false;
    }
    return pos === end;
  }
}

const NO_TOKENS: readonly Token[] = [];
const ID_BITS = 20;
const ID_MASK = (1 << ID_BITS) - 1;

/** 12 bits of a hash, other than those that pick the slot. */
function tagOf(hash: number): number {
  return Math.imul(hash, 0x85ebca6b) >>> ID_BITS;
}

function sameText(s: string, a: number, b: number, length: number): boolean {
  for (let j = 0; j < length; j++) if (s.charCodeAt(a + j) !== s.charCodeAt(b + j)) return false;
  return true;
}

export const NO_MORE = -1;

const ALEF = 'ا'.charCodeAt(0);
const LAM = 'ل'.charCodeAt(0);
