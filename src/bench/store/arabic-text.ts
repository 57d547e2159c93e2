import type { SubEventType } from '../../model/event.js';
import type { Rng } from './random.js';

/**
 * Arabic report sentences for synthetic events, written for this benchmark from small word
 * lists: one sentence that states the event (who, what, where, when, toll) and sometimes a
 * second that adds context, in the register of Syrian news sites. Slots: {a1} {a2} actors'
 * names, {p} the place phrase.
 */
const CORE: Readonly<Record<SubEventType, readonly string[]>> = {
  'Shelling/artillery/missile attack': [
    'قصفت {a1} بالمدفعية الثقيلة {p}',
    'استهدفت {a1} بقذائف الهاون أطراف {p}',
    'سقطت صواريخ أطلقتها {a1} على الأحياء السكنية في {p}',
    'تعرضت {p} لقصف صاروخي مصدره مواقع {a1}',
    'قصفت {a1} براجمات الصواريخ محيط {p}',
  ],
  'Air/drone strike': [
    'شنت طائرات {a1} غارات جوية على {p}',
    'استهدفت طائرة مسيرة تابعة لـ{a1} سيارة على الطريق قرب {p}',
    'نفذ الطيران الحربي التابع لـ{a1} سلسلة غارات على محيط {p}',
    'أغارت مقاتلات {a1} على مواقع في {p}',
  ],
  'Armed clash': [
    'اندلعت اشتباكات عنيفة بين {a1} و{a2} على محور {p}',
    'دارت مواجهات بالأسلحة الثقيلة بين {a1} و{a2} قرب {p}',
    'صدت {a2} محاولة تسلل نفذتها {a1} على جبهة {p}',
  ],
  'Government regains territory': [
    'استعادت {a1} السيطرة على {p} بعد معارك مع {a2}',
    'دخلت {a1} إلى {p} إثر انسحاب {a2} منها تحت وطأة القصف',
  ],
  'Non-state actor overtakes territory': [
    'سيطرت {a1} على {p} إثر هجوم واسع على مواقع {a2}',
    'تمكنت {a1} من انتزاع {p} من قبضة {a2}',
  ],
  'Chemical weapon': ['أفادت مصادر طبية بحالات اختناق بين المدنيين بعد قصف بمواد سامة نفذته {a1} على {p}'],
  'Suicide bomb': ['فجر انتحاري حزامه الناسف عند حاجز في {p}', 'اقتحم انتحاري بسيارة مفخخة مقراً في {p}'],
  'Remote explosive/landmine/IED': [
    'انفجرت عبوة ناسفة بسيارة عسكرية في {p}',
    'انفجر لغم أرضي من مخلفات الحرب بجرار زراعي قرب {p}',
    'انفجرت دراجة نارية مفخخة وسط السوق في {p}',
  ],
  Grenade: ['ألقى مجهولون قنبلة يدوية على منزل في {p}', 'انفجرت قنبلة يدوية ألقيت على محل تجاري في {p}'],
  'Sexual violence': ['وثقت منظمات حقوقية انتهاكات بحق نساء على يد عناصر من {a1} في {p}'],
  Attack: [
    'أقدم مسلحون من {a1} على قتل مدني بالرصاص في {p}',
    'هاجمت {a1} منازل المدنيين في {p}',
    'أطلق عناصر من {a1} النار على سيارة مدنية عند مدخل {p}',
  ],
  'Abduction/forced disappearance': [
    'اختطفت {a1} عدداً من المدنيين في {p} واقتادتهم إلى جهة مجهولة',
    'اعتقلت {a1} شاباً من أهالي {p} ولا يزال مصيره مجهولاً',
  ],
  'Peaceful protest': [
    'خرج العشرات من أهالي {p} في مظاهرة سلمية',
    'تظاهر أهالي {p} للمطالبة بالإفراج عن المعتقلين',
    'نظم ناشطون وقفة احتجاجية في {p} رفضاً للتصعيد',
  ],
  'Protest with intervention': ['فرقت {a2} مظاهرة لأهالي {p} واعتقلت عدداً من المشاركين فيها'],
  'Excessive force against protesters': ['أطلقت {a2} الرصاص الحي على متظاهرين في {p}'],
  'Violent demonstration': ['أحرق محتجون غاضبون إطارات وقطعوا الطريق الرئيسي في {p}'],
  'Mob violence': ['هاجم حشد غاضب من الأهالي مقراً أمنياً في {p}'],
  Agreement: ['توصلت {a1} و{a2} إلى اتفاق لوقف إطلاق النار في {p}', 'أبرمت {a1} و{a2} اتفاق تسوية يشمل {p}'],
  Arrests: ['شنت {a1} حملة دهم واعتقالات في {p}', 'اعتقلت دورية تابعة لـ{a1} عدداً من الشبان في {p}'],
  'Change to group/activity': ['أعلنت {a1} إعادة هيكلة تشكيلاتها العسكرية في {p}'],
  'Disrupted weapons use': [
    'فككت {a1} عبوة ناسفة قبل انفجارها في {p}',
    'أسقطت {a1} طائرة مسيرة مجهولة فوق {p}',
  ],
  'Headquarters or base established': ['أنشأت {a1} نقطة عسكرية جديدة قرب {p}', 'استقدمت {a1} تعزيزات وأقامت قاعدة في {p}'],
  'Looting/property destruction': [
    'أقدمت عناصر {a1} على نهب ممتلكات الأهالي في {p}',
    'أضرمت {a1} النار في محاصيل زراعية قرب {p}',
  ],
  'Non-violent transfer of territory': ['انسحبت {a2} من {p} وسلمت مواقعها لـ{a1} دون قتال'],
  Other: ['رصدت مصادر محلية تحركات عسكرية لـ{a1} في {p}'],
};

const WHEN = ['صباح اليوم', 'مساء أمس', 'فجر اليوم', 'ظهر اليوم', 'ليل أمس'];
const DAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const SIDES = ['الشمالي', 'الجنوبي', 'الشرقي', 'الغربي', 'الشمالي الغربي', 'الجنوبي الشرقي'];

const TOLL_DEAD = ['ما أدى إلى مقتل {n} مدنيين', 'ما أسفر عن سقوط {n} قتلى', 'وقتل {n} أشخاص بينهم أطفال'];
const TOLL_HURT = ['وأصيب {n} آخرون بجروح', 'وأسفر عن إصابة {n} بجروح متفاوتة'];
const TOLL_NONE = ['ولم ترد أنباء عن إصابات', 'واقتصرت الأضرار على الماديات'];

const FOLLOW = [
  'وقال مراسل محلي إن {a1} استقدمت تعزيزات إضافية إلى المنطقة.',
  'وتأتي هذه التطورات في ظل تصعيد متواصل تشهده المنطقة منذ أسابيع.',
  'وعملت فرق الدفاع المدني على انتشال الضحايا من تحت الأنقاض.',
  'ونقلت مصادر طبية الجرحى إلى مستشفى ميداني قريب.',
  'وشهدت المنطقة حركة نزوح للأهالي نحو المناطق الأكثر أمناً.',
];

const LEAD = ['وفي سياق متصل،', 'من جهة أخرى،', 'إلى ذلك،', 'وبحسب المصادر ذاتها،', 'وفي تطور لاحق،', 'ميدانياً،'];
/** Who says it, and whether the verb before it is feminine (broken plurals of things are). */
const WHO: readonly (readonly [string, boolean])[] = [
  ['ناشطون محليون', false], ['مصادر ميدانية', true], ['مراسلون في المنطقة', false], ['سكان من المنطقة', false],
  ['مصادر حقوقية', true], ['مصادر عسكرية', true], ['الدفاع المدني', false], ['منظمات إغاثية', true],
];
/** Verbs of saying: masculine, feminine (a verb before its subject stays singular). */
const SAID: readonly (readonly [string, string])[] = [
  ['أشار إلى', 'أشارت إلى'], ['تحدث عن', 'تحدثت عن'], ['وثق', 'وثقت'], ['نقل أنباء عن', 'نقلت أنباء عن'],
  ['أكد', 'أكدت'], ['حذر من', 'حذرت من'],
];
const WHAT = [
  'حركة نزوح واسعة نحو المخيمات الحدودية', 'استمرار التحليق المكثف لطيران الاستطلاع',
  'ارتفاع أسعار المواد الغذائية والمحروقات في الأسواق', 'انقطاع الكهرباء والمياه عن عدة أحياء',
  'وصول تعزيزات عسكرية إلى خطوط التماس', 'تضرر عدد من المدارس والمرافق الصحية',
  'إغلاق الطرق الرئيسية بين القرى', 'تعليق الدوام في المدارس خوفاً من القصف',
  'توقف عمل الأفران بسبب نقص الطحين', 'عودة بعض العائلات إلى منازلها رغم المخاطر',
  'مخاوف من تجدد المعارك مع اقتراب فصل الشتاء', 'نداءات من المنظمات الإنسانية لإدخال المساعدات',
  'انتشار الحواجز الأمنية على مداخل البلدات', 'نقص حاد في الأدوية والمستلزمات الطبية',
  'تراجع حركة العبور على المعابر', 'استهداف الأراضي الزراعية ومنع المزارعين من الوصول إليها',
  'حملة تجنيد إجباري في صفوف الشبان', 'اكتظاظ المخيمات بالنازحين الجدد',
];
const WHERE_EXTRA = ['في المنطقة', 'في القرى المجاورة', 'على خطوط الجبهة', 'في المدينة وريفها', 'خلال الساعات الماضية'];

export interface PlaceWords {
  /** The town or village as named. */
  nameAr: string;
  /** Its governorate. */
  admin1Ar: string;
  /** True for the town itself; false for a spot in its countryside. */
  isTown: boolean;
}

function fill(template: string, a1: string, a2: string, place: string): string {
  return template.replaceAll('{a1}', a1).replaceAll('{a2}', a2).replaceAll('{p}', place);
}

function placePhrase(p: PlaceWords, rng: Rng): string {
  if (p.isTown) return rng.chance(0.5) ? `${p.nameAr} في ريف ${p.admin1Ar} ${rng.pick(SIDES)}` : p.nameAr;
  // nameAr of a countryside site is already "ريف X" / "بادية X".
  return rng.chance(0.5) ? `قرية في ${p.nameAr}` : `${p.nameAr} ${rng.pick(SIDES)}`;
}

function count(template: string, n: number): string {
  return template.replace('{n}', String(n));
}

/** The evidence of one event: a sentence, and sometimes a second (about 35%). */
export function evidenceText(
  sub: SubEventType, a1: string, a2: string, place: PlaceWords, dead: number | null, hurt: number | null, rng: Rng,
): string {
  let s = fill(rng.pick(CORE[sub]), a1, a2, placePhrase(place, rng));
  s += rng.chance(0.5) ? ` ${rng.pick(WHEN)}` : ` يوم ${rng.pick(DAYS)}`;
  if (dead !== null && dead > 0) s += `، ${count(rng.pick(TOLL_DEAD), dead)}`;
  if (hurt !== null && hurt > 0) s += ` ${count(rng.pick(TOLL_HURT), hurt)}`;
  if (dead === 0 && hurt === 0) s += `، ${rng.pick(TOLL_NONE)}`;
  s += '.';
  if (rng.chance(0.35)) s += ` ${fill(rng.pick(FOLLOW), a1, a2, place.nameAr)}`;
  return s;
}

/** A context sentence of the report that states no event. */
export function fillerSentence(rng: Rng): string {
  const [who, fem] = rng.pick(WHO);
  const said = rng.pick(SAID)[fem ? 1 : 0];
  return `${rng.pick(LEAD)} ${said} ${who} ${rng.pick(WHAT)} ${rng.pick(WHERE_EXTRA)}.`;
}

export function titleText(placeAr: string, rng: Rng): string {
  const heads = ['تصعيد جديد في', 'قصف ومعارك في', 'تطورات ميدانية في', 'حصيلة يوم دام في', 'توتر أمني في'];
  return `${rng.pick(heads)} ${placeAr}`;
}
