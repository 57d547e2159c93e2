/**
 * Calendar arithmetic in UTC on day numbers (days since 1970-01-01). Dates in Marsad are
 * calendar days, not instants: no local time zone may shift them, so nothing here reads one.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : MONTH_LENGTHS[month - 1]!;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Day number of a date the caller knows to be valid. */
export function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Civil date of a day number, by integer arithmetic (H. Hinnant's days-to-civil). */
export function dateOfDay(n: number): YearMonthDay {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isoOfDay(n: number): string {
  const { year, month, day } = dateOfDay(n);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Day number of a YYYY-MM-DD string, or null when it is not one or not a real date. */
export function parseIsoDay(iso: string): number | null {
  const m = ISO_DAY.exec(iso);
  if (m === null) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidDate(year, month, day) ? dayNumber(year, month, day) : null;
}

function requireIsoDay(iso: string, what: string): number {
  const n = parseIsoDay(iso);
  if (n === null) throw new Error(`${what}: expected a date as YYYY-MM-DD, got ${JSON.stringify(iso)}`);
  return n;
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** 0 Sunday … 6 Saturday. Throws on a string that is not a YYYY-MM-DD date. */
export function weekdayOf(iso: string): number {
  return weekdayOfDay(requireIsoDay(iso, 'weekdayOf'));
}

export function addDays(iso: string, days: number): string {
  return isoOfDay(requireIsoDay(iso, 'addDays') + days);
}

/** Whole days from a to b (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return requireIsoDay(b, 'daysBetween') - requireIsoDay(a, 'daysBetween');
}
