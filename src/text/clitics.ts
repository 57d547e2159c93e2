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
const CONJ = new Set(['و', 'ف']);
const PREP = new Set(['ب', 'ل', 'ك']);

const variantsMemo = new WordMemo(computeCliticVariants);

/** Cached: callers must not change the returned list. */
export function cliticVariants(token: string): readonly CliticVariant[] {
  return variantsMemo.get(token);
}

function computeCliticVariants(token: string): CliticVariant[] {
  const out: CliticVariant[] = [{ bare: token, prefix: '' }];
  const push = (bare: string, prefix: string): void => {
    if (bare.length >= MIN_BARE) out.push({ bare, prefix });
  };
  let rest = token;
  let prefix = '';
  // و/ف before a word of two letters or more: "ولم", "ولا" are و + a particle.
  if (rest.length >= MIN_BARE + 1 && CONJ.has(rest.charAt(0))) {
    prefix = rest.charAt(0);
    rest = rest.slice(1);
    push(rest, prefix);
  }
  if (rest.startsWith('لل') && rest.length > MIN_BARE + 2) {
    // ل + ال contracts to لل: "للمعارضة" is "ل" + "المعارضة".
    push('ال' + rest.slice(2), prefix + 'ل');
    push(rest.slice(2), prefix + 'لل');
    return out;
  }
  if (rest.length > MIN_BARE + 1 && PREP.has(rest.charAt(0))) {
    const afterPrep = rest.slice(1);
    if (afterPrep.startsWith('ال')) {
      push(afterPrep, prefix + rest.charAt(0));
      push(afterPrep.slice(2), prefix + rest.slice(0, 3));
      return out;
    }
    push(afterPrep, prefix + rest.charAt(0));
  }
  if (rest.startsWith('ال') && rest.length > MIN_BARE + 2) push(rest.slice(2), prefix + 'ال');
  return out;
}

/** The word without a leading article, for comparing definite and indefinite forms. */
export function withoutArticle(word: string): string {
  return word.startsWith('ال') && word.length > MIN_BARE + 2 ? word.slice(2) : word;
}
