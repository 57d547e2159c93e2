/**
 * Expressions with two ends: "منذ 26 نيسان" (since, up to publication), "من 1 إلى 5 حزيران" and
 * "بين … و…" (ranges), "5-7 حزيران" / "June 5-7" (two days of one month). The first end is
 * placed as the latest such date not after the second ("من أيار حتى أيلول").
 */
import { readAnchor } from './anchors.js';
import { dateOfDay } from './calendar.js';
import { DateCursor } from './date-cursor.js';
import { NOW_WORDS, RANGE_JOINERS, SINCE_PHRASES, SINCE_WORDS, UNTIL_WORDS } from './date-words.js';
import { agoBefore } from './relative-dates.js';
import { period, resolveParts, type DateParts, type Period } from './resolve.js';
import { dateParts, dayAt, readMonth } from './written-dates.js';

export type ReadingKind = 'point' | 'since' | 'range' | 'until' | 'name';

/** A date expression read at a token, before it becomes a mention. */
export interface DateReading {
  /** 'name': a date that names something ("قوى 14 آذار"), skipped. */
  kind: ReadingKind;
  period: Period;
  /** Index of the first token after it. */
  next: number;
}

/** A "since" longer than this many days is precision 3, else 2. */
const SINCE_WEEK = 7;

/** Index after "منذ" / "since" / "ابتداءً من", or -1. */
export function sinceCue(r: DateCursor, i: number): number {
  if (SINCE_WORDS.has(r.n(i))) return i + 1;
  for (const phrase of SINCE_PHRASES) {
    let k = 0;
    while (k < phrase.length && r.n(i + k) === phrase[k]) k++;
    if (k === phrase.length) return i + k;
  }
  return -1;
}

/** "منذ 26 نيسان الماضي", "منذ ثلاثة أيام" (three days ago), "منذ … وحتى اليوم", "منذ … حتى 5 حزيران". */
export function readSince(r: DateCursor, i: number, j: number): DateReading | null {
  if (r.n(i) === 'منذ' || r.n(i) === 'ومنذ') {
    const ago = agoBefore(r, j);
    if (ago !== null) return { kind: 'point', period: ago.period, next: ago.next };
  }
  const a = readAnchor(r, j);
  if (a === null) return null;
  let next = a.next;
  const joiner = r.n(next);
  const plain = r.adjacent(r.tokens[next - 1], r.tokens[next]);
  if (plain && (UNTIL_WORDS.has(joiner) || (RANGE_JOINERS.has(joiner) && joiner !== 'و' && joiner !== 'and'))) {
    if (NOW_WORDS.has(r.n(next + 1))) {
      next += 2; // "وحتى الآن", "until today": the same as a bare since
    } else {
      const b = readAnchor(r, next + 1);
      // "منذ أيار وحتى أيلول": the start is the latest such date not after the end.
      const start = b === null ? null : a.absolute ? readAnchor(new DateCursor(r.tokens, b.period.end, r.norm, r.flags), j) : a;
      if (b !== null && start !== null && b.period.end >= start.period.start) {
        return { kind: 'range', period: period(start.period.start, b.period.end, r.pub), next: b.next };
      }
    }
  }
  const start = a.period.start;
  if (r.pub === null || start > r.pub) {
    return { kind: 'since', period: { ...a.period, precision: 3 }, next };
  }
  const end = r.pub;
  return { kind: 'since', period: { start, end, precision: end - start > SINCE_WEEK ? 3 : 2, future: false }, next };
}

/**
 * After "من"/"بين"/"from"/"between": two dates and a joiner. The first may be a bare day that
 * takes its month and year from the second ("من 1 إلى 5 حزيران").
 */
export function readRange(r: DateCursor, j: number): DateReading | null {
  const firstParts = dateParts(r, j, { monthOnlyCue: true });
  const firstAnchor = firstParts === null ? readAnchor(r, j) : null;
  const bareDay = firstParts === null && firstAnchor === null ? dayAt(r, j) : null;
  const afterFirst = firstParts?.next ?? firstAnchor?.next ?? bareDay?.next ?? -1;
  if (afterFirst < 0) return null;
  const k = secondStart(r, afterFirst);
  if (k < 0) return null;

  if (NOW_WORDS.has(r.n(k)) && firstAnchor === null && firstParts !== null) {
    const p = resolveParts(firstParts, r.pub);
    if (p === null || r.pub === null || p.start > r.pub) return null;
    return { kind: 'since', period: { start: p.start, end: r.pub, precision: r.pub - p.start > SINCE_WEEK ? 3 : 2, future: false }, next: k + 1 };
  }

  const secondParts = dateParts(r, k, { monthOnlyCue: true });
  let second: Period | null = null;
  let next = -1;
  if (secondParts !== null) {
    second = resolveParts(secondParts, r.pub);
    next = secondParts.next;
  } else {
    const b = readAnchor(r, k);
    if (b !== null) {
      second = b.period;
      next = b.next;
    }
  }
  if (second === null) return null;

  // The first date is the latest such date not after the second: "من أيار حتى أيلول".
  let first: Period | null;
  if (firstParts !== null) {
    first = resolveParts(inheritYear(firstParts, secondParts), second.end);
  } else if (firstAnchor !== null) {
    first = firstAnchor.period;
  } else {
    if (secondParts === null || secondParts.day === null) return null;
    first = firstDayOf(bareDay!.day, secondParts, second, r.pub);
  }
  if (first === null || first.start > second.end) return null;
  return { kind: 'range', period: period(first.start, second.end, r.pub), next };
}

/** Where the second date of a range starts: after "إلى"/"و"/"to"/a dash, or at "و5". */
function secondStart(r: DateCursor, k: number): number {
  const w = r.n(k);
  if (RANGE_JOINERS.has(w)) return k + 1;
  if (w.charCodeAt(0) === 0x648 && w.length > 1) return k; // "و5 حزيران", "والأحد"
  if (r.dashed(r.tokens[k - 1], r.tokens[k])) return k;
  return -1;
}

/** The second date's year for a first date written without one: "من 26 نيسان إلى 5 حزيران 2019". */
function inheritYear(first: DateParts, second: DateParts | null): DateParts {
  if (first.year !== null || first.yearOffset !== null || second === null) return first;
  if (second.year !== null) return { ...first, year: first.month > second.month ? second.year - 1 : second.year };
  return first;
}

/** "5-7 حزيران", "5 و7 يونيو", "June 5-7": two days of one month. */
export function readDayPair(r: DateCursor, i: number): DateReading | null {
  const month = readMonth(r, i);
  if (month !== null && month.latin) {
    const d1 = dayAt(r, month.next);
    if (d1 === null || d1.next !== month.next + 1) return null;
    const k = secondStart(r, d1.next);
    if (k < 0) return null;
    const d2 = dayAt(r, k);
    if (d2 === null) return null;
    const year = r.yearValue(d2.next);
    const parts: DateParts = { day: d2.day, month: month.month, year, yearOffset: null, direction: null, part: null };
    const b = resolveParts(parts, r.pub);
    const a = b === null ? null : firstDayOf(d1.day, parts, b, r.pub);
    if (a === null || b === null || a.start >= b.start) return null;
    return { kind: 'range', period: period(a.start, b.end, r.pub), next: year === null ? d2.next : d2.next + 1 };
  }
  const d1 = dayAt(r, i);
  if (d1 === null || d1.next !== i + 1) return null;
  const k = secondStart(r, i + 1);
  if (k < 0) return null;
  const parts = dateParts(r, k);
  if (parts === null || parts.day === null) return null;
  const b = resolveParts(parts, r.pub);
  const a = b === null ? null : firstDayOf(d1.day, parts, b, r.pub);
  if (a === null || b === null || a.start >= b.start) return null;
  return { kind: 'range', period: period(a.start, b.end, r.pub), next: parts.next };
}

/**
 * The first day of "5-7 حزيران" / "من 28 إلى 3 حزيران": in the second day's month and year
 * (which the second day's own resolution chose), or in the month before when it is later.
 */
function firstDayOf(day: number, secondParts: DateParts, second: Period, pub: number | null): Period | null {
  const { year, month } = dateOfDay(second.start);
  const same = resolveParts({ ...secondParts, day, month, year }, pub);
  if (same !== null && same.start <= second.start) return same;
  const before = month === 1 ? { month: 12, year: year - 1 } : { month: month - 1, year };
  return resolveParts({ ...secondParts, day, ...before }, pub);
}

