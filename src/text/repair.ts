import type { Repair } from '../model/document.js';
import type { Span } from '../model/span.js';
import { hasWithAffixes } from './morphology.js';
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
 * One regex pass over the original text: words are runs of Arabic letters and harakat that no
 * other letter or digit touches (what tokenize() would make an all-Arabic token).
 */
export function findBrokenWords(original: string, words: WordList, skip: readonly Span[] = []): Repair[] {
  // A list that cannot check written forms is asked about their normalised forms.
  const asWritten = words.hasAsWritten?.bind(words) ?? ((w: string) => words.has(normalise(w)));
  const skips = [...skip].sort((x, y) => x.start - y.start);
  let si = 0;

  // The last three words, so that a bare article can look one word ahead before joining left.
  const parts: Part[] = [];
  const repairs: Repair[] = [];
  let joinedUpTo = -1; // end of the last repair: its second part cannot start another pair

  const decide = (a: Part, b: Part): boolean => joins(original, a, b, asWritten);

  ARABIC_RUN.lastIndex = 0;
  for (let m = ARABIC_RUN.exec(original); m !== null; m = ARABIC_RUN.exec(original)) {
    const start = m.index;
    const end = start + m[0].length;
    while (si < skips.length && skips[si]!.end <= start) si++;
    if (si < skips.length && skips[si]!.start < end) continue; // furniture
    if (isWordChar(original.charCodeAt(start - 1)) || isWordChar(original.charCodeAt(end))) continue;
    const part = readPart(original, start, end);
    if (part === null) continue;
    parts.push(part);
    if (parts.length > 3) parts.shift();
    // Decide the pair (x, y) once its right neighbour z is known (or the text ends).
    if (parts.length === 3) settle(parts[0]!, parts[1]!, parts[2]!);
  }
  if (parts.length >= 2) settle(parts[parts.length - 2]!, parts[parts.length - 1]!, undefined);
  return repairs;

  function settle(x: Part, y: Part, z: Part | undefined): void {
    if (x.start < joinedUpTo || !decide(x, y)) return;
    // A bare article begins a word: "أجل ال قضاء" is أجل + القضاء, not أجلال + قضاء.
    if (z !== undefined && y.written === 'ال' && decide(y, z)) return;
    repairs.push({
      start: x.start,
      end: y.end,
      original: original.slice(x.start, y.end),
      repaired: original.slice(x.start, x.end) + original.slice(y.start, y.end),
    });
    joinedUpTo = y.end;
  }
}

/** One all-Arabic word of the text, in the two spellings the checks need. */
interface Part {
  start: number;
  end: number;
  norm: string;
  written: string;
  /** Stands alone as a word: -1 not yet known. */
  alone: number;
}

// Arabic letters 0621-064A, tatweel 0640 and harakat 064B-065F, superscript alef 0670.
const ARABIC_RUN = /[\u0621-\u065F\u0670]+/g;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isWordChar(code: number): boolean {
  if (Number.isNaN(code)) return false;
  if (code < 0x80) return (code >= 48 && code <= 57) || ((code | 0x20) >= 97 && (code | 0x20) <= 122);
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** normalise() and writtenForm() over the Arabic block as tables: 0 where a code unit is dropped. */
const NORM_CODE = new Uint16Array(0x100);
const WRITTEN_CODE = new Uint16Array(0x100);
for (let c = 0; c < 0x100; c++) {
  const ch = String.fromCharCode(0x0600 + c);
  const n = normalise(ch);
  NORM_CODE[c] = n.length === 1 ? n.charCodeAt(0) : 0;
  const w = writtenForm(ch);
  WRITTEN_CODE[c] = w.length === 1 ? w.charCodeAt(0) : 0;
}

/**
 * Most words have no harakat and no hamza or ة, so their written and normalised forms are the
 * text itself; strings are built letter by letter only for the others.
 */
function readPart(original: string, start: number, end: number): Part | null {
  let dropped = false;
  let marked = false;
  for (let i = start; i < end; i++) {
    const c = original.charCodeAt(i) - 0x0600;
    const n = NORM_CODE[c]!;
    if (n === 0) dropped = true;
    else if (n !== WRITTEN_CODE[c]) marked = true;
  }
  const written = dropped ? mapRange(original, start, end, WRITTEN_CODE) : original.slice(start, end);
  const norm = marked ? mapRange(original, start, end, NORM_CODE) : written;
  return norm.length === 0 ? null : { start, end, norm, written, alone: -1 };
}

function mapRange(original: string, start: number, end: number, table: Uint16Array): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const code = table[original.charCodeAt(i) - 0x0600]!;
    if (code !== 0) out += String.fromCharCode(code);
  }
  return out;
}

/** Whether a and b (adjacent words) are the two parts of one broken word. */
function joins(original: string, a: Part, b: Part, asWritten: (w: string) => boolean): boolean {
  if (b.start !== a.end + 1) return false;
  const gap = original.charCodeAt(a.end);
  if (gap !== SPACE && gap !== NBSP) return false;
  if (a.norm.length === 1 && (a.norm !== LONE_FIRST || b.norm.length === 1)) return false;
  if (b.norm.length === 1 && b.written !== LONE_LAST) return false;
  if (a.norm.length + b.norm.length < MIN_JOINED) return false;
  if (FUNCTION_WORDS.has(a.norm) || FUNCTION_WORDS.has(b.norm)) return false;
  if (splitByWriter(original, a, b)) return false;
  const aAlone = a.norm.length > 1 && standsAlone(a, asWritten);
  const bAlone = b.norm.length > 1 && standsAlone(b, asWritten);
  if (aAlone && bAlone) return false;
  if (!aAlone && !bAlone && a.norm.length + b.norm.length < MIN_JOINED_TWO_FRAGMENTS) return false;
  return hasWithAffixes(a.written + b.written, asWritten);
}

function standsAlone(p: Part, asWritten: (w: string) => boolean): boolean {
  if (p.alone === -1) p.alone = !NEVER_ALONE.has(p.written) && asWritten(p.written) ? 1 : 0;
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
