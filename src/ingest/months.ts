import { normalise } from '../text/normalise.js';

/**
 * Month names as they appear in news text, keyed by their normalise()d form so that matching
 * needs no per-document work: a text is normalised once and looked up here.
 *
 * Arabic has two month systems in everyday use: the Levantine/Iraqi (Syriac-derived) names and
 * the Egyptian/Gulf names transliterated from the Latin calendar. Syrian and Lebanese outlets
 * often print both ("حزيران/يونيو"), so both are listed.
 */
const ARABIC_MONTH_NAMES: ReadonlyArray<readonly [string, number]> = [
  // Levantine / Iraqi
  ['كانون الثاني', 1], ['كانون ثاني', 1],
  ['شباط', 2],
  ['آذار', 3],
  ['نيسان', 4],
  ['أيار', 5],
  ['حزيران', 6],
  ['تموز', 7],
  ['آب', 8],
  ['أيلول', 9],
  ['تشرين الأول', 10], ['تشرين أول', 10],
  ['تشرين الثاني', 11], ['تشرين ثاني', 11],
  ['كانون الأول', 12], ['كانون أول', 12],
  // Egyptian / Gulf (transliterated), with the common spelling variants
  ['يناير', 1],
  ['فبراير', 2],
  ['مارس', 3],
  ['أبريل', 4], ['إبريل', 4], ['ابريل', 4],
  ['مايو', 5],
  ['يونيو', 6], ['يونيه', 6],
  ['يوليو', 7], ['يوليه', 7],
  ['أغسطس', 8], ['اغسطس', 8],
  ['سبتمبر', 9],
  ['أكتوبر', 10],
  ['نوفمبر', 11],
  ['ديسمبر', 12],
];

const ENGLISH_MONTH_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['January', 1], ['Jan', 1],
  ['February', 2], ['Feb', 2],
  ['March', 3], ['Mar', 3],
  ['April', 4], ['Apr', 4],
  ['May', 5],
  ['June', 6], ['Jun', 6],
  ['July', 7], ['Jul', 7],
  ['August', 8], ['Aug', 8],
  ['September', 9], ['Sep', 9], ['Sept', 9],
  ['October', 10], ['Oct', 10],
  ['November', 11], ['Nov', 11],
  ['December', 12], ['Dec', 12],
];

function table(entries: ReadonlyArray<readonly [string, number]>): ReadonlyMap<string, number> {
  const m = new Map<string, number>();
  for (const [name, month] of entries) m.set(normalise(name), month);
  return m;
}

/** normalise()d Arabic month name → month number (1-12). */
export const ARABIC_MONTHS: ReadonlyMap<string, number> = table(ARABIC_MONTH_NAMES);

/** normalise()d (lower-case) English month name or abbreviation → month number (1-12). */
export const ENGLISH_MONTHS: ReadonlyMap<string, number> = table(ENGLISH_MONTH_NAMES);

/** Both tables; the keys never collide (different scripts). */
export const ALL_MONTHS: ReadonlyMap<string, number> = new Map([...ARABIC_MONTHS, ...ENGLISH_MONTHS]);

/** A regex alternation of every month key, longest first so "كانون الثاني" beats a prefix. */
export function monthAlternation(months: ReadonlyMap<string, number> = ALL_MONTHS): string {
  return [...months.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join('|');
}
