import { lexiconMap, normalisedMap, normalisedSet } from '../quantities/attached-forms.js';

/**
 * The words of dates, normalised (أ→ا، ة→ه، ى→ي) and lower-case. Month names come in the
 * Levantine/Iraqi series (كانون الثاني … كانون الأول), the Egyptian/Gulf one (يناير … ديسمبر,
 * with يونيه/يوليه), the Maghrebi one (جانفي، فيفري، أفريل، ماي، جوان، جويلية، أوت) and English;
 * Arabic reports often give two together, "5 حزيران/يونيو".
 */

export interface MonthWord {
  month: number;
  /**
   * Also an ordinary word (آب father, مارس practised, may, march): counts only beside a day, a
   * year, the other name of the same month, or a cue such as "في"/"شهر"/"الماضي".
   */
  ambiguous: boolean;
}

const MONTH_ROWS: readonly (readonly [string, number, boolean?])[] = [
  // Levantine / Iraqi; كانون and تشرين are two words, see MONTH_HEADS.
  ['شباط', 2], ['اذار', 3], ['نيسان', 4], ['ايار', 5], ['حزيران', 6], ['تموز', 7], ['اب', 8, true],
  ['ايلول', 9],
  // Egyptian / Gulf
  ['يناير', 1], ['فبراير', 2], ['مارس', 3, true], ['ابريل', 4], ['مايو', 5], ['يونيو', 6],
  ['يونيه', 6], ['يوليو', 7], ['يوليه', 7], ['اغسطس', 8], ['سبتمبر', 9], ['اكتوبر', 10],
  ['نوفمبر', 11], ['ديسمبر', 12],
  // Maghrebi
  ['جانفي', 1], ['فيفري', 2], ['افريل', 4], ['ماي', 5, true], ['جوان', 6], ['جويليه', 7],
  ['اوت', 8, true],
  // English, with the abbreviations news uses
  ['january', 1], ['february', 2], ['march', 3, true], ['april', 4], ['may', 5, true], ['june', 6],
  ['july', 7], ['august', 8], ['september', 9], ['october', 10], ['november', 11], ['december', 12],
  ['jan', 1, true], ['feb', 2, true], ['mar', 3, true], ['apr', 4, true], ['jun', 6, true],
  ['jul', 7, true], ['aug', 8, true], ['sep', 9, true], ['sept', 9, true], ['oct', 10, true],
  ['nov', 11, true], ['dec', 12, true],
];

export const MONTH_WORDS: ReadonlyMap<string, MonthWord> = lexiconMap<MonthWord>(
  MONTH_ROWS.map(([w, month, ambiguous]) => [w, { month, ambiguous: ambiguous === true }] as const),
  // "باب" is a door: short ambiguous names take no ب/ل.
  (_w, v) => ({ prepositions: !v.ambiguous }),
);

/** Two-word Levantine months: كانون الثاني (January), تشرين الأول (October) … */
export const MONTH_HEADS: ReadonlyMap<string, ReadonlyMap<string, number>> = lexiconMap(
  [
    ['كانون', normalisedMap([['الثاني', 1], ['ثاني', 1], ['الاول', 12], ['اول', 12]])],
    ['تشرين', normalisedMap([['الاول', 10], ['اول', 10], ['الثاني', 11], ['ثاني', 11]])],
  ],
  { prepositions: true },
);

/** 0 Sunday … 6 Saturday. */
export const WEEKDAY_WORDS: ReadonlyMap<string, number> = lexiconMap<number>([
  ['الاحد', 0], ['الاثنين', 1], ['الاتنين', 1], ['الثلاثاء', 2], ['الثلاثا', 2], ['الاربعاء', 3],
  ['الاربعا', 3], ['الخميس', 4], ['الجمعه', 5], ['السبت', 6],
  ['sunday', 0], ['monday', 1], ['tuesday', 2], ['wednesday', 3], ['thursday', 4], ['friday', 5],
  ['saturday', 6],
], { prepositions: true });

/** Days relative to publication: اليوم 0, أمس −1, غداً +1. */
export const DAY_OFFSET_WORDS: ReadonlyMap<string, number> = lexiconMap<number>([
  ['اليوم', 0], ['امس', -1], ['الامس', -1], ['البارحه', -1], ['غدا', 1],
  ['today', 0], ['yesterday', -1], ['tomorrow', 1], ['tonight', 0],
], { prepositions: true });

/** "اليوم التالي", "ذلك اليوم": اليوم that is some other day, not the day of publication. */
export const NOT_TODAY_AFTER: ReadonlySet<string> = normalisedSet([
  'التالي', 'نفسه', 'ذاته', 'الاول', 'الثاني', 'الثالث', 'الرابع', 'الخامس', 'الاخير', 'السابق',
  'الذي', 'العالمي', 'الوطني', 'الدولي',
]);
export const NOT_TODAY_BEFORE: ReadonlySet<string> = normalisedSet(['ذلك', 'ذات', 'نفس', 'تلك', 'ذاك', 'في', 'وفي']);

/**
 * Groups named after a date ("قوى 14 آذار", "حركة 6 أبريل", "ثورة 25 يناير"): before a written
 * day, the date is a name, not a time.
 */
export const NAMED_AFTER_DATE: ReadonlySet<string> = normalisedSet([
  'قوي', 'تحالف', 'فريق', 'حركه', 'تيار', 'كتله', 'جماعه', 'ثوره', 'انتفاضه', 'شباب', 'معسكر',
  'movement', 'alliance', 'bloc',
]);

export type Direction = 'past' | 'next' | 'current';

/** After a month, weekday or period: "نيسان الماضي", "الخميس المقبل", "الشهر الجاري". */
export const DIRECTION_AFTER: ReadonlyMap<string, Direction> = normalisedMap<Direction>([
  ...['الماضي', 'الماضيه', 'المنصرم', 'المنصرمه', 'الفائت', 'الفائته', 'السابق', 'السابقه', 'الاخير', 'الاخيره',
    'الماضيين', 'الماضيتين', 'الاخيرين', 'الاخيرتين', 'المنصرمين', 'الفائتين']
    .map((w) => [w, 'past'] as const),
  ...['المقبل', 'المقبله', 'القادم', 'القادمه', 'المقبلين', 'القادمين'].map((w) => [w, 'next'] as const),
  ...['الجاري', 'الجاريه', 'الحالي', 'الحاليه'].map((w) => [w, 'current'] as const),
]);

/** Before, in English: "last Wednesday", "next month", "this week". */
export const DIRECTION_BEFORE: ReadonlyMap<string, Direction> = normalisedMap<Direction>([
  ['last', 'past'], ['past', 'past'], ['previous', 'past'], ['next', 'next'], ['coming', 'next'],
  ['this', 'current'], ['هذا', 'current'], ['هذه', 'current'],
]);

/** Parts of a day before it in Arabic: "صباح اليوم", "فجر الثلاثاء", "ليل الاثنين". */
export const TIME_OF_DAY_BEFORE: ReadonlySet<string> = normalisedSet(
  ['صباح', 'صبيحه', 'مساء', 'فجر', 'ظهر', 'ظهيره', 'عصر', 'ليل', 'ضحي', 'منتصف']
    .flatMap((w) => [w, 'و' + w, 'ب' + w, 'ف' + w]),
);
/** "ليلة الجمعة": the night before that day. */
export const NIGHT_BEFORE: ReadonlySet<string> = normalisedSet(['ليله', 'وليله', 'بليله', 'فليله']);
/** Parts of a day after it in English: "Tuesday night", "yesterday morning". */
export const TIME_OF_DAY_AFTER: ReadonlySet<string> = normalisedSet(['morning', 'evening', 'night', 'afternoon', 'mornings']);
/** "يوم الأربعاء", "يومي السبت والأحد", "on Wednesday". */
export const DAY_NOUNS: ReadonlySet<string> = normalisedSet(['يوم', 'ويوم', 'بيوم', 'نهار', 'يومي', 'ويومي']);

export type MonthPart = 'early' | 'mid' | 'late';

/** "مطلع أيار", "أواخر الشهر الماضي", "early June", "the end of May". */
export const MONTH_PARTS: ReadonlyMap<string, MonthPart> = lexiconMap<MonthPart>([
  ['مطلع', 'early'], ['بدايه', 'early'], ['اوائل', 'early'], ['مستهل', 'early'],
  ['منتصف', 'mid'], ['اواسط', 'mid'], ['وسط', 'mid'],
  ['اواخر', 'late'], ['نهايه', 'late'], ['اخر', 'late'], ['ختام', 'late'],
  ['early', 'early'], ['beginning', 'early'], ['start', 'early'], ['mid', 'mid'], ['middle', 'mid'],
  ['late', 'late'], ['end', 'late'],
], { prepositions: true });

export type Unit = 'hour' | 'day' | 'week' | 'month' | 'year';

export interface UnitWord {
  unit: Unit;
  /** A dual carries its count: يومين 2. */
  count: number | null;
  plural: boolean;
  definite: boolean;
}

function units(unit: Unit, rows: string): [string, UnitWord][] {
  return rows.split(' ').map((entry) => {
    const [w, kind] = entry.split(':') as [string, string | undefined];
    return [w, { unit, count: kind === '2' ? 2 : null, plural: kind === 'p', definite: w.startsWith('ال') }];
  });
}

/** "ثلاثة أيام", "الأسبوع", "الأيام الماضية", "two days", "the past 24 hours". */
export const UNIT_WORDS: ReadonlyMap<string, UnitWord> = lexiconMap<UnitWord>([
  ...units('hour', 'ساعه ساعات:p الساعه الساعات:p ساعتين:2 الساعتين:2 ساعتان:2 hour hours:p'),
  ...units('day', 'يوم يوما ايام:p الايام:p يومين:2 اليومين:2 يومان:2 day days:p'),
  ...units('week', 'اسبوع اسبوعا اسابيع:p الاسبوع الاسابيع:p اسبوعين:2 الاسبوعين:2 week weeks:p'),
  ...units('month', 'شهر شهرا اشهر:p شهور:p الشهر الاشهر:p الشهور:p شهرين:2 الشهرين:2 month months:p'),
  ...units('year', 'عام عاما اعوام:p سنه سنوات:p العام السنه عامين:2 سنتين:2 year years:p'),
]);

/** "منذ 26 نيسان", "since", "ابتداءً من": the start of something still going on. */
export const SINCE_WORDS: ReadonlySet<string> = normalisedSet(['منذ', 'ومنذ', 'since']);
export const SINCE_PHRASES: readonly (readonly string[])[] = [
  ['ابتداء', 'من'], ['اعتبارا', 'من'], ['starting', 'from'], ['as', 'of'],
];
/** "قبل ثلاثة أيام", "ago". */
export const AGO_BEFORE: ReadonlySet<string> = normalisedSet(['قبل', 'منذ', 'ومنذ', 'وقبل']);
export const AGO_AFTER: ReadonlySet<string> = normalisedSet(['ago']);
/** "حتى 5 حزيران", "until", "لغاية". */
export const UNTIL_WORDS: ReadonlySet<string> = normalisedSet(['حتي', 'وحتي', 'لغايه', 'until', 'till', 'through']);
/** Open a stated range: "من 1 إلى 5 حزيران", "بين … و…", "from … to …". */
export const RANGE_OPENERS: ReadonlySet<string> = normalisedSet(['من', 'ومن', 'بين', 'وبين', 'from', 'between']);
/** Close one: "إلى", "حتى", "و", "to", "and". */
export const RANGE_JOINERS: ReadonlySet<string> = normalisedSet([
  'الي', 'حتي', 'وحتي', 'لغايه', 'ولغايه', 'و', '-', 'to', 'until', 'till', 'through', 'and',
]);
/** "حتى الآن", "until now": the end of a "since" is publication. */
export const NOW_WORDS: ReadonlySet<string> = normalisedSet(['الان', 'اليوم', 'now', 'today', 'present', 'date']);

/** Before a bare year: "عام 2019", "in 2019". */
export const YEAR_CUES: ReadonlySet<string> = normalisedSet([
  'عام', 'العام', 'سنه', 'السنه', 'لعام', 'بعام', 'منذ', 'ومنذ', 'حتي', 'in', 'since', 'during',
  'until', 'by',
]);

/** Before a month with no day, so that "نكسة حزيران" is not a date and "في حزيران" is. */
export const MONTH_CUES: ReadonlySet<string> = normalisedSet([
  'في', 'خلال', 'منذ', 'ومنذ', 'حتي', 'وحتي', 'شهر', 'الشهر', 'لشهر', 'بشهر', 'وفي', 'مطلع', 'اواخر', 'اوائل', 'منتصف',
  'بدايه', 'نهايه', 'اواسط', 'مستهل', 'من', 'الي', 'قبل', 'بعد', 'طيله', 'طوال',
  'in', 'since', 'during', 'until', 'till', 'of', 'early', 'mid', 'late', 'from', 'through',
  'throughout', 'last', 'next', 'this', 'before', 'after', 'by',
]);

/** "ليلة السبت - الأحد", "ليل الجمعة على السبت": the second weekday of a night. */
export const NIGHT_JOINERS: ReadonlySet<string> = normalisedSet(['علي', 'الي', 'و', 'to']);

/** Arabic ordinal days, which must be followed by "من" and a month: "الخامس من حزيران". */
export const ORDINAL_DAYS: ReadonlyMap<string, number> = lexiconMap<number>([
  ['الاول', 1], ['الحادي', 1], ['الثاني', 2], ['الثالث', 3], ['الرابع', 4], ['الخامس', 5],
  ['السادس', 6], ['السابع', 7], ['الثامن', 8], ['التاسع', 9], ['العاشر', 10], ['العشرين', 20],
  ['الثلاثين', 30],
], { prepositions: true });
/** The second word of a compound ordinal: "الحادي عشر", "الخامس والعشرين". */
export const ORDINAL_TENS: ReadonlyMap<string, number> = normalisedMap([
  ['عشر', 10], ['والعشرين', 20], ['والثلاثين', 30],
]);
