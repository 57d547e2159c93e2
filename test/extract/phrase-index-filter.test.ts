import { describe, expect, it } from 'vitest';
import { PhraseIndex } from '../../src/extract/phrases/phrase-index.js';
import { cliticVariants, withoutArticle } from '../../src/text/clitics.js';
import { normaliseText } from '../../src/text/normalise.js';
import { tokenize } from '../../src/text/tokens.js';

// matchAt rules most tokens out by a bit filter before any lookup; it must never rule out a
// token one of whose clitic readings is a first word.
describe('PhraseIndex first-word filter', () => {
  const keys = ['قصف', 'غارات', 'المعارضه', 'هجوم', 'في', 'ال', 'strike'];
  const index = new PhraseIndex<string>();
  for (const k of keys) index.add(k, k);
  // add() keys a phrase under its first word and that word without its article.
  const firstWords = new Set([...keys, ...keys.map(withoutArticle)]);

  it('finds every first word under every clitic prefix, and nothing else', () => {
    const prefixes = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'وبال', 'فبال', 'لل', 'ولل', 'فلل', 'وب', 'فك'];
    const stems = [...keys, 'قصفت', 'مدنيين', 'لم', 'ا', 'معارضه', 'xyz'];
    for (const p of prefixes) {
      for (const s of stems) {
        const word = p + s;
        const tokens = tokenize(normaliseText(word));
        if (tokens.length !== 1) continue;
        const norm = tokens[0]!.norm;
        const expected = cliticVariants(norm).some((v) => firstWords.has(v.bare));
        expect(index.matchAt(tokens, 0) !== null, `${word}`).toBe(expected);
      }
    }
  });
});
