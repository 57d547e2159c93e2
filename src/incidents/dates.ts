import type { EventDate } from '../model/event.js';

/**
 * Calendar arithmetic on YYYY-MM-DD strings as whole UTC days, which is all incident matching
 * needs (event dates have no time of day).
 */

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

// A corpus names a few thousand distinct days many times over; parsing through Date is the
// costliest step of matching, so both directions are memoised (bounded, in case of a long run).
const MEMO_LIMIT = 100_000;
const toNumber = new Map<string, number | null>();
const toString = new Map<number, string>();

/** Days since 1970-01-01, or null when `s` is not a real YYYY-MM-DD date. */
export function dayNumber(s: string): number | null {
  let n = toNumber.get(s);
  if (n === undefined) {
    if (toNumber.size >= MEMO_LIMIT) toNumber.clear();
    n = parseDay(s);
    toNumber.set(s, n);
  }
  return n;
}

function parseDay(s: string): number | null {
  const m = ISO_DAY.exec(s);
  if (m === null) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return t / MS_PER_DAY;
}

export function dayString(n: number): string {
  let s = toString.get(n);
  if (s === undefined) {
    if (toString.size >= MEMO_LIMIT) toString.clear();
    s = new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
    toString.set(n, s);
  }
  return s;
}

export interface DayRange {
  start: number;
  end: number;
}

/** The range of an EventDate in day numbers; throws naming `what` when it is malformed. */
export function dayRange(date: EventDate, what: string): DayRange {
  const start = dayNumber(date.start);
  const end = dayNumber(date.end);
  if (start === null) throw new Error(`${what}: date.start ${JSON.stringify(date.start)} is not a YYYY-MM-DD date`);
  if (end === null) throw new Error(`${what}: date.end ${JSON.stringify(date.end)} is not a YYYY-MM-DD date`);
  if (end < start) throw new Error(`${what}: date.end ${date.end} is before date.start ${date.start}`);
  return { start, end };
}

/** Days between two ranges: 0 when they overlap, else the gap (1 = adjacent days). */
export function gapDays(a: DayRange, b: DayRange): number {
  if (a.start <= b.end && b.start <= a.end) return 0;
  return a.end < b.start ? b.start - a.end : a.start - b.end;
}

/** ACLED date precision from the length of a range: a day, within a week, or longer. */
export function precisionOf(r: DayRange): 1 | 2 | 3 {
  const len = r.end - r.start + 1;
  return len <= 1 ? 1 : len <= 7 ? 2 : 3;
}

export function formatRange(r: DayRange): string {
  return r.start === r.end ? dayString(r.start) : `${dayString(r.start)}..${dayString(r.end)}`;
}
