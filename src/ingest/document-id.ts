import { hash } from 'node:crypto';
import { foldChar } from '../text/normalise.js';

/** Hex digits kept from the sha256: 64 bits, collision-free for any realistic archive. */
const ID_LENGTH = 16;

/**
 * foldChar as a table of code units (-1: dropped) for the Latin and Arabic blocks, built once:
 * documentId runs on every document, and foldChar folds to at most one code unit.
 */
const TABLE_SIZE = 0x800;
const FOLD = new Int32Array(TABLE_SIZE);
for (let c = 0; c < TABLE_SIZE; c++) {
  const f = foldChar(String.fromCharCode(c));
  FOLD[c] = f.length === 0 ? -1 : f.charCodeAt(0);
}
const foldHigh = new Map<number, number>();

function fold(c: number): number {
  if (c < TABLE_SIZE) return FOLD[c]!;
  let f = foldHigh.get(c);
  if (f === undefined) {
    const s = foldChar(String.fromCharCode(c));
    f = s.length === 0 ? -1 : s.charCodeAt(0);
    foldHigh.set(c, f);
  }
  return f;
}

function isSpace(c: number): boolean {
  return (
    c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000
  );
}

const utf16 = new TextDecoder('utf-16le');

/**
 * The text as matching sees it — normalise()'s folding, every run of whitespace one space and
 * none at the ends — in one pass over a code-unit buffer (the same string normalise(text) gives).
 */
export function canonicalText(text: string): string {
  const out = new Uint16Array(text.length);
  let n = 0;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      pendingSpace = n > 0;
      continue;
    }
    const f = fold(c);
    if (f < 0) continue;
    if (pendingSpace) {
      out[n++] = 0x20;
      pendingSpace = false;
    }
    out[n++] = f;
  }
  return utf16.decode(out.subarray(0, n));
}

/**
 * The stable id of a document: a hash of its canonical text, so the same article saved again
 * with other spacing, harakat, tatweel, hamza spelling or digit script is the same document and
 * re-ingesting it is a no-op.
 */
export function documentId(text: string): string {
  // crypto.hash: one call, no Hash object per document.
  return hash('sha256', canonicalText(text), 'hex').slice(0, ID_LENGTH);
}
