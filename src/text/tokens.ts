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

// Letters, combining marks and digits; a decimal/thousands separator between digits stays inside.
const WORD = /[\p{L}\p{M}\p{N}]+(?:[.,][\p{N}]+)*/gu;

export function tokenize(nt: NormText): Token[] {
  const tokens: Token[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(nt.norm); m !== null; m = WORD.exec(nt.norm)) {
    const ns = m.index;
    const ne = ns + m[0].length;
    tokens.push({
      i: tokens.length,
      norm: m[0],
      ns,
      ne,
      start: nt.toOrig[ns]!,
      end: originalEnd(nt, ne),
    });
  }
  return tokens;
}
