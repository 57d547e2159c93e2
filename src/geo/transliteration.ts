import { normalise } from '../text/normalise.js';

/**
 * Folding of Latin spellings of Arabic place names, so that the many transliterations of one
 * name meet on one key: Khan Sheikhoun / Khan Shaykhun / Khan Shaykhoun, Qalaat al-Madiq /
 * Qal`at al Madiq / Qalat al Mudiq, Maarat al-Numan / Ma`arrat an Nu`man, Jisr al-Shughur /
 * Jisr ash Shughur, Deir ez-Zor / Dayr az Zawr.
 *
 * The fold works on words (tokens) so that a document's words can be folded one at a time,
 * cached, and concatenated: key(tokens) === collapse(fold(t1) + fold(t2) + ...). The costly
 * part is a handful of precompiled replacements per distinct word.
 */

/** Sun- and moon-letter spellings of the article, French and English. */
const ARTICLES = new Set([
  'al', 'el', 'il', 'ul', 'ad', 'ed', 'an', 'en', 'ar', 'er', 'as', 'es', 'ash', 'esh', 'at', 'et',
  'ath', 'az', 'ez', 'adh', 'ud', 'un', 'ur', 'us', 'ut', 'uz',
]);

export function isLatinArticle(word: string): boolean {
  return ARTICLES.has(word);
}

const TRAILING_H = /([aeiouy])h$/;
const TRAILING_VOWELS = /[aeiouy]+$/;
const DIGRAPHS: [RegExp, string][] = [
  [/['`]/g, ''],
  [/tch|tsch|sch|sh|ch/g, 'S'],
  [/kh/g, 'X'],
  [/gh/g, 'G'],
  [/th/g, 't'],
  [/dh/g, 'd'],
  [/dj|dsch/g, 'j'],
  [/zh/g, 'z'],
  [/ph/g, 'f'],
  [/ck|q|c/g, 'k'],
  [/x/g, 'ks'],
];
/** y and w read as vowels (diphthongs ay/aw/ey/ou...) except as a word's first letter. */
const INNER_Y = /(?!^)y/g;
const INNER_W = /(?!^)w/g;
const VOWEL_RUN = /[aeiou]+/g;
const BACK_VOWEL = /[ouw]/;
const DOUBLED = /(.)\1+/g;

/** A vowel run is 'u' if it has a back vowel (u, o, ou, oo, aw), else 'a' (a, e, i, ei, ay, ee). */
function vowelClass(run: string): string {
  return BACK_VOWEL.test(run) ? 'u' : 'a';
}

/**
 * Fold one word (already lowercased and without accents, as the normaliser leaves Latin text).
 * Consonant digraphs become one letter, every vowel run one of two vowels ('u' when it has a
 * back vowel: u, o, ou, oo, aw; else 'a': a, e, i, ei, ay, ee), doubled letters one, and a
 * final vowel (with a final -h after it: Hamah, Qasabiyeh) is dropped.
 */
export function foldLatinWord(word: string): string {
  let s = word;
  for (const [re, to] of DIGRAPHS) s = s.replace(re, to);
  if (s.length > 2) {
    s = s.replace(TRAILING_H, '$1');
    const bare = s.replace(TRAILING_VOWELS, '');
    if (bare.length >= 2) s = bare;
  }
  s = s.replace(INNER_Y, 'i').replace(INNER_W, 'o').replace(VOWEL_RUN, vowelClass);
  return s.replace(DOUBLED, '$1');
}

/**
 * The folded key of a name given as words: a leading article is dropped (news writes Bab and
 * al-Bab, Raqqa and ar-Raqqah), inner articles all read 'al', words are folded and joined.
 */
export function latinKeyOfWords(words: readonly string[], fold: (w: string) => string = foldLatinWord): string {
  let out = '';
  let first = true;
  for (const w of words) {
    if (first && ARTICLES.has(w)) continue;
    const f = ARTICLES.has(w) ? 'al' : fold(w);
    first = false;
    out += f;
  }
  return out.replace(DOUBLED, '$1');
}

/**
 * Names this short (unfolded key length) match only as written: folded, "Hama" would also be
 * "him" and "home". Longer names match through the folded key.
 */
export const SHORT_LATIN_KEY = 4;

/** Exact (unfolded) key: the words joined, leading article dropped. For short names. */
export function latinExactKeyOfWords(words: readonly string[]): string {
  let out = '';
  let first = true;
  for (const w of words) {
    if (first && ARTICLES.has(w)) continue;
    first = false;
    out += ARTICLES.has(w) ? 'al' : w;
  }
  return out;
}

const APOSTROPHES = /['`’‘ʿʾ´]/g;
const NON_LETTERS = /[^\p{L}\p{N}]+/u;

/**
 * Split a Latin name into the words the key is built from. Apostrophes and backticks inside a
 * word are dropped (Ma`arrat → maarrat); hyphens and spaces separate words (al-Numan → al numan).
 */
export function latinWords(name: string): string[] {
  return normalise(name.replace(APOSTROPHES, ''))
    .split(NON_LETTERS)
    .filter((w) => w.length > 0);
}

/** Folded key of a whole Latin place name or document phrase. */
export function foldLatin(name: string): string {
  return latinKeyOfWords(latinWords(name));
}
