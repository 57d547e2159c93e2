import type { Token } from '../../text/tokens.js';
import { DIRECTION_AFTER, type Direction } from './date-words.js';
import type { Period } from './resolve.js';

/** A date expression read at a token: what it means and where it ends. */
export interface Anchor {
  period: Period;
  /** Index of the first token after it. */
  next: number;
  /** A calendar date written out, as opposed to one relative to publication. */
  absolute: boolean;
  /** Two named days, "يومي السبت والأحد": a stated range rather than one day. */
  range?: boolean;
}

/** Years that news about current events talks about; other four-digit numbers are not years. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2100;
const NUMERIC_SEPARATORS = new Set(['/', '-', '.', '\\']);
const DASHES = new Set(['-', '–', '—']);
/** Text between two words of one clause: spaces, brackets and quotes, but no comma or stop. */
const QUOTES_AND_BRACKETS = /^[\s()[\]«»"'“”]*$/;

/**
 * One document's tokens, as the date readers see them: the publication day that relative
 * dates are placed against, the normalised text (for separators), and per-token flags.
 */
export class DateCursor {
  constructor(
    readonly tokens: readonly Token[],
    /** Day number of publication, or null. */
    readonly pub: number | null,
    /** The normalised text, when the caller has it, to check the separators in "5/6/2019". */
    readonly norm: string | null,
    /** Per token: 1 a date may start here, 2 a unit of time (see date-mentions' wordFlags). */
    readonly flags: Uint8Array,
  ) {}

  /** A date may start at i: a starter word or digit, or a count before a unit of time. */
  mayStart(i: number): boolean {
    const f = this.flags;
    return (f[i]! & 1) !== 0 || (f[i + 1]! & 2) !== 0 || (f[i + 2]! & 2) !== 0;
  }

  n(i: number): string {
    return this.tokens[i]?.norm ?? '';
  }

  /** The text between two tokens when it is one separator: "/", "-", "." — or "?" when unknown. */
  separator(a: Token, b: Token): string | null {
    if (b.ns - a.ne !== 1) {
      if (this.norm === null) return null;
      const between = this.norm.slice(a.ne, b.ns).trim();
      return between.length === 1 && NUMERIC_SEPARATORS.has(between) ? between : null;
    }
    if (this.norm === null) return '?';
    const ch = this.norm.charAt(a.ne);
    return NUMERIC_SEPARATORS.has(ch) || DASHES.has(ch) ? ch : null;
  }

  /** Whether nothing but spaces separates two tokens (no comma or full stop between clauses). */
  adjacent(a: Token | undefined, b: Token | undefined): boolean {
    if (a === undefined || b === undefined) return false;
    if (this.norm === null) return b.ns - a.ne === 1;
    return QUOTES_AND_BRACKETS.test(this.norm.slice(a.ne, b.ns));
  }

  /** Whether two tokens are joined by a dash (or, without the text, by one character). */
  dashed(a: Token | undefined, b: Token | undefined): boolean {
    if (a === undefined || b === undefined) return false;
    if (this.norm === null) return b.ns - a.ne === 1;
    return DASHES.has(this.norm.slice(a.ne, b.ns).trim());
  }

  directionAfter(i: number): Direction | null {
    return DIRECTION_AFTER.get(this.n(i)) ?? null;
  }

  /** A four-digit year in the range news talks about. */
  yearValue(i: number): number | null {
    const w = this.n(i);
    if (w.length !== 4 || !isPlainInt(w)) return null;
    const y = Number(w);
    return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
  }
}

export function isPlainInt(s: string): boolean {
  if (s.length === 0) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}
