import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { findActorMentions, toEventActor, type ActorMention } from '../../../src/extract/actors/actor-mentions.js';
import { ActorCatalogue } from '../../../src/extract/actors/catalogue.js';
import { normaliseText, type NormText } from '../../../src/text/normalise.js';
import { tokenize } from '../../../src/text/tokens.js';

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const shared = resolve(repoRoot, '../shared');
const seedPath = join(shared, 'eval/seed/seed-article.txt');
const hasShared = existsSync(seedPath);
if (!hasShared) console.warn(`SKIPPING seed-page actor tests: ${seedPath} does not exist`);

let cat: ActorCatalogue;
beforeAll(() => {
  cat = ActorCatalogue.load([], { cacheDir: join(mkdtempSync(join(tmpdir(), 'marsad-actors-')), 'cache') });
});

function mentionsOf(text: string, opts: { drop?: Set<number> } = {}): { nt: NormText; ms: ActorMention[] } {
  const nt = normaliseText(text, opts);
  return { nt, ms: findActorMentions(tokenize(nt), cat, nt) };
}
const pairs = (text: string): [string, string][] => mentionsOf(text).ms.map((m) => [m.text, m.actor.id]);

describe('Arabic mentions', () => {
  it('strips attached clitics and keeps the original text of the name', () => {
    const { ms } = mentionsOf('تصدت الفصائل لقوات النظام وقوات الأسد بعد غارات بالطيران الروسي، وقدمت تركيا دعماً للمعارضة.');
    expect(ms.map((m) => [m.text, m.actor.id, m.clitic])).toEqual([
      ['الفصائل', 'syria-opposition', ''],
      ['قوات النظام', 'syria-government-forces', 'ل'],
      ['قوات الأسد', 'syria-government-forces', 'و'],
      ['الطيران الروسي', 'russia-military-forces', 'ب'],
      ['تركيا', 'turkey', ''],
      ['للمعارضة', 'syria-opposition', 'لل'],
    ]);
  });

  it('maps mentions back to original offsets through harakat and tatweel', () => {
    const text = 'قصفت قُوّاتُ الأسـد مواقع المعارضة';
    const { ms } = mentionsOf(text);
    expect(ms[0]!.actor.id).toBe('syria-government-forces');
    expect(text.slice(ms[0]!.start, ms[0]!.end)).toBe('قُوّاتُ الأسـد');
    expect(ms[0]!.text).toBe('قُوّاتُ الأسـد');
  });

  it('prefers the longest name: the Free Syrian Army is the opposition, the Libyan National Army is not the SNA', () => {
    expect(pairs('اشتبك الجيش السوري الحر مع الجيش السوري')).toEqual([
      ['الجيش السوري الحر', 'syria-opposition'],
      ['الجيش السوري', 'syria-government-forces'],
    ]);
    expect(pairs('الجيش الوطني الليبي والجيش الوطني')).toEqual([
      ['الجيش الوطني الليبي', 'lna'],
      ['الجيش الوطني', 'sna'],
    ]);
    expect(pairs('هاجمت كتائب حزب الله مواقع حزب الله')).toEqual([
      ['كتائب حزب الله', 'kataib-hezbollah'],
      ['حزب الله', 'hezbollah'],
    ]);
  });

  it('accepts -ون for -ين and the indefinite forms that are listed', () => {
    expect(pairs('قتل مسلحون مجهولون ثلاثة مدنيين بينهم طفلان، والمدنيون يفرون')).toEqual([
      ['مسلحون مجهولون', 'unidentified-armed-group'],
      ['مدنيين', 'civilians'],
      ['المدنيون', 'civilians'],
    ]);
    expect(pairs('العسكريون الروس والضباط الأتراك وطائرات حربية روسية')).toEqual([
      ['العسكريون الروس', 'russia-military-forces'],
      ['الضباط الأتراك', 'turkey-military-forces'],
      ['طائرات حربية روسية', 'russia-military-forces'],
    ]);
  });

  it('does not join the words of a name across punctuation or a line break', () => {
    expect(pairs('قال الجيش، السوري إن')).toEqual([]);
    expect(pairs('قوات\nالنظام')).toEqual([]);
  });

  it('does not take a phrase that contains a name for the actor', () => {
    expect(pairs('قال وزير الدفاع الوطني إن قوات الدفاع الوطني انسحبت')).toEqual([['قوات الدفاع الوطني', 'ndf']]);
    expect(pairs('اجتمع مجلس الأمن القومي ثم مجلس الأمن')).toEqual([['مجلس الأمن', 'united-nations']]);
    expect(pairs('زعيمة المعارضة في روسيا البيضاء')).toEqual([]);
  });

  it('matches officials as their state', () => {
    const { ms } = mentionsOf('وقال أردوغان إن لافروف وبشار الأسد');
    expect(ms.map((m) => [m.actor.id, m.via])).toEqual([
      ['turkey', 'person'],
      ['russia', 'person'],
      ['syria-government', 'person'],
    ]);
  });

  it('links the backer of "مدعومة من", "المدعومة روسياً", "بدعم روسي" and "بغطاء جوي روسي"', () => {
    const a = mentionsOf('تقدمت قوات النظام مدعومة من روسيا نحو البلدة').ms;
    expect(a.map((m) => m.actor.id)).toEqual(['syria-government-forces', 'russia']);
    expect(a[0]!.backedBy).toBe(a[1]);

    const b = mentionsOf('هاجمت قسد المدعومة أمريكياً مواقع داعش').ms;
    expect(b[0]!.actor.id).toBe('sdf');
    expect(b[0]!.backedBy?.actor.id).toBe('united-states');
    expect(b[2]!.actor.id).toBe('isis');
    expect(b[2]!.backedBy).toBeNull();

    const c = mentionsOf('تقدمت قوات الأسد بدعم روسي').ms;
    expect(c.map((m) => [m.text, m.actor.id, m.via])).toEqual([
      ['قوات الأسد', 'syria-government-forces', 'name'],
      ['روسي', 'russia', 'demonym'],
    ]);
    expect(c[0]!.backedBy).toBe(c[1]);

    const d = mentionsOf('وبدأت قوات الأسد بغطاء جوي روسي حملة').ms;
    expect(d[0]!.backedBy?.actor.id).toBe('russia-military-forces');
  });

  it('does not call a neighbouring actor a backer without a backing word, nor a lone adjective an actor', () => {
    const { ms } = mentionsOf('اشتبكت قوات النظام روسيا مع فصائل معارضة مدعومة أمس');
    expect(ms[0]!.backedBy).toBeNull();
    expect(pairs('وكالة نوفستي الروسية ومصادر تركية')).toEqual([]);
  });
});

describe('English mentions', () => {
  it('matches case-insensitively over several words, with hyphens and apostrophes', () => {
    expect(pairs("Assad's forces and the SYRIAN ARMY shelled rebel-held areas held by Hay'at Tahrir al-Sham.")).toEqual([
      ["Assad's forces", 'syria-government-forces'],
      ['SYRIAN ARMY', 'syria-government-forces'],
      ['rebel-held', 'syria-opposition'],
      ["Hay'at Tahrir al-Sham", 'hts'],
    ]);
  });

  it('needs capitals for acronyms that are also words', () => {
    expect(pairs('US forces told us the IS group is near')).toEqual([
      ['US forces', 'united-states-military-forces'],
      ['IS group', 'isis'],
    ]);
    expect(pairs('Isis fighters and ISIS cells')).toEqual([
      ['Isis fighters', 'isis'],
      ['ISIS cells', 'isis'],
    ]);
    expect(pairs('who said the un report')).toEqual([]);
  });

  it('links "X-backed Y" and "Y backed by X"', () => {
    const a = mentionsOf('Russian-backed Syrian government forces attacked rebels backed by Turkey.').ms;
    expect(a.map((m) => [m.text, m.actor.id])).toEqual([
      ['Russian', 'russia'],
      ['Syrian government forces', 'syria-government-forces'],
      ['rebels', 'syria-opposition'],
      ['Turkey', 'turkey'],
    ]);
    expect(a[1]!.backedBy).toBe(a[0]);
    expect(a[2]!.backedBy).toBe(a[3]);

    const b = mentionsOf('the US-backed SDF').ms;
    expect(b.map((m) => m.actor.id)).toEqual(['united-states', 'sdf']);
    expect(b[1]!.backedBy).toBe(b[0]);
    expect(b[0]!.backedBy).toBeNull();
  });
});

describe('without the NormText', () => {
  it('still finds mentions, with normalised text, but never an acronym it cannot check', () => {
    const nt = normaliseText('وقوات الأسد وUS forces');
    const ms = findActorMentions(tokenize(nt), cat);
    expect(ms.map((m) => [m.text, m.actor.id])).toEqual([['قوات الاسد', 'syria-government-forces']]);
  });
});

describe('toEventActor', () => {
  it('gives the event-format actor, coding state forces abroad as external', () => {
    const { ms } = mentionsOf('قصفت القوات التركية مواقع قسد');
    expect(toEventActor(ms[0]!)).toEqual({ id: 'turkey-military-forces', name: 'Military Forces of Turkey', text: 'القوات التركية', inter: 8 });
    expect(toEventActor(ms[0]!, 'TR').inter).toBe(1);
    expect(toEventActor(ms[1]!, 'SY')).toEqual({ id: 'sdf', name: 'Syrian Democratic Forces', text: 'قسد', inter: 2 });
  });
});

describe.skipIf(!hasShared)('the seed page', () => {
  const text = hasShared ? readFileSync(seedPath, 'utf8') : '';
  const lineOf = (prefix: string): { start: number; end: number } => {
    const start = text.indexOf(`\n${prefix}`) + 1;
    expect(start).toBeGreaterThan(0);
    return { start, end: text.indexOf('\n', start) };
  };
  const inLine = (ms: ActorMention[], line: { start: number; end: number }) =>
    ms.filter((m) => m.start >= line.start && m.end <= line.end).map((m) => [m.text, m.actor.id]);

  it('finds the government forces, backed by Russian air cover, where the campaign starts', () => {
    const { ms } = mentionsOf(text);
    const line = lineOf('وبدأت قوات الأسد');
    expect(inLine(ms, line)).toEqual([
      ['قوات الأسد', 'syria-government-forces'],
      ['غطاء جوي روسي', 'russia-military-forces'],
    ]);
    const assad = ms.find((m) => m.start >= line.start && m.actor.id === 'syria-government-forces')!;
    expect(assad.backedBy?.actor.id).toBe('russia-military-forces');
    expect(toEventActor(assad)).toEqual({ id: 'syria-government-forces', name: 'Military Forces of Syria', text: 'قوات الأسد', inter: 1 });
  });

  it('finds the opposition on the contact line and the advance of the government forces', () => {
    const { ms } = mentionsOf(text);
    expect(inLine(ms, lineOf('وينص اتفاق سوتشي'))).toEqual([
      ['قوات الأسد', 'syria-government-forces'],
      ['المعارضة', 'syria-opposition'],
      ['قوات الأسد', 'syria-government-forces'],
      ['روسيا', 'russia'],
    ]);
    expect(inLine(ms, lineOf('وتمكنت قوات الأسد'))).toEqual([['قوات الأسد', 'syria-government-forces']]);
  });

  it('relates Zakharova and the Russian foreign ministry spokeswoman to Russia', () => {
    const { ms } = mentionsOf(text);
    const line = inLine(ms, lineOf('وقالت ماريا زاخروفا'));
    expect(line).toContainEqual(['ماريا زاخروفا', 'russia']);
    expect(line).toContainEqual(['وزارة الخارجية الروسية', 'russia']);
    expect(inLine(ms, lineOf('وأضافت زاخروفا'))[0]).toEqual(['زاخروفا', 'russia']);
    expect(inLine(ms, lineOf('أكدت الخارجية الروسية'))).toEqual([
      ['الخارجية الروسية', 'russia'],
      ['الضباط العسكريين الروس', 'russia-military-forces'],
      ['الأتراك', 'turkey'],
    ]);
  });

  it('reads the "terrorists" label once the broken word is repaired', () => {
    const broken = text.indexOf('الإرها بيون');
    const { ms } = mentionsOf(text, { drop: new Set([broken + 'الإرها'.length]) });
    const m = ms.find((x) => x.start === broken);
    expect(m?.actor.id).toBe('labelled-terrorists');
    expect(ms.filter((x) => x.actor.id === 'labelled-terrorists')).toHaveLength(2);
  });

  it('matches a 2,000-character document in well under 0.2 ms of CPU', () => {
    const nt = normaliseText(text);
    const tokens = tokenize(nt);
    for (let i = 0; i < 200; i++) findActorMentions(tokens, cat, nt); // warm up the JIT
    const runs = 2000;
    const c0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) findActorMentions(tokens, cat, nt);
    const c = process.cpuUsage(c0);
    const msPer2000 = ((c.user + c.system) / 1000 / runs) * (2000 / text.length);
    expect(msPer2000).toBeLessThan(0.2);
  });
});
