/**
 * Dates relative to publication: اليوم، أمس، الأربعاء (الماضي)، ليلة السبت-الأحد، الأسبوع
 * الماضي، الأيام الأخيرة، منذ ثلاثة أيام، last week, three days ago. None without a publication day.
 */
import { readNumber } from '../quantities/arabic-numbers.js';
import type { Anchor, DateCursor } from './date-cursor.js';
import { absoluteAnchor, dayAt, readMonth } from './written-dates.js';
import {
  AGO_AFTER,
  DAY_NOUNS,
  DAY_OFFSET_WORDS,
  DIRECTION_BEFORE,
  MONTH_PARTS,
  NIGHT_BEFORE,
  NIGHT_JOINERS,
  NOT_TODAY_AFTER,
  NOT_TODAY_BEFORE,
  TIME_OF_DAY_AFTER,
  TIME_OF_DAY_BEFORE,
  UNIT_WORDS,
  WEEKDAY_WORDS,
  type Direction,
  type Unit,
} from './date-words.js';
import {
  agoPeriod,
  period,
  recentPeriod,
  resolveParts,
  resolveWeekday,
  unitPeriod,
  yearPeriod,
} from './resolve.js';

/** "السبت والأحد", "الجمعة والسبت والأحد" — not days a week apart. */
const MAX_PAIR_GAP = 2;

/** "صباح اليوم", "مساء أمس", "فجر الثلاثاء", "ليلة السبت-الأحد", "يوم الأربعاء". */
export function timeOfDay(r: DateCursor, i: number): Anchor | null {
  const w = r.n(i);
  if (NIGHT_BEFORE.has(w)) return night(r, i);
  if (!TIME_OF_DAY_BEFORE.has(w) && !DAY_NOUNS.has(w)) return null;
  let j = i + 1;
  if (TIME_OF_DAY_BEFORE.has(r.n(j))) j++; // "منتصف ليل الاثنين"
  if (w === 'ليل' || r.n(j - 1) === 'ليل') {
    const pair = weekdayPair(r, j);
    if (pair !== null) return { ...pair, range: false };
  }
  if (DAY_NOUNS.has(w)) {
    const pair = weekdayPair(r, j); // "يومي السبت والأحد"
    if (pair !== null) return pair;
  }
  const inner = absoluteAnchor(r, j) ?? weekday(r, j, null) ?? relativeDay(r, j);
  if (inner === null || inner.period.start !== inner.period.end) return null;
  return inner;
}

/** "ليلة الجمعة" is the night before Friday; "ليلة السبت-الأحد" names both days; "ليلة أمس" is last night. */
function night(r: DateCursor, i: number): Anchor | null {
  const pair = weekdayPair(r, i + 1);
  if (pair !== null) return { ...pair, range: false };
  const day = weekday(r, i + 1, null) ?? relativeDay(r, i + 1);
  if (day === null || day.period.start !== day.period.end) return null;
  const d = day.period.start;
  const relative = DAY_OFFSET_WORDS.has(r.n(i + 1));
  const [start, end] = relative ? [d, d + 1] : [d - 1, d];
  return { period: period(start, Math.min(end, Math.max(d, r.pub ?? d)), r.pub), next: day.next, absolute: false };
}

/** Two weekdays in a row: "السبت والأحد", "السبت - الأحد", "الجمعة على السبت". */
function weekdayPair(r: DateCursor, i: number): Anchor | null {
  const first = WEEKDAY_WORDS.get(r.n(i));
  if (first === undefined || r.pub === null) return null;
  let j = i + 1;
  if (NIGHT_JOINERS.has(r.n(j))) j++;
  const second = WEEKDAY_WORDS.get(r.n(j));
  // Only neighbouring days make one stretch: "الخميس والثلاثاء" are two separate days.
  if (second === undefined || (second - first + 7) % 7 === 0 || (second - first + 7) % 7 > MAX_PAIR_GAP) return null;
  let end = resolveWeekday(second, r.directionAfter(j + 1), r.pub);
  const gap = (second - first + 7) % 7;
  let start = end - gap;
  if (start > r.pub) { start -= 7; end -= 7; }
  const next = r.directionAfter(j + 1) === null ? j + 1 : j + 2;
  return { period: period(start, end, r.pub), next, absolute: false, range: true };
}

/** "الأربعاء", "الأربعاء الماضي", "Wednesday", "الأربعاء 5 يونيو" (then the written date wins). */
export function weekday(r: DateCursor, i: number, before: Direction | null): Anchor | null {
  const wd = WEEKDAY_WORDS.get(r.n(i));
  if (wd === undefined) return null;
  const written = absoluteAnchor(r, i + 1);
  if (written !== null && written.period.start === written.period.end) return written;
  if (r.pub === null) return null;
  const pair = before === null ? weekdayPair(r, i) : null;
  if (pair !== null) return pair;
  const after = r.directionAfter(i + 1);
  const direction = before ?? after;
  const day = resolveWeekday(wd, direction, r.pub);
  let next = after === null ? i + 1 : i + 2;
  if (TIME_OF_DAY_AFTER.has(r.n(next))) next++;
  return { period: period(day, day, r.pub), next, absolute: false };
}

/** "اليوم", "أمس", "أمس الأول", "أول أمس", "البارحة", "yesterday", "today". */
export function relativeDay(r: DateCursor, i: number): Anchor | null {
  const w = r.n(i);
  if (r.pub === null) return null;
  if ((w === 'اول' || w === 'واول') && (r.n(i + 1) === 'امس' || (r.n(i + 1) === 'من' && r.n(i + 2) === 'امس'))) {
    const d = r.pub - 2;
    return { period: period(d, d, r.pub), next: r.n(i + 1) === 'من' ? i + 3 : i + 2, absolute: false };
  }
  if (w === 'day' && r.n(i + 1) === 'before' && r.n(i + 2) === 'yesterday') {
    const d = r.pub - 2;
    return { period: period(d, d, r.pub), next: i + 3, absolute: false };
  }
  const offset = DAY_OFFSET_WORDS.get(w);
  if (offset === undefined) return null;
  let next = i + 1;
  let shift = offset;
  if (offset === 0 && w.endsWith('يوم')) {
    const after = r.n(i + 1);
    if (WEEKDAY_WORDS.has(after)) next++; // "اليوم الأربعاء"
    // "اليوم التالي", "ذلك اليوم", "اليوم الدامي", "في اليوم" (a day): some other day.
    else if (NOT_TODAY_AFTER.has(after) || after.startsWith('ال') || NOT_TODAY_BEFORE.has(r.n(i - 1))) return null;
  }
  if (offset === -1 && (r.n(i + 1) === 'الاول')) {
    shift = -2;
    next++;
  }
  if (offset !== 0 && WEEKDAY_WORDS.has(r.n(next))) next++; // "أمس الثلاثاء": one day, named twice
  if (TIME_OF_DAY_AFTER.has(r.n(next))) next++;
  const d = r.pub + shift;
  return { period: period(d, d, r.pub), next, absolute: false };
}

/** English direction first: "last Wednesday", "last week", "past few days", "next June", "last night". */
export function englishDirection(r: DateCursor, i: number): Anchor | null {
  const direction = DIRECTION_BEFORE.get(r.n(i));
  if (direction === undefined || r.pub === null) return null;
  const j = i + 1;
  const w = r.n(j);
  if (w === 'night' && direction === 'past') return { period: period(r.pub - 1, r.pub, r.pub), next: j + 1, absolute: false };
  if ((w === 'morning' || w === 'evening' || w === 'afternoon') && direction === 'current') {
    return { period: period(r.pub, r.pub, r.pub), next: j + 1, absolute: false };
  }
  const wd = weekday(r, j, direction);
  if (wd !== null) return wd;
  const month = readMonth(r, j);
  if (month !== null && direction !== 'current') {
    const p = resolveParts({ day: null, month: month.month, year: null, yearOffset: null, direction, part: null }, r.pub);
    return p === null ? null : { period: p, next: month.next, absolute: true };
  }
  const counted = countedUnit(r, j);
  if (counted === null) return null;
  const { unit, count, plural, next } = counted;
  if (!counted.said && !plural && count === null) {
    const p = unitPeriod(unit, direction, null, r.pub);
    return p === null ? null : { period: p, next, absolute: false };
  }
  if (direction !== 'past') return null;
  return { period: recentPeriod(unit, count, r.pub), next, absolute: false };
}

/**
 * "الأسبوع الماضي", "الشهر الجاري", "العام الماضي", "الأيام الماضية", "الأيام القليلة الأخيرة",
 * "الـ24 ساعة الماضية", "اليومين الماضيين", "هذا الأسبوع", "recent days".
 */
export function unitWithDirection(r: DateCursor, i: number): Anchor | null {
  if (r.pub === null) return null;
  let j = i;
  let direction: Direction | null = null;
  if (r.n(j) === 'هذا' || r.n(j) === 'هذه') {
    direction = 'current';
    j++;
  }
  if (r.n(j) === 'recent') {
    // "in recent days", "recent weeks"
    const unit = UNIT_WORDS.get(r.n(j + 1));
    if (unit !== undefined && unit.plural) return { period: recentPeriod(unit.unit, null, r.pub), next: j + 2, absolute: false };
    return null;
  }
  let count: number | null = null;
  const w = r.n(j);
  if (w === 'ال' || (w.startsWith('ال') && w.charCodeAt(2) >= 48 && w.charCodeAt(2) <= 57)) {
    // "الـ24 ساعة": the article written onto (or before) a number.
    const digits = w === 'ال' ? r.n(j + 1) : w.slice(2);
    const v = Number(digits);
    if (!Number.isInteger(v) || v <= 0 || !UNIT_WORDS.has(r.n(w === 'ال' ? j + 2 : j + 1))) return null;
    count = v;
    j += w === 'ال' ? 2 : 1;
  }
  const unit = UNIT_WORDS.get(r.n(j));
  if (unit === undefined) return null;
  if (count === null && !unit.definite && direction === null) return null;
  count ??= unit.count;
  j++;
  if (r.n(j) === 'القليله') j++; // "الأيام القليلة الماضية"
  const after = direction === null ? r.directionAfter(j) : null;
  if (after !== null) {
    direction = after;
    j++;
  }
  if (direction === null) return null;
  if (!unit.plural && count === null) {
    const p = unitPeriod(unit.unit, direction, null, r.pub);
    return p === null ? null : { period: p, next: j, absolute: false };
  }
  if (direction !== 'past') return null;
  return { period: recentPeriod(unit.unit, count, r.pub), next: j, absolute: false };
}

/** "three days ago", "a week ago", "days ago". */
export function agoAfter(r: DateCursor, i: number): Anchor | null {
  if (r.pub === null) return null;
  const counted = countedUnit(r, i);
  if (counted === null || !AGO_AFTER.has(r.n(counted.next))) return null;
  const p = agoPeriod(counted.unit, agoCount(counted), r.pub);
  return p === null ? null : { period: p, next: counted.next + 1, absolute: false };
}

/** After "منذ"/"قبل": "ثلاثة أيام", "يومين", "أسبوع", "أيام". */
export function agoBefore(r: DateCursor, i: number): Anchor | null {
  if (r.pub === null) return null;
  const counted = countedUnit(r, i);
  if (counted === null || counted.unit === 'year') return null;
  // "منذ شهر أيار", "منذ عام 2011", "قبل يوم الأربعاء": a date follows, so this is no length of time.
  const after = counted.next;
  if (readMonth(r, after) !== null || r.yearValue(after) !== null || WEEKDAY_WORDS.has(r.n(after))) return null;
  if (!counted.said && dayAt(r, after) !== null) return null; // "قبل يوم 5 حزيران"
  const p = agoPeriod(counted.unit, agoCount(counted), r.pub);
  return p === null ? null : { period: p, next: counted.next, absolute: false };
}

/** [number] unit: "ثلاثة أيام", "يومين", "24 hours", "a few days", "a week", "days". */
export function countedUnit(r: DateCursor, i: number): CountedUnit | null {
  let j = i;
  let count: number | null = null;
  let said = false;
  const w = r.n(j);
  if ((w === 'a' || w === 'an' || w === 'one') && UNIT_WORDS.has(r.n(j + 1))) {
    count = 1;
    said = true;
    j++;
  } else if (w === 'couple' || (w === 'a' && r.n(j + 1) === 'couple')) {
    j += w === 'a' ? 2 : 1;
    if (r.n(j) === 'of') j++;
    count = 2;
    said = true;
  } else if (w === 'few' || w === 'several' || w === 'عده' || w === 'بضعه' || (w === 'a' && r.n(j + 1) === 'few')) {
    j += w === 'a' ? 2 : 1;
    said = true;
  } else {
    const num = readNumber(r.tokens, j);
    if (num !== null && num.value !== null) {
      if (!Number.isInteger(num.value) || num.value <= 0) return null;
      count = num.value;
      said = true;
      j = num.next;
    }
  }
  const unit = UNIT_WORDS.get(r.n(j));
  if (unit === undefined || unit.definite) return null;
  if (said && count === 1 && unit.plural) return null;
  if (!said) count = unit.count;
  else if (count === null && !unit.plural) return null;
  return { unit: unit.unit, count, said, plural: unit.plural || (count !== null && count > 1), next: j + 1 };
}

/** "مطلع الشهر الجاري", "أواخر العام الماضي", "end of last month". */
export function monthPartAnchor(r: DateCursor, i: number): Anchor | null {
  const part = MONTH_PARTS.get(r.n(i));
  if (part === undefined || r.pub === null) return null;
  let j = i + 1;
  if (r.n(j) === 'of' || r.n(j) === 'من') j++;
  let direction: Direction | null = null;
  let unitWord = UNIT_WORDS.get(r.n(j));
  const year = unitWord?.unit === 'year' ? r.yearValue(j + 1) : null;
  if (year !== null) {
    // "مطلع العام 2012", "أواخر عام 2018": a part of a written year.
    return { period: yearPeriod(year, part, r.pub), next: j + 2, absolute: true };
  }
  if (unitWord === undefined) {
    direction = DIRECTION_BEFORE.get(r.n(j)) ?? null;
    unitWord = UNIT_WORDS.get(r.n(j + 1));
    if (direction === null || unitWord === undefined) return null;
    j += 2;
  } else {
    j++;
    direction = r.directionAfter(j);
    if (direction !== null) j++;
    else if (unitWord.definite) direction = 'current'; // "مطلع العام", "نهاية الشهر"
    else return null;
  }
  if (unitWord.plural || (unitWord.unit !== 'month' && unitWord.unit !== 'year')) return null;
  const p = unitPeriod(unitWord.unit, direction, part, r.pub);
  return p === null ? null : { period: p, next: j, absolute: false };
}

interface CountedUnit {
  unit: Unit;
  /** Written or carried by a dual; null for "days", "a few days", and a bare singular. */
  count: number | null;
  /** A number or amount was written before the unit. */
  said: boolean;
  plural: boolean;
  next: number;
}

/** "منذ أسبوع" is one week; "منذ أيام" some days. */
function agoCount(c: CountedUnit): number | null {
  return c.count ?? (c.said || c.plural ? null : 1);
}
