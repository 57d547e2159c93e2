import { WordMemo } from './memo.js';

/**
 * Arabic proclitics written attached to the next word: a conjunction (و ف), then a preposition
 * (ب ل ك), then the article ال. Variants are produced from the least to the most stripped, so a
 * caller that stops at the first hit prefers the reading with the fewest clitics.
 */
export interface CliticVariant {
  bare: string;
  prefix: string;
}

const MIN_BARE = 2;

const variantsMemo = new WordMemo(computeCliticVariants);

/** Cached: callers must not change the returned list. */
export function cliticVariants(token: string): readonly CliticVariant[] {
  return variantsMemo.get(token);
}

function computeCliticVariants(token: string): CliticVariant[] {
  const out: CliticVariant[] = [];
  forEachCliticReading(token, (from, article) => {
    out.push(
      article
        ? { bare: 'ال' + token.slice(from + 2), prefix: token.slice(0, from + 1) }
        : { bare: token.slice(from), prefix: token.slice(0, from) },
    );
    return false;
  });
  return out;
}

const WAW = 0x648;
const FEH = 0x641;
const BEH = 0x628;
const LAM = 0x644;
const KAF = 0x643;
const ALEF = 0x627;

/**
 * The readings cliticVariants gives, in its order, without building a string: each is
 * token.slice(from), or with `article` 'ال' + token.slice(from + 2) (ل + ال written لل, its
 * prefix token.slice(0, from + 1)). Stops at the first reading for which `visit` returns true,
 * and returns whether one did; hot loops use it to test readings before making any of them.
 */
export function forEachCliticReading(token: string, visit: (from: number, article: boolean) => boolean): boolean {
  if (visit(0, false)) return true;
  const n = token.length;
  let o = 0;
  // و/ف before a word of two letters or more: "ولم", "ولا" are و + a particle.
  const c0 = token.charCodeAt(0);
  if (n >= MIN_BARE + 1 && (c0 === WAW || c0 === FEH)) {
    o = 1;
    if (visit(1, false)) return true;
  }
  const rest = n - o;
  const r0 = token.charCodeAt(o);
  const r1 = token.charCodeAt(o + 1);
  if (r0 === LAM && r1 === LAM && rest > MIN_BARE + 2) {
    // ل + ال contracts to لل: "للمعارضة" is "ل" + "المعارضة".
    return visit(o, true) || visit(o + 2, false);
  }
  if (rest > MIN_BARE + 1 && (r0 === BEH || r0 === LAM || r0 === KAF)) {
    if (r1 === ALEF && token.charCodeAt(o + 2) === LAM) {
      return visit(o + 1, false) || (rest - 3 >= MIN_BARE && visit(o + 3, false));
    }
    if (visit(o + 1, false)) return true;
  }
  return r0 === ALEF && r1 === LAM && rest > MIN_BARE + 2 && visit(o + 2, false);
}

/** The word without a leading article, for comparing definite and indefinite forms. */
export function withoutArticle(word: string): string {
  return word.startsWith('ال') && word.length > MIN_BARE + 2 ? word.slice(2) : word;
}

const strippedMemo = new WordMemo(computeStrippedForms);

/**
 * The word without its article, and each of its clitic readings (cliticVariants' bares): the
 * forms under which a word inside a phrase may match the phrase's word. Cached: callers must
 * not change the returned set.
 */
export function strippedForms(word: string): ReadonlySet<string> {
  return strippedMemo.get(word);
}

function computeStrippedForms(word: string): Set<string> {
  const forms = new Set<string>([withoutArticle(word)]);
  for (const v of cliticVariants(word)) forms.add(v.bare);
  return forms;
}
