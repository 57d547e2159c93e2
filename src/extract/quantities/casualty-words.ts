import { lexiconMap, normalisedSet } from './attached-forms.js';
import { phraseIndex, type PhraseIndex } from './phrases.js';

/**
 * The words of casualty reporting, normalised (أ→ا، ة→ه، ى→ي، ئ→ي). Four roles:
 * - triggers come before the count: "مقتل 5", "إصابة 7", "killed 5";
 * - victim nouns name the casualties themselves and follow the count: "12 قتيلاً", "عشرات الجرحى";
 * - person nouns say who: "5 مدنيين", "طفلين", "civilians", with civilian/child/woman flags;
 * - post-triggers follow the people in English and some Arabic: "12 people were killed", "قتلوا".
 */

export type CasualtyKind = 'killed' | 'injured' | 'displaced' | 'abducted' | 'arrested' | 'missing';

export type GrammaticalNumber = 'singular' | 'dual' | 'plural';

export interface TriggerWord {
  kind: CasualtyKind;
  /**
   * Also means something else ("إصابة الهدف" a hit, "قضى ثلاثة أيام" spent): its count must be
   * followed by a person or victim noun, or by "بجروح".
   */
  weak: boolean;
  /** Counts only if one of these words follows within a few tokens: "لقي ... حتفهم". */
  confirm: ReadonlySet<string> | null;
}

export interface VictimWord {
  kind: CasualtyKind;
  number: GrammaticalNumber;
  /** Reported even with no count: "سقوط قتلى" (count unknown), "قتيلان" (two). */
  bare: boolean;
  /** Definite plural ("القتلى"), which a toll can follow: "ارتفعت حصيلة القتلى إلى 20". */
  definite: boolean;
}

export interface PersonWord {
  number: GrammaticalNumber;
  civilian: boolean;
  child: boolean;
  woman: boolean;
}

type Row<V> = readonly [string, V];

function triggers(kind: CasualtyKind, words: string, weak = false, confirm: readonly string[] | null = null): Row<TriggerWord>[] {
  const c = confirm === null ? null : normalisedSet(confirm);
  return words.split(' ').map((w) => [w, { kind, weak, confirm: c }] as const);
}

const DEATH_CONFIRM = ['حتفه', 'حتفهم', 'حتفها', 'حتفهما', 'مصرعه', 'مصرعهم', 'مصرعها', 'مصرعهما'];

/** "حتفهم", "مصرعهم": the object that makes "لقي" (met) mean died. */
export const DEATH_OBJECTS: ReadonlySet<string> = normalisedSet(DEATH_CONFIRM);

/** "لقي", "لقوا": died only with a death object. */
export const MET_VERBS: ReadonlySet<string> = normalisedSet(['لقي', 'لقيت', 'لقوا', 'ولقي', 'ولقوا']);

/** Nouns take ب/ل ("بمقتل", "لإصابة"); verbs only و/ف. Both are listed together for brevity. */
export const TRIGGERS: ReadonlyMap<string, TriggerWord> = lexiconMap<TriggerWord>(
  [
    ...triggers('killed', 'مقتل قتل قتلت يقتل استشهاد استشهد استشهدت مصرع اعدام اعدم تصفيه ذبح بحياه ضحيتها ضحيته ضحيتهم'),
    ...triggers('killed', 'killed killing kills kill executed executing death deaths'),
    ...triggers('killed', 'وفاه قضي', true),
    ...triggers('killed', 'لقي لقيت لقوا', false, DEATH_CONFIRM),
    ...triggers('injured', 'جرح جرحت اصيب اصيبت يصاب injured injuring injures injure wounded wounding'),
    ...triggers('injured', 'اصابه اصاب اصابت hurt', true),
    ...triggers('displaced', 'نزوح تهجير تشريد نزح هجر displaced displacing displacement uprooted uprooting'),
    ...triggers('abducted', 'اختطاف خطف اختطف اختطفت abducted abducting abduction kidnapped kidnapping'),
    ...triggers('arrested', 'اعتقال اعتقل اعتقلت توقيف اوقف اوقفت احتجاز احتجز احتجزت arrested arresting arrest detained detaining detention'),
    ...triggers('missing', 'فقدان فقد', true),
  ],
  { prepositions: true },
);

function victims(kind: CasualtyKind, number: GrammaticalNumber, words: string, bare: boolean): Row<VictimWord>[] {
  return words.split(' ').map((w) => [w, { kind, number, bare, definite: w.startsWith('ال') }] as const);
}

export const VICTIM_NOUNS: ReadonlyMap<string, VictimWord> = lexiconMap<VictimWord>(
  [
    ...victims('killed', 'singular', 'قتيل', true),
    ...victims('killed', 'singular', 'قتيلا شهيد شهيدا ضحيه جثه', false),
    ...victims('killed', 'dual', 'قتيلان قتيلين شهيدان شهيدين ضحيتان ضحيتين جثتان جثتين', true),
    ...victims('killed', 'plural', 'قتلي القتلي', true),
    // "الضحايا", "الشهداء" alone are mostly about victims in general ("أهالي الضحايا").
    ...victims('killed', 'plural', 'شهداء الشهداء ضحايا الضحايا جثث وفيات dead deaths fatalities bodies', false),
    ...victims('injured', 'singular', 'جريح', true),
    ...victims('injured', 'singular', 'جريحا مصاب مصابا', false),
    ...victims('injured', 'dual', 'جريحان جريحين مصابان', true),
    ...victims('injured', 'plural', 'جرحي الجرحي', true),
    ...victims('injured', 'plural', 'مصابين مصابون المصابين اصابات injuries', false),
    ...victims('displaced', 'singular', 'نازح نازحا مهجر مشرد', false),
    ...victims('displaced', 'plural', 'نازحين نازحون النازحين مهجرين المهجرين مشردين', false),
    ...victims('abducted', 'singular', 'مختطف مختطفا مخطوف رهينه', false),
    ...victims('abducted', 'plural', 'مختطفين المختطفين مخطوفين رهائن hostages abductees', false),
    // Not "معتقلين"/"detainees": people held, often long ago, not an arrest being reported.
    ...victims('arrested', 'plural', 'arrests', false),
    ...victims('missing', 'singular', 'مفقود مفقودا', false),
    ...victims('missing', 'plural', 'مفقودين مفقودون المفقودين', true),
  ],
  { prepositions: true },
);

interface PersonFlags {
  civilian?: boolean;
  child?: boolean;
  woman?: boolean;
}

function persons(number: GrammaticalNumber, words: string, flags: PersonFlags = {}): Row<PersonWord>[] {
  const civilian = flags.civilian === true || flags.child === true || flags.woman === true;
  return words.split(' ').map((w) => [
    w,
    { number, civilian, child: flags.child === true, woman: flags.woman === true },
  ] as const);
}

// Sound masculine plurals in -ين ("مدنيين") are also the oblique dual; news writes "مدنيين اثنين"
// when it means two, so they are read as plurals. Duals in -ان and the broken-plural nouns'
// duals ("شخصين", "طفلين") are unambiguous.
export const PERSON_NOUNS: ReadonlyMap<string, PersonWord> = lexiconMap<PersonWord>(
  [
    ...persons('singular', 'شخص شخصا فرد فردا رجل رجلا شاب شابا اخر اخري عنصر عنصرا جندي جنديا مقاتل مقاتلا مسلح مسلحا ضابط ضابطا عسكري عسكريا شرطي شرطيا قيادي قياديا'),
    ...persons('dual', 'شخصان شخصين رجلان رجلين شابان شابين عنصران عنصرين جنديان جنديين ضابطين'),
    ...persons('plural', 'اشخاص الاشخاص افراد الافراد اخرين اخرون الاخرين رجال شبان الشبان عناصر العناصر جنود الجنود مقاتلين مقاتلي المقاتلين مسلحين المسلحين ضباط عسكريين العسكريين شرطيين قياديين'),
    ...persons('singular', 'مدني مدنيا مواطن مواطنا مواطنه مسن مسنا مسنه طالب طالبه عامل صحفي صحفيا مسعف مسعفا متطوع مزارع راعي لاجي نازح نازحا', { civilian: true }),
    ...persons('dual', 'مدنيان مواطنان مسعفان صحفيان', { civilian: true }),
    ...persons('plural', 'متظاهرين المتظاهرين محتجين المحتجين مدنيين مدنيون المدنيين المدنيون مواطنين مواطنون المواطنين مسنين طلاب عمال صحفيين مسعفين متطوعين مزارعين لاجيين نازحين النازحين اهالي الاهالي سكان', { civilian: true }),
    ...persons('singular', 'طفل طفلا طفله رضيع رضيعه فتي فتاه قاصر', { child: true }),
    ...persons('dual', 'طفلان طفلين طفلتان طفلتين رضيعين فتاتين', { child: true }),
    ...persons('plural', 'اطفال الاطفال رضع قاصرين فتيات فتيه', { child: true }),
    ...persons('singular', 'امراه سيده', { woman: true }),
    ...persons('dual', 'امراتان امراتين سيدتان سيدتين', { woman: true }),
    ...persons('plural', 'نساء النساء سيدات', { woman: true }),

    ...persons('singular', 'person man member other soldier fighter militant rebel officer policeman'),
    ...persons('plural', 'people persons men members others soldiers troops fighters militants rebels officers policemen'),
    ...persons('singular', 'civilian resident villager farmer worker student journalist medic paramedic refugee passenger protester', { civilian: true }),
    ...persons('plural', 'civilians residents villagers farmers workers students journalists medics paramedics refugees passengers protesters demonstrators', { civilian: true }),
    ...persons('singular', 'child kid boy girl baby infant teenager', { child: true }),
    ...persons('plural', 'children kids boys girls babies infants teenagers minors', { child: true }),
    ...persons('singular', 'woman', { woman: true }),
    ...persons('plural', 'women', { woman: true }),
  ],
  { prepositions: true },
);

/** Words after the people that give the kind: "12 people were killed", "5 أشخاص قتلوا". */
export const POST_TRIGGERS: ReadonlyMap<string, CasualtyKind> = lexiconMap<CasualtyKind>([
  ...(['killed', 'dead', 'died', 'قتلوا', 'استشهدوا', 'قضوا', 'لقوا', 'لقي', 'لقيت'] as const).map((w) => [w, 'killed'] as const),
  ...(['wounded', 'injured', 'hurt', 'اصيبوا', 'جرحوا'] as const).map((w) => [w, 'injured'] as const),
  ...(['displaced', 'uprooted', 'نزحوا', 'هجروا'] as const).map((w) => [w, 'displaced'] as const),
  ...(['abducted', 'kidnapped', 'اختطفوا', 'خطفوا'] as const).map((w) => [w, 'abducted'] as const),
  ...(['arrested', 'detained', 'اعتقلوا'] as const).map((w) => [w, 'arrested'] as const),
  ...(['missing', 'فقدوا'] as const).map((w) => [w, 'missing'] as const),
]);

/** Between the people and an English post-trigger: "were", "have been", "reportedly". */
export const AUXILIARIES: ReadonlySet<string> = normalisedSet([
  'were', 'was', 'are', 'is', 'have', 'has', 'had', 'been', 'being', 'got', 'reportedly',
  'allegedly', 'also', 'all', 'later', 'now', 'feared', 'left', 'confirmed',
]);

/** Before a count: it is not exact ("نحو 20", "at least 12"). */
export const APPROXIMATE_BEFORE: PhraseIndex = phraseIndex(
  [
    'نحو', 'حوالي', 'قرابه', 'زهاء', 'يقارب', 'ما يقارب', 'ما يزيد عن', 'ما يزيد علي', 'يزيد عن',
    'اكثر من', 'ازيد من', 'ما لا يقل عن', 'لا يقل عن', 'ما يناهز', 'يناهز', 'اقل من', 'ما بين',
    'at least', 'more than', 'over', 'about', 'around', 'nearly', 'almost', 'some', 'approximately',
    'roughly', 'up to', 'as many as', 'an estimated', 'estimated', 'less than', 'fewer than', 'upwards of',
  ],
  { prepositions: true },
);

/** After a count: "12 شخصاً على الأقل", "12 or more". */
export const APPROXIMATE_AFTER: PhraseIndex = phraseIndex(['علي الاقل', 'at least', 'or more']);

/** Introduce the children and women among the casualties: "بينهم 3 أطفال", "including two children". */
export const SUBCOUNT_CUES: PhraseIndex = phraseIndex([
  'بينهم', 'بينهن', 'بينهما', 'من بينهم', 'من بينهن', 'منهم', 'منهن', 'including', 'among them',
  'of whom', 'among whom', 'among those',
]);

/** Tokens between a trigger and a second trigger that share one count: "مقتل وجرح 10". */
export const JOINERS: ReadonlySet<string> = normalisedSet(['و', 'او', 'and', 'or']);

/** "من"/"of" before the people: "5 من المدنيين", "dozens of civilians". */
export const PARTITIVES: ReadonlySet<string> = normalisedSet(['من', 'of']);

/** Bare "بجروح": the injured count before it stands without a noun. */
export const INJURY_COMPLEMENTS: ReadonlySet<string> = normalisedSet([
  'بجروح', 'بجراح', 'بشظايا', 'بحروق', 'باصابات', 'بالرصاص',
]);

/**
 * Words that may follow a count with no noun and show that the count has ended ("مقتل 5 في
 * غارة", "killed 5 in"), so that "15 كيلومتراً" after a trigger is not read as a toll.
 */
export const COUNT_BOUNDARIES: ReadonlySet<string> = normalisedSet([
  'في', 'من', 'الي', 'علي', 'عن', 'جراء', 'اثر', 'اثناء', 'خلال', 'بعد', 'قبل', 'بسبب', 'نتيجه',
  'حسب', 'بحسب', 'وفق', 'وفقا', 'حيث', 'كما', 'عندما', 'بينما', 'اليوم', 'امس', 'بقصف', 'بغاره',
  'بغارات', 'بنيران', 'برصاص', 'بانفجار', 'اخرين', 'فيما', 'وذلك', 'بينهم', 'منهم',
  'in', 'on', 'at', 'of', 'and', 'or', 'after', 'when', 'as', 'while', 'during', 'including',
  'among', 'the', 'a', 'an', 'by', 'from', 'near', 'with', 'according', 'said', 'says',
  'yesterday', 'today', 'overnight', 'last', 'this', 'since', 'following', 'amid', 'across', 'so',
]);

/** A definite victim noun and then one of these: a toll ("حصيلة القتلى إلى 20"). */
/** Before a victim noun, they make what follows a toll: "حصيلة قتلى", "عدد القتلى". */
export const TOLL_HEADS: ReadonlySet<string> = normalisedSet(['حصيله', 'عدد', 'وحصيله', 'بحصيله']);

export const TOLL_LINKS: ReadonlySet<string> = normalisedSet(['الي', 'لتصل', 'لتبلغ', 'بلغت', 'بلغ', 'to', 'at', 'reached']);

/** "death toll", "toll": what English says before a toll. */
export const TOLL_NOUNS: ReadonlySet<string> = normalisedSet(['toll']);
