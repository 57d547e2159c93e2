import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Short Arabic news reports written for the ingest tests: air strikes and shelling on towns of
 * Idlib and Hama in June 2019, each happening told by two outlets in their own words (so they
 * merge into incidents), and every seventh story republished by a third outlet with a new title
 * and an added paragraph (a near-copy). Deterministic: the same n gives the same files.
 */

const TOWNS = [
  { ar: 'سراقب', gov: 'إدلب' }, { ar: 'معرة النعمان', gov: 'إدلب' }, { ar: 'كفرنبل', gov: 'إدلب' },
  { ar: 'خان شيخون', gov: 'إدلب' }, { ar: 'أريحا', gov: 'إدلب' }, { ar: 'جسر الشغور', gov: 'إدلب' },
  { ar: 'اللطامنة', gov: 'حماة' }, { ar: 'كفرزيتا', gov: 'حماة' }, { ar: 'مورك', gov: 'حماة' },
  { ar: 'قلعة المضيق', gov: 'حماة' }, { ar: 'كفرنبودة', gov: 'حماة' },
] as const;

const OUTLETS = ['المرصد السوري', 'عنب بلدي', 'سمارت', 'الدرر الشامية', 'زمان الوصل', 'نداء سوريا', 'ستيب نيوز'] as const;

const DETAILS = [
  'وقال الدفاع المدني إن فرقه عملت لساعات على انتشال الضحايا من تحت الأنقاض.',
  'وأفاد ناشطون بأن القصف تسبب بحركة نزوح جديدة نحو المخيمات القريبة من الحدود.',
  'وخرج المستشفى الميداني في المنطقة عن الخدمة بعد تضرر أجزاء واسعة منه.',
  'وتشهد المنطقة تصعيدا عسكريا منذ أواخر نيسان الماضي رغم اتفاق سوتشي.',
  'وأشار مراسلون إلى أن الطائرات حلقت في سماء المنطقة طوال ساعات الصباح.',
  'وناشد المجلس المحلي المنظمات الإنسانية تقديم المساعدة العاجلة للعائلات المتضررة.',
  'وأغلقت المدارس أبوابها في البلدة خشية تجدد القصف خلال الأيام المقبلة.',
  'ولم تعلق وزارة الدفاع الروسية على هذه الأنباء حتى ساعة إعداد هذا التقرير.',
  'ويعاني السكان من نقص حاد في المواد الغذائية والأدوية منذ بدء الحملة.',
  'وتحدث شهود عيان عن دمار كبير لحق بالسوق الشعبي ومحيطه.',
];

interface Happening {
  town: (typeof TOWNS)[number];
  day: number;
  air: boolean;
  killed: number;
  injured: number;
  /** Bombs or shells counted by observers: a number of the story's own. */
  strikes: number;
}

function happening(k: number): Happening {
  return {
    town: TOWNS[k % TOWNS.length]!,
    day: 1 + ((k * 5) % 28),
    air: k % 3 !== 2,
    killed: 2 + ((k * 7) % 13),
    injured: 14 + ((k * 11) % 23),
    strikes: 40 + k,
  };
}

function details(k: number): string {
  return `${DETAILS[k % DETAILS.length]} ${DETAILS[(k * 3 + 1) % DETAILS.length]}`;
}

function firstReport(h: Happening, outlet: string, k: number): string {
  const what = h.air ? `غارات روسية على ${h.town.ar}` : `قصف مدفعي على ${h.town.ar}`;
  const how = h.air
    ? `جراء غارات شنتها طائرات حربية روسية على ${h.town.ar} في ريف ${h.town.gov}`
    : `جراء قصف مدفعي لقوات النظام استهدف ${h.town.ar} في ريف ${h.town.gov}`;
  return `${what}\n${h.town.gov} - ${outlet}\n${h.day} حزيران 2019\n\n` +
    `قتل ${h.killed} مدنيين وأصيب ${h.injured} آخرون، اليوم، ${how}.\n\n` +
    `ورصد المرصد سقوط ${h.strikes} ${h.air ? 'صاروخا' : 'قذيفة'} على الأحياء السكنية. ${details(k)}\n`;
}

function secondReport(h: Happening, outlet: string, k: number): string {
  const title = `مقتل ${h.killed} مدنيين في ${h.town.ar}`;
  const how = h.air
    ? `استهدفت الطائرات الحربية الروسية صباح اليوم ${h.town.ar}`
    : `قصفت قوات النظام بالمدفعية الثقيلة صباح اليوم ${h.town.ar}`;
  return `${title}\n${h.town.gov} - ${outlet}\n${h.day} حزيران 2019\n\n` +
    `${how}، ما أسفر عن مقتل ${h.killed} مدنيين وإصابة ${h.injured}، بحسب مصادر محلية.\n\n` +
    `وقال ناشطون إن ${h.strikes} ${h.air ? 'صاروخا' : 'قذيفة'} سقطت على المنطقة. ${details(k + 5)}\n`;
}

function republished(text: string, h: Happening, outlet: string): string {
  const lines = text.split('\n');
  lines[0] = `عاجل: ضحايا مدنيون في ${h.town.ar}`;
  lines[1] = `${h.town.gov} - ${outlet}`;
  return `${lines.join('\n')}\nويأتي ذلك في ظل حملة عسكرية متواصلة على أرياف إدلب وحماة منذ أسابيع.\n`;
}

/** Writes about n .txt files into `dir` (created) and returns their count. */
export function writeStrikeCorpus(dir: string, n: number): number {
  mkdirSync(dir, { recursive: true });
  let written = 0;
  const write = (text: string): void => {
    writeFileSync(join(dir, `${String(written).padStart(4, '0')}.txt`), text);
    written++;
  };
  for (let k = 0; written < n; k++) {
    const h = happening(k);
    const a = OUTLETS[k % OUTLETS.length]!;
    const b = OUTLETS[(k + 3) % OUTLETS.length]!;
    const first = firstReport(h, a, k);
    write(first);
    if (written < n) write(secondReport(h, b, k));
    if (k % 7 === 0 && written < n) write(republished(first, h, OUTLETS[(k + 5) % OUTLETS.length]!));
  }
  return written;
}
