import { normalise } from '../text/normalise.js';

/**
 * Words that are also place names in the gazetteer (a village called السلام, مدينة, الثورة,
 * جديدة; a town called Police or Mobile) but in news are almost always just words. A single-word
 * match on one of these is a place only with a place cue before it (بلدة السلام، قرية جديدة).
 * These are facts about the languages, written by hand; keep them to words that news uses often.
 */

const ARABIC_WORDS = `
الله عليه عليها عليهم اليه اليها فيه فيها منه منها عنه عنها لديه لدي له لها انه انها ان إن أن غير
مدينة المدينة قرية القرية بلدة البلدة حي الحي منطقة المنطقة محافظة المحافظة ناحية مركز المركز
جديدة الجديدة جديد الجديد الكبير الكبرى كبير كبيرة الصغير الصغيرة صغير طويل طويلة الطويلة
شديد الشديد شديدة واسعة عنيفة العنيفة بعيدة البعيدة القريبة العالية عالية العليا عليا المتوسطة
الثورة ثورة الحرية حرية السلام سلام النصر نصر الكرامة العدالة الوحدة الاستقلال التحرير الجهاد جهاد
الشهيد الشهداء الشيخ شيخ الامير امير الملك ملك الرئيس القائد الزعيم القاضي قاضي النقيب اللواء
العقيد العميد الركن المقدم الرقيب الطيار طيار المخرج مخرج الحاج السيد
مجموعة المجموعة سلسلة جروح حياة الحياة مستوى المستوى زيارة الزيارة جولة الجولة حوار الحوار
خطاب الخطاب الادارة الإدارة الوزارة وزارة الحكومة الدولة الشركة المالية العالمية النفطية الصحية
البشرية الشعبية الامنية العسكرية السياسية الاقتصادية الاجتماعية الانسانية الوطنية القومي القومية
السجن سجن المعسكر معسكر الفندق فندق المحطة محطة المدرسة مدرسة الكنيسة كنيسة الجامع المسجد
الجسر جسر الجدار الجدار السور الباب باب القصر قصر الميدان ميدان الحمام حمام السوق سوق الساحة
الطريق المعبر الحاجز النقطة القاعدة المطار الميناء المستشفى الجامعة المصنع المزرعة مزرعة
المخيم مخيم الجبل جبل الوادي وادي النهر نهر البحر السهل الغابة البئر بئر العين عين التل تل
الزاوية زاوية الدور دور الدورة دورة البداية بداية الحالات حالات الحالة عبارة العبارة الاشارة
الكشف الوقوف الوقف الفور الظهر الظهيرة الصلاة صلاة القرآن الشريعة شريعة الامة الأمة الامانة
المال الهوية الصورة صورة الفيديو فيديو الصحف الصحيفة الاعلام القلم الكرسي الحريق الرمل الحزام
حزام العدوان عدوان المقبلة مقبلة المقبل الماضي الماضية الحالي الحالية الحاضر المعاصر الاخيرة
الاولى الثانية الثالثة الرابعة الخامسة السادسة الاول الثاني الثالث الرابع الخامس السادس
الشرقية الغربية الشمالية الجنوبية الشرقي الغربي الشمالي الجنوبي الوسطى
المصري المصرية العراقي العراقية السوري السورية السوريين اللبناني اللبنانية التركي التركية تركية
الروسي الروسية الايراني الايرانية الاميركي الاميركية الامريكي الامريكية الاردني الاردنية
السعودي السعودية الكويتي الكويتية القطري القطرية الكردي الكردية الكردي التركمانية العربي العربية
الفلسطيني الفلسطينية الاسرائيلي الاسرائيلية الفرنسي الفرنسية البريطاني البريطانية الالماني
الكندي الصيني الهندي اليمني الليبي السوداني الجزائري المغربي التونسي الخليجي الدولي الدولية
العثمانية الاسلامية المسيحية الشيعية السنية العلوية الدرزية
كانون شباط اذار آذار نيسان ايار أيار حزيران تموز اب آب ايلول أيلول تشرين
السبت الاحد الأحد الاثنين الثلاثاء الاربعاء الأربعاء الخميس الجمعة
اربعين أربعين عشرين ثلاثين خمسين ستين سبعين ثمانين تسعين مئة مائة الف ألف
معربا معلقة مديرا علما فورا جدية سلمية سلمي السلمية السلمي زائدا قوله خلاله منزله مكتبه عمره شعبه
ابنه ابنة حينه دوره ابرز أبرز اسقاط إسقاط البعث الشورى الخضراء الحمراء البيضاء السوداء الزرقاء
الذهبية ذهبية القاسية قاسية الباردة البارد الحارة حارة الوحشية الفقيرة الخفية البصرية الحراك
المرفوعة الثلاثية الشامل العامة العام الخاصة الخاص الكاملة الفتية الطفلة الديك السمكة سمكة
الحمد الغالي المشهد مشهد السلوك الكتيبة كتيبة السرايا سرايا الركن المطل المطلة الشعبة
محمد احمد أحمد علي حسن حسين محمود خالد عمر عثمان ابراهيم إبراهيم اسماعيل إسماعيل سعيد خليل
عباس سليم سليمان سلمان مروان عادل عزيز العزيز جابر جبار الجبار عاصم عمار مسعود منصور المنصور
صالح نجيب زكريا جوزيف حمدان جاسم رامي سعود مصطفى يوسف يونس موسى عيسى داود طارق ماجد فيصل
الكريم الرحمن البشير بشار رفيق وليد سمير ناصر نصر الله عبد
زارة اسطة داية رنسية ابير الحمة الي الضفة زيادة الدقيقة دقيقة خطيئة قنوات القنوات المشاهدة السياج
القمقم الخريطة خريطة المهاجرين الشرفة الطليعة طليعة العمارة المصلحة الطبقة طبقة جودة الجودة الحبس
مكمن دخان سفيرة شريفة شيوخ مديرية المديرية العارضة الهاشمية العامرية الحسينية القنصلية السفارة
الدهشة حلول عناد الحيانية الكرمة مسكن المسكن النور نور الضاحية ضاحية الشاطئ الساحل الريف ريف
كبار واسعة وفيق وائل وسام وجيه وديع وحيد وليد وزير وزارة وكالة ولاية وقت وضع وفد وحدة وقف
`;

/** Words a place name never contains: a span that joins one with its neighbour is no name. */
const FUNCTION_WORDS = `
ان أن إن انه أنه إنه في من على الى إلى عن مع بل لا ما قد لم لن هو هي هم كل غير بين حتى او أو ثم
اذا إذا لو كما لكن الذي التي الذين هذا هذه ذلك تلك هناك هنا منذ عند خلال بعد قبل حول ضد عبر لدى
`;

/** Two-word names that are person names or phrases in news (نصر الله، عبد الله، غير أن). */
const ARABIC_PHRASES = `
عبد الله|عبد الرحمن|عبد العزيز|عبد الكريم|عبد الرحيم|عبد القادر|عبد الحميد|عبد السلام|عبد الناصر
نصر الله|حزب الله|بيت الله
ابو بكر|ابو محمد|ابو علي|ابو عمر|ابو احمد|ابو خالد|ابو حسن|ابو عمار|ابو مازن|ابو العبد
الشيخ محمد|الشيخ احمد|الشيخ علي|الشيخ عبد الله|الشيخ جابر
غير ان|غير أن|مع ان|مع أن|بل ان|بل إن
`;

/** English words that are also town names somewhere (and words Latin place names fold into). */
const ENGLISH = `
the a an and or of in on at to by for from with as is was are were be been has have had will would
may might can could should must said says say told police army forces force government state states
president minister ministry military army security council union independence liberty victory
freedom peace hope unity progress justice mission reading mobile split nice bath sale male bar
march april june july august may monday tuesday wednesday thursday friday saturday sunday
north south east west central new old great little upper lower city town village camp province
university college school church mosque hospital airport station market center centre park
street road bridge river lake mountain valley hill beach island port bay
man men women children people news report reports media press live video today yesterday
tomorrow home him ham hum her his its our their them they we us you one two three four five
ten hundred thousand million first second third last next early late via per after before
over under between during against about around near including also only other such most many
much some any all each every both many more less best good bad big small long short high low
white black red green blue gold golden silver orange rose
syrian syrians russian turkish iranian iraqi lebanese israeli american kurdish kurd kurds arab arabs
arabic european british french german chinese saudi egyptian jordanian palestinian qatari emirati
islamic islamist sunni shia shiite alawite druze christian muslim jihadist rebel rebels regime
`;

function words(list: string, normaliseWord: (w: string) => string): Set<string> {
  return new Set(
    list
      .split(/\s+/)
      .filter((w) => w.length > 0)
      .map(normaliseWord),
  );
}

/** Normalised and without spaces, as place keys are. */
export const ARABIC_COMMON_WORDS: ReadonlySet<string> = words(ARABIC_WORDS, (w) => normalise(w).replace(/ /g, ''));

export const ARABIC_FUNCTION_WORDS: ReadonlySet<string> = words(FUNCTION_WORDS, (w) => normalise(w));

export const ARABIC_COMMON_PHRASES: ReadonlySet<string> = new Set(
  ARABIC_PHRASES.split(/[|\n]/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => normalise(p).replace(/ /g, '')),
);

/** Lowercase, as the normaliser leaves Latin words. */
export const ENGLISH_COMMON_WORDS: ReadonlySet<string> = words(ENGLISH, (w) => w.toLowerCase());
