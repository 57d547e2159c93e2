import { describe, expect, it } from 'vitest';
import { PhraseIndex } from '../../../src/extract/phrases/phrase-index.js';
import { cliticVariants } from '../../../src/text/clitics.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

const toks = (s: string) => tokenize(normaliseText(s));

describe('cliticVariants', () => {
  it('strips a conjunction, a preposition and the article, least stripped first', () => {
    expect(cliticVariants('وبالقصف').map((v) => v.bare)).toEqual(['وبالقصف', 'بالقصف', 'القصف', 'قصف']);
    expect(cliticVariants('للمعارضه').map((v) => v.bare)).toEqual(['للمعارضه', 'المعارضه', 'معارضه']);
    expect(cliticVariants('ولم').map((v) => v.bare)).toEqual(['ولم', 'لم']);
  });
  it('never leaves fewer than two letters', () => {
    expect(cliticVariants('وب').map((v) => v.bare)).toEqual(['وب']);
  });
});

describe('PhraseIndex', () => {
  const index = new PhraseIndex<string>();
  index.add('قصف', 'bombardment');
  index.add('قصف مدفعي', 'shelling');
  index.add('عبوة ناسفة', 'ied');
  index.add('air strike', 'air');

  it('prefers the longest phrase and ignores the article on following words', () => {
    const t = toks('وتعرضت البلدة لقصف مدفعي عنيف');
    expect(index.findAll(t).map((m) => [m.value, m.prefix])).toEqual([['shelling', 'ل']]);
    expect(index.findAll(toks('القصف المدفعي')).map((m) => m.value)).toEqual(['shelling']);
  });
  it('matches hamza and taa marbuta variants through normalisation', () => {
    expect(index.findAll(toks('انفجرت عبوةٌ ناسفةٌ')).map((m) => m.value)).toEqual(['ied']);
  });
  it('matches English case-insensitively and word by word', () => {
    expect(index.findAll(toks('An Air Strike hit the town')).map((m) => [m.value, m.tokenStart, m.tokenEnd])).toEqual([['air', 1, 3]]);
  });
  it('does not match inside other words', () => {
    expect(index.findAll(toks('قصفه قصفات قاصف'))).toEqual([]);
    expect(index.findAll(toks('the air was clear'))).toEqual([]);
  });
  it('accepts phrases added after matching has begun', () => {
    const late = new PhraseIndex<string>();
    expect(late.findAll(toks('اشتباكات عنيفة'))).toEqual([]);
    late.add('اشتباكات', 'clash');
    expect(late.findAll(toks('اشتباكات عنيفة')).map((m) => m.value)).toEqual(['clash']);
  });
});
