import type { Span } from '../model/span.js';

/**
 * Arabic (and Latin) normalisation for matching only. The original text is never changed:
 * a NormText is a second string with, for every one of its code units, the index of the
 * original code unit it came from, so any match maps back to original offsets.
 */
export interface NormText {
  original: string;
  norm: string;
  /** toOrig[i] is the original index of norm[i]; toOrig[norm.length] === original.length. */
  toOrig: Uint32Array;
}

/** Code units that normalisation drops: harakat, superscript alef, tatweel, bidi marks. */
function isDropped(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) || c === 0x0670 || c === 0x0640 ||
    (c >= 0x0610 && c <= 0x061a) || (c >= 0x06d6 && c <= 0x06ed) ||
    c === 0x200c || c === 0x200d || c === 0x200e || c === 0x200f || c === 0xfeff ||
    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
    (c >= 0x0300 && c <= 0x036f)
  );
}

const FOLD = new Map<number, string>();
for (const ch of 'أإآٱٲٳ') FOLD.set(ch.charCodeAt(0), 'ا');
FOLD.set('ى'.charCodeAt(0), 'ي');
FOLD.set('ی'.charCodeAt(0), 'ي'); // Persian yeh
FOLD.set('ک'.charCodeAt(0), 'ك'); // Persian kaf
FOLD.set('ة'.charCodeAt(0), 'ه');
FOLD.set('ؤ'.charCodeAt(0), 'و');
FOLD.set('ئ'.charCodeAt(0), 'ي');
for (let d = 0; d < 10; d++) {
  FOLD.set(0x0660 + d, String(d)); // Arabic-Indic digits
  FOLD.set(0x06f0 + d, String(d)); // Extended (Persian) digits
}
FOLD.set(0x066b, '.'); // Arabic decimal separator
FOLD.set(0x066c, ','); // Arabic thousands separator
for (const [from, to] of [['’', "'"], ['‘', "'"], ['`', "'"], ['ʿ', "'"], ['ʾ', "'"], ['´', "'"]]) {
  FOLD.set(from!.charCodeAt(0), to!);
}

/** One code unit, normalised; '' when dropped. Latin letters lose case and accents. */
export function foldChar(ch: string): string {
  const c = ch.charCodeAt(0);
  if (isDropped(c)) return '';
  const f = FOLD.get(c);
  if (f !== undefined) return f;
  if (c < 0x80) return c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch;
  if (c >= 0xc0 && c <= 0x24f) {
    const base = ch.normalize('NFD').charAt(0);
    return base.toLowerCase();
  }
  return ch;
}

/** Normalise a short string (a lexicon entry, a query) the same way document text is. */
export function normalise(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s.charAt(i));
  return out.replace(/\s+/g, ' ').trim();
}

export interface NormaliseOptions {
  /** Original ranges to blank out (page furniture): their characters become spaces. */
  blank?: readonly Span[];
  /** Original indices to drop entirely (a stray space inside a broken word). */
  drop?: ReadonlySet<number>;
}

/** FOLD_TABLE[c] is the folded code unit of c, or DROPPED; built once from foldChar. */
const DROPPED = 0;
const FOLD_TABLE: Uint16Array = (() => {
  const table = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    const f = foldChar(String.fromCharCode(c));
    // NUL would read as "dropped"; in text it means nothing, so it becomes a space.
    table[c] = f.length === 0 ? DROPPED : c === 0 ? 0x20 : f.charCodeAt(0);
  }
  return table;
})();

const utf16 = new TextDecoder('utf-16le');

export function normaliseText(original: string, opts: NormaliseOptions = {}): NormText {
  const blank = [...(opts.blank ?? [])].sort((a, b) => a.start - b.start);
  const drop = opts.drop && opts.drop.size > 0 ? opts.drop : null;
  const out = new Uint16Array(original.length);
  const toOrig = new Uint32Array(original.length + 1);
  let n = 0;
  let bi = 0;
  let nextBlank = blank.length > 0 ? blank[0]!.start : Infinity;
  for (let i = 0; i < original.length; i++) {
    const c = original.charCodeAt(i);
    if (i >= nextBlank) {
      while (bi < blank.length && blank[bi]!.end <= i) bi++;
      const b = blank[bi];
      if (b && b.start <= i) {
        out[n] = c === 10 ? 10 : 0x20;
        toOrig[n++] = i;
        continue;
      }
      nextBlank = b ? b.start : Infinity;
    }
    if (drop !== null && drop.has(i)) continue;
    const f = FOLD_TABLE[c]!;
    if (f === DROPPED) continue;
    out[n] = f;
    toOrig[n++] = i;
  }
  toOrig[n] = original.length;
  return { original, norm: utf16.decode(out.subarray(0, n)), toOrig: toOrig.slice(0, n + 1) };
}

/** Map a half-open range of the norm string back to original offsets. */
export function toOriginalSpan(nt: NormText, nStart: number, nEnd: number): Span {
  const start = nt.toOrig[nStart] ?? nt.original.length;
  return { start, end: nEnd > nStart ? originalEnd(nt, nEnd) : start };
}

/**
 * Original end of a norm range ending at nEnd: up to the next kept character, so trailing
 * harakat and tatweel belong to the word, but never over whitespace.
 */
export function originalEnd(nt: NormText, nEnd: number): number {
  let end = nt.toOrig[nEnd - 1]! + 1;
  const next = nt.toOrig[nEnd]!;
  while (end < next && isDropped(nt.original.charCodeAt(end))) end++;
  return end;
}
