/**
 * Any date expression at a token, tried from the most specific reading to the least: a part of
 * a day ("فجر الثلاثاء"), a written date, a weekday, a day relative to publication, a stretch
 * ("الأسبوع الماضي", "last week"), "three days ago", a part of a month or year, a year.
 */
import type { Anchor, DateCursor } from './date-cursor.js';
import {
  agoAfter,
  englishDirection,
  monthPartAnchor,
  relativeDay,
  timeOfDay,
  unitWithDirection,
  weekday,
} from './relative-dates.js';
import { absoluteAnchor, yearAnchor } from './written-dates.js';


/** Any date expression at i. */
export function readAnchor(r: DateCursor, i: number): Anchor | null {
  return (
    timeOfDay(r, i) ??
    absoluteAnchor(r, i) ??
    weekday(r, i, null) ??
    relativeDay(r, i) ??
    englishDirection(r, i) ??
    unitWithDirection(r, i) ??
    agoAfter(r, i) ??
    monthPartAnchor(r, i) ??
    yearAnchor(r, i)
  );
}
