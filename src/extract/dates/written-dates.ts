/**
 * Dates written out: "5 حزيران/يونيو 2019", "الخامس من حزيران", "في أيار الماضي", "June 5",
 * "5/6/2019", "عام 2019". A missing year is placed against publication (resolve.ts).
 */
import { dayNumber, isValidDate } from './calendar.js';
import { isPlainInt, MAX_YEAR, MIN_YEAR, type Anchor, type DateCursor } from './date-cursor.js';
import {
  DIRECTION_BEFORE,
  MONTH_CUES,
  MONTH_HEADS,
  MONTH_PARTS,
  MONTH_WORDS,
  ORDINAL_DAYS,
  ORDINAL_TENS,
  YEAR_CUES,
  type MonthPart,
} from './date-words.js';
import { period, resolveParts, yearPeriod, type DateParts } from './resolve.js';

/** Parts of a written date and the token after them. */
export interface PartsAt extends DateParts {
  next: number;
}

const ORDINAL_SUFFIX = /^(\d{1,2})(?:st|nd|rd|th)$/;
const DOTTED_DMY = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const DOTTED_YMD = /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/;

/** A written date at i, resolved: "5 حزيران/يونيو 2019", "في أيار الماضي", "June 5", "5/6/2019". */
export function absoluteAnchor(r: DateCursor, i: number): Anchor | null {
  const numeric = numericDate(r, i);
  if (numeric !== null) return numeric;
  const parts = dateParts(r, i);
  if (parts === null) return null;
  const p = resolveParts(parts, r.pub);
  return p === null ? null : { period: p, next: parts.next, absolute: true };
}

/** "5/6/2019", "2019-06-05", "05.06.2019": day before month unless the day cannot be one. */
export function numericDate(r: DateCursor, i: number): Anchor | null {
  const t = r.tokens[i];
  if (t === undefined) return null;
  const c = t.norm.charCodeAt(0);
  if (c < 48 || c > 57) return null;
  let ymd: [number, number, number] | null = null;
  let next = i + 1;
  const dmy = DOTTED_DMY.exec(t.norm);
  const ymdDot = DOTTED_YMD.exec(t.norm);
  if (dmy !== null) ymd = orderDayMonth(Number(dmy[3]), Number(dmy[1]), Number(dmy[2]));
  else if (ymdDot !== null) ymd = [Number(ymdDot[1]), Number(ymdDot[2]), Number(ymdDot[3])];
  else {
    const b = r.tokens[i + 1];
    const cTok = r.tokens[i + 2];
    if (b === undefined || cTok === undefined) return null;
    const sep1 = r.separator(t, b);
    const sep2 = r.separator(b, cTok);
    if (sep1 === null || sep2 === null || sep1 !== sep2) return null;
    if (!isPlainInt(t.norm) || !isPlainInt(b.norm) || !isPlainInt(cTok.norm)) return null;
    const x = Number(t.norm);
    const y = Number(b.norm);
    const z = Number(cTok.norm);
    if (t.norm.length === 4) ymd = [x, y, z];
    else if (cTok.norm.length === 4) ymd = orderDayMonth(z, x, y);
    next = i + 3;
  }
  if (ymd === null || ymd[0] < MIN_YEAR || ymd[0] > MAX_YEAR || !isValidDate(ymd[0], ymd[1], ymd[2])) return null;
  const d = dayNumber(ymd[0], ymd[1], ymd[2]);
  return { period: period(d, d, r.pub), next, absolute: true };
}

/**
 * Day? month (second name of the same month)? year? direction?: the written date's parts,
 * unresolved. A month with no day needs a cue ("في", "شهر", a year, "الماضي") to count.
 */
export function dateParts(r: DateCursor, i: number, opts: { monthOnlyCue?: boolean } = {}): PartsAt | null {
  let j = i;
  let day: number | null = null;
  let part: MonthPart | null = null;
  let cued = opts.monthOnlyCue === true || MONTH_CUES.has(r.n(i - 1));
  const w = r.n(j);

  const partWord = MONTH_PARTS.get(w);
  if (partWord !== undefined) {
    part = partWord;
    cued = true;
    j++;
    if (r.n(j) === 'of' || r.n(j) === 'من') j++;
  } else if (w === 'شهر' || w === 'لشهر' || w === 'بشهر' || w === 'وشهر') {
    cued = true;
    j++;
  } else {
    const d = dayAt(r, j);
    if (d !== null) {
      day = d.day;
      j = d.next;
    }
  }
  if (r.n(j) === 'شهر' && part !== null) j++; // "مطلع شهر أيار"

  const month = readMonth(r, j);
  if (month === null) return null;
  j = month.next;
  let paired = false;
  const second = readMonth(r, j);
  if (second !== null && second.month === month.month) {
    paired = true;
    j = second.next;
  }
  if (day === null && part === null && month.latin) {
    const d = englishDayAfterMonth(r, j);
    if (d !== null) {
      day = d.day;
      j = d.next;
    }
  }

  let year: number | null = null;
  let yearOffset: number | null = null;
  const yearAt = yearAfterMonth(r, j);
  if (yearAt !== null) {
    year = yearAt.year;
    yearOffset = yearAt.offset;
    j = yearAt.next;
  }
  const direction = year === null && yearOffset === null ? r.directionAfter(j) : null;
  if (direction !== null) j++;

  const hasContext = day !== null || year !== null || yearOffset !== null || direction !== null || paired;
  if (!hasContext && !cued) return null;
  if (month.ambiguous && !hasContext && !cued) return null;
  return { day, month: month.month, year, yearOffset, direction, part, next: j };
}

/** A day before its month: "5", "5th", "الخامس من", "الحادي عشر من". */
export function dayAt(r: DateCursor, i: number): { day: number; next: number } | null {
  let w = r.n(i);
  if (w.charCodeAt(0) === 0x648 && w.length <= 3) w = w.slice(1); // "و5": the second day of a pair
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    let v: number | null = null;
    if (w.length <= 2 && isPlainInt(w)) v = Number(w);
    else {
      const m = ORDINAL_SUFFIX.exec(w);
      if (m !== null) v = Number(m[1]);
    }
    if (v === null || v < 1 || v > 31) return null;
    let next = i + 1;
    if (r.n(next) === 'of' || (r.n(next) === 'من' && readMonth(r, next + 1) !== null)) next++;
    return { day: v, next };
  }
  if (w.startsWith('ال') && w.length <= 4 && isPlainInt(w.slice(2)) && r.n(i + 1) === 'من') {
    const v = Number(w.slice(2)); // "في الـ29 من آذار"
    return v >= 1 && v <= 31 ? { day: v, next: i + 2 } : null;
  }
  const unit = ORDINAL_DAYS.get(w);
  if (unit === undefined) return null;
  let day = unit;
  let j = i + 1;
  const tens = ORDINAL_TENS.get(r.n(j));
  if (tens !== undefined && unit < 10) {
    day = unit + tens;
    j++;
  } else if (w.endsWith('الحادي')) {
    return null;
  }
  if (r.n(j) !== 'من' || day > 31) return null;
  return { day, next: j + 1 };
}

/** "June 5", "June 5th", "June 5, 2019" — not "June 2019". */
function englishDayAfterMonth(r: DateCursor, i: number): { day: number; next: number } | null {
  const w = r.n(i);
  let v: number | null = null;
  if (w.length <= 2 && isPlainInt(w)) v = Number(w);
  else {
    const m = ORDINAL_SUFFIX.exec(w);
    if (m !== null) v = Number(m[1]);
  }
  if (v === null || v < 1 || v > 31) return null;
  return { day: v, next: i + 1 };
}

/** A month name at i (one or two words, with clitics): its number and where it ends. */
export function readMonth(r: DateCursor, i: number): { month: number; ambiguous: boolean; latin: boolean; next: number } | null {
  const w = r.n(i);
  if (w === '') return null;
  const single = MONTH_WORDS.get(w);
  if (single !== undefined) {
    const c = w.charCodeAt(0);
    return { month: single.month, ambiguous: single.ambiguous, latin: c >= 97 && c <= 122, next: i + 1 };
  }
  const head = MONTH_HEADS.get(w);
  if (head === undefined) return null;
  const month = head.get(r.n(i + 1));
  return month === undefined ? null : { month, ambiguous: false, latin: false, next: i + 2 };
}

/** "2019", "عام 2019", "من العام الماضي", "of last year", "this year". */
function yearAfterMonth(r: DateCursor, i: number): { year: number | null; offset: number | null; next: number } | null {
  let j = i;
  if (r.n(j) === 'عام' || r.n(j) === 'سنه' || r.n(j) === 'العام') {
    const y = r.yearValue(j + 1);
    if (y !== null) return { year: y, offset: null, next: j + 2 };
  }
  const y = r.yearValue(j);
  if (y !== null) return { year: y, offset: null, next: j + 1 };
  if (r.n(j) === 'من' || r.n(j) === 'of') j++;
  const w = r.n(j);
  if (w === 'العام' || w === 'السنه') {
    const d = r.directionAfter(j + 1);
    if (d === null) return null;
    return { year: null, offset: d === 'past' ? -1 : d === 'next' ? 1 : 0, next: j + 2 };
  }
  const d = DIRECTION_BEFORE.get(w);
  if (d !== undefined && r.n(j + 1) === 'year') return { year: null, offset: d === 'past' ? -1 : d === 'next' ? 1 : 0, next: j + 2 };
  return null;
}

/** "عام 2019", "في 2019" / "in 2019": a whole year. */
export function yearAnchor(r: DateCursor, i: number): Anchor | null {
  const w = r.n(i);
  let j = i;
  if (w === 'عام' || w === 'العام' || w === 'سنه' || w === 'السنه' || w === 'لعام' || w === 'بعام') j++;
  else if (!YEAR_CUES.has(r.n(i - 1))) return null;
  const y = r.yearValue(j);
  if (y === null) return null;
  return { period: yearPeriod(y, null, r.pub), next: j + 1, absolute: true };
}

/** a/b as written: day first (Arabic and British usage), month first only when b cannot be a month. */
function orderDayMonth(year: number, a: number, b: number): [number, number, number] | null {
  if (b <= 12 && a <= 31) return [year, b, a];
  if (a <= 12 && b <= 31) return [year, a, b];
  return null;
}
