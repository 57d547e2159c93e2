import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Bytes → string for files of unknown provenance: archives of Arabic news are full of
 * windows-1256 pages, UTF-16 exports from Windows tools and UTF-8 with a BOM.
 *
 * Order: BOM > UTF-16 without BOM (by its NUL pattern) > valid UTF-8 > the HTML's declared
 * charset > Arabic code pages when they decode to Arabic > chardet > UTF-8 with U+FFFD.
 * Valid UTF-8 beats a declared charset on purpose: scrapers re-save pages as UTF-8 and keep
 * the old <meta charset>, while non-ASCII text in another code page is almost never valid UTF-8.
 */

export interface Decoded {
  text: string;
  /** The encoding the bytes were read as (iconv-lite name, lower case; "utf-8+<name>" for a file mixing UTF-8 lines with another code page). */
  encoding: string;
}

export interface DecodeOptions {
  /** The bytes are HTML: honour a <meta charset> / XML encoding declaration. */
  html?: boolean;
}

const BINARY_SNIFF_BYTES = 8192;

type Bom = { encoding: string; length: number };

function readBom(b: Uint8Array): Bom | null {
  if (b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) return { encoding: 'utf-32le', length: 4 };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a BOM: spaces, newlines and ASCII punctuation leave a zero byte in one lane
 * (odd offsets for LE, even for BE) and almost none in the other.
 */
function sniffUtf16(b: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(b.length, BINARY_SNIFF_BYTES) & ~1;
  if (n < 8) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero++;
    if (b[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.1 && evenZero < pairs * 0.01) return 'utf-16le';
  if (evenZero > pairs * 0.1 && oddZero < pairs * 0.01) return 'utf-16be';
  return null;
}

/** True when the bytes are not text: a NUL in the first 8 KB that no UTF-16/32 form explains. */
export function looksBinary(b: Uint8Array): boolean {
  if (readBom(b) !== null || sniffUtf16(b) !== null) return false;
  const n = Math.min(b.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < n; i++) if (b[i] === 0) return true;
  return false;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');

function tryUtf8(b: Uint8Array): string | null {
  try {
    return utf8Strict.decode(b);
  } catch {
    return null;
  }
}

const DECLARED_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_:.-]+)/i;

function declaredCharset(b: Uint8Array): string | null {
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, 4096)).toString('latin1');
  const m = DECLARED_CHARSET.exec(head);
  const name = m ? (m[1] ?? m[2] ?? '').toLowerCase() : '';
  return name.length > 0 && iconv.encodingExists(name) ? name : null;
}

function isArabicChar(c: number): boolean {
  return c >= 0x0600 && c <= 0x06ff;
}

/** Punctuation that Latin and Arabic code pages share, so it votes for neither. */
function isNeutral(c: number): boolean {
  return c < 0x80 || c === 0xa0 || c === 0xab || c === 0xbb || (c >= 0x2010 && c <= 0x2030) || c === 0xfffd;
}

/**
 * How well `s` reads as Arabic text: the share of its non-ASCII, non-punctuation characters
 * that are Arabic; 0 unless Arabic is a good part of its letters, which keeps a French text in
 * Latin-1 (whose few accented letters an Arabic code page also maps to Arabic) out.
 */
function arabicScore(s: string): number {
  let arabic = 0;
  let otherNonAscii = 0;
  let asciiLetters = 0;
  const n = Math.min(s.length, 20000);
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) asciiLetters++;
    } else if (isArabicChar(c)) arabic++;
    else if (!isNeutral(c)) otherNonAscii++;
  }
  if (arabic === 0 || arabic < ARABIC_LETTER_SHARE * (arabic + asciiLetters)) return 0;
  return arabic / (arabic + otherNonAscii);
}

/** Arabic code pages, most common first; chosen when they turn the bytes into Arabic text. */
const ARABIC_CODE_PAGES = ['windows-1256', 'iso-8859-6'] as const;
const ARABIC_PLAUSIBLE = 0.9;
const ARABIC_LETTER_SHARE = 0.3;

function tryArabicCodePages(b: Uint8Array): Decoded | null {
  let best: Decoded | null = null;
  let bestScore = ARABIC_PLAUSIBLE;
  for (const encoding of ARABIC_CODE_PAGES) {
    const text = iconv.decode(b, encoding);
    const score = arabicScore(text);
    if (score > bestScore) {
      best = { text, encoding };
      bestScore = score;
    }
  }
  return best;
}

export function decodeBytes(bytes: Uint8Array, opts: DecodeOptions = {}): Decoded {
  const bom = readBom(bytes);
  if (bom) return { text: iconv.decode(bytes.subarray(bom.length), bom.encoding, { stripBOM: true }), encoding: bom.encoding };

  const utf16 = sniffUtf16(bytes);
  if (utf16) return { text: iconv.decode(bytes, utf16), encoding: utf16 };

  const utf8 = tryUtf8(bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };

  if (opts.html) {
    const declared = declaredCharset(bytes);
    if (declared && !/^utf-?8$/.test(declared)) return { text: iconv.decode(bytes, declared), encoding: declared };
  }

  const mixed = decodeByLine(bytes);
  if (mixed) return mixed;

  const legacy = legacyEncoding(bytes);
  if (legacy) return { text: iconv.decode(bytes, legacy), encoding: legacy };
  return { text: utf8Lenient.decode(bytes), encoding: 'utf-8' };
}

/** The code page of bytes that are not UTF-8: an Arabic one when it reads as Arabic, else chardet's guess. */
function legacyEncoding(bytes: Uint8Array): string | null {
  const arabic = tryArabicCodePages(bytes);
  if (arabic) return arabic.encoding;
  const detected = chardet.detect(bytes);
  if (detected && !/^utf-?8$/i.test(detected) && iconv.encodingExists(detected)) return detected.toLowerCase();
  return null;
}

/**
 * A line of lenient UTF-8 that is UTF-8 with a few broken bytes (a truncated copy, a bad
 * splice), not text in another code page: there, nearly every non-ASCII byte is invalid.
 */
function mostlyUtf8(text: string): boolean {
  let bad = 0;
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) bad++;
    else if (c >= 0x80) good++;
  }
  return good >= 4 * bad;
}

/**
 * Files spliced from sources in different encodings (a windows-1256 archive page with UTF-8
 * lines appended, UTF-8 with a few broken bytes) are read line by line: valid UTF-8 lines as
 * UTF-8, nearly valid ones leniently, and the rest in the code page that the rest, on its own,
 * reads as. Null when no line is non-ASCII UTF-8: then the whole file is one code page.
 */
function decodeByLine(bytes: Uint8Array): Decoded | null {
  type Line = { bytes: Uint8Array; text: string | null };
  const lines: Line[] = [];
  let utf8Evidence = false;
  let start = 0;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    end = end < 0 ? bytes.length : end + 1;
    const line = bytes.subarray(start, end);
    start = end;
    let text = tryUtf8(line);
    if (text === null) {
      const lenient = utf8Lenient.decode(line);
      if (mostlyUtf8(lenient)) text = lenient;
    }
    if (text !== null && !utf8Evidence) {
      for (let i = 0; i < line.length; i++) if (line[i]! >= 0x80) { utf8Evidence = true; break; }
    }
    lines.push({ bytes: line, text });
  }
  if (!utf8Evidence) return null;
  const rest = lines.filter((l) => l.text === null);
  if (rest.length === 0) return { text: lines.map((l) => l.text).join(''), encoding: 'utf-8' };
  const legacy = legacyEncoding(Buffer.concat(rest.map((l) => l.bytes)));
  const text = lines.map((l) => l.text ?? (legacy ? iconv.decode(l.bytes, legacy) : utf8Lenient.decode(l.bytes))).join('');
  return { text, encoding: legacy ? `utf-8+${legacy}` : 'utf-8' };
}
