import type { Span } from '../../model/span.js';
import type { Token } from '../../text/tokens.js';

/** A sentence with the range of tokens inside it. */
export interface SentenceUnit extends Span {
  index: number;
  tokenStart: number;
  /** Exclusive. */
  tokenEnd: number;
}

export function sentenceUnits(tokens: readonly Token[], sentences: readonly Span[]): SentenceUnit[] {
  const units: SentenceUnit[] = [];
  let t = 0;
  for (const s of sentences) {
    while (t < tokens.length && tokens[t]!.start < s.start) t++;
    const tokenStart = t;
    while (t < tokens.length && tokens[t]!.end <= s.end) t++;
    if (t > tokenStart) units.push({ index: units.length, start: s.start, end: s.end, tokenStart, tokenEnd: t });
  }
  return units;
}

/** Punctuation that closes a clause: , ، ; ؛ : ( ) « » " “ ” */
const CLAUSE_PUNCT: ReadonlySet<number> = new Set([...',،;؛:()«»"“”'].map((c) => c.charCodeAt(0)));

/**
 * breaks[i] is 1 when punctuation that closes a clause stands between token i-1 and token i.
 * Short-range cues (negation, future) do not reach across such a break.
 */
export function clauseBreaks(original: string, tokens: readonly Token[]): Uint8Array {
  const breaks = new Uint8Array(tokens.length);
  for (let i = 1; i < tokens.length; i++) {
    // The gap is read in place: most are one space, and no string is made for any.
    const to = tokens[i]!.start;
    for (let k = tokens[i - 1]!.end; k < to; k++) {
      if (CLAUSE_PUNCT.has(original.charCodeAt(k))) {
        breaks[i] = 1;
        break;
      }
    }
  }
  return breaks;
}
