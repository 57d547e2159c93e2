import type { Repair } from '../model/document.js';
import type { Span } from '../model/span.js';
import { CodeWordTable } from './memo.js';
import {
  acceptedWithAffixes,
  articleStackAt,
  beginsArticleStack,
  codesHaveWithAffixes,
  hasWithAffixes,
  LONGEST_SUFFIX,
  MIN_STEM,
} from './morphology.js';
import { normalise } from './normalise.js';
import type { WordAutomaton } from './word-automaton.js';
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
 * words. The text is read once into code units (no strings per word), the rules that need no
 * word list run first, and each word is asked about once. With a list that can be walked by
 * hand (WordList.writtenAutomaton) the answers are kept per distinct word (see AutomatonJudge),
 * so that most pairs cost two reads of what is known of their words; the joined form is walked
 * only when one part is no word, and even then usually stops at the second part's first letter.
 * Not re-entrant: the buffers below are shared by all calls.
 */
export function findBrokenWords(original: string, words: WordList, skip: readonly Span[] = []): Repair[] {
  const automaton = words.writtenAutomaton?.();
  const judge: Judge = automaton !== undefined ? AutomatonJudge.of(automaton) : new StringJudge(words);
  loadSkips(skip);
  const count = readWords(original);
  const pairs = new PairJudge(original, written, judge, original.indexOf(TATWEEL_CHAR) >= 0);
  // Each pair is decided knowing the word after it, so that a bare article can look ahead.
  let a = partPool[0];
  let b = count > 1 ? partPool[1] : undefined;
  for (let k = 2; k <= count; k++) {
    const next = k < count ? partPool[k] : undefined;
    if (b!.afterSpace) pairs.settle(a!, b!, next);
    a = b;
    b = next;
  }
  return pairs.repairs;
}

/**
 * Reads the words of the text into partPool (returning how many) and their written forms into
 * `written`, one after the other, leaving out the ranges in skipStarts / skipEnds.
 */
function readWords(original: string): number {
  let si = 0;
  if (written.length < original.length) written = new Uint16Array(Math.max(original.length, written.length * 2));
  const codes = written;
  let used = 0; // code units of `written` taken so far
  let count = 0;
  let lastEnd = -2; // end of the last word

  const n = original.length;
  const text = utf16(original);
  let prev = SPACE; // the code unit before i, when i begins a run
  let i = 0;
  while (i < n) {
    let c = text[i]!;
    if (!isArabicRun(c)) {
      prev = c;
      i++;
      continue;
    }
    // Read the run and its written form (harakat and tatweel dropped, every letter kept as it
    // is) in one go; the letters count only if the run turns out to be a word.
    const start = i;
    const before = prev;
    let len = 0;
    let key0 = 0;
    let key1 = 0;
    do {
      const w = WRITTEN_CODE[c - 0x0600]!;
      if (w !== 0) {
        codes[used + len++] = w;
        // The word's key in a CodeWordTable (written letters are LETTER_BASE .. + 41).
        if (len <= CodeWordTable.KEY_LETTERS) key0 = (key0 << 6) | (w - KEY_BASE);
        else key1 = (key1 << 6) | (w - KEY_BASE);
      }
      c = ++i < n ? text[i]! : SPACE;
    } while (isArabicRun(c));
    const end = i;
    // Past the ranges that end before the word; a sentinel (see loadSkips) stops the scan. The
    // step is added even when 0, so that the loop is the same code with ranges or without.
    for (let past = 1; past === 1; si += past) past = skipEnds[si]! <= start ? 1 : 0;
    if (skipStarts[si]! < end) continue; // furniture
    if (isWordChar(before) || isWordChar(c)) continue;
    if (len === 0) continue;
    if (count === partPool.length) partPool.push(new Part());
    const part = partPool[count++]!;
    part.start = start;
    part.end = end;
    part.writtenAt = used;
    part.len = len;
    part.key0 = key0;
    part.key1 = key1;
    part.afterSpace = start === lastEnd + 1 && (before === SPACE || before === NBSP);
    part.functionWord = -1;
    part.alone = -1;
    part.hasFacts = false;
    used += len;
    lastEnd = end;
  }
  return count;
}

/** Decides the pairs of one document in order, and keeps its repairs. */
class PairJudge {
  /** Made with its first repair (most documents have none). */
  private found: Repair[] | null = null;
  /** End of the last repair: its second part cannot start another pair. */
  private joinedUpTo = -1;

  constructor(
    private readonly original: string,
    private readonly codes: Uint16Array,
    private readonly judge: Judge,
    /** The text has a tatweel: without one (most texts) no pair is a writer's separation. */
    private readonly tatweels: boolean,
  ) {}

  /** Decides the pair (a, b), knowing the word after b (undefined at the end of the text). */
  settle(a: Part, b: Part, next: Part | undefined): void {
    const { original, codes, judge, tatweels } = this;
    if (a.start < this.joinedUpTo || !joins(original, codes, a, b, judge, tatweels)) return;
    // A bare article begins a word: "أجل ال قضاء" is أجل + القضاء, not أجلال + قضاء.
    if (next !== undefined && isArticle(codes, b) && joins(original, codes, b, next, judge, tatweels)) return;
    const repair: Repair = {
      start: a.start,
      end: b.end,
      original: original.slice(a.start, b.end),
      repaired: original.slice(a.start, a.end) + original.slice(b.start, b.end),
    };
    if (this.found === null) this.found = [repair];
    else this.found.push(repair);
    this.joinedUpTo = b.end;
  }

  get repairs(): Repair[] {
    return this.found ?? [];
  }
}

/** Whether a and b (adjacent words) are the two parts of one broken word. */
function joins(original: string, codes: Uint16Array, a: Part, b: Part, judge: Judge, tatweels: boolean): boolean {
  if (!b.afterSpace) return false;
  if (a.len === 1 && (b.len === 1 || NORM_CODE[codes[a.writtenAt]! - 0x0600] !== LONE_FIRST_CODE)) return false;
  if (b.len === 1 && codes[b.writtenAt] !== LONE_LAST_CODE) return false;
  const joined = a.len + b.len;
  if (joined < MIN_JOINED) return false;
  if (isFunctionPart(a) || isFunctionPart(b)) return false;
  if (tatweels && splitByWriter(original, a, b)) return false;
  // Nearly every pair is two words: decided by what is known of each word, before the joined
  // form is walked. a and b are neighbours in `written`: the joined form is a's start to b's end.
  const aAlone = a.len > 1 && standsAlone(codes, a, judge);
  const bAlone = b.len > 1 && standsAlone(codes, b, judge);
  if (aAlone && bAlone) return false;
  if (!aAlone && !bAlone && joined < MIN_JOINED_TWO_FRAGMENTS) return false;
  return judge.joinedIsWord(codes, a, b);
}

function isFunctionPart(p: Part): boolean {
  if (p.functionWord === -1) p.functionWord = isFunctionWord(p) ? 1 : 0;
  return p.functionWord === 1;
}

function standsAlone(codes: Uint16Array, p: Part, judge: Judge): boolean {
  if (p.alone === -1) p.alone = !neverAlone(codes, p) && judge.isWord(codes, p) ? 1 : 0;
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

const ALEF = 0x0627;
const LAM = 0x0644;

/** One all-Arabic word of the text: its original range and its written form in `written`. */
class Part {
  start = 0;
  end = 0;
  /** written[writtenAt .. writtenAt + len) is the word as written; its normalised form has the same length. */
  writtenAt = 0;
  len = 0;
  /** The written form packed for CodeWordTable (meaningful up to its MAX_LETTERS letters). */
  key0 = 0;
  key1 = 0;
  /** Exactly one space (or no-break space) separates it from the word before. */
  afterSpace = false;
  /** One of FUNCTION_WORDS: -1 not yet known. */
  functionWord = -1;
  /** Stands alone as a word: -1 not yet known. */
  alone = -1;
  /** AutomatonJudge's facts about the word (see WHOLE), once `hasFacts`. */
  hasFacts = false;
  whole = 0;
  wholeNext = 0;
  /** Where the rest are, in AutomatonJudge's table of that generation. */
  slot = 0;
  generation = 0;
}

const LONE_FIRST_CODE = LONE_FIRST.charCodeAt(0);
const LONE_LAST_CODE = LONE_LAST.charCodeAt(0);

/** Written ال. */
function isArticle(codes: Uint16Array, p: Part): boolean {
  return p.len === 2 && codes[p.writtenAt] === ALEF && codes[p.writtenAt + 1] === LAM;
}

/** Written ال or لل (NEVER_ALONE). */
function neverAlone(codes: Uint16Array, p: Part): boolean {
  return p.len === 2 && (codes[p.writtenAt] === ALEF || codes[p.writtenAt] === LAM) && codes[p.writtenAt + 1] === LAM;
}
// NEVER_ALONE as code units above: keep the two in step.
if (NEVER_ALONE.size !== 2 || !NEVER_ALONE.has('ال') || !NEVER_ALONE.has('لل')) {
  throw new Error('repair: NEVER_ALONE changed without neverAlone()');
}

/** The word-list questions a pair needs, over written forms held as code units. */
interface Judge {
  /** hasAsWritten of the part. */
  isWord(codes: Uint16Array, p: Part): boolean;
  /** hasWithAffixes (with hasOnceAsWritten) of a and b joined (they are neighbours in `codes`). */
  joinedIsWord(codes: Uint16Array, a: Part, b: Part): boolean;
}

/**
 * Facts kept per word in a CodeWordTable. Letters are LETTER_BASE + 0..41 (ء to ي); a "next"
 * mask has bit i when letter i leads on from a state, split into letters 0-31 and 32-41. A walk
 * that ends in state s is kept as one int32, (s + 1) << 10 | its next mask for letters 32-41
 * (0 for no state: no listed word begins so), since automaton states stay below 2^21.
 */
const WHOLE = 0; // main: the walk over the word, and bit 31 set when the word is a word
const WHOLE_NEXT = 1; // main: its next mask for letters 0-31
const STEM = 0; // aux: the walk over the word less its article stack (0 without one)
const STEM_NEXT = 1; // aux
const ENDS = 2; // aux: bits 0-2 ends of the whole word, 3-5 of the stem (see walkOver)
const STATE_LIMIT = 1 << 21;
const IS_WORD = 1 << 31;
if (LONGEST_SUFFIX > 3) throw new Error('repair: suffixes too long for the ENDS bit fields');

/**
 * Both questions answered by walking the list's automaton over the code units, with what a
 * walk over one word tells kept per distinct word in a table: whether it is a word, and the
 * state its walk ends in with the letters that may follow. Every form the joined check asks
 * about is the joined word or its stem under the article stack it begins with, read to near its
 * end; unless the first part is the beginning of a stack that the next word may complete
 * (و + الجيش), the stack lies inside the first part, so the walks over it are the same
 * whichever word follows, and most joined checks end at "no listed word goes on with the next
 * word's first letter".
 */
class AutomatonJudge implements Judge {
  private static readonly judges = new WeakMap<WordAutomaton, AutomatonJudge>();
  private static last: AutomatonJudge | undefined;

  /** The judge of an automaton: one per list, since its table is of that list's answers. */
  static of(automaton: WordAutomaton): AutomatonJudge {
    const last = AutomatonJudge.last;
    if (last !== undefined && last.automaton === automaton) return last;
    let judge = AutomatonJudge.judges.get(automaton);
    if (judge === undefined) {
      judge = new AutomatonJudge(automaton);
      AutomatonJudge.judges.set(automaton, judge);
    }
    AutomatonJudge.last = judge;
    return judge;
  }

  /** Null for an automaton too large for the packed walks: then every question is walked. */
  private readonly facts: CodeWordTable | null;

  private constructor(private readonly automaton: WordAutomaton) {
    this.facts = automaton.stateLimit < STATE_LIMIT ? new CodeWordTable(2, 3, KEY_BASE) : null;
  }

  isWord(codes: Uint16Array, p: Part): boolean {
    if (this.loadFacts(p, codes)) return p.whole < 0;
    const automaton = this.automaton;
    let state = 0;
    for (let i = p.writtenAt; i < p.writtenAt + p.len && state >= 0; i++) state = automaton.step(state, codes[i]!);
    return state >= 0 && automaton.isFinal(state);
  }

  joinedIsWord(codes: Uint16Array, a: Part, b: Part): boolean {
    const to = b.writtenAt + b.len;
    if (beginsArticleStack(codes, a.writtenAt, a.len) || !this.loadFacts(a, codes)) {
      return codesHaveWithAffixes(codes, a.writtenAt, to, this.automaton);
    }
    const p = articleStackAt(codes, a.writtenAt, a.len);
    const withStem = p > 0 && to - a.writtenAt - p >= MIN_STEM;
    // Readings that end inside a count only when all of b may be (the end of) a suffix.
    let aux = -1;
    if (withStem || b.len <= LONGEST_SUFFIX) aux = this.auxOf(a, codes);
    const ends = aux >= 0 ? this.facts!.aux[aux + ENDS]! : 0;
    const whole = this.endsAfter(codes, a.whole, a.wholeNext, ends & 7, b);
    const stem = withStem ? this.endsAfter(codes, this.facts!.aux[aux + STEM]!, this.facts!.aux[aux + STEM_NEXT]!, (ends >> 3) & 7, b) : 0;
    if ((whole | stem) === 0) return false;
    return acceptedWithAffixes(codes, a.writtenAt, to, whole, p, stem);
  }

  /** Copies the word's main facts from the table (found or made) into the part; false when not kept. */
  private loadFacts(p: Part, codes: Uint16Array): boolean {
    if (p.hasFacts) return true;
    const table = this.facts;
    if (table === null || p.len > CodeWordTable.MAX_LETTERS) return false;
    const slot = table.find(p.key0, p.key1);
    if (table.added) this.learn(codes, p, slot);
    const m = slot * table.stride + 2;
    p.whole = table.main[m + WHOLE]!;
    p.wholeNext = table.main[m + WHOLE_NEXT]!;
    p.slot = slot;
    p.generation = table.generation;
    p.hasFacts = true;
    return true;
  }

  /** Offset of the part's aux facts (finding it again if the table started over since). */
  private auxOf(p: Part, codes: Uint16Array): number {
    const table = this.facts!;
    if (p.generation !== table.generation) {
      p.slot = table.find(p.key0, p.key1);
      if (table.added) this.learn(codes, p, p.slot);
      p.generation = table.generation;
    }
    return p.slot * table.auxWidth;
  }

  /**
   * Which readings of a walk (over a, or a's stem) continued over b are words, as bit j for
   * "all but the last j letters" (see acceptedWithAffixes): those ending inside a are kept as
   * `aEnds`, the rest come from walking b on from `walk` (see WHOLE).
   */
  private endsAfter(codes: Uint16Array, walk: number, nextLo: number, aEnds: number, b: Part): number {
    let mask = 0;
    for (let k = 0; k + b.len <= LONGEST_SUFFIX; k++) if (((aEnds >> k) & 1) !== 0) mask |= 1 << (k + b.len);
    let state = ((walk >>> 10) & (STATE_LIMIT - 1)) - 1;
    if (state < 0) return mask;
    const i = codes[b.writtenAt]! - LETTER_BASE;
    if (i >= 0 && i < LETTERS && (((i < 32 ? nextLo : walk) >>> (i & 31)) & 1) === 0) return mask;
    const automaton = this.automaton;
    for (let t = 0; t < b.len; t++) {
      state = automaton.step(state, codes[b.writtenAt + t]!);
      if (state < 0) break;
      const j = b.len - 1 - t;
      if (j <= LONGEST_SUFFIX && automaton.isFinal(state)) mask |= 1 << j;
    }
    return mask;
  }

  /** Fills the facts of a word new to the table. */
  private learn(codes: Uint16Array, word: Part, slot: number): void {
    const table = this.facts!;
    const m = slot * table.stride + 2;
    const x = slot * table.auxWidth;
    const from = word.writtenAt;
    const to = from + word.len;
    const p = articleStackAt(codes, from, word.len);
    const whole = this.walkOver(codes, from, to, table.main, m + WHOLE, m + WHOLE_NEXT);
    if ((whole & 1) !== 0) table.main[m + WHOLE] = table.main[m + WHOLE]! | IS_WORD;
    const stem = p > 0 ? this.walkOver(codes, from + p, to, table.aux, x + STEM, x + STEM_NEXT) : 0;
    table.aux[x + ENDS] = whole | (stem << 3);
  }

  /**
   * Walks codes[from..to) from the start state and stores the walk at d[walkAt] (see WHOLE)
   * and its next mask for letters 0-31 at d[nextAt]. Returns bit k set when
   * codes[from .. to - k) is a word, for k < LONGEST_SUFFIX.
   */
  private walkOver(codes: Uint16Array, from: number, to: number, d: Int32Array, walkAt: number, nextAt: number): number {
    const automaton = this.automaton;
    let ends = 0;
    let state = 0;
    for (let i = from; i < to && state >= 0; i++) {
      state = automaton.step(state, codes[i]!);
      const k = to - 1 - i;
      if (state >= 0 && k < LONGEST_SUFFIX && automaton.isFinal(state)) ends |= 1 << k;
    }
    if (state < 0) {
      d[walkAt] = 0;
      d[nextAt] = 0;
    } else {
      d[walkAt] = ((state + 1) << 10) | (automaton.nextMask(state, LETTER_BASE + 32) & ((1 << (LETTERS - 32)) - 1));
      d[nextAt] = automaton.nextMask(state, LETTER_BASE);
    }
    return ends;
  }
}

/** For lists without an automaton: strings, and a list that cannot check written forms is asked about their normalised forms. */
class StringJudge implements Judge {
  private readonly asWritten: (w: string) => boolean;
  private readonly joinedAsWritten: (w: string) => boolean;

  constructor(words: WordList) {
    this.asWritten = words.hasAsWritten?.bind(words) ?? ((w: string) => words.has(normalise(w)));
    this.joinedAsWritten = words.hasOnceAsWritten?.bind(words) ?? this.asWritten;
  }

  isWord(codes: Uint16Array, p: Part): boolean {
    return this.asWritten(stringOf(codes, p.writtenAt, p.writtenAt + p.len));
  }

  joinedIsWord(codes: Uint16Array, a: Part, b: Part): boolean {
    return hasWithAffixes(stringOf(codes, a.writtenAt, b.writtenAt + b.len), this.joinedAsWritten);
  }
}

function stringOf(codes: Uint16Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(codes[i]!);
  return s;
}

/** The current document's code units (grown, never shrunk): a typed array reads faster than charCodeAt. */
let textBytes = Buffer.allocUnsafeSlow(1 << 17);
let textUnits = new Uint16Array(textBytes.buffer, textBytes.byteOffset, textBytes.length >> 1);

function utf16(s: string): Uint16Array {
  if (textUnits.length < s.length) {
    textBytes = Buffer.allocUnsafeSlow(2 * Math.max(s.length, textUnits.length * 2));
    textUnits = new Uint16Array(textBytes.buffer, textBytes.byteOffset, textBytes.length >> 1);
  }
  textBytes.write(s, 0, 'utf16le');
  return textUnits;
}

/** Written forms of the current document's words, one after the other (grown, never shrunk). */
let written = new Uint16Array(1 << 16);

/** The ranges to skip, sorted by start, then a sentinel range past any text (grown, never shrunk). */
let skipStarts = new Int32Array(64);
let skipEnds = new Int32Array(64);

/**
 * Copies the spans into skipStarts / skipEnds in order of start. Numbers in typed arrays keep
 * the word loop free of the callers' span objects, whatever their shapes, and the sentinel
 * keeps it free of a count: the loop reads the same cells whether there are ranges or not.
 */
function loadSkips(skip: readonly Span[]): void {
  const n = skip.length;
  if (skipStarts.length < n + 1) {
    skipStarts = new Int32Array(n + 1);
    skipEnds = new Int32Array(n + 1);
  }
  const sorted = n > 1 ? [...skip].sort((x, y) => x.start - y.start) : skip;
  for (let k = 0; k < n; k++) {
    skipStarts[k] = sorted[k]!.start;
    skipEnds[k] = sorted[k]!.end;
  }
  skipStarts[n] = SENTINEL;
  skipEnds[n] = SENTINEL;
}

const SENTINEL = 0x7fffffff;

/** The current document's words (grown, never shrunk; the objects are reused). */
const partPool: Part[] = [];

// Code units and the tables the word loop reads them through.

const SPACE = 0x20;
const NBSP = 0xa0;
const TATWEEL = 0x0640;
const TATWEEL_CHAR = String.fromCharCode(TATWEEL);

/** Written letters of words: ء (0621) to ي (064A), tatweel aside. */
const LETTER_BASE = 0x0621;
const LETTERS = 42;
/** Keys of written words: six bits a letter, letter - KEY_BASE (never 0). */
const KEY_BASE = LETTER_BASE - 1;

/** Arabic letters 0621-064A, tatweel 0640 and harakat 064B-065F, superscript alef 0670. */
function isArabicRun(c: number): boolean {
  return (c >= 0x0621 && c <= 0x065f) || c === 0x0670;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
/**
 * isWordChar as a table: 0 unknown, 1 no, 2 yes. Filled up front for the code units news text
 * is made of (Latin, Arabic, general punctuation), so that the word loop meets the regex
 * rarely; any other code unit is learnt when first met.
 */
const WORD_CHAR_SEEN = new Uint8Array(0x10000);
for (let c = 0; c < 0x800; c++) learnWordChar(c);
for (let c = 0x2000; c < 0x2070; c++) learnWordChar(c);

function isWordChar(code: number): boolean {
  const seen = WORD_CHAR_SEEN[code]!;
  return (seen === 0 ? learnWordChar(code) : seen) === 2;
}

function learnWordChar(code: number): number {
  const seen = WORD_CHAR.test(String.fromCharCode(code)) ? 2 : 1;
  WORD_CHAR_SEEN[code] = seen;
  return seen;
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

/**
 * The function words as written: every spelling whose normalised form is one (الى, إلى, إلي
 * ...), as CodeWordTable keys in a small open-addressing table (0 is free: no key is 0).
 */
const FUNCTION_WORD_MAX = Math.max(...[...FUNCTION_WORDS].map((f) => f.length));
if (FUNCTION_WORD_MAX > CodeWordTable.KEY_LETTERS) throw new Error('repair: function words too long for one key');
const FUNCTION_WORD_SLOTS = new Int32Array(2048);
for (const f of FUNCTION_WORDS) {
  // Each normalised letter may be written as any letter that normalises to it.
  let spellings = [0];
  for (const ch of f) {
    const ways: number[] = [];
    for (let c = LETTER_BASE; c < LETTER_BASE + LETTERS; c++) {
      if (NORM_CODE[c - 0x0600] === ch.charCodeAt(0) && WRITTEN_CODE[c - 0x0600] === c) ways.push(c - KEY_BASE);
    }
    spellings = spellings.flatMap((key) => ways.map((w) => (key << 6) | w));
  }
  for (const key of spellings) {
    let slot = functionWordSlot(key);
    while (FUNCTION_WORD_SLOTS[slot] !== 0 && FUNCTION_WORD_SLOTS[slot] !== key) slot = (slot + 1) & 2047;
    FUNCTION_WORD_SLOTS[slot] = key;
  }
}

function functionWordSlot(key: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 21;
}

function isFunctionWord(p: Part): boolean {
  if (p.len > FUNCTION_WORD_MAX) return false;
  const key = p.key0;
  for (let slot = functionWordSlot(key); ; slot = (slot + 1) & 2047) {
    const k = FUNCTION_WORD_SLOTS[slot]!;
    if (k === key) return true;
    if (k === 0) return false;
  }
}
