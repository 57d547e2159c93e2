import type { Language } from '../model/document.js';

/**
 * Language by script, which is all Marsad needs to pick a lexicon: Arabic-script letters vs
 * Latin letters, and for Latin text a count of English function words (so French or Turkish
 * reports are not read with the English lexicon). A sample of the start is enough and keeps
 * this O(1) per document.
 */

const SAMPLE_CHARS = 4000;
/** Share of letters that must be of one script for the text to count as that script. */
const SCRIPT_SHARE = 0.6;
/** Share of Latin words that must be English function words (running English is ~25-40%). */
const ENGLISH_SHARE = 0.12;

// Words frequent in any English prose and rare as words in other Latin-script languages
// ("a", "in", "on" are left out: they are words in French, German, Italian, Spanish too).
const ENGLISH_FUNCTION_WORDS = new Set([
  'the', 'of', 'and', 'to', 'is', 'was', 'were', 'are', 'for', 'that', 'with', 'by', 'said',
  'from', 'has', 'have', 'had', 'its', 'it', 'their', 'which', 'this', 'be', 'been', 'at',
  'after', 'who', 'will', 'not', 'they', 'he', 'she', 'his', 'her', 'an', 'as', 'or', 'but',
]);

/**
 * Function words of the other Latin-script languages news about Syria comes in (French,
 * Spanish, Italian, Portuguese, German, Turkish), and words only English writes in news (week
 * days, months): short wire copy full of names has few English function words, and is still
 * English when these say so and no other language's words outnumber them.
 */
const OTHER_FUNCTION_WORDS = new Set([
  'le', 'la', 'les', 'des', 'du', 'une', 'est', 'sont', 'ont', 'dans', 'pour', 'avec', 'selon', 'qui', 'que', 'sur', 'été', 'aux', 'et',
  'el', 'los', 'las', 'del', 'y', 'por', 'para', 'con', 'según', 'una', 'fue', 'han',
  'il', 'gli', 'della', 'di', 'che', 'per', 'sono', 'secondo', 'nel', 'alla',
  'os', 'do', 'da', 'em', 'não', 'uma', 'com', 'foram',
  'der', 'die', 'das', 'und', 'ist', 'mit', 'von', 'den', 'dem', 'nach', 'auf', 'ein', 'eine', 'im', 'wurde',
  've', 'bir', 'bu', 'ile', 'için', 'olarak', 'göre',
]);
const ENGLISH_NEWS_WORDS = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'january', 'february', 'april', 'june', 'july', 'august', 'october', 'december',
  'near', 'killing', 'killed', 'reported', 'forces', 'troops', 'people', 'government', 'rebels',
]);
/** Of a word that is neither: "-ed" past tenses (shelled, pounded) are English, not French or Spanish. */
const ENGLISH_PAST_MIN = 5;

function isArabicLetter(c: number): boolean {
  return (
    (c >= 0x0620 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || c === 0x06d5 ||
    (c >= 0x06fa && c <= 0x06ff) || (c >= 0x0750 && c <= 0x077f) ||
    (c >= 0xfb50 && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfefc)
  );
}

/** Letters only Persian/Urdu write (پ چ ژ گ, Farsi yeh ی): Arabic-script, but not Arabic. */
function isPersianLetter(c: number): boolean {
  return c === 0x067e || c === 0x0686 || c === 0x0698 || c === 0x06af || c === 0x06cc;
}

function isLatinLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/** Script of each code unit below TABLE_SIZE (the loop below runs over every character). */
const LATIN = 1;
const ARABIC = 2;
const PERSIAN = 3;
const TABLE_SIZE = 0x800;
const SCRIPT: Uint8Array = (() => {
  const t = new Uint8Array(TABLE_SIZE);
  for (let c = 0; c < TABLE_SIZE; c++) {
    if (isLatinLetter(c)) t[c] = LATIN;
    else if (isArabicLetter(c)) t[c] = isPersianLetter(c) ? PERSIAN : ARABIC;
  }
  return t;
})();

export function detectLanguage(text: string): Language {
  const n = Math.min(text.length, SAMPLE_CHARS);
  let arabic = 0;
  let persian = 0;
  let latin = 0;
  let other = 0;
  let words = 0;
  let english = 0;
  let englishOther = 0;
  let foreign = 0;
  let wordStart = -1;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x20;
    const script = c < TABLE_SIZE ? SCRIPT[c]! : 0;
    if (script === LATIN) {
      latin++;
      if (wordStart < 0) wordStart = i;
      continue;
    }
    if (wordStart >= 0) {
      // A Latin word just ended: count it, and whether it is an English function word.
      const len = i - wordStart;
      words++;
      const word = len <= 9 ? text.slice(wordStart, i).toLowerCase() : '';
      if (len <= 5 && ENGLISH_FUNCTION_WORDS.has(word)) english++;
      else if (OTHER_FUNCTION_WORDS.has(word)) foreign++;
      else if (ENGLISH_NEWS_WORDS.has(word) || (len >= ENGLISH_PAST_MIN && endsInEd(text, i))) englishOther++;
      wordStart = -1;
    }
    if (c < 0x80) continue;
    if (script >= ARABIC) {
      arabic++;
      if (script === PERSIAN) persian++;
    } else if (c >= TABLE_SIZE && isArabicLetter(c)) {
      arabic++; // presentation forms
    } else if (c > 0x24f && /\p{L}/u.test(text.charAt(i))) {
      other++;
    }
  }
  const letters = arabic + latin + other;
  if (letters === 0) return 'und';
  if (arabic / letters >= SCRIPT_SHARE) return persian / arabic > 0.02 ? 'und' : 'ar';
  if (latin / letters < SCRIPT_SHARE || words === 0) return 'und';
  if (english / words >= ENGLISH_SHARE && english > foreign) return 'en';
  // Short copy made mostly of names: English by its other words, when nothing says otherwise.
  const englishAll = english + englishOther;
  return englishAll >= 2 && englishAll >= 3 * foreign ? 'en' : 'und';
}

function endsInEd(text: string, end: number): boolean {
  return (text.charCodeAt(end - 1) | 0x20) === 0x64 && (text.charCodeAt(end - 2) | 0x20) === 0x65; // "ed"
}
