import type { Span } from '../model/span.js';

/**
 * Sentence spans of Arabic and English news, in original offsets.
 *
 * A sentence ends at . ! ? ؟ ؛ (with any closing quotes or brackets after it) followed by
 * white space, the end of the text or, for Arabic typed without a space, an Arabic letter; and
 * at every line break (paragraphs). Dots inside numbers (3.5, 5.6.2019) have no space after them
 * and never end one; nor do abbreviations (Dr. U.S. e.g.), initials (J. K.), Arabic letter
 * abbreviations (د. م.), list numbers (1.), or a dot before a lower-case English word. Arabic
 * clauses joined by و stay one sentence: only punctuation splits.
 */
export function splitSentences(text: string, skip: readonly Span[] = []): Span[] {
  const skips = [...skip].sort((a, b) => a.start - b.start);
  let si = 0;
  const sentences: Span[] = [];
  const emit = (from: number, to: number): void => {
    while (from < to && isSpace(text.charCodeAt(from))) from++;
    while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
    if (from === to) return;
    while (si < skips.length && skips[si]!.end <= from) si++;
    // Furniture: a sentence touching a skipped range is left out altogether.
    for (let k = si; k < skips.length && skips[k]!.start < to; k++) if (skips[k]!.end > from) return;
    sentences.push({ start: from, end: to });
  };

  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let m = BOUNDARY.exec(text); m !== null; m = BOUNDARY.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== '\n' && !endsSentence(text, start, m.index, m[0], end)) continue;
    emit(start, end);
    start = end;
  }
  emit(start, text.length);
  return sentences;
}

// Terminal punctuation and closers, then space / end / an Arabic letter; or a line break.
const BOUNDARY = /[.!?؟؛]+[”"'’»)\]]*(?=\s|$|[\u0621-\u064A])|\n/gu;

/** Abbreviations that take a dot without ending a sentence (lower case, inner dots kept). */
const ABBREVIATIONS: ReadonlySet<string> = new Set(
  (
    'mr mrs ms dr prof gen lt col maj sgt capt cmdr adm gov sen rep rev st jr sr mt ' +
    'inc ltd co corp bros dept univ assn vs etc al no nos fig approx est ca ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'e.g i.e u.s u.k u.n u.s.a a.m p.m d.c هـ'
  ).split(' '),
);

const WORD_BEFORE = /([\p{L}\p{M}]+(?:\.[\p{L}\p{M}]+)*)$/u;
const ONLY_NUMBER = /^\s*\d{1,3}\s*$/;
const LOWER_LATIN = /\s*[a-z]/y;

/** Whether the punctuation `mark` at [at, end) closes the sentence that began at `start`. */
function endsSentence(text: string, start: number, at: number, mark: string, end: number): boolean {
  if (mark.charCodeAt(0) !== 0x2e) return true; // ! ? ؟ ؛
  if (mark.startsWith('..')) return !continuesLowerCase(text, end); // an ellipsis
  const before = text.slice(Math.max(start, at - 16), at);
  const word = WORD_BEFORE.exec(before)?.[1];
  if (word !== undefined) {
    const letters = word.replace(/\./g, '');
    // An initial (J.), an Arabic letter abbreviation (د.), or an acronym written with dots (U.N.).
    if (letters.length === word.length ? word.length === 1 : word.split('.').every((p) => p.length === 1)) {
      return false;
    }
    if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  } else if (ONLY_NUMBER.test(text.slice(start, at))) {
    return false; // "1. " numbering a list item
  }
  return !continuesLowerCase(text, end);
}

/** The next word is lower-case English: what came before was not a sentence end. */
function continuesLowerCase(text: string, at: number): boolean {
  LOWER_LATIN.lastIndex = at;
  return LOWER_LATIN.test(text);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x200f || c === 0x200e || c === 0xfeff;
}
