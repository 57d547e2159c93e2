import { normalise } from '../../text/normalise.js';
import { cliticVariants, withoutArticle } from '../../text/clitics.js';
import { WordMemo } from '../../text/memo.js';
import type { Token } from '../../text/tokens.js';

const ENDING_BITS = 1 << 16;

function ending2(word: string): number {
  const n = word.length;
  return (Math.imul(word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1)) & (ENDING_BITS - 1);
}

function ending3(word: string): number {
  const n = word.length;
  const h = Math.imul(Math.imul(word.charCodeAt(n - 3), 40503) ^ word.charCodeAt(n - 2), 40503) ^ word.charCodeAt(n - 1);
  return (h ^ (h >>> 15)) & (ENDING_BITS - 1);
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
   * Bits per hashed ending of every first word: its last three letters, or for a two-letter
   * word its last two. Clitics come off the front of a word, so a token ends as its bare
   * reading does: a clear bit rejects it with no lookup.
   */
  private readonly endings3 = new Uint8Array(ENDING_BITS >> 3);
  private readonly endings2 = new Uint8Array(ENDING_BITS >> 3);
  private hasTwoLetterKeys = false;
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
      else if (key.length === 2) {
        setBit(this.endings2, ending2(key));
        this.hasTwoLetterKeys = true;
      } else {
        setBit(this.endings3, ending3(key));
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
    if (word.length < 2) {
      if (!this.shortKeys.has(word)) return null;
    } else if (
      !(word.length >= 3 && hasBit(this.endings3, ending3(word))) &&
      !(this.hasTwoLetterKeys && hasBit(this.endings2, ending2(word)))
    ) {
      return null;
    }
    for (const start of this.starts.get(word)) {
      for (const entry of start.entries) {
        if (this.restMatches(tokens, i + 1, entry.rest)) {
          return { tokenStart: i, tokenEnd: i + 1 + entry.rest.length, value: entry.value, prefix: start.prefix };
        }
      }
    }
    return null;
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
      if (t.norm !== want && withoutArticle(t.norm) !== want && !this.strippedEquals(t.norm, want)) return false;
    }
    return true;
  }

  private strippedEquals(norm: string, want: string): boolean {
    // Inner words may carry a preposition too: "قصف بالمدفعية" against "قصف مدفعية".
    for (const v of cliticVariants(norm)) if (v.bare === want) return true;
    return false;
  }
}
