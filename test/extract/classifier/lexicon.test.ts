import { describe, expect, it } from 'vitest';
import { EventLexicon, loadEventLexicon } from '../../../src/extract/classifier/lexicon.js';
import { normalise } from '../../../src/text/normalise.js';

function matchNames(lex: EventLexicon, sentence: string): string[][] {
  const infos = normalise(sentence).split(' ').map((w) => lex.tokenInfo(w));
  return lex.match(infos).map((cats) => (cats ?? []).map((id) => lex.categories[id]!.name).sort());
}

describe('EventLexicon', () => {
  const lex = new EventLexicon();
  lex.addList('# test list\n[kill]\nقتل\nلقي حتفه\n[bomb]\nفجرت!\n', 'assault', 'test.txt');
  lex.addList('[negation]\nلم\n', 'cue', 'cues.txt');

  it('matches stem entries in any inflection and with clitics', () => {
    expect(matchNames(lex, 'وقتلوا ثلاثة')).toEqual([['kill'], []]);
    expect(matchNames(lex, 'لم يقتل')).toEqual([['negation'], []]); // imperfect يقتل is another stem
  });

  it('matches exact entries only in their written form', () => {
    expect(matchNames(lex, 'وفجرت سيارة')).toEqual([['bomb'], []]);
    expect(matchNames(lex, 'جرت الانتخابات')).toEqual([[], []]); // same light stem, not the same word
  });

  it('matches phrases on consecutive words, credited to the first', () => {
    expect(matchNames(lex, 'ولقي جندي حتفه')).toEqual([[], [], []]);
    expect(matchNames(lex, 'لقي حتفه امس')).toEqual([['kill'], [], []]);
  });

  it('records categories with their kind', () => {
    expect(lex.categories.map((c) => `${c.name}:${c.kind}`)).toEqual(['kill:assault', 'bomb:assault', 'negation:cue']);
  });

  it('rejects malformed lists with the file and line', () => {
    const bad = new EventLexicon();
    expect(() => bad.addList('قتل\n', 'assault', 'x.txt')).toThrow(/x\.txt:1: entry "قتل" before any \[section\]/);
    expect(() => bad.addList('[kill\n', 'assault', 'y.txt')).toThrow(/y\.txt:1: malformed section header/);
  });

  it('loads the shipped trigger and cue lists', () => {
    const shipped = loadEventLexicon();
    const kinds = new Set(shipped.categories.map((c) => c.kind));
    expect(kinds).toEqual(new Set(['assault', 'protest', 'cue']));
    expect(matchNames(shipped, 'تظاهر الاف المحتجين')[0]).toContain('protest_verb');
    expect(matchNames(shipped, 'انفجرت سيارة مفخخة')[0]).toContain('bomb');
    expect(matchNames(shipped, 'نفى المتحدث')[0]).toContain('negation');
  });
});
