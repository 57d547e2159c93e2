import fc from 'fast-check';

/**
 * Generators shared by the fuzz suites. Text is drawn from pools that exercise what the text
 * stages special-case (hamza forms, harakat, tatweel, bidi marks, Eastern digits, separators
 * between digits, lone surrogates, NUL) far more often than uniform Unicode would.
 */

/** Runs per property: enough to find shallow bugs, small enough that the suite stays fast. */
export const RUNS = Number(process.env['MARSAD_FUZZ_RUNS'] ?? 200);

/** Seed from the environment so a CI failure can be replayed (fast-check prints the seed too). */
export function fcOptions(runs = RUNS): fc.Parameters<unknown> {
  // MARSAD_FUZZ_RUNS=5000 for a long local hunt: it overrides every suite's own bound.
  const numRuns = process.env['MARSAD_FUZZ_RUNS'] ? RUNS : runs;
  const seed = process.env['MARSAD_FUZZ_SEED'];
  return seed ? { numRuns, seed: Number(seed) } : { numRuns };
}

const ARABIC_LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآؤئىةٱی';
const HARAKAT = '\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640';
const INVISIBLE = '\u200c\u200d\u200e\u200f\u202b\u202c\u2066\u2069\ufeff';
const DIGITS = '0123456789٠١٢٣٤٥٦٧٨٩۰۵٫٬';
const PUNCT = ' \n\n\t.,،؛:؟!-–—()«»"\'\u00a0\u2028';
const LATIN = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéÉüçŁ';

const unit = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom(...ARABIC_LETTERS) },
  { weight: 2, arbitrary: fc.constantFrom(...HARAKAT) },
  { weight: 1, arbitrary: fc.constantFrom(...INVISIBLE) },
  { weight: 2, arbitrary: fc.constantFrom(...DIGITS) },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 4, arbitrary: fc.constantFrom(...LATIN) },
  // Lone surrogates and NUL: strings from broken decoders and JSON "\ud800" escapes.
  { weight: 1, arbitrary: fc.constantFrom('\ud800', '\udfff', '\ud83d\ude00', '\u0000', '\ufffd') },
);

/** Any mix of Arabic, Latin, digits, marks and junk code units. */
export const mixedText = (maxLength = 400): fc.Arbitrary<string> => fc.string({ unit, maxLength });

/** Any string at all, lone surrogates included. */
export const anyString = (maxLength = 300): fc.Arbitrary<string> => fc.string({ unit: 'binary', maxLength });

/** Words that make the extractor work: actors, triggers, places, dates, counts — in both languages. */
const NEWS_WORDS = [
  'قصف', 'غارة', 'غارات', 'جوية', 'الطيران', 'الحربي', 'قوات', 'النظام', 'السوري', 'الروسي', 'فصائل', 'المعارضة',
  'هيئة', 'تحرير', 'الشام', 'اشتباكات', 'مقتل', 'قتلى', 'جرحى', 'مدنيين', 'ثلاثة', 'خمسة', 'عشرة', '١٢', 'على', 'في',
  'بلدة', 'مدينة', 'إدلب', 'كفرنبل', 'سراقب', 'معرة', 'النعمان', 'حماة', 'حلب', 'خان', 'شيخون', 'درعا', 'أمس', 'اليوم',
  'الاثنين', 'الثلاثاء', 'يونيو', 'حزيران', 'أيار', '2019', '5', 'صاروخ', 'مدفعية', 'استهدف', 'أفاد', 'المرصد', 'نفى',
  'air', 'strikes', 'hit', 'shelling', 'killed', 'wounded', 'civilians', 'regime', 'forces', 'Russian', 'jets', 'Idlib',
  'Saraqib', 'Kafr', 'Nabl', 'Hama', 'Aleppo', 'clashes', 'rebels', 'HTS', 'on', 'in', 'near', 'Monday', 'June', 'May',
  '3', 'ten', 'two', 'people', 'drone', 'struck', 'a', 'the', 'of', 'said', 'reported', 'yesterday', 'Turkish', 'army',
];
const SEPARATORS = [' ', ' ', ' ', ' ', '، ', '. ', '.\n', '\n\n', ', ', ' - ', ': '];

/** Sentences of news vocabulary glued at random: text the extractor finds events in. */
export const newsLikeText = (maxWords = 80): fc.Arbitrary<string> =>
  fc
    .array(fc.tuple(fc.constantFrom(...NEWS_WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: maxWords })
    .map((parts) => parts.map(([w, s]) => w + s).join(''));

/** Either kind of text, sometimes with junk spliced in. */
export const pipelineText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: newsLikeText() },
  { weight: 1, arbitrary: fc.tuple(newsLikeText(40), mixedText(60), newsLikeText(40)).map((p) => p.join('')) },
  { weight: 1, arbitrary: mixedText(300) },
);
