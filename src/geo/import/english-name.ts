import { normalise } from '../../text/normalise.js';
import { foldLatinWord, isLatinArticle, latinWords } from '../transliteration.js';

/**
 * Checking an English place name against the Arabic one, and writing one when the source's is
 * wrong (WOF calls القصابية "Qara Journ"). The check compares consonant skeletons: Arabic
 * letters and folded Latin spellings mapped to one consonant alphabet, vowels and semivowels
 * left out because transliterations disagree on them most.
 */

const AR_CONSONANT: Record<string, string> = {
  ب: 'b', ت: 't', ث: 't', ج: 'j', ح: 'h', خ: 'X', د: 'd', ذ: 'd', ر: 'r', ز: 'z', س: 's', ش: 'S',
  ص: 's', ض: 'd', ط: 't', ظ: 'z', غ: 'G', ف: 'f', ق: 'k', ك: 'k', ل: 'l', م: 'm', ن: 'n', ه: 'h',
  ع: '', ء: '', ا: '', و: '', ي: '',
};

/** Consonant skeleton of an Arabic name: articles dropped, final ة (normalised ه) dropped. */
export function arabicSkeleton(name: string): string {
  let out = '';
  for (let word of normalise(name).split(' ')) {
    if (word.startsWith('ال') && word.length > 3) word = word.slice(2);
    if (word.endsWith('ه') && word.length > 2) word = word.slice(0, -1);
    for (const ch of word) out += AR_CONSONANT[ch] ?? '';
  }
  return collapse(out);
}

/** Consonant skeleton of a Latin name, on the same alphabet as arabicSkeleton. */
export function latinSkeleton(name: string): string {
  let out = '';
  for (const w of latinWords(name)) {
    if (isLatinArticle(w)) continue;
    // Initial y/w survive foldLatinWord as consonants; here every semivowel goes.
    out += foldLatinWord(w).replace(/[auyw]/g, '').replace(/h$/, '');
  }
  return collapse(out);
}

function collapse(s: string): string {
  return s.replace(/(.)\1+/g, '$1');
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  const prev = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/** 1 for identical skeletons, 0 for nothing in common. */
export function skeletonSimilarity(arabic: string, latin: string): number {
  const a = arabicSkeleton(arabic);
  const b = latinSkeleton(latin);
  if (a.length === 0 || b.length === 0) return 0;
  return 1 - levenshtein(a, b) / Math.max(a.length, b.length);
}

/** Skeletons at least this similar are spellings of one name (Kafr Nabudah ~ كفر نبودة). */
export const SAME_NAME = 0.6;
/** The source's own English name is kept unless it is clearly another name. */
const KEEP_SOURCE = 0.5;

const TRANSLIT: Record<string, string> = {
  ب: 'b', ت: 't', ث: 'th', ج: 'j', ح: 'h', خ: 'kh', د: 'd', ذ: 'dh', ر: 'r', ز: 'z', س: 's',
  ش: 'sh', ص: 's', ض: 'd', ط: 't', ظ: 'z', ع: "'", غ: 'gh', ف: 'f', ق: 'q', ك: 'k', ل: 'l',
  م: 'm', ن: 'n', ه: 'h', ء: "'", ؤ: "'", ئ: "'",
};
const LONG = new Set(['ا', 'أ', 'إ', 'آ', 'و', 'ي', 'ى', 'ة']);

function transliterateWord(word: string): string {
  let w = word;
  let prefix = '';
  if (w.startsWith('ال') && w.length > 3) {
    prefix = 'al-';
    w = w.slice(2);
  }
  const chars = [...w];
  let out = '';
  let consonantsInRow = 0;
  let leadingPairDone = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const next = chars[i + 1];
    const last = i === chars.length - 1;
    if (ch === 'ة') {
      out += 'ah';
      continue;
    }
    if (ch === 'ي' && next === 'ة' && i > 0) {
      out += 'iy';
      consonantsInRow = 0;
      continue;
    }
    if (ch === 'ا' || ch === 'آ' || ch === 'ى') {
      out += 'a';
      consonantsInRow = 0;
      continue;
    }
    if (ch === 'أ') {
      out += 'a';
      consonantsInRow = 0;
      continue;
    }
    if (ch === 'إ') {
      out += 'i';
      consonantsInRow = 0;
      continue;
    }
    if (ch === 'و' || ch === 'ي') {
      // A semivowel at the start of a word or after a long vowel; a long vowel between consonants.
      const vowelBefore = i === 0 || (out.length > 0 && /[aiu]$/.test(out));
      if (vowelBefore) {
        out += ch === 'و' ? 'w' : 'y';
        consonantsInRow = 1;
      } else {
        out += ch === 'و' ? 'u' : 'i';
        consonantsInRow = 0;
      }
      continue;
    }
    const t = TRANSLIT[ch];
    if (t === undefined) continue;
    out += t;
    consonantsInRow++;
    // Short vowels are not written: a word opening with two consonants gets one 'a' between
    // them (قصابية → Qasabiyah, نبودة → Nabudah, كفر → Kafr); later clusters stay as written.
    if (!leadingPairDone && consonantsInRow === 1 && i === 0 && next !== undefined && !LONG.has(next) && !last) {
      out += 'a';
      consonantsInRow = 0;
      leadingPairDone = true;
    }
  }
  const body = out.charAt(0).toUpperCase() + out.slice(1);
  return prefix + body;
}

/** A readable English spelling of an Arabic name, for places whose source English is wrong. */
export function transliterateArabic(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .map(transliterateWord)
    .join(' ');
}

/**
 * The English name to show for a place with Arabic name `arabic`: the first candidate (in the
 * caller's order of trust) whose skeleton agrees with the Arabic; else a transliteration.
 */
export function chooseEnglishName(arabic: string | null, candidates: readonly string[]): string {
  const usable = candidates.filter((c) => c.trim().length > 0);
  const first = usable[0];
  // Too few consonants to judge (العوا, Al `Uwa): trust the source.
  if (!arabic || arabicSkeleton(arabic).length < 2) return first ?? (arabic ? transliterateArabic(arabic) : '');
  if (first !== undefined && skeletonSimilarity(arabic, first) >= KEEP_SOURCE) return first;
  let best: string | null = null;
  let bestSim = SAME_NAME;
  for (const c of usable) {
    const sim = skeletonSimilarity(arabic, c);
    if (sim > bestSim || (best === null && sim >= bestSim)) {
      best = c;
      bestSim = sim;
    }
  }
  return best ?? transliterateArabic(arabic);
}
