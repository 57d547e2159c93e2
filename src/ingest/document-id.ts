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

/** The canonical text's code units (see canonicalText) into `out`; returns how many. */
function canonicalCodes(text: string, out: Uint16Array): number {
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
  return n;
}

/**
 * The text as matching sees it — normalise()'s folding, every run of whitespace one space and
 * none at the ends — in one pass over a code-unit buffer (the same string normalise(text) gives).
 */
export function canonicalText(text: string): string {
  const out = new Uint16Array(text.length);
  return utf16.decode(out.subarray(0, canonicalCodes(text, out)));
}

let codeBuffer = new Uint16Array(1 << 14);
let byteBuffer = new Uint8Array(3 << 14);

/**
 * UTF-8 of code units, as TextEncoder writes a string: a lone surrogate becomes U+FFFD. Written
 * by hand so that the id needs neither the canonical string nor a second pass to encode it.
 */
function utf8Into(codes: Uint16Array, n: number, out: Uint8Array): number {
  let b = 0;
  for (let i = 0; i < n; i++) {
    let c = codes[i]!;
    if (c < 0x80) {
      out[b++] = c;
    } else if (c < 0x800) {
      out[b++] = 0xc0 | (c >> 6);
      out[b++] = 0x80 | (c & 0x3f);
    } else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && codes[i + 1]! >= 0xdc00 && codes[i + 1]! <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (codes[++i]! - 0xdc00);
        out[b++] = 0xf0 | (cp >> 18);
        out[b++] = 0x80 | ((cp >> 12) & 0x3f);
        out[b++] = 0x80 | ((cp >> 6) & 0x3f);
        out[b++] = 0x80 | (cp & 0x3f);
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
      out[b++] = 0xe0 | (c >> 12);
      out[b++] = 0x80 | ((c >> 6) & 0x3f);
      out[b++] = 0x80 | (c & 0x3f);
    }
  }
  return b;
}

/**
 * The stable id of a document: a hash of its canonical text, so the same article saved again
 * with other spacing, harakat, tatweel, hamza spelling or digit script is the same document and
 * re-ingesting it is a no-op.
 */
export function documentId(text: string): string {
  if (codeBuffer.length < text.length) {
    codeBuffer = new Uint16Array(text.length * 2);
    byteBuffer = new Uint8Array(text.length * 6);
  }
  const bytes = utf8Into(codeBuffer, canonicalCodes(text, codeBuffer), byteBuffer);
  // The hash of canonicalText(text)'s UTF-8, without making that string.
  return hash('sha256', byteBuffer.subarray(0, bytes), 'hex').slice(0, ID_LENGTH);
}
