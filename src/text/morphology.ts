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
