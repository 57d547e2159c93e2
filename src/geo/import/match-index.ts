import { ARABIC_FUNCTION_WORDS } from '../common-words.js';
import type { MatchSection } from '../index-files.js';
import { arabicNameWords } from '../place-keys.js';
import { SHORT_LATIN_KEY, isLatinArticle, latinExactKeyOfWords, latinKeyOfWords, latinWords } from '../transliteration.js';

/**
 * Builds the name keys of the match files at import time, so that loading is reading, not
 * normalising 100k names. The rules here and the scan in place-mentions.ts are two halves of
 * one contract: a text span matches a name when the span's words, joined without spaces, give
 * the name's key, and the span's first word is one of the name's heads.
 */

/** A single-word Arabic name this long may be written as two words (كفرنبودة / كفر نبودة). */
const SPLIT_MIN_LENGTH = 5;
const SPLIT_MIN_PREFIX = 3;
const SPLIT_MAX_PREFIX = 6;

class Section {
  readonly keys = new Map<string, Set<number>>();
  add(key: string, place: number): void {
    let s = this.keys.get(key);
    if (!s) this.keys.set(key, (s = new Set()));
    s.add(place);
  }
}

class Heads {
  readonly heads = new Map<string, number>();
  add(head: string, maxWords: number): void {
    // A name never starts with في, من, على: as heads they would only cost lookups.
    if (head.length < 2 || ARABIC_FUNCTION_WORDS.has(head)) return;
    const cur = this.heads.get(head) ?? 0;
    if (maxWords > cur) this.heads.set(head, maxWords);
  }
}

export class MatchIndexBuilder {
  private readonly arKeys = new Section();
  private readonly arHeads = new Heads();
  private readonly laKeys = new Section();
  private readonly laExact = new Section();
  private readonly laHeads = new Heads();

  addArabic(name: string, place: number): void {
    const words = arabicNameWords(name);
    const key = words.join('');
    if (key.length < 2) return;
    this.arKeys.add(key, place);
    // Any run of leading words may be written joined: "كفرنبودة" for "كفر نبودة".
    for (let k = 1; k <= words.length; k++) this.arHeads.add(words.slice(0, k).join(''), words.length - k + 1);
    // ...and a one-word name may be written split in two.
    if (words.length === 1 && key.length >= SPLIT_MIN_LENGTH) {
      for (let len = SPLIT_MIN_PREFIX; len <= Math.min(SPLIT_MAX_PREFIX, key.length - 2); len++) {
        this.arHeads.add(key.slice(0, len), 2);
      }
    }
  }

  addLatin(name: string, place: number): void {
    // Two readings of apostrophes: dropped (Ma`arrat → maarrat, as a name is usually written)
    // and as a word break (ma arrat, as the tokenizer splits a document's "Ma'arrat").
    const readings = [latinWords(name), latinWords(name.replace(/['`’‘ʿʾ´]/g, ' '))];
    for (const all of readings) {
      let first = 0;
      while (first < all.length && isLatinArticle(all[first]!)) first++;
      const words = all.slice(first);
      if (words.length === 0) continue;
      const key = latinKeyOfWords(words);
      if (key.length < 2) continue;
      this.laKeys.add(key, place);
      const exact = latinExactKeyOfWords(words);
      if (exact.length <= SHORT_LATIN_KEY) this.laExact.add(exact, place);
      for (let k = 1; k <= words.length; k++) this.laHeads.add(latinKeyOfWords(words.slice(0, k)), words.length - k + 1);
    }
  }

  arabicFile(): string {
    return serialize({ keys: this.arKeys, heads: this.arHeads });
  }

  latinFile(): string {
    return serialize({ keys: this.laKeys, heads: this.laHeads, exact: this.laExact });
  }

  get counts(): Record<string, number> {
    return {
      arabic_keys: this.arKeys.keys.size,
      arabic_heads: this.arHeads.heads.size,
      latin_keys: this.laKeys.keys.size,
      latin_exact: this.laExact.keys.size,
      latin_heads: this.laHeads.heads.size,
    };
  }
}

function serialize(sections: Partial<Record<MatchSection, Section | Heads>>): string {
  const lines: string[] = [];
  for (const [name, sec] of Object.entries(sections) as [MatchSection, Section | Heads][]) {
    lines.push(`#${name}`);
    if (sec instanceof Section) {
      for (const [k, v] of sec.keys) lines.push(`${k}\t${[...v].join(',')}`);
    } else {
      for (const [k, n] of sec.heads) lines.push(`${k}\t${n}`);
    }
  }
  return lines.join('\n') + '\n';
}
