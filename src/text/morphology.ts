/**
 * Clitics and suffixes, longest first, as written and as normalised alike. The word list already
 * spells out most combinations; these catch the ones it lacks (a plural with the article:
 * الولاءات is listed only as الولاء and ولاءات).
 *
 * Only the article stacks are stripped in front: single proclitics (و ف ب ل ك) are spelled out
 * in the list, and stripping them finds some listed word inside almost anything (بوتوفي is
 * ب + وتوفي, "and he died").
 */
const PREFIXES = ['وبال', 'فبال', 'وال', 'بال', 'فال', 'كال', 'ولل', 'فلل', 'لل'];
const SUFFIXES = ['هما', 'هم', 'كم', 'نا', 'ها', 'ين', 'ون', 'ات', 'ه', 'ي'];

/** A shorter stem than this matches too much by chance (most Arabic stems have three letters). */
const MIN_STEM = 3;

/**
 * True when `has` accepts the word, or a stem of it with a clitic stack (وال، بال، لل ...)
 * and/or a common suffix (ه ها هم هما كم نا ي ين ون ات) removed.
 */
export function hasWithAffixes(word: string, has: (w: string) => boolean): boolean {
  if (has(word)) return true;
  for (const p of PREFIXES) {
    if (word.length - p.length < MIN_STEM || !word.startsWith(p)) continue;
    if (hasWithSuffixes(word.slice(p.length), has, true)) return true;
  }
  return hasWithSuffixes(word, has, false);
}

/** The stem itself (when `tryBare`) or the stem without one suffix. */
function hasWithSuffixes(stem: string, has: (w: string) => boolean, tryBare: boolean): boolean {
  if (tryBare && has(stem)) return true;
  for (const s of SUFFIXES) {
    if (stem.length - s.length < MIN_STEM || !stem.endsWith(s)) continue;
    if (has(stem.slice(0, stem.length - s.length))) return true;
  }
  return false;
}

/** What codesHaveWithAffixes needs of a word list: hasAsWritten read letter by letter. */
export interface LetterWalk {
  reset(): void;
  advance(code: number): boolean;
  readonly accepting: boolean;
}

const PREFIX_CODES = PREFIXES.map(codesOf);
const SUFFIX_CODES = SUFFIXES.map(codesOf);
const LONGEST_SUFFIX = Math.max(...SUFFIXES.map((s) => s.length));

function codesOf(s: string): Uint16Array {
  return Uint16Array.from(s, (ch) => ch.charCodeAt(0));
}

/**
 * hasWithAffixes(word, has) for a word held as code units codes[from..to), where `walk` reads
 * letter by letter what `has` answers. Every form hasWithAffixes asks about is the word or its
 * stem under one article stack, less at most one suffix: so one walk over the word (and one
 * over the stem) answers them all, and most walks end a letter or two past a broken word's
 * first part, where no listed word goes on.
 */
export function codesHaveWithAffixes(codes: Uint16Array, from: number, to: number, walk: LetterWalk): boolean {
  const whole = acceptedEnds(codes, from, to, walk);
  if ((whole & 1) !== 0) return true;
  for (const p of PREFIX_CODES) {
    if (to - from - p.length < MIN_STEM || !startsWith(codes, from, p)) continue;
    const stem = acceptedEnds(codes, from + p.length, to, walk);
    if ((stem & 1) !== 0 || suffixStripped(codes, from + p.length, to, stem)) return true;
  }
  return suffixStripped(codes, from, to, whole);
}

/** Bit j set when codes[from .. to - j) is a word, for j up to the longest suffix. */
function acceptedEnds(codes: Uint16Array, from: number, to: number, walk: LetterWalk): number {
  walk.reset();
  let mask = 0;
  for (let i = from; i < to; i++) {
    if (!walk.advance(codes[i]!)) return mask;
    const j = to - i - 1;
    if (j <= LONGEST_SUFFIX && walk.accepting) mask |= 1 << j;
  }
  return mask;
}

/** Whether codes[from..to) less one suffix (leaving MIN_STEM letters) is a word, per `ends`. */
function suffixStripped(codes: Uint16Array, from: number, to: number, ends: number): boolean {
  if (ends === 0) return false;
  for (const s of SUFFIX_CODES) {
    if (to - from - s.length < MIN_STEM || (ends & (1 << s.length)) === 0) continue;
    if (endsWith(codes, to, s)) return true;
  }
  return false;
}

function startsWith(codes: Uint16Array, from: number, p: Uint16Array): boolean {
  for (let k = 0; k < p.length; k++) if (codes[from + k] !== p[k]) return false;
  return true;
}

function endsWith(codes: Uint16Array, to: number, s: Uint16Array): boolean {
  const from = to - s.length;
  for (let k = 0; k < s.length; k++) if (codes[from + k] !== s[k]) return false;
  return true;
}
