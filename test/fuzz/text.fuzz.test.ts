import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Span } from '../../src/model/span.js';
import { foldChar, normaliseText, toOriginalSpan, type NormText } from '../../src/text/normalise.js';
import { tokenize } from '../../src/text/tokens.js';
import { anyString, fcOptions, mixedText } from './arbitraries.js';

/**
 * Every offset the text stages hand on must point into the original text, in order: evidence
 * spans, place mentions and dates are all built from them, and a bad offset shows the analyst
 * the wrong words.
 */

function checkMap(nt: NormText, original: string): void {
  const { norm, toOrig } = nt;
  expect(nt.original).toBe(original);
  expect(toOrig.length).toBe(norm.length + 1);
  expect(toOrig[norm.length]).toBe(original.length);
  for (let i = 0; i < norm.length; i++) {
    // Strictly increasing: every norm code unit comes from its own original code unit, in order.
    if (!(toOrig[i]! < toOrig[i + 1]!)) throw new Error(`toOrig not increasing at ${i}: ${toOrig[i]} then ${toOrig[i + 1]}`);
  }
}

function isLoneSurrogate(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const n = s.charCodeAt(i + 1);
    return !(n >= 0xdc00 && n <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const p = s.charCodeAt(i - 1);
    return !(p >= 0xd800 && p <= 0xdbff);
  }
  return false;
}

/** Random blank spans inside a text of length n (possibly overlapping, unsorted). */
const textWithBlanks = mixedText(300).chain((s) =>
  fc.tuple(
    fc.constant(s),
    fc.array(
      fc.tuple(fc.nat({ max: s.length }), fc.nat({ max: s.length })).map(([a, b]): Span => ({ start: Math.min(a, b), end: Math.max(a, b) })),
      { maxLength: 4 },
    ),
    fc.uniqueArray(fc.nat({ max: Math.max(0, s.length - 1) }), { maxLength: 5 }),
  ),
);

describe('normaliseText: the norm → original map', () => {
  it('is strictly increasing and in range for any string, lone surrogates included', () => {
    fc.assert(
      fc.property(anyString(), (s) => {
        checkMap(normaliseText(s), s);
      }),
      fcOptions(),
    );
  });

  it('every norm code unit is the fold of the original code unit it maps to', () => {
    fc.assert(
      fc.property(mixedText(), (s) => {
        const nt = normaliseText(s);
        for (let i = 0; i < nt.norm.length; i++) {
          const o = nt.toOrig[i]!;
          const ch = s.charAt(o);
          // The norm string is decoded from UTF-16 code units, which turns a lone surrogate
          // (never a letter) into U+FFFD, one unit for one: offsets stay right.
          const want = ch === '\u0000' ? ' ' : isLoneSurrogate(s, o) ? '\ufffd' : foldChar(ch);
          if (nt.norm.charAt(i) !== want) throw new Error(`norm[${i}]=${JSON.stringify(nt.norm.charAt(i))} from ${JSON.stringify(ch)}`);
        }
      }),
      fcOptions(),
    );
  });

  it('stays monotone with blanked (overlapping, unsorted) spans and dropped indices', () => {
    fc.assert(
      fc.property(textWithBlanks, ([s, blank, drop]) => {
        const nt = normaliseText(s, { blank, drop: new Set(drop) });
        checkMap(nt, s);
        for (let i = 0; i < nt.norm.length; i++) {
          const o = nt.toOrig[i]!;
          const blanked = blank.some((b) => b.start <= o && o < b.end);
          // A blanked character is a space (or a newline kept); a dropped index never appears.
          if (blanked) expect(nt.norm.charAt(i) === ' ' || nt.norm.charAt(i) === '\n').toBe(true);
          else expect(drop.includes(o)).toBe(false);
        }
      }),
      fcOptions(),
    );
  });

  it('toOriginalSpan gives an ordered span inside the text for any norm range', () => {
    fc.assert(
      fc.property(
        mixedText().chain((s) => {
          const n = normaliseText(s).norm.length;
          return fc.tuple(fc.constant(s), fc.nat({ max: n }), fc.nat({ max: n }));
        }),
        ([s, a, b]) => {
          const nt = normaliseText(s);
          const span = toOriginalSpan(nt, Math.min(a, b), Math.max(a, b));
          expect(span.start).toBeGreaterThanOrEqual(0);
          expect(span.end).toBeGreaterThanOrEqual(span.start);
          expect(span.end).toBeLessThanOrEqual(s.length);
        },
      ),
      fcOptions(),
    );
  });
});

describe('tokenize: offsets map back to the original', () => {
  it('tokens are in order, non-empty, inside the text, and the original words fold to the token', () => {
    fc.assert(
      fc.property(fc.oneof(mixedText(), anyString()), (s) => {
        const nt = normaliseText(s);
        const tokens = tokenize(nt);
        let prevEnd = 0;
        let prevNe = 0;
        tokens.forEach((t, k) => {
          expect(t.i).toBe(k);
          expect(t.norm.length).toBeGreaterThan(0);
          expect(t.norm).toBe(nt.norm.slice(t.ns, t.ne));
          expect(t.ns).toBeGreaterThanOrEqual(prevNe);
          expect(t.start).toBe(nt.toOrig[t.ns]);
          expect(t.start).toBeGreaterThanOrEqual(prevEnd);
          expect(t.end).toBeGreaterThan(t.start);
          expect(t.end).toBeLessThanOrEqual(s.length);
          // The original words, folded code unit by code unit (dropped marks fold to ''), are the token.
          let folded = '';
          for (let i = t.start; i < t.end; i++) folded += foldChar(s.charAt(i));
          if (folded !== t.norm) throw new Error(`token ${k} ${JSON.stringify(t.norm)} but original ${JSON.stringify(s.slice(t.start, t.end))} folds to ${JSON.stringify(folded)}`);
          prevEnd = t.end;
          prevNe = t.ne;
        });
      }),
      fcOptions(),
    );
  });

  it('never splits a surrogate pair between a token and the text after it', () => {
    fc.assert(
      fc.property(mixedText(), (s) => {
        for (const t of tokenize(normaliseText(s))) {
          const last = s.charCodeAt(t.end - 1);
          const next = s.charCodeAt(t.end);
          expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(false);
        }
      }),
      fcOptions(),
    );
  });
});
