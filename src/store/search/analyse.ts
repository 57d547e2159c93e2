import { normalise, normaliseText } from '../../text/normalise.js';

/**
 * Search analysis shared by both backends, so SQLite FTS5 and PostgreSQL tsvector see the same
 * terms. Text is folded by src/text/normalise (hamza, taa marbuta, alef maqsura, harakat, digits,
 * Latin case and accents), cut into words, and every Arabic word is indexed together with each
 * form left after removing attached clitics — a conjunction (و ف), a preposition (ب ل ك) and the
 * article (ال, or لل after ل) — so "لقوات" is also indexed as "قوات" and "والنظام" as "النظام"
 * and "نظام". A query word is matched by that same rule: it is reduced only by its article (the
 * only prefix a user types on purpose), and must be one of a document word's forms.
 */

const WORD = /[\p{L}\p{N}]+/gu;

/** A stripped form must keep at least this many letters, so short words are not gutted. */
const MIN_STEM = 2;

const CONJ = ['', 'و', 'ف'];
const PREP = ['', 'ب', 'ل', 'ك'];
const ART = ['', 'ال'];

function buildPrefixes(): { all: string[]; withArticle: string[] } {
  const all = new Set<string>();
  const withArticle = new Set<string>();
  for (const c of CONJ) {
    for (const p of PREP) {
      for (const a of ART) {
        // ل + ال is written لل (the alef drops).
        const prefix = p === 'ل' && a === 'ال' ? c + 'لل' : c + p + a;
        if (prefix.length === 0) continue;
        all.add(prefix);
        if (a !== '') withArticle.add(prefix);
      }
    }
  }
  // Longest first, so the article-reduced query form removes the whole prefix.
  const byLength = (x: string, y: string): number => y.length - x.length;
  return { all: [...all].sort(byLength), withArticle: [...withArticle].sort(byLength) };
}

const PREFIXES = buildPrefixes();

function isArabicLetter(c: number): boolean {
  return c >= 0x0620 && c <= 0x064a;
}

/** Add a word and, for Arabic, each form without attached clitics. */
function addWordForms(word: string, into: Set<string>): void {
  into.add(word);
  if (!isArabicLetter(word.charCodeAt(0))) return;
  for (const prefix of PREFIXES.all) {
    if (word.length - prefix.length >= MIN_STEM && word.startsWith(prefix)) {
      into.add(word.slice(prefix.length));
    }
  }
}

/** Every index term of a (possibly long) text, added to `into`. */
export function addIndexTerms(text: string, into: Set<string>): void {
  if (text.length === 0) return;
  const norm = normaliseText(text).norm;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(norm); m !== null; m = WORD.exec(norm)) addWordForms(m[0], into);
}

/** Index terms of several texts as one space-separated string (distinct terms, any order). */
export function indexTerms(texts: readonly (string | null | undefined)[]): string[] {
  const terms = new Set<string>();
  for (const t of texts) if (t) addIndexTerms(t, terms);
  return [...terms];
}

/** The term a query word must match: the word itself, less a leading article with its clitics. */
function queryForm(word: string): string {
  if (!isArabicLetter(word.charCodeAt(0))) return word;
  for (const prefix of PREFIXES.withArticle) {
    if (word.length - prefix.length >= MIN_STEM && word.startsWith(prefix)) return word.slice(prefix.length);
  }
  return word;
}

/** The terms a query needs, all of which must match (AND), in query order, without repeats. */
export function queryTerms(query: string): string[] {
  const norm = normalise(query);
  const out: string[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(norm); m !== null; m = WORD.exec(norm)) {
    const t = queryForm(m[0]);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}
