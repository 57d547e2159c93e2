import type { SubEventType } from '../model/event.js';
import type { IncidentGrade } from '../store/types.js';
import type { ActorLabel, Label, ReportLang } from './types.js';

/**
 * The report's words in Arabic and English, and number and date formatting. Arabic uses
 * Arabic-Indic digits everywhere (numbers, dates, the chart) and Levantine month names
 * (ar-SY); identifiers (incident ids, URLs) stay in Latin script.
 */

const LOCALE: Record<ReportLang, string> = { ar: 'ar-SY-u-nu-arab', en: 'en-GB' };

export interface Formatters {
  lang: ReportLang;
  num(n: number, maxFractionDigits?: number): string;
  /** 5 June 2019 / ٥ حزيران ٢٠١٩ */
  day(iso: string): string;
  /** 5 Jun / ٥ حزيران */
  shortDay(iso: string): string;
  /** Wednesday 5 June 2019 */
  longDay(iso: string): string;
  range(r: { start: string; end: string }): string;
  dateTime(iso: string): string;
}

function utc(iso: string): Date {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
}

export function formatters(lang: ReportLang): Formatters {
  const locale = LOCALE[lang];
  const numbers = new Map<number, Intl.NumberFormat>();
  const day = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const short = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' });
  const f: Formatters = {
    lang,
    num(n, maxFractionDigits = 0) {
      let nf = numbers.get(maxFractionDigits);
      if (nf === undefined) {
        nf = new Intl.NumberFormat(locale, { maximumFractionDigits: maxFractionDigits });
        numbers.set(maxFractionDigits, nf);
      }
      return nf.format(n);
    },
    day: (iso) => day.format(utc(iso)),
    shortDay: (iso) => short.format(utc(iso)),
    longDay: (iso) => long.format(utc(iso)),
    range: (r) => (r.start === r.end ? f.day(r.start) : `${f.day(r.start)} – ${f.day(r.end)}`),
    dateTime: (iso) => `${day.format(utc(iso))}${lang === 'ar' ? '، ' : ', '}${time.format(utc(iso))} UTC`,
  };
  return f;
}

export const TEXT = {
  en: {
    title: 'Daily situation report',
    agreement: 'Agreement',
    approximation: 'Approximate geometry',
    parties: 'Parties',
    guarantors: 'Guarantors',
    generated: 'Generated',
    summary: 'Summary',
    incidents: 'Incidents',
    fatalities: 'Fatalities',
    violations: 'Violations',
    controlChanges: 'Changes of control',
    postsAttacked: 'Posts attacked',
    crossings: 'Escalation alerts',
    discounted: (n: string) => `Discounted reports left out: ${n}.`,
    incidentsByZone: 'Incidents by zone',
    incidentsByArea: 'Incidents by area',
    outside: 'Outside the agreement zones',
    unlocated: 'Location unknown',
    unknownArea: 'Unknown area',
    place: 'Place',
    type: 'Type',
    actors: 'Actors',
    grade: 'Grade',
    sources: 'Sources',
    date: 'Date',
    evidence: 'Evidence',
    noIncidents: 'No incidents recorded for this day.',
    violationsByParty: 'Violations by party and rule',
    party: 'Party',
    rule: 'Rule',
    count: 'Count',
    where: 'Zone or post',
    incident: 'Incident',
    noViolations: 'No violations recorded for this day.',
    from: 'From',
    to: 'To',
    since: 'When',
    contested: 'contested',
    noControl: 'No changes of control reported for this day.',
    escalation: 'Escalation index, past 30 days',
    index: 'Daily index',
    baseline: 'Baseline',
    threshold: 'Threshold',
    today: 'Today',
    crossed: 'Threshold crossed',
    notCrossed: 'Below threshold',
    noThreshold: 'No threshold configured',
    noEscalation: 'No escalation series for this day.',
    post: 'Post',
    heldBy: 'Held by',
    distance: 'Distance',
    km: 'km',
    noPosts: 'No observation posts attacked on this day.',
    sourcesList: 'Sources',
    documents: 'documents',
    citedBy: 'incidents',
    noSources: 'No sources.',
    unknown: 'unknown',
    footer: 'Automated first-pass coding by Marsad from open reports. Check every item against its sources before acting on it.',
    chartLabel: (area: string) => `Escalation index for ${area} over the past 30 days`,
  },
  ar: {
    title: 'تقرير الوضع اليومي',
    agreement: 'الاتفاق',
    approximation: 'حدود تقريبية',
    parties: 'الأطراف',
    guarantors: 'الضامنون',
    generated: 'أُعدّ في',
    summary: 'الخلاصة',
    incidents: 'الحوادث',
    fatalities: 'القتلى',
    violations: 'الانتهاكات',
    controlChanges: 'تغيّرات السيطرة',
    postsAttacked: 'نقاط مراقبة استُهدفت',
    crossings: 'تنبيهات التصعيد',
    discounted: (n: string) => `بلاغات مستبعدة لم تُدرج: ${n}.`,
    incidentsByZone: 'الحوادث حسب المنطقة',
    incidentsByArea: 'الحوادث حسب المحافظة',
    outside: 'خارج مناطق الاتفاق',
    unlocated: 'موقع غير معروف',
    unknownArea: 'منطقة غير معروفة',
    place: 'المكان',
    type: 'النوع',
    actors: 'الأطراف الفاعلة',
    grade: 'درجة التحقق',
    sources: 'المصادر',
    date: 'التاريخ',
    evidence: 'الدليل',
    noIncidents: 'لم تُسجَّل حوادث في هذا اليوم.',
    violationsByParty: 'الانتهاكات حسب الطرف والقاعدة',
    party: 'الطرف',
    rule: 'القاعدة',
    count: 'العدد',
    where: 'المنطقة أو النقطة',
    incident: 'الحادثة',
    noViolations: 'لم تُسجَّل انتهاكات في هذا اليوم.',
    from: 'من',
    to: 'إلى',
    since: 'التاريخ',
    contested: 'متنازع عليه',
    noControl: 'لم يُبلَّغ عن تغيّر في السيطرة في هذا اليوم.',
    escalation: 'مؤشر التصعيد خلال الأيام الثلاثين الماضية',
    index: 'المؤشر اليومي',
    baseline: 'خط الأساس',
    threshold: 'العتبة',
    today: 'اليوم',
    crossed: 'تجاوز العتبة',
    notCrossed: 'دون العتبة',
    noThreshold: 'لا عتبة محددة',
    noEscalation: 'لا توجد سلسلة تصعيد لهذا اليوم.',
    post: 'النقطة',
    heldBy: 'بيد',
    distance: 'المسافة',
    km: 'كم',
    noPosts: 'لم تُستهدف أي نقطة مراقبة في هذا اليوم.',
    sourcesList: 'المصادر',
    documents: 'الوثائق',
    citedBy: 'الحوادث',
    noSources: 'لا مصادر.',
    unknown: 'غير معروف',
    footer: 'ترميز أولي آلي أعدّه «مرصد» من تقارير علنية. تحقّق من كل بند في مصادره قبل البناء عليه.',
    chartLabel: (area: string) => `مؤشر التصعيد في ${area} خلال الأيام الثلاثين الماضية`,
  },
} as const;

export type ReportText = (typeof TEXT)[ReportLang];

const SUB_EVENT_AR: Record<SubEventType, string> = {
  'Armed clash': 'اشتباك مسلح',
  'Government regains territory': 'استعادة القوات الحكومية السيطرة',
  'Non-state actor overtakes territory': 'سيطرة جهة غير حكومية',
  'Chemical weapon': 'سلاح كيميائي',
  'Air/drone strike': 'غارة جوية أو بطائرة مسيّرة',
  'Suicide bomb': 'تفجير انتحاري',
  'Shelling/artillery/missile attack': 'قصف مدفعي أو صاروخي',
  'Remote explosive/landmine/IED': 'عبوة ناسفة أو لغم',
  Grenade: 'قنبلة يدوية',
  'Sexual violence': 'عنف جنسي',
  Attack: 'اعتداء',
  'Abduction/forced disappearance': 'خطف أو إخفاء قسري',
  'Peaceful protest': 'احتجاج سلمي',
  'Protest with intervention': 'احتجاج مع تدخل',
  'Excessive force against protesters': 'قوة مفرطة ضد المحتجين',
  'Violent demonstration': 'مظاهرة عنيفة',
  'Mob violence': 'عنف جماعي',
  Agreement: 'اتفاق',
  Arrests: 'اعتقالات',
  'Change to group/activity': 'تغيّر في جماعة أو نشاط',
  'Disrupted weapons use': 'إحباط استخدام سلاح',
  'Headquarters or base established': 'إنشاء مقر أو قاعدة',
  'Looting/property destruction': 'نهب أو تدمير ممتلكات',
  'Non-violent transfer of territory': 'انتقال السيطرة دون قتال',
  Other: 'أخرى',
};

export function subEventLabel(s: SubEventType, lang: ReportLang): string {
  return lang === 'ar' ? SUB_EVENT_AR[s] : s;
}

const GRADE: Record<IncidentGrade, { en: string; ar: string }> = {
  confirmed: { en: 'confirmed by a party', ar: 'أكّده طرف' },
  'multiple-sources': { en: 'two or more sources', ar: 'مصدران أو أكثر' },
  'single-source': { en: 'single source', ar: 'مصدر واحد' },
  contested: { en: 'contested', ar: 'متنازع عليه' },
  discounted: { en: 'discounted', ar: 'مستبعد' },
};

export function gradeLabel(g: string, lang: ReportLang): string {
  const known = (GRADE as Record<string, { en: string; ar: string }>)[g];
  return known ? known[lang] : g;
}

/**
 * Names of the canonical actor ids (SPEC), used when the caller's catalogue does not name an
 * actor: facts, not data copied from elsewhere.
 */
export const BUILTIN_ACTOR_LABELS: ReadonlyMap<string, ActorLabel> = new Map(Object.entries({
  'syria-government-forces': { en: 'Military Forces of Syria', ar: 'قوات الحكومة السورية' },
  'syria-government': { en: 'Government of Syria', ar: 'الحكومة السورية' },
  'russia-military-forces': { en: 'Military Forces of Russia', ar: 'القوات الروسية' },
  russia: { en: 'Russia', ar: 'روسيا' },
  'turkey-military-forces': { en: 'Military Forces of Turkey', ar: 'القوات التركية' },
  turkey: { en: 'Turkey', ar: 'تركيا' },
  'iran-military-forces-and-militias': { en: 'Iranian forces and allied militias', ar: 'القوات الإيرانية والميليشيات الموالية' },
  iran: { en: 'Iran', ar: 'إيران' },
  hezbollah: { en: 'Hezbollah', ar: 'حزب الله' },
  hts: { en: "Hay'at Tahrir al-Sham", ar: 'هيئة تحرير الشام' },
  'syria-opposition': { en: 'Syrian opposition armed groups', ar: 'فصائل المعارضة السورية' },
  sna: { en: 'Syrian National Army', ar: 'الجيش الوطني السوري' },
  sdf: { en: 'Syrian Democratic Forces', ar: 'قوات سوريا الديمقراطية' },
  isis: { en: 'Islamic State', ar: 'تنظيم الدولة الإسلامية' },
  'us-led-coalition': { en: 'US-led coalition', ar: 'التحالف الدولي بقيادة الولايات المتحدة' },
  'israel-military-forces': { en: 'Military Forces of Israel', ar: 'القوات الإسرائيلية' },
  civilians: { en: 'Civilians', ar: 'مدنيون' },
  'civil-defense': { en: 'Civil Defence', ar: 'الدفاع المدني' },
  'unidentified-armed-group': { en: 'Unidentified armed group', ar: 'مجموعة مسلحة مجهولة' },
}));

/** The label in the report's language: Arabic when there is one, else English (or the id). */
export function labelText(l: Label, lang: ReportLang): string {
  return lang === 'ar' && l.ar ? l.ar : l.en;
}
