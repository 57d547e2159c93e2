/**
 * Short news-style texts written for these tests (not copied from any outlet): one agency story
 * in Arabic and one in English, each with a syndicated copy that an outlet re-titled and edited,
 * and a second, different story from the same agency that reuses the agency's boilerplate.
 */

const AR_BACKGROUND =
  'وكانت قوات النظام قد صعّدت من حملتها العسكرية على ريف إدلب الجنوبي وريف حماة الشمالي منذ السادس والعشرين من نيسان الماضي، بدعم جوي روسي، ' +
  'ما أدى إلى نزوح مئات الآلاف من المدنيين نحو المناطق الحدودية مع تركيا، بحسب فرق الاستجابة.\n' +
  'ويُذكر أن المنطقة مشمولة باتفاق سوتشي الموقّع بين روسيا وتركيا في أيلول 2018، والذي نص على إنشاء منطقة منزوعة السلاح بعمق يتراوح بين 15 و20 كيلومتراً.';

export const AR_STORY = [
  'مقتل سبعة مدنيين بغارات روسية على معرة النعمان',
  'قُتل سبعة مدنيين، بينهم ثلاثة أطفال، وأصيب آخرون بجروح، صباح اليوم الثلاثاء، جراء غارات جوية نفذتها طائرات حربية روسية على سوق شعبي وسط مدينة معرة النعمان في ريف إدلب الجنوبي.',
  'وقال مراسلنا في المدينة إن الطائرات استهدفت السوق بأربعة صواريخ في وقت الذروة، ما تسبب بدمار واسع في المحال التجارية واندلاع حرائق في المنطقة.',
  'وأضاف أن فرق الدفاع المدني عملت على انتشال الضحايا من تحت الأنقاض ونقل المصابين إلى المشافي القريبة، وسط تحليق مستمر لطائرات الاستطلاع في أجواء المنطقة.',
  AR_BACKGROUND,
].join('\n');

/** The same story as an outlet republished it: new title, a paragraph cut, one added, furniture. */
export const AR_STORY_COPY = [
  'غارات روسية تستهدف سوقاً في معرة النعمان وتوقع ضحايا',
  'شارك المقال',
  'قُتل سبعة مدنيين، بينهم ثلاثة أطفال، وأصيب آخرون بجروح، صباح اليوم الثلاثاء، جراء غارات جوية نفذتها طائرات حربية روسية على سوق شعبي وسط مدينة معرة النعمان في ريف إدلب الجنوبي.',
  'وقال مراسلنا في المدينة إن الطائرات استهدفت السوق بأربعة صواريخ في وقت الذروة، ما تسبب بدمار واسع في المحال التجارية واندلاع حرائق في المنطقة.',
  'وأفاد ناشطون محليون بأن حصيلة الضحايا مرشحة للارتفاع بسبب وجود إصابات خطيرة بين الجرحى.',
  AR_BACKGROUND,
  'اقرأ أيضاً: الأمم المتحدة تحذر من كارثة إنسانية في الشمال السوري',
].join('\n');

/** A different strike reported by the same agency, reusing its background boilerplate. */
export const AR_OTHER_STORY = [
  'قتلى وجرحى بقصف جوي على كفرنبل',
  'قُتل أربعة مدنيين وأصيب تسعة آخرون، مساء اليوم الأربعاء، جراء غارة جوية نفذتها طائرات حربية تابعة للنظام على الأحياء السكنية في بلدة كفرنبل بريف إدلب الجنوبي.',
  'وقال مراسلنا في البلدة إن الغارة دمرت مبنى من ثلاثة طوابق بشكل كامل، وإن فرق الدفاع المدني ما زالت تبحث عن عالقين تحت الركام.',
  AR_BACKGROUND,
].join('\n');

const EN_BACKGROUND =
  'Government forces, backed by Russian air power, have escalated their offensive on southern Idlib and northern Hama since April 26, ' +
  'displacing hundreds of thousands of civilians towards the Turkish border, according to aid groups.\n' +
  'The area is covered by the Sochi agreement signed by Russia and Turkey in September 2018, which set up a demilitarised zone 15 to 20 kilometres deep.';

export const EN_STORY = [
  'Russian air strikes kill seven in Idlib market',
  'Russian warplanes struck a crowded market in the centre of Maarat al-Numan in southern Idlib on Tuesday morning, killing seven civilians including three children, rescue workers said.',
  'A local reporter said four missiles hit the market at its busiest hour, destroying dozens of shops and starting fires that spread through the area.',
  'Civil defence teams pulled victims from the rubble and took the wounded to nearby hospitals while reconnaissance aircraft kept circling overhead.',
  EN_BACKGROUND,
].join('\n');

export const EN_STORY_COPY = [
  'Seven civilians dead as jets hit Maarat al-Numan',
  'Share on Twitter | Share on Facebook',
  'Russian warplanes struck a crowded market in the centre of Maarat al-Numan in southern Idlib on Tuesday morning, killing seven civilians including three children, rescue workers said.',
  'A local reporter said four missiles hit the market at its busiest hour, destroying dozens of shops and starting fires that spread through the area.',
  'Civil defence teams pulled victims from the rubble and took the wounded to nearby hospitals while reconnaissance aircraft kept circling overhead.',
  'Local activists warned that the toll was likely to rise because several of the wounded were in critical condition.',
  EN_BACKGROUND,
  'Read more: UN warns of humanitarian catastrophe in north-west Syria',
].join('\n');

export const EN_OTHER_STORY = [
  'Air strike on Kafr Nabl kills four',
  'A government air strike hit residential buildings in the town of Kafr Nabl in southern Idlib on Wednesday evening, killing four civilians and wounding nine, rescue workers said.',
  'A local reporter said the strike flattened a three-storey building and that civil defence teams were still searching for people trapped under the rubble.',
  EN_BACKGROUND,
].join('\n');

/** Templated wire bulletins: same wording, different place and toll. */
export const EN_BULLETIN_A =
  'BEIRUT (Wire) - Warplanes struck the town of Kafr Nabl in Idlib province on Tuesday, killing 3 civilians, the Syrian Observatory for Human Rights said. The monitor said the strikes were carried out by Russian jets.';
export const EN_BULLETIN_B =
  'BEIRUT (Wire) - Warplanes struck the town of Khan Shaykhun in Idlib province on Tuesday, killing 5 civilians, the Syrian Observatory for Human Rights said. The monitor said the strikes were carried out by Russian jets.';
