import type { Repair } from '../model/document.js';
import type { Span } from '../model/span.js';
import { codesHaveWithAffixes, hasWithAffixes, type LetterWalk } from './morphology.js';
import { normalise } from './normalise.js';
import { writtenForm, type WordList } from './word-list.js';

/**
 * Lone letters are mostly not broken words: clitics written apart or before a tatweel (و، ب،
 * لـ«القاعدة»), abbreviations (د ب أ، ا ف ب), kashida-stretched words (نج ـ ح). Two are
 * different: a lone ا is the split article (ا لجمعيات) and a lone ة a split ending (كيماوي ة);
 * neither is ever a word, so they may join the following / preceding part.
 */
const LONE_FIRST = 'ا';
/** The bare article (as written: آل "family of" is a word) is never a word on its own: "ال ثامنة". */
const NEVER_ALONE = new Set(['ال', 'لل']);
const LONE_LAST = 'ة'; // as written: a lone ه is the pronoun

/**
 * The commonest function words, normalised. Beside an unlisted name (بوتو في، سينغ الى) they
 * often make some listed form by accident; a fragment of a broken word rarely is one of them.
 */
const FUNCTION_WORDS = new Set(
  (
    'في من الي علي عن ان او ما لا لم لن قد ثم مع بعد قبل عند بين حتي منذ ضد خلال عبر نحو لدي امام ' +
    'التي الذي الذين هذا هذه ذلك تلك هو هي هم كان كانت غير بل لكن اذا اذ كما حيث كل بعض ' +
    'بعدما عندما كلما ربما انما حينما مثلما'
  ).split(' '),
);

/** Joined words shorter than this are too often some short listed form by chance (يو إس). */
const MIN_JOINED = 5;
/** When neither part is a word the pair is as likely two foreign syllables (تاي سي): ask more. */
const MIN_JOINED_TWO_FRAGMENTS = 6;

const SPACE = 0x20;
const NBSP = 0xa0;
const TATWEEL = 0x0640;

/**
 * Words split by a stray space ("الإرها بيون", "كيما وية"). Two Arabic words with exactly one
 * space between them are joined when the joined form is a word (allowing clitics and suffixes)
 * and at least one of them is not a word on its own; two real words ("من أجل", "في حلب") never
 * join, since a broken word nearly always leaves a fragment that is no word.
 *
 * Fragments are checked more strictly than the joined form: spelled as written (hamza forms and
 * ة count, see WordList.hasAsWritten) and without clitic stripping, because in a list of ~60
 * million forms a fragment read leniently is almost always "some word".
 *
 * One pass over the original text: words are runs of Arabic letters and harakat that no other
 * letter or digit touches (what tokenize() would make an all-Arabic token).
 *
 * Speed: this runs on every Arabic document, and nearly every pair of neighbours is two real
 * words. Words are kept as code units in one buffer (no strings), the cheap rules run first,
 * and the joined form is asked about before either part: with a list that walks letter by
 * letter (WordList.writtenWalker) that walk stops a letter or two into the second word, where
 * no listed word goes on, so most pairs cost one walk over the first word.
 */
export function findBrokenWords(original: string, words: WordList, skip: readonly Span[] = []): Repair[] {
  const walker = words.writtenWalker?.();
  const judge: Judge = walker !== undefined ? new WalkJudge(walker) : new StringJudge(words);
  const skips = skip.length > 1 ? [...skip].sort((x, y) => x.start - y.start) : skip;
  let si = 0;
  if (written.length < original.length) written = new Uint16Array(Math.max(original.length, written.length * 2));
  const codes = written;
  let used = 0; // code units of `written` taken by this document's words

  // The last three words, so that a bare article can look one word ahead before joining left.
  let x = new Part();
  let y = new Part();
  let z = new Part();
  let count = 0;
  const repairs: Repair[] = [];
  let joinedUpTo = -1; // end of the last repair: its second part cannot start another pair

  const n = original.length;
  let i = 0;
  while (i < n) {
    if (!isArabicRun(original.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    for (i++; i < n && isArabicRun(original.charCodeAt(i)); i++);
    const end = i;
    while (si < skips.length && skips[si]!.end <= start) si++;
    if (si < skips.length && skips[si]!.start < end) continue; // furniture
    if (isWordChar(original.charCodeAt(start - 1)) || isWordChar(original.charCodeAt(end))) continue;
    // The written form: harakat and tatweel dropped, every letter kept as it is.
    let len = 0;
    for (let k = start; k < end; k++) {
      const c = WRITTEN_CODE[original.charCodeAt(k) - 0x0600]!;
      if (c !== 0) codes[used + len++] = c;
    }
    if (len === 0) continue;
    // Recycle the oldest slot: the window slides by one word.
    const part = count >= 3 ? x : count === 2 ? z : count === 1 ? y : x;
    part.set(start, end, used, len, codes);
    used += len;
    if (count >= 3) {
      x = y;
      y = z;
      z = part;
    }
    count++;
    // Decide the pair (x, y) once its right neighbour z is known (or the text ends).
    if (count >= 3) settle(x, y, z);
  }
  if (count === 2) settle(x, y, undefined);
  else if (count >= 3) settle(y, z, undefined);
  return repairs;

  function settle(a: Part, b: Part, next: Part | undefined): void {
    if (a.start < joinedUpTo || !joins(original, codes, a, b, judge)) return;
    // A bare article begins a word: "أجل ال قضاء" is أجل + القضاء, not أجلال + قضاء.
    if (next !== undefined && b.isArticle && joins(original, codes, b, next, judge)) return;
    repairs.push({
      start: a.start,
      end: b.end,
      original: original.slice(a.start, b.end),
      repaired: original.slice(a.start, a.end) + original.slice(b.start, b.end),
    });
    joinedUpTo = b.end;
  }
}

/** Written forms of the current document's words, one after the other (grown, never shrunk). */
let written = new Uint16Array(4096);

const ALEF = 0x0627;
const LAM = 0x0644;
const TEH_MARBUTA = 0x0629;

/** One all-Arabic word of the text: its original range and its written form in `written`. */
class Part {
  start = 0;
  end = 0;
  /** written[w .. w + len) is the word as written; its normalised form has the same length. */
  w = 0;
  len = 0;
  /** The whole word is LONE_FIRST (normalised) / LONE_LAST (as written). */
  loneFirst = false;
  loneLast = false;
  /** Written ال (isArticle) or لل: never a word alone. */
  isArticle = false;
  neverAlone = false;
  functionWord = false;
  /** Stands alone as a word: -1 not yet known. */
  alone = -1;

  set(start: number, end: number, w: number, len: number, codes: Uint16Array): void {
    this.start = start;
    this.end = end;
    this.w = w;
    this.len = len;
    const c0 = codes[w]!;
    this.loneFirst = len === 1 && NORM_CODE[c0 - 0x0600] === LONE_FIRST_CODE;
    this.loneLast = len === 1 && c0 === LONE_LAST_CODE;
    this.isArticle = len === 2 && c0 === ALEF && codes[w + 1] === LAM;
    this.neverAlone = this.isArticle || (len === 2 && c0 === LAM && codes[w + 1] === LAM);
    this.functionWord = len <= FUNCTION_WORD_MAX && FUNCTION_WORD_KEYS.has(normKey(codes, w, len));
    this.alone = -1;
  }
}

const LONE_FIRST_CODE = LONE_FIRST.charCodeAt(0);
const LONE_LAST_CODE = LONE_LAST.charCodeAt(0);
// NEVER_ALONE as code units above: keep the two in step.
if (NEVER_ALONE.size !== 2 || !NEVER_ALONE.has('ال') || !NEVER_ALONE.has('لل')) {
  throw new Error('repair: NEVER_ALONE changed without its code-unit checks in Part.set');
}

/**
 * A normalised word of up to FUNCTION_WORD_MAX letters as one number, so that the function-word
 * test needs no string. Letters are 0621-064A, so 7 bits each.
 */
function normKey(codes: Uint16Array, w: number, len: number): number {
  let key = 0;
  for (let k = w; k < w + len; k++) key = key * 128 + (NORM_CODE[codes[k]! - 0x0600]! - 0x0600);
  return key;
}

const FUNCTION_WORD_MAX = Math.max(...[...FUNCTION_WORDS].map((f) => f.length));
const FUNCTION_WORD_KEYS = new Set(
  [...FUNCTION_WORDS].map((f) => {
    let key = 0;
    for (let k = 0; k < f.length; k++) key = key * 128 + (f.charCodeAt(k) - 0x0600);
    return key;
  }),
);

/** The word-list questions a pair needs, over written forms held as code units. */
interface Judge {
  /** hasAsWritten of codes[from..to). */
  isWord(codes: Uint16Array, from: number, to: number): boolean;
  /** hasWithAffixes (with hasOnceAsWritten) of codes[from..to). */
  joinedIsWord(codes: Uint16Array, from: number, to: number): boolean;
}

/** Both questions as walks of the list's letter-by-letter walker: no strings at all. */
class WalkJudge implements Judge {
  constructor(private readonly walk: LetterWalk) {}

  isWord(codes: Uint16Array, from: number, to: number): boolean {
    const walk = this.walk;
    walk.reset();
    for (let i = from; i < to; i++) if (!walk.advance(codes[i]!)) return false;
    return walk.accepting;
  }

  joinedIsWord(codes: Uint16Array, from: number, to: number): boolean {
    return codesHaveWithAffixes(codes, from, to, this.walk);
  }
}

/** For lists without a walker: strings, and a list that cannot check written forms is asked about their normalised forms. */
class StringJudge implements Judge {
  private readonly asWritten: (w: string) => boolean;
  private readonly joinedAsWritten: (w: string) => boolean;

  constructor(words: WordList) {
    this.asWritten = words.hasAsWritten?.bind(words) ?? ((w: string) => words.has(normalise(w)));
    this.joinedAsWritten = words.hasOnceAsWritten?.bind(words) ?? this.asWritten;
  }

  isWord(codes: Uint16Array, from: number, to: number): boolean {
    return this.asWritten(String.fromCharCode(...codes.subarray(from, to)));
  }

  joinedIsWord(codes: Uint16Array, from: number, to: number): boolean {
    return hasWithAffixes(String.fromCharCode(...codes.subarray(from, to)), this.joinedAsWritten);
  }
}

/** Arabic letters 0621-064A, tatweel 0640 and harakat 064B-065F, superscript alef 0670. */
function isArabicRun(c: number): boolean {
  return (c >= 0x0621 && c <= 0x065f) || c === 0x0670;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/** isWordChar answers beyond ASCII, filled as met: 0 unknown, 1 no, 2 yes. */
const WORD_CHAR_SEEN = new Uint8Array(0x10000);

function isWordChar(code: number): boolean {
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
  let seen = WORD_CHAR_SEEN[code]!;
  if (seen === 0) {
    seen = WORD_CHAR.test(String.fromCharCode(code)) ? 2 : 1;
    WORD_CHAR_SEEN[code] = seen;
  }
  return seen === 2;
}

/**
 * normalise() and writtenForm() over the Arabic block as tables: 0 where a code unit is dropped.
 * Over the letters of a word both drop the same code units (harakat, tatweel), so a word's
 * written and normalised forms have the same length and the written form keeps each letter's
 * own code unit.
 */
const NORM_CODE = new Uint16Array(0x100);
const WRITTEN_CODE = new Uint16Array(0x100);
for (let c = 0; c < 0x100; c++) {
  const ch = String.fromCharCode(0x0600 + c);
  const n = normalise(ch);
  NORM_CODE[c] = n.length === 1 ? n.charCodeAt(0) : 0;
  const w = writtenForm(ch);
  WRITTEN_CODE[c] = w.length === 1 ? w.charCodeAt(0) : 0;
  if (isArabicRun(0x0600 + c) && (NORM_CODE[c] === 0) !== (WRITTEN_CODE[c] === 0)) {
    throw new Error(`repair: normalise and writtenForm disagree on dropping U+0${(0x0600 + c).toString(16)}`);
  }
}

/** Whether a and b (adjacent words) are the two parts of one broken word. */
function joins(original: string, codes: Uint16Array, a: Part, b: Part, judge: Judge): boolean {
  if (b.start !== a.end + 1) return false;
  const gap = original.charCodeAt(a.end);
  if (gap !== SPACE && gap !== NBSP) return false;
  if (a.len === 1 && (!a.loneFirst || b.len === 1)) return false;
  if (b.len === 1 && !b.loneLast) return false;
  const joined = a.len + b.len;
  if (joined < MIN_JOINED) return false;
  if (a.functionWord || b.functionWord) return false;
  if (splitByWriter(original, a, b)) return false;
  // The joined form first: it is rarely a word, and its walk usually ends early in b. a and b
  // are neighbours in `written`, so the joined form is the range from a to the end of b.
  if (!judge.joinedIsWord(codes, a.w, b.w + b.len)) return false;
  const aAlone = a.len > 1 && standsAlone(codes, a, judge);
  const bAlone = b.len > 1 && standsAlone(codes, b, judge);
  if (aAlone && bAlone) return false;
  return aAlone || bAlone || joined >= MIN_JOINED_TWO_FRAGMENTS;
}

function standsAlone(codes: Uint16Array, p: Part, judge: Judge): boolean {
  if (p.alone === -1) p.alone = !p.neverAlone && judge.isWord(codes, p.w, p.w + p.len) ? 1 : 0;
  return p.alone === 1;
}

/**
 * A tatweel at the end of either part, or right after the second (تحت ال ـ 20، لـ«القاعدة»),
 * marks a separation the writer made on purpose.
 */
function splitByWriter(original: string, a: Part, b: Part): boolean {
  if (original.charCodeAt(a.end - 1) === TATWEEL || original.charCodeAt(b.end - 1) === TATWEEL) return true;
  const after = original.charCodeAt(b.end) === SPACE ? b.end + 1 : b.end;
  return original.charCodeAt(after) === TATWEEL;
}
