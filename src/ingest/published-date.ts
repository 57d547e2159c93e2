import { normalise } from '../text/normalise.js';
import { ALL_MONTHS, ENGLISH_MONTHS, monthAlternation } from './months.js';

/**
 * Publication dates, as YYYY-MM-DD, from the three places a page carries one: its metadata,
 * its URL and a dated line near the top of its text. A day and month without a year is never
 * enough: guessing the year is the date resolver's job (with a --published override), not ours.
 */

export type PublishedFrom = 'metadata' | 'url' | 'text' | 'override';

export interface PublishedDate {
  /** YYYY-MM-DD */
  date: string;
  from: PublishedFrom;
}

/** A calendar date found in a normalise()d string; `year` is null when the text gave none. */
export interface TextDate {
  year: number | null;
  month: number;
  day: number;
  /** Offsets of the match in the string searched. */
  index: number;
  end: number;
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function validDay(year: number | null, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  if (month === 2 && day === 29 && year !== null) return isLeap(year);
  return day <= DAYS_IN_MONTH[month - 1]!;
}

/** YYYY-MM-DD, or null when the parts do not make a real date. */
export function formatDate(year: number, month: number, day: number): string | null {
  if (year < MIN_YEAR || year > MAX_YEAR || !validDay(year, month, day)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// --- dates in (normalised) text -------------------------------------------------------------

const MONTH = monthAlternation(ALL_MONTHS);
const EN_MONTH = monthAlternation(ENGLISH_MONTHS);
const NOT_LETTER_AFTER = '(?![\\p{L}])';
// "2019", "عام 2019", "سنه 2019" (normalise folds ة→ه); a trailing "م" (AD) is harmless.
const YEAR = '(?:\\s*[,،]?\\s*(?:(?:عام|سنه)\\s+)?(\\d{4})(?!\\d))?';

// Every written date has a digit, so the search walks digit runs and tries each shape anchored
// there (sticky regexes): no month alternation is ever tried at every position of the text.
const DIGITS = /\d+/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** At the day: "5 حزيران 2019", "5 يونيو / حزيران 2019", "5 حزيران (يونيو)", "5th of June 2019". */
const DAY_MONTH_YEAR = new RegExp(
  `(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:(?:من|of)\\s+)?(${MONTH})${NOT_LETTER_AFTER}` +
    `(?:\\s*[/(-]\\s*(?:${MONTH})${NOT_LETTER_AFTER}\\s*\\)?)?${YEAR}`,
  'uy',
);
/** Before the day: the English month of "June 5, 2019", "Jun. 5 2019", "June 5". */
const MONTH_BEFORE_DAY = new RegExp(`(?<![\\p{L}])(${EN_MONTH})\\.?\\s+$`, 'u');
/** At the day, after an English month: "5, 2019", "5th 2019", "5". */
const DAY_YEAR = new RegExp(`(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)${YEAR}`, 'uy');
/** At the year: "2019-06-05", "2019/6/5" (also the date part of "2019-06-05T10:00:00Z"). */
const YEAR_MONTH_DAY = /(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/y;
/** At the day: "05/06/2019", day first as Arab and European outlets write it. */
const DAY_MONTH_YEAR_NUMERIC = /(\d{1,2})([-/.])(\d{1,2})\2(\d{4})(?!\d)/y;

interface Parts {
  year: number | null;
  month: number;
  day: number;
  end: number;
}

function sticky(re: RegExp, s: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(s);
}

/** The date shapes that can start at (or, for "June 5", around) the digit run at `at`. */
function dateAt(norm: string, at: number, run: number): { parts: Parts; start: number } | null {
  if (run === 4) {
    const m = sticky(YEAR_MONTH_DAY, norm, at);
    return m ? { parts: { year: Number(m[1]), month: Number(m[3]), day: Number(m[4]), end: at + m[0].length }, start: at } : null;
  }
  if (run > 2) return null;
  let m = sticky(DAY_MONTH_YEAR_NUMERIC, norm, at);
  if (m) return { parts: { day: Number(m[1]), month: Number(m[3]), year: Number(m[4]), end: at + m[0].length }, start: at };
  m = sticky(DAY_MONTH_YEAR, norm, at);
  if (m) {
    const month = ALL_MONTHS.get(m[2]!.replace(/\s+/g, ' '));
    if (month !== undefined) {
      return { parts: { day: Number(m[1]), month, year: m[3] ? Number(m[3]) : null, end: at + m[0].length }, start: at };
    }
  }
  const before = MONTH_BEFORE_DAY.exec(norm.slice(Math.max(0, at - 12), at));
  if (before) {
    m = sticky(DAY_YEAR, norm, at);
    if (m) {
      const start = at - before[0].length;
      return { parts: { month: ENGLISH_MONTHS.get(before[1]!)!, day: Number(m[1]), year: m[2] ? Number(m[2]) : null, end: at + m[0].length }, start };
    }
  }
  return null;
}

/**
 * The first calendar date in a normalise()d string (Eastern digits already folded to ASCII,
 * Latin lower-cased). Dates that cannot exist (31 June) are skipped.
 */
export function findTextDate(norm: string, from = 0): TextDate | null {
  DIGITS.lastIndex = from;
  for (let d = DIGITS.exec(norm); d !== null; d = DIGITS.exec(norm)) {
    const at = d.index;
    // A number glued to letters ("f16", "2x") is not a date.
    if (at > 0 && LETTER_OR_DIGIT.test(norm.charAt(at - 1))) continue;
    const found = dateAt(norm, at, d[0].length);
    if (!found) continue;
    const { parts, start } = found;
    if (parts.year !== null && (parts.year < MIN_YEAR || parts.year > MAX_YEAR)) continue;
    if (!validDay(parts.year, parts.month, parts.day)) continue;
    DIGITS.lastIndex = 0;
    return { year: parts.year, month: parts.month, day: parts.day, index: start, end: parts.end };
  }
  return null;
}

// --- metadata --------------------------------------------------------------------------------

const ISO_PREFIX = /^\s*(\d{4})-?(\d{2})-?(\d{2})(?:$|[T\s_])/;

/**
 * A date from a metadata string: ISO 8601 ("2019-06-05T10:00:00+03:00" → the publisher's own
 * calendar day, not converted to UTC), RFC 2822 ("Wed, 05 Jun 2019 10:00:00 GMT"), or any
 * written form findTextDate reads. Null when there is no full date in it.
 */
export function dateFromMetadata(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const iso = ISO_PREFIX.exec(value);
  if (iso) return formatDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const found = findTextDate(normalise(value));
  return found && found.year !== null ? formatDate(found.year, found.month, found.day) : null;
}

// --- URL -------------------------------------------------------------------------------------

// /2019/06/05/ (also /2019/6/5/), 2019-06-05, 2019_06_05, /20190605/ — each bounded by a
// separator so article ids made of digits are not read as dates.
const URL_DATE = [
  /(?:^|[/_.=-])((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=$|[/?#_.-])/,
  /(?:^|[/_.=-])((?:19|20)\d{2})([-_])(\d{2})\2(\d{2})(?=$|[/?#_.-])/,
  /(?:^|[/_.=-])((?:19|20)\d{2})(\d{2})(\d{2})(?=$|[/?#_.-])/,
];

export function dateFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  // Only the path and query: a host name never carries the date.
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  for (const re of URL_DATE) {
    const m = re.exec(path);
    if (!m) continue;
    const parts = m.length === 5 ? [m[1], m[3], m[4]] : [m[1], m[2], m[3]];
    const date = formatDate(Number(parts[0]), Number(parts[1]), Number(parts[2]));
    if (date) return date;
  }
  return null;
}

// --- the text --------------------------------------------------------------------------------

/** How far into a text a dated line may be, and how many lines are looked at. */
const TOP_CHARS = 3000;
const TOP_LINES = 12;
/** A dated line is mostly date: at most this many other words once labels are removed. */
const MAX_OTHER_WORDS = 6;

// Words that sit beside a date on a dated line ("Published: Wednesday June 5, 2019 10:30 GMT").
const DATE_LINE_WORDS = new Set(
  [
    'الأحد', 'الإثنين', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت',
    'نشر', 'نشرت', 'نشر في', 'بتاريخ', 'تاريخ', 'التاريخ', 'آخر', 'اخر', 'تحديث', 'التحديث', 'في',
    'الساعة', 'ص', 'م', 'مساء', 'صباحا', 'بتوقيت', 'غرينتش',
    'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
    'sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat',
    'published', 'updated', 'posted', 'last', 'on', 'at', 'am', 'pm', 'gmt', 'utc', 'edt', 'est', 'bst', 'cet',
  ].map(normalise),
);

const WORD = /[\p{L}]+/gu;

function otherWords(norm: string, date: TextDate): number {
  const rest = norm.slice(0, date.index) + ' ' + norm.slice(date.end);
  let n = 0;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(rest); m !== null; m = WORD.exec(rest)) if (!DATE_LINE_WORDS.has(m[0])) n++;
  return n;
}

/** ASCII, Arabic-Indic or Persian digits: every written date has one. */
const HAS_DIGIT = /[0-9\u0660-\u0669\u06f0-\u06f9]/;

/** A wire dateline opening a paragraph: "DAMASCUS, June 5, 2019 (Reuters) - …". */
const DATELINE_TAIL = /^[^.!?؟\n]{0,25}?(?:\(|\s[-–—]\s|[–—])/;

/**
 * A line that is mostly a date ("الأربعاء 5 حزيران/يونيو 2019", "Published June 5, 2019 10:30
 * GMT"): its date as YYYY-MM-DD, or date null when it gives no year. Null when the line is not
 * a dated line (no date, or a date inside a sentence).
 */
export function readDatedLine(line: string): { date: string | null } | null {
  // Cheap tests first: this runs on the top lines of every document.
  if (line.length > 200 || !HAS_DIGIT.test(line)) return null;
  const norm = normalise(line);
  if (norm.length > 150) return null;
  const d = findTextDate(norm);
  if (!d || otherWords(norm, d) > MAX_OTHER_WORDS) return null;
  return { date: d.year === null ? null : formatDate(d.year, d.month, d.day) };
}

/**
 * The date of a dated line near the top of a flat text (see readDatedLine), or of a wire
 * dateline at the start of one of the first paragraphs ("DAMASCUS, June 5, 2019 (Reuters) -").
 * Dates inside body sentences are events, not publication.
 */
export function dateFromText(text: string): string | null {
  const top = text.length > TOP_CHARS ? text.slice(0, TOP_CHARS) : text;
  let seen = 0;
  for (const line of top.split('\n')) {
    if (line.trim().length === 0) continue;
    if (++seen > TOP_LINES) break;
    const dated = readDatedLine(line);
    if (dated?.date) return dated.date;
    if (dated === null && seen <= 3 && line.length > 150 && HAS_DIGIT.test(line.slice(0, 60))) {
      const norm = normalise(line.slice(0, 200));
      const d = findTextDate(norm.slice(0, 60));
      if (d && d.year !== null && DATELINE_TAIL.test(norm.slice(d.end))) {
        const date = formatDate(d.year, d.month, d.day);
        if (date) return date;
      }
    }
  }
  return null;
}

// --- resolution ------------------------------------------------------------------------------

export interface PublishedSources {
  /** A user's --published: wins over everything. */
  override?: string | null;
  /** What the container said (JSON field, HTML meta). */
  metadata?: string | null;
  url?: string | null;
  /** The date the text's header gives (TextHeader.published). */
  header?: string | null;
  /** The text, searched for a dated line near its top (dateFromText) only when nothing else dates it. */
  text?: string | null;
}

/** The publication date by precedence override > metadata > URL > header > text, and where it came from. */
export function resolvePublished(src: PublishedSources): PublishedDate | null {
  const candidates: ReadonlyArray<readonly [PublishedFrom, () => string | null]> = [
    ['override', () => dateFromMetadata(src.override)],
    ['metadata', () => dateFromMetadata(src.metadata)],
    ['url', () => dateFromUrl(src.url)],
    ['text', () => dateFromMetadata(src.header)],
    ['text', () => (src.text ? dateFromText(src.text) : null)],
  ];
  for (const [from, read] of candidates) {
    const date = read();
    if (date) return { date, from };
  }
  return null;
}
