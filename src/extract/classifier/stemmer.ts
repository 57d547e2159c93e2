/**
 * A light Arabic stemmer for normalised text (alef forms folded to ا, ة to ه, ى to ي, no harakat).
 * It strips the conjunction and preposition clitics و ف ب ل ك, the article ال and common
 * inflectional suffixes, in the spirit of Larkey's Light10: no roots, no patterns, so it is
 * fast and predictable. Both the model features and the trigger lists go through it, so
 * whatever it does wrong it does consistently.
 */

/** Article forms, longest first; checked after an optional leading و / ف. */
const ARTICLES = ['بال', 'كال', 'فال', 'وال', 'لل', 'ال'];
/** Suffixes stripped once each, in this order (Light10 list plus verbal وا, تم, تن, نا). */
const SUFFIXES = ['ها', 'هما', 'هم', 'هن', 'كم', 'كما', 'نا', 'ان', 'ات', 'ون', 'ين', 'وا', 'تم', 'يه', 'ه', 'ي'];

function isArabicLetter(c: number): boolean {
  return c >= 0x0621 && c <= 0x064a;
}

/** Remove proclitics: و/ف, then an article or a single preposition ب ل ك. */
export function stripProclitics(w: string): string {
  if (w.length < 3 || !isArabicLetter(w.charCodeAt(0))) return w;
  let s = w;
  const c0 = s.charAt(0);
  if ((c0 === 'و' || c0 === 'ف') && s.length > 3) s = s.slice(1);
  for (const a of ARTICLES) {
    if (s.length - a.length >= 2 && s.startsWith(a)) return s.slice(a.length);
  }
  // A lone preposition is told from a root letter only by length; short words keep it
  // (وكالة must not become اله).
  const c1 = s.charAt(0);
  if ((c1 === 'ب' || c1 === 'ل' || c1 === 'ك') && s.length >= 5) return s.slice(1);
  return s;
}

/** Remove inflectional suffixes, keeping at least 2 letters (3 for the single-letter ones). */
export function stripSuffixes(w: string): string {
  if (!isArabicLetter(w.charCodeAt(w.length - 1))) return w;
  let s = w;
  for (const suf of SUFFIXES) {
    const keep = suf.length === 1 ? 3 : 2;
    if (s.length - suf.length >= keep && s.endsWith(suf)) s = s.slice(0, s.length - suf.length);
  }
  return s;
}

export function lightStem(w: string): string {
  return stripSuffixes(stripProclitics(w));
}
