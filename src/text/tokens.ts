import { originalEnd, type NormText } from './normalise.js';

/**
 * A word of the document, carried with both views so that no stage has to recompute them:
 * `norm` for matching, `start`/`end` into the original text for evidence.
 */
export interface Token {
  /** Index in the token array. */
  i: number;
  norm: string;
  /** Offsets into NormText.norm. */
  ns: number;
  ne: number;
  /** Offsets into the original text. */
  start: number;
  end: number;
}

const OTHER = 0;
const WORD = 1;
const DIGIT = 2;

/**
 * Letters, combining marks and digits form words; built once from the Unicode properties
 * (\p{L}, \p{M}, \p{N}) so that the scan itself is a table lookup per code unit. Surrogate
 * halves count as letters, so astral letters stay inside their word.
 */
const CLASS: Uint8Array = (() => {
  const table = new Uint8Array(0x10000);
  const word = /[\p{L}\p{M}]/u;
  const digit = /\p{N}/u;
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdfff) table[c] = WORD;
    else {
      const ch = String.fromCharCode(c);
      table[c] = digit.test(ch) ? DIGIT : word.test(ch) ? WORD : OTHER;
    }
  }
  return table;
})();

const DOT = 0x2e;
const COMMA = 0x2c;

/** Words of the normalised text; a decimal or thousands separator between digits stays inside. */
export function tokenize(nt: NormText): Token[] {
  const s = nt.norm;
  const n = s.length;
  const tokens: Token[] = [];
  let i = 0;
  while (i < n) {
    if (CLASS[s.charCodeAt(i)] === OTHER) {
      i++;
      continue;
    }
    const ns = i;
    while (i < n) {
      const k = CLASS[s.charCodeAt(i)];
      if (k !== OTHER) {
        i++;
        continue;
      }
      const c = s.charCodeAt(i);
      if ((c === DOT || c === COMMA) && CLASS[s.charCodeAt(i - 1)] === DIGIT && i + 1 < n && CLASS[s.charCodeAt(i + 1)] === DIGIT) {
        i++;
        continue;
      }
      break;
    }
    tokens.push({ i: tokens.length, norm: s.slice(ns, i), ns, ne: i, start: nt.toOrig[ns]!, end: originalEnd(nt, i) });
  }
  return tokens;
}
