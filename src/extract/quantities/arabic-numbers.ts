import type { Token } from '../../text/tokens.js';
import { normalisedMap } from './attached-forms.js';

/**
 * Numbers as news reports write them: digits (Eastern digits are already ASCII in `norm`),
 * Arabic number words in every gender and case ("ثلاثة", "ثلاث", "اثنين", "إحدى عشرة",
 * "خمسة وعشرون", "ثلاثمئة", "ثلاثة آلاف"), English number words ("twenty-five", "two hundred
 * and fifty", "a dozen"), and vague amounts ("عشرات", "dozens", "عدة", "several").
 *
 * Tokens are read left to right with Map lookups only; nothing is allocated per token that is
 * not a number.
 */

export type VagueAmount = 'few' | 'several' | 'dozens' | 'hundreds' | 'thousands' | 'millions';

export interface NumberReading {
  /** The exact value (may be fractional: "1.5 مليون"); null for a vague amount. */
  value: number | null;
  vague: VagueAmount | null;
  /** Index of the first token after the number. */
  next: number;
}

/**
 * unit: 1-9 (and English ten-nineteen); teen: Arabic عشر/عشرة, which after a unit makes 11-19;
 * ten: 20-90; hundred: مئة, hundred, 200-900; scale: thousand and million.
 */
type Form = 'unit' | 'teen' | 'ten' | 'hundred' | 'scale';

interface NumberWord {
  value: number;
  form: Form;
  /** Multiplies the number before it: "ثلاث مئة", "ثلاثة آلاف", "two dozen". */
  multiplies: boolean;
  /** Only a multiplier: "آلاف" alone is a vague "thousands", never 1000. */
  onlyAfterNumber: boolean;
  arabic: boolean;
}

function word(value: number, form: Form, arabic: boolean, multiplies = false, onlyAfterNumber = false): NumberWord {
  return { value, form, multiplies, onlyAfterNumber, arabic };
}

const ARABIC_UNITS: readonly (readonly [number, readonly string[]])[] = [
  [1, ['واحد', 'واحده', 'احد', 'احدي']],
  [2, ['اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'اثنا', 'اثني', 'اثنتا', 'اثنتي', 'ثنتين', 'ثنتان']],
  [3, ['ثلاثه', 'ثلاث']],
  [4, ['اربعه', 'اربع']],
  [5, ['خمسه', 'خمس']],
  [6, ['سته', 'ست']],
  [7, ['سبعه', 'سبع']],
  [8, ['ثمانيه', 'ثماني', 'ثمان']],
  [9, ['تسعه', 'تسع']],
];

const ARABIC_TENS: readonly (readonly [number, readonly string[]])[] = [
  [20, ['عشرون', 'عشرين']],
  [30, ['ثلاثون', 'ثلاثين']],
  [40, ['اربعون', 'اربعين']],
  [50, ['خمسون', 'خمسين']],
  [60, ['ستون', 'ستين']],
  [70, ['سبعون', 'سبعين']],
  [80, ['ثمانون', 'ثمانين']],
  [90, ['تسعون', 'تسعين']],
];

/** Stems that fuse with مئة/مائة into one word: ثلاثمئة, خمسمائة. */
const HUNDRED_STEMS: readonly (readonly [number, readonly string[]])[] = [
  [3, ['ثلاث']],
  [4, ['اربع']],
  [5, ['خمس']],
  [6, ['ست']],
  [7, ['سبع']],
  [8, ['ثمان', 'ثماني']],
  [9, ['تسع']],
];

const ENGLISH_SMALL = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const ENGLISH_TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

function buildWords(): Map<string, NumberWord> {
  const m = new Map<string, NumberWord>();
  for (const [v, forms] of ARABIC_UNITS) for (const f of forms) m.set(f, word(v, 'unit', true));
  for (const f of ['عشره', 'عشر']) m.set(f, word(10, 'teen', true));
  for (const [v, forms] of ARABIC_TENS) for (const f of forms) m.set(f, word(v, 'ten', true));
  for (const f of ['مئه', 'مائه', 'ميه']) m.set(f, word(100, 'hundred', true, true));
  for (const f of ['مئتان', 'مئتين', 'مئتا', 'مئتي', 'مائتان', 'مائتين', 'مائتا', 'مائتي']) m.set(f, word(200, 'hundred', true));
  for (const [v, stems] of HUNDRED_STEMS) {
    for (const s of stems) for (const h of ['مئه', 'مائه']) m.set(s + h, word(v * 100, 'hundred', true));
  }
  for (const f of ['الف', 'الفا']) m.set(f, word(1000, 'scale', true, true));
  for (const f of ['الفان', 'الفين', 'الفي']) m.set(f, word(2000, 'scale', true));
  m.set('الاف', word(1000, 'scale', true, true, true));
  for (const f of ['مليون', 'مليونا']) m.set(f, word(1e6, 'scale', true, true));
  for (const f of ['مليونان', 'مليونين']) m.set(f, word(2e6, 'scale', true));
  m.set('ملايين', word(1e6, 'scale', true, true, true));

  ENGLISH_SMALL.forEach((f, v) => m.set(f, word(v, 'unit', false)));
  ENGLISH_TENS.forEach((f, k) => m.set(f, word((k + 2) * 10, 'ten', false)));
  m.set('hundred', word(100, 'hundred', false, true));
  m.set('thousand', word(1000, 'scale', false, true));
  m.set('million', word(1e6, 'scale', false, true));
  m.set('dozen', word(12, 'scale', false, true));
  return m;
}

interface Entry {
  word: NumberWord;
  /** Written with و (or ف) attached: "وثلاثة", "وعشرون". */
  conj: boolean;
}

const WORDS: Map<string, Entry> = (() => {
  const base = normalisedMap(buildWords());
  const m = new Map<string, Entry>();
  for (const [f, w] of base) m.set(f, { word: w, conj: false });
  for (const [f, w] of base) {
    if (!w.arabic) continue;
    for (const c of ['و', 'ف']) if (!m.has(c + f)) m.set(c + f, { word: w, conj: true });
  }
  return m;
})();

const VAGUE_WORDS: Map<string, VagueAmount> = (() => {
  const list: [string, VagueAmount][] = [
    ['عشرات', 'dozens'], ['العشرات', 'dozens'], ['مئات', 'hundreds'], ['المئات', 'hundreds'],
    ['الاف', 'thousands'], ['الالاف', 'thousands'], ['ملايين', 'millions'],
    ['الملايين', 'millions'], ['عده', 'several'], ['بضعه', 'few'], ['بضع', 'few'],
    ['dozens', 'dozens'], ['scores', 'dozens'], ['tens', 'dozens'], ['hundreds', 'hundreds'],
    ['thousands', 'thousands'], ['millions', 'millions'], ['several', 'several'],
    ['numerous', 'several'], ['many', 'several'], ['few', 'few'],
  ];
  const m = normalisedMap<VagueAmount>(list);
  for (const [f, v] of [...m]) if (/[\u0621-\u064a]/.test(f)) for (const c of ['و', 'ف']) m.set(c + f, v);
  return m;
})();

/** Vague words that count only when "من" follows: "عدد من المدنيين", "العديد من". */
const VAGUE_BEFORE_MIN: Map<string, VagueAmount> = normalisedMap<VagueAmount>([
  ['عدد', 'several'], ['وعدد', 'several'], ['العديد', 'several'], ['والعديد', 'several'],
]);

/** "عشرات الآلاف", "hundreds of thousands": a vague amount of a larger scale. */
const VAGUE_SCALE: Map<string, VagueAmount> = normalisedMap<VagueAmount>([
  ['الاف', 'thousands'], ['الالاف', 'thousands'], ['thousands', 'thousands'],
  ['ملايين', 'millions'], ['الملايين', 'millions'], ['millions', 'millions'],
]);

/** Every word a number can start with (digits aside), for scanners that skip other tokens. */
export function numberStartWords(): string[] {
  return [...WORDS.keys(), ...VAGUE_WORDS.keys(), ...VAGUE_BEFORE_MIN.keys(), 'a', 'an'];
}

const PLAIN_INT = /^\d+$/;
const COMMA_GROUPS = /^\d{1,3}(?:,\d{3})+$/;
const DOT_GROUPS = /^\d{1,3}(?:\.\d{3})+$/;
const DECIMAL = /^\d+[.,]\d+$/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * The value of a token written in digits ("12", "1,200", "1.5", "و12"), or null. A dotted
 * group of three ("1.200") is a thousands separator unless a scale word follows ("1.5 مليون").
 */
export function digitValue(norm: string, beforeScale = false): number | null {
  let s = norm;
  const c0 = s.charCodeAt(0);
  if (!isDigit(c0)) {
    if ((c0 !== 0x648 && c0 !== 0x641) || !isDigit(s.charCodeAt(1))) return null; // و5، ف5
    s = s.slice(1);
  }
  if (PLAIN_INT.test(s)) return Number(s);
  if (COMMA_GROUPS.test(s)) return Number(s.replace(/,/g, ''));
  if (DOT_GROUPS.test(s) && !beforeScale) return Number(s.replace(/\./g, ''));
  if (DECIMAL.test(s)) return Number(s.replace(',', '.'));
  return null;
}

function placeOf(v: number): number {
  let p = 1;
  while (p * 10 <= v) p *= 10;
  return p;
}

/** Reads the number starting at token i, or returns null when there is none. */
export function readNumber(tokens: readonly Token[], i: number): NumberReading | null {
  const first = tokens[i];
  if (first === undefined) return null;
  const norm = first.norm;

  if (isDigit(norm.charCodeAt(0)) || isDigit(norm.charCodeAt(1))) {
    const next = tokens[i + 1];
    const scale = next === undefined ? undefined : WORDS.get(next.norm);
    const scaled = scale !== undefined && !scale.conj && scale.word.multiplies && scale.word.form === 'scale';
    const v = digitValue(norm, scaled);
    if (v === null) return null;
    if (scaled) return { value: v * scale.word.value, vague: null, next: i + 2 };
    return { value: v, vague: null, next: i + 1 };
  }

  const vague = readVague(tokens, i);
  if (vague !== null) return vague;

  if ((norm === 'a' || norm === 'an') && tokens[i + 1] !== undefined) {
    const w = WORDS.get(tokens[i + 1]!.norm)?.word;
    if (w === undefined || !w.multiplies || w.arabic) return null;
    return readWords(tokens, i + 1, 1);
  }
  return readWords(tokens, i, 0);
}

function readVague(tokens: readonly Token[], i: number): NumberReading | null {
  const norm = tokens[i]!.norm;
  let amount = VAGUE_WORDS.get(norm);
  if (amount === undefined) {
    const before = VAGUE_BEFORE_MIN.get(norm);
    if (before !== undefined && tokens[i + 1]?.norm === 'من') return { value: null, vague: before, next: i + 1 };
    return null;
  }
  if (norm === 'few' && tokens[i - 1]?.norm !== 'a') return null;
  let next = i + 1;
  // Numbers word first: "آلاف" after a number is a multiplier, read by readWords.
  const scale = lookupScale(tokens, next);
  if (scale !== null) {
    amount = scale.amount;
    next = scale.next;
  }
  return { value: null, vague: amount, next };
}

function lookupScale(tokens: readonly Token[], i: number): { amount: VagueAmount; next: number } | null {
  const t = tokens[i];
  if (t === undefined) return null;
  const direct = VAGUE_SCALE.get(t.norm);
  if (direct !== undefined) return { amount: direct, next: i + 1 };
  if (t.norm === 'of') {
    const after = tokens[i + 1] === undefined ? undefined : VAGUE_SCALE.get(tokens[i + 1]!.norm);
    if (after !== undefined) return { amount: after, next: i + 2 };
  }
  return null;
}

/**
 * Number words, composed the way Arabic and English say them: units before tens in Arabic
 * ("خمسة وعشرون"), tens before units in English ("twenty five"), a multiplier after its count
 * ("ثلاثة آلاف", "two hundred"), and smaller parts joined by و / and after larger ones
 * ("مئة وخمسون", "two hundred and fifty"). Anything else ends the number: "ثلاثة وأربعة" is
 * two numbers, not seven.
 */
function readWords(tokens: readonly Token[], i: number, initialGroup: number): NumberReading | null {
  let total = 0;
  let group = initialGroup;
  let started = initialGroup > 0;
  let place = started ? 1 : Infinity;
  let lastArabicUnit = false;
  let lastEnglishTen = false;
  let j = i;
  for (;;) {
    const t = tokens[j];
    if (t === undefined) break;
    let entry = WORDS.get(t.norm);
    let step = 1;
    let joined = entry?.conj ?? false;
    if (entry === undefined && started && (t.norm === 'و' || t.norm === 'and')) {
      const after = tokens[j + 1] === undefined ? undefined : WORDS.get(tokens[j + 1]!.norm);
      if (after !== undefined && !after.conj) {
        entry = after;
        joined = true;
        step = 2;
      }
    }
    if (entry === undefined) break;
    const w = entry.word;
    if (!started) {
      if (w.onlyAfterNumber) return null;
    } else if (joined) {
      if (!(w.value < place || (lastArabicUnit && w.form === 'ten'))) break;
    } else {
      const teen = w.form === 'teen' && lastArabicUnit;
      const multiply = w.multiplies && group > 0;
      const englishCompound = lastEnglishTen && !w.arabic && w.form === 'unit' && w.value < 10;
      if (!teen && !multiply && !englishCompound) break;
    }

    if (started && !joined && w.multiplies && group > 0) {
      if (w.form === 'hundred') {
        group *= w.value;
        place = 100;
      } else {
        total += group * w.value;
        group = 0;
        place = w.value === 12 ? 10 : w.value;
      }
    } else if (w.form === 'scale') {
      total += group === 0 ? w.value : group * w.value;
      group = 0;
      place = placeOf(w.value);
    } else {
      group += w.value;
      place = placeOf(w.value);
    }
    lastArabicUnit = w.arabic && w.form === 'unit';
    lastEnglishTen = !w.arabic && w.form === 'ten';
    started = true;
    j += step;
  }
  if (!started) return null;
  return { value: total + group, vague: null, next: j };
}
