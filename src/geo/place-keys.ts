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
