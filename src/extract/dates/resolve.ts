import { dateOfDay, dayNumber, daysInMonth, isValidDate, weekdayOfDay } from './calendar.js';
import type { Direction, MonthPart, Unit } from './date-words.js';

/** A stretch of days (day numbers, inclusive) with ACLED's precision. */
export interface Period {
  start: number;
  end: number;
  precision: 1 | 2 | 3;
  /** Starts after publication: a plan or a forecast, not an event date. */
  future: boolean;
}

/** What a written date says before it is placed against the publication date. */
export interface DateParts {
  day: number | null;
  month: number;
  year: number | null;
  /** "من العام الماضي": the year relative to publication. */
  yearOffset: number | null;
  direction: Direction | null;
  part: MonthPart | null;
}

/** 1 for a day, 2 within a week, 3 longer; never finer than `atLeast`. */
export function precisionOf(start: number, end: number, atLeast: 1 | 2 | 3 = 1): 1 | 2 | 3 {
  const days = end - start;
  const p = days <= 0 ? 1 : days <= 6 ? 2 : 3;
  return p > atLeast ? p : atLeast;
}

export function period(start: number, end: number, pub: number | null, atLeast: 1 | 2 | 3 = 1): Period {
  return { start, end, precision: precisionOf(start, end, atLeast), future: pub !== null && start > pub };
}

/**
 * A stretch that contains the day of publication ends there: a report cannot tell of days
 * after its own ("في حزيران" published on 5 June means 1-5 June).
 */
export function clampToPublication(p: Period, pub: number | null): Period {
  if (pub === null || p.start > pub || p.end <= pub) return p;
  return { ...p, end: pub };
}

function partRange(year: number, month: number, part: MonthPart | null): [number, number] {
  const last = daysInMonth(year, month);
  if (part === 'early') return [dayNumber(year, month, 1), dayNumber(year, month, 10)];
  if (part === 'mid') return [dayNumber(year, month, 11), dayNumber(year, month, 20)];
  if (part === 'late') return [dayNumber(year, month, 21), dayNumber(year, month, last)];
  return [dayNumber(year, month, 1), dayNumber(year, month, last)];
}

/**
 * Places a date that may lack its year: the most recent such date not after publication, the
 * next one after it for "المقبل/next", and for a month "الماضي" a month before the current one.
 * Returns null when the year cannot be known (no publication date) or the day does not exist.
 */
export function resolveParts(parts: DateParts, pub: number | null): Period | null {
  const { day, month, part } = parts;
  let year = parts.year;
  if (year === null) {
    if (pub === null) return null;
    const now = dateOfDay(pub);
    if (parts.yearOffset !== null) {
      year = now.year + parts.yearOffset;
    } else {
      year = now.year;
      const startIn = (y: number): number => (day === null ? dayNumber(y, month, 1) : dayNumber(y, month, Math.min(day, daysInMonth(y, month))));
      if (parts.direction === 'next') {
        if (startIn(year) <= pub) year++;
      } else if (parts.direction === 'current') {
        // "أيار الجاري": this year's.
      } else if (parts.direction === 'past' && day === null) {
        if (month >= now.month) year--;
      } else if (startIn(year) > pub) {
        year--;
      }
    }
  }
  if (day !== null) {
    if (!isValidDate(year, month, day)) return null;
    const n = dayNumber(year, month, day);
    return period(n, n, pub);
  }
  if (month < 1 || month > 12) return null;
  const [start, end] = partRange(year, month, part);
  return clampToPublication(period(start, end, pub, 3), pub);
}

/** A whole year or a part of it ("مطلع العام": its first third). */
export function yearPeriod(year: number, part: MonthPart | null, pub: number | null): Period {
  const ranges: Record<MonthPart, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] };
  const [m1, m2] = part === null ? [1, 12] : ranges[part];
  const start = dayNumber(year, m1, 1);
  const end = dayNumber(year, m2, daysInMonth(year, m2));
  return clampToPublication(period(start, end, pub, 3), pub);
}

/** Weekday wd (0 Sunday): on or before publication; strictly before for "الماضي"; after for "المقبل". */
export function resolveWeekday(wd: number, direction: Direction | null, pub: number): number {
  const today = weekdayOfDay(pub);
  if (direction === 'next') {
    const ahead = (wd - today + 7) % 7;
    return pub + (ahead === 0 ? 7 : ahead);
  }
  const back = (today - wd + 7) % 7;
  return pub - (back === 0 && direction === 'past' ? 7 : back);
}

/** "الأسبوع الماضي", "this month", "next year": a calendar unit relative to publication. */
export function unitPeriod(unit: Unit, direction: Direction, part: MonthPart | null, pub: number): Period | null {
  const now = dateOfDay(pub);
  const step = direction === 'past' ? -1 : direction === 'next' ? 1 : 0;
  if (unit === 'week') {
    // The seven days before publication, rather than a calendar week: whether weeks start on
    // Saturday, Sunday or Monday depends on the writer.
    if (step < 0) return period(pub - 7, pub - 1, pub, 2);
    if (step > 0) return period(pub + 1, pub + 7, pub, 2);
    return period(pub - 6, pub, pub, 2);
  }
  if (unit === 'month') {
    let y = now.year;
    let m = now.month + step;
    if (m < 1) { m = 12; y--; }
    if (m > 12) { m = 1; y++; }
    const [start, end] = partRange(y, m, part);
    return clampToPublication(period(start, end, pub, 3), pub);
  }
  if (unit === 'year') return yearPeriod(now.year + step, part, pub);
  if (unit === 'day') return period(pub + step, pub + step, pub);
  return null;
}

const UNIT_DAYS: Record<Unit, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };

/** "الأيام الماضية", "the past 24 hours", "خلال الأسبوعين الماضيين": up to publication. */
export function recentPeriod(unit: Unit, count: number | null, pub: number): Period {
  const fallback: Record<Unit, number> = { hour: 1, day: 6, week: 27, month: 89, year: 364 };
  const span = count === null ? fallback[unit] : Math.max(1, Math.ceil(count * UNIT_DAYS[unit]));
  return period(pub - span, pub, pub, 2);
}

/** "منذ ثلاثة أيام", "two weeks ago": a point that far back, as exact as the unit allows. */
export function agoPeriod(unit: Unit, count: number | null, pub: number): Period | null {
  if (unit === 'hour') {
    const days = count === null ? 1 : Math.ceil(count / 24);
    return period(pub - days, pub, pub, 2);
  }
  if (unit === 'day') {
    if (count === null) return period(pub - 6, pub - 1, pub, 2);
    return period(pub - count, pub - count, pub);
  }
  if (unit === 'week') {
    if (count === null) return period(pub - 27, pub - 7, pub, 3);
    const centre = pub - 7 * count;
    return period(centre - 3, Math.min(centre + 3, pub), pub, 2);
  }
  if (unit === 'month') {
    if (count === null) return null;
    const centre = pub - 30 * count;
    return period(centre - 15, Math.min(centre + 15, pub), pub, 3);
  }
  return null;
}
