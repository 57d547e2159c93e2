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
export const MIN_STEM = 3;

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

/** What the code-unit checks below need of a word list: `has` walked by hand. */
export interface StepAutomaton {
  step(state: number, c: number): number;
  isFinal(state: number): boolean;
}

const PREFIX_CODES = PREFIXES.map(codesOf);
const SUFFIX_CODES = SUFFIXES.map(codesOf);
/** The longest article stack and suffix. */
export const LONGEST_PREFIX = Math.max(...PREFIXES.map((p) => p.length));
export const LONGEST_SUFFIX = Math.max(...SUFFIXES.map((s) => s.length));

// No stack begins another, so a word begins with at most one: the checks below try only that one.
for (const p of PREFIXES) {
  if (PREFIXES.some((q) => q !== p && q.startsWith(p))) throw new Error(`morphology: prefix ${p} begins another`);
}

function codesOf(s: string): Uint16Array {
  return Uint16Array.from(s, (ch) => ch.charCodeAt(0));
}

/**
 * hasWithAffixes(word, has) for a word held as code units codes[from..to), where `has` is
 * automaton.has. Every form hasWithAffixes asks about is the word or its stem under one article
 * stack, less at most one suffix: so one walk over the word (and one over the stem) answers
 * them all, and most walks end a letter or two past a broken word's first part, where no
 * listed word goes on.
 */
export function codesHaveWithAffixes(codes: Uint16Array, from: number, to: number, automaton: StepAutomaton): boolean {
  const whole = acceptedEnds(codes, from, to, automaton);
  const p = articleStackAt(codes, from, to - from);
  const stem = p > 0 && to - from - p >= MIN_STEM ? acceptedEnds(codes, from + p, to, automaton) : 0;
  return acceptedWithAffixes(codes, from, to, whole, p, stem);
}

/**
 * The rule of hasWithAffixes, given which readings near the end are words: bit j of `whole`
 * (of `stem`) set when codes[from .. to - j) (codes[from + p .. to - j)) is a word, for
 * j <= LONGEST_SUFFIX; p is articleStackAt(codes, from, ·).
 */
export function acceptedWithAffixes(
  codes: Uint16Array,
  from: number,
  to: number,
  whole: number,
  p: number,
  stem: number,
): boolean {
  if ((whole & 1) !== 0) return true;
  if (p > 0 && to - from - p >= MIN_STEM && ((stem & 1) !== 0 || suffixStripped(codes, from + p, to, stem))) {
    return true;
  }
  return suffixStripped(codes, from, to, whole);
}

/** Length of the article stack codes[from..) begins with inside its first `len` code units, or 0. */
export function articleStackAt(codes: Uint16Array, from: number, len: number): number {
  for (const p of PREFIX_CODES) if (p.length <= len && startsWith(codes, from, p)) return p.length;
  return 0;
}

/**
 * Whether codes[from .. from + len) is a stack's beginning but not all of it (و, وا, بال is not):
 * only then can the stack a joined word begins with reach past this first part.
 */
export function beginsArticleStack(codes: Uint16Array, from: number, len: number): boolean {
  if (len >= LONGEST_PREFIX) return false;
  for (const p of PREFIX_CODES) {
    if (p.length <= len) continue;
    let k = 0;
    while (k < len && codes[from + k] === p[k]) k++;
    if (k === len) return true;
  }
  return false;
}

/** Bit j set when codes[from .. to - j) is a word, for j up to the longest suffix. */
function acceptedEnds(codes: Uint16Array, from: number, to: number, automaton: StepAutomaton): number {
  let mask = 0;
  let state = 0;
  for (let i = from; i < to; i++) {
    state = automaton.step(state, codes[i]!);
    if (state < 0) return mask;
    const j = to - i - 1;
    if (j <= LONGEST_SUFFIX && automaton.isFinal(state)) mask |= 1 << j;
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
