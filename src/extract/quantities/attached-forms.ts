import { normalise } from '../../text/normalise.js';

/**
 * Spellings a word takes when Arabic writes a proclitic onto it, produced once at load time so
 * that the scanners pay one Map lookup per token instead of stripping prefixes on every token.
 */

const ARABIC_LETTER = /[\u0621-\u064a]/;

export interface AttachOptions {
  /** Also ب and ل ("بالأمس", "لمقتل"); off for short words where they make other words (آب → باب). */
  prepositions?: boolean;
}

/** The word itself first, then its forms with و/ف (and ب/ل when asked) written onto it. */
export function attachedForms(written: string, opts: AttachOptions = {}): string[] {
  const word = normalise(written);
  if (!ARABIC_LETTER.test(word)) return [word];
  const forms = [word, 'و' + word, 'ف' + word];
  if (opts.prepositions) {
    const withL = word.startsWith('ال') ? 'لل' + word.slice(2) : 'ل' + word;
    for (const p of ['ب' + word, withL]) forms.push(p, 'و' + p, 'ف' + p);
  }
  return forms;
}

/**
 * A lookup table from normalised token to value. Bare words win over attached forms of other
 * words ("واحد" is one, not و + أحد), and earlier entries win over later ones.
 */
export function lexiconMap<V>(
  entries: Iterable<readonly [string, V]>,
  opts: AttachOptions | ((word: string, value: V) => AttachOptions) = {},
): Map<string, V> {
  const list = [...entries];
  const map = new Map<string, V>();
  for (const [word, value] of list) {
    const key = normalise(word);
    if (!map.has(key)) map.set(key, value);
  }
  for (const [word, value] of list) {
    const o = typeof opts === 'function' ? opts(word, value) : opts;
    for (const form of attachedForms(word, o)) if (!map.has(form)) map.set(form, value);
  }
  return map;
}

/** A set of words as the tokens spell them (lexicon entries may be written in full: "الفائت"). */
export function normalisedSet(words: Iterable<string>): Set<string> {
  const set = new Set<string>();
  for (const w of words) set.add(normalise(w));
  return set;
}

/** A map keyed by words as the tokens spell them; earlier entries win. */
export function normalisedMap<V>(entries: Iterable<readonly [string, V]>): Map<string, V> {
  const map = new Map<string, V>();
  for (const [w, v] of entries) {
    const key = normalise(w);
    if (!map.has(key)) map.set(key, v);
  }
  return map;
}
