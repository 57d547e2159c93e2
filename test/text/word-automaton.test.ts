import { describe, expect, it } from 'vitest';
import { CUT, EPSILON, LetterVariants, WordAutomaton, type SourceGraph } from '../../src/text/word-automaton.js';

describe('WordAutomaton', () => {
  const words = ['قتل', 'قتلى', 'قتلت', 'قتال', 'مقتل', 'مقتلة'];

  it('answers membership for its words and only those', () => {
    const a = WordAutomaton.fromWords(words);
    for (const w of words) expect(a.has(w), w).toBe(true);
    for (const w of ['قت', 'قتلا', 'مقت', '', 'x']) expect(a.has(w), w).toBe(false);
    expect(a.size).toBe(words.length);
  });

  it('shares endings (a minimal automaton)', () => {
    // قتل/مقتل and قتلت/مقتلت share their tails: fewer states than a trie would need.
    const a = WordAutomaton.fromWords(['قتل', 'قتلت', 'مقتل', 'مقتلت']);
    expect(a.stateCount).toBe(6);
  });

  it('round-trips through its binary form and refuses damaged data', () => {
    const a = WordAutomaton.fromWords(words);
    const bytes = a.serialize(7);
    const b = WordAutomaton.deserialize(bytes, 7)!;
    expect(b).not.toBeNull();
    for (const w of words) expect(b.has(w)).toBe(true);
    expect(b.has('قتلا')).toBe(false);
    expect(b.size).toBe(a.size);
    expect(WordAutomaton.deserialize(bytes, 8)).toBeNull(); // another format version
    expect(WordAutomaton.deserialize(bytes.slice(0, bytes.length - 4), 7)).toBeNull(); // truncated
    expect(WordAutomaton.deserialize(new Uint8Array(3), 7)).toBeNull();
    // An unaligned copy (as a pooled Buffer may give) still reads.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(WordAutomaton.deserialize(shifted.subarray(1), 7)!.has('مقتلة')).toBe(true);
  });

  it('finds stored variants of a plain query letter, but not the other way round', () => {
    const a = WordAutomaton.fromWords(['أكد', 'إدلب', 'مدينة', 'ادلب']);
    const marked = new LetterVariants([['أ', 'ا'], ['إ', 'ا'], ['ة', 'ه']]);
    expect(a.hasVariant('اكد', marked)).toBe(true);
    expect(a.hasVariant('مدينه', marked)).toBe(true);
    expect(a.hasVariant('ادلب', marked)).toBe(true);
    expect(a.hasVariant('أكد', marked)).toBe(true);
    expect(a.hasVariant('إكد', marked)).toBe(false); // a written mark must be right
    expect(a.hasVariant('اكدت', marked)).toBe(false);
  });

  it('walks by hand: step, isFinal and nextMask agree with has', () => {
    const a = WordAutomaton.fromWords(words);
    const walk = (w: string): number => {
      let s = 0;
      for (let i = 0; i < w.length && s >= 0; i++) s = a.step(s, w.charCodeAt(i));
      return s;
    };
    for (const w of [...words, 'قت', 'مق', 'قتلا', 'x']) {
      const s = walk(w);
      expect(s >= 0 && a.isFinal(s), w).toBe(a.has(w));
    }
    expect(walk('قتلا')).toBe(-1);
    // After قتل come ى and ت: bits for those letters only (ت is bit 0, ى bit 31).
    const base = 'ت'.charCodeAt(0);
    const bit = (ch: string): number => 1 << (ch.charCodeAt(0) - base);
    expect(a.nextMask(walk('قتل'), base)).toBe(bit('ى') | bit('ت'));
    expect(a.nextMask(walk('قتلى'), base)).toBe(0);
  });

  it('walks a wide alphabet and states with many edges alike', () => {
    // Latin and Arabic letters (a wide code range), and a state with more than 16 edges.
    const list = ['abc', 'قتل', ...[...'abcdefghijklmnopqrstuvwxyz'].map((c) => `z${c}`)];
    const a = WordAutomaton.fromWords(list);
    for (const w of list) expect(a.has(w), w).toBe(true);
    for (const w of ['ab', 'zz1', 'z', 'قت', 'zقتل']) expect(a.has(w), w).toBe(false);
    const b = WordAutomaton.deserialize(a.serialize(1), 1)!;
    for (const w of list) expect(b.has(w), w).toBe(true);
    expect(b.stateCount).toBe(a.stateCount);
  });

  it('compiles variant queries into one deterministic automaton', () => {
    const stored = ['أكد', 'إدلب', 'مدينة', 'ادلب', 'الأمن', 'الامم', 'مسؤول', 'مستشفى'];
    const marked = new LetterVariants([['أ', 'ا'], ['إ', 'ا'], ['ة', 'ه'], ['ؤ', 'و'], ['ى', 'ي']]);
    const a = WordAutomaton.fromWords(stored);
    // A deserialised automaton (no construction arrays) compiles the same.
    const q = WordAutomaton.deserialize(a.serialize(3), 3)!.forQueries(marked);
    const queries = [
      ...stored,
      'اكد', 'ادلب', 'مدينه', 'الامن', 'الأمم', 'مسوول', 'مستشفي', 'إكد', 'ألأمن', 'مسؤ', 'الام', 'مدين', '',
    ];
    for (const w of queries) expect(q.has(w), w).toBe(a.hasVariant(w, marked));
    expect(q.size).toBe(a.size);
  });

  it('carries a source graph through a fold: merged letters, skipped marks, cut words', () => {
    // Source words: أَكَد (with harakat), اكد, إدلب, x1 (cut: not a letter we keep).
    const src = graphOf(['أَكَد', 'اكد', 'إدلب', 'xy']);
    const fold = (c: number): number => {
      const ch = String.fromCharCode(c);
      if ('\u064e\u064f\u0650'.includes(ch)) return EPSILON;
      if ('أإا'.includes(ch)) return 'ا'.charCodeAt(0);
      return c < 0x80 ? CUT : c;
    };
    const a = WordAutomaton.fromGraph(src, fold);
    expect(a.has('اكد')).toBe(true);
    expect(a.has('ادلب')).toBe(true);
    expect(a.has('xy')).toBe(false);
    expect(a.size).toBe(2); // أكد and اكد fold to one word
  });
});

/** A plain trie of the words as a SourceGraph. */
function graphOf(words: string[]): SourceGraph {
  const edges: Map<number, number>[] = [new Map()];
  const terminal: number[] = [0];
  for (const w of words) {
    let s = 0;
    for (const ch of w) {
      const c = ch.charCodeAt(0);
      let t = edges[s]!.get(c);
      if (t === undefined) {
        t = edges.length;
        edges.push(new Map());
        terminal.push(0);
        edges[s]!.set(c, t);
      }
      s = t;
    }
    terminal[s] = 1;
  }
  const first: number[] = [];
  const chars: number[] = [];
  const targets: number[] = [];
  edges.forEach((m) => {
    first.push(chars.length);
    for (const [c, t] of m) {
      chars.push(c);
      targets.push(t);
    }
  });
  first.push(chars.length);
  return {
    root: 0,
    terminal: Uint8Array.from(terminal),
    first: Uint32Array.from(first),
    chars: Uint16Array.from(chars),
    targets: Uint32Array.from(targets),
  };
}
