import { normalise } from '../../text/normalise.js';
import { cliticVariants, forEachCliticReading, strippedForms, withoutArticle } from '../../text/clitics.js';
import { WordMemo } from '../../text/memo.js';
import type { Token } from '../../text/tokens.js';

const KEY_BITS = 1 << 15;
const ALEF = 0x627;
const LAM = 0x644;

/**
 * The filter key of the word word.slice(from), read off its length and three of its letters
 * without slicing; with `article`, of 'ال' + word.slice(from + 2) (ل + ال written لل).
 */
function keyAt(word: string, from: number, article: boolean): number {
  const n = word.length - from;
  const mid = n >> 1;
  const first = article ? ALEF : word.charCodeAt(from);
  const middle = article && mid < 2 ? (mid === 0 ? ALEF : LAM) : word.charCodeAt(from + mid);
  // charCodeAt past the end is NaN, which | 0 turns into 0.
  let h = Math.imul(n, 0x9e3779b1) ^ (first | 0);
  h = Math.imul(h, 40503) ^ (word.charCodeAt(word.length - 1) | 0);
  h = Math.imul(h, 40503) ^ (middle | 0);
  return (h ^ (h >>> 15)) & (KEY_BITS - 1);
}

/** Hashes of a word's last two and last three letters. */
function ending2(word: string): number {
  const n = word.length;
  const h = Math.imul(word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1);
  return (h ^ (h >>> 15)) & (KEY_BITS - 1);
}

function ending3(word: string): number {
  const n = word.length;
  const h = Math.imul(Math.imul(word.charCodeAt(n - 3), 40503) ^ word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1);
  return (h ^ (h >>> 15)) & (KEY_BITS - 1);
}

function setBit(bits: Uint8Array, h: number): void {
  bits[h >> 3]! |= 1 << (h & 7);
}

function hasBit(bits: Uint8Array, h: number): boolean {
  return (bits[h >> 3]! & (1 << (h & 7))) !== 0;
}

export interface PhraseMatch<T> {
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
  value: T;
  /** Clitics stripped from the first token. */
  prefix: string;
}

interface Entry<T> {
  rest: string[];
  value: T;
}

interface Start<T> {
  entries: Entry<T>[];
  prefix: string;
}

/**
 * Multi-word phrases indexed by their first word, matched over tokens with attached clitics
 * stripped from the first token and the article ignored on the following ones, longest first.
 */
export class PhraseIndex<T> {
  private readonly byFirst = new Map<string, Entry<T>[]>();
  private maxLen = 1;
  /**
   * Bits per filter key (see keyAt) of every first word. Unless one of the readings
   * cliticVariants gives a token (forEachCliticReading) has its bit, none is a first word and
   * the token costs no lookup.
   */
  private readonly firstKeys = new Uint8Array(KEY_BITS >> 3);
  /**
   * Bits per ending of every first word (its last three letters, or both of a two-letter
   * word), tested first. Clitics come off the front of a word, so every reading of a token
   * ends as the token does.
   */
  private readonly endings3 = new Uint8Array(KEY_BITS >> 3);
  private readonly endings2 = new Uint8Array(KEY_BITS >> 3);
  private readonly shortKeys = new Set<string>();
  /** Per document word: the phrases that may start with it, under each clitic reading. */
  private starts = this.newStartMemo();

  add(phrase: string, value: T): void {
    this.starts = this.newStartMemo();
    const words = normalise(phrase)
      .split(/[\s\-]+/)
      .filter((w) => w.length > 0);
    if (words.length === 0) return;
    const [first, ...rest] = words;
    const entry: Entry<T> = { rest: rest.map(withoutArticle), value };
    for (const key of new Set([first!, withoutArticle(first!)])) {
      if (key.length < 2) this.shortKeys.add(key);
      else {
        setBit(this.firstKeys, keyAt(key, 0, false));
        if (key.length === 2) setBit(this.endings2, ending2(key));
        else setBit(this.endings3, ending3(key));
      }
      let list = this.byFirst.get(key);
      if (!list) this.byFirst.set(key, (list = []));
      list.push(entry);
      list.sort((a, b) => b.rest.length - a.rest.length);
    }
    this.maxLen = Math.max(this.maxLen, words.length);
  }

  get size(): number {
    return this.byFirst.size;
  }

  /** The longest phrase starting at token i, or null. */
  matchAt(tokens: readonly Token[], i: number): PhraseMatch<T> | null {
    const token = tokens[i];
    if (!token) return null;
    const word = token.norm;
    if (word.length < 2 ? !this.shortKeys.has(word) : !this.mayStart(word)) return null;
    for (const start of this.starts.get(word)) {
      for (const entry of start.entries) {
        if (this.restMatches(tokens, i + 1, entry.rest)) {
          return { tokenStart: i, tokenEnd: i + 1 + entry.rest.length, value: entry.value, prefix: start.prefix };
        }
      }
    }
    return null;
  }

  /** See firstKeys. For words of two letters or more. */
  private mayStart(word: string): boolean {
    if (!(word.length >= 3 && hasBit(this.endings3, ending3(word))) && !hasBit(this.endings2, ending2(word))) return false;
    const keys = this.firstKeys;
    return forEachCliticReading(word, (from, article) => hasBit(keys, keyAt(word, from, article)));
  }

  private newStartMemo(): WordMemo<readonly Start<T>[]> {
    return new WordMemo((word) => this.computeStarts(word));
  }

  private computeStarts(word: string): readonly Start<T>[] {
    const out: Start<T>[] = [];
    for (const variant of cliticVariants(word)) {
      const entries = this.byFirst.get(variant.bare);
      if (entries) out.push({ entries, prefix: variant.prefix });
    }
    return out;
  }

  /** Non-overlapping matches over a token range, left to right, longest first. */
  findAll(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; i++) {
      const m = this.matchAt(tokens, i);
      if (m && m.tokenEnd <= to) {
        out.push(m);
        i = m.tokenEnd - 1;
      }
    }
    return out;
  }

  private restMatches(tokens: readonly Token[], at: number, rest: readonly string[]): boolean {
    for (let k = 0; k < rest.length; k++) {
      const t = tokens[at + k];
      if (!t) return false;
      const want = rest[k]!;
      // Inner words may lose their article, or carry a preposition: "قصف بالمدفعية" against "قصف مدفعية".
      if (t.norm !== want && !strippedForms(t.norm).has(want)) return false;
    }
    return true;
  }
}
