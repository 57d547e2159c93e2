import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MarsadEvent } from '../../src/model/event.js';
import { processDocument } from '../../src/pipeline.js';
import { announceShared, importedHome, type ImportedHome } from '../support/shared.js';

/**
 * Syria suite: short reports written for these tests (not taken from any source), each with what
 * an analyst would code from it. Published 2019-06-05, a Wednesday.
 */
interface Case {
  name: string;
  text: string;
  expect: Array<{
    sub: string;
    actor1?: string | null;
    actor2?: string | null;
    place?: string;
    start?: string;
    end?: string;
    fatalities?: number | null;
    civilian?: boolean;
    status?: string;
  }>;
}

const CASES: Case[] = [
  {
    name: 'Russian air strike with civilian deaths, yesterday',
    text: 'قتل خمسة مدنيين بينهم طفلان أمس جراء غارات جوية شنها الطيران الروسي على مدينة خان شيخون في ريف إدلب الجنوبي.',
    expect: [{ sub: 'Air/drone strike', actor1: 'russia-military-forces', place: 'Khan Shaykhun', start: '2019-06-04', end: '2019-06-04', fatalities: 5, civilian: true }],
  },
  {
    name: 'government shelling of two villages gives two events',
    text: 'قصفت قوات النظام بالمدفعية الثقيلة بلدتي كفرنبل وحاس جنوبي إدلب، الثلاثاء.',
    expect: [
      { sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Kafr Nabl', start: '2019-06-04' },
      { sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'حاس', start: '2019-06-04' },
    ],
  },
  {
    name: 'clashes between HTS and government forces',
    text: 'اندلعت اشتباكات عنيفة بين هيئة تحرير الشام وقوات النظام على أطراف بلدة اللطامنة بريف حماة الشمالي.',
    expect: [{ sub: 'Armed clash', actor1: 'hts', actor2: 'syria-government-forces', place: 'Al Lataminah' }],
  },
  {
    name: 'opposition captures a village',
    text: 'وسيطرت فصائل المعارضة على قرية الحماميات في ريف حماة الشمالي بعد معارك مع قوات الأسد.',
    expect: [{ sub: 'Non-state actor overtakes territory', actor1: 'syria-opposition', place: 'الحماميات' }],
  },
  {
    name: 'a denial of shelling is no shelling',
    text: 'ولم تقصف القوات التركية أي موقع في ريف حلب الشمالي خلال الأسبوع الماضي.',
    expect: [],
  },
  {
    name: 'a threat is not an event',
    text: 'وهدد الجيش التركي بقصف مواقع قوات سوريا الديمقراطية في منبج إذا لم تنسحب.',
    expect: [],
  },
  {
    name: 'a demand to stop the bombing is not an event',
    text: 'وطالبت الأمم المتحدة بوقف القصف على إدلب فوراً.',
    expect: [],
  },
  {
    name: 'an IED in Azaz',
    text: 'انفجرت عبوة ناسفة في سيارة وسط مدينة اعزاز شمالي حلب، ما أدى إلى مقتل ثلاثة مدنيين وإصابة سبعة آخرين.',
    expect: [{ sub: 'Remote explosive/landmine/IED', place: 'Azaz', fatalities: 3, civilian: true }],
  },
  {
    name: 'a protest in Idlib city on Friday',
    text: 'وخرجت مظاهرة في مدينة إدلب يوم الجمعة تطالب بإسقاط النظام.',
    expect: [{ sub: 'Peaceful protest', place: 'Idlib', start: '2019-05-31', end: '2019-05-31' }],
  },
  {
    name: 'arrests by government forces in Daraa',
    text: 'واعتقلت قوات النظام عشرة شبان في مدينة درعا، الإثنين.',
    expect: [{ sub: 'Arrests', actor1: 'syria-government-forces', place: 'Daraa', start: '2019-06-03' }],
  },
  {
    name: 'an English air strike report with a wire dateline',
    text: 'BEIRUT (Reuters) - Russian warplanes struck the town of Maarat al-Numan in Idlib province on Tuesday, killing at least 12 civilians, a war monitor said.',
    expect: [{ sub: 'Air/drone strike', actor1: 'russia-military-forces', place: 'معرة النعمان', start: '2019-06-04', fatalities: 12, civilian: true }],
  },
  {
    // "May" before a day number is the month, not the modal verb that would make this a possibility.
    name: 'an English wire dateline naming the month May',
    text: 'BEIRUT, May 9 (Reuters) - Syrian government forces shelled the town of Khan Shaykhun in Idlib province, killing four civilians, a war monitor said.',
    expect: [{ sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Khan Shaykhun', start: '2019-05-09', fatalities: 4, civilian: true }],
  },
  {
    name: 'English: May as a modal still blocks the event',
    text: 'Syrian government forces may shell the town of Khan Shaykhun in the coming days, a war monitor said.',
    expect: [],
  },
  {
    name: 'English: government forces recaptured a town',
    text: 'Syrian government forces recaptured the town of Kafr Nabudah from rebels on Sunday after days of fighting.',
    expect: [{ sub: 'Government regains territory', actor1: 'syria-government-forces', actor2: 'syria-opposition', place: 'Kafr Nabudah', start: '2019-06-02' }],
  },
  {
    name: 'English: planned offensive is not an event',
    text: 'Turkey plans to launch an offensive against Kurdish fighters east of the Euphrates, officials said.',
    expect: [],
  },
  // Verb, subject, object: the subject stands between the verb and what makes it an event.
  {
    name: 'helicopters dropping barrel bombs is an air strike',
    text: 'وألقت مروحيات النظام السوري براميل متفجرة على بلدة الهبيط جنوبي إدلب، الثلاثاء.',
    expect: [{ sub: 'Air/drone strike', actor1: 'syria-government-forces', place: 'Al Habit', start: '2019-06-04' }],
  },
  {
    name: 'a speech and an arrest are no air strike',
    text: 'وألقى محافظ حماة كلمة في المدينة، فيما ألقت الشرطة العسكرية القبض على شابين في مدينة السلمية.',
    expect: [{ sub: 'Arrests', place: 'Salamiyah' }],
  },
  {
    name: 'forces restoring their control over a village is a capture',
    text: 'وأعادت قوات النظام السوري سيطرتها على قرية الجبين في ريف حماة الشمالي الغربي، أمس.',
    expect: [{ sub: 'Government regains territory', actor1: 'syria-government-forces', place: 'Jubbayn', start: '2019-06-04' }],
  },
  {
    name: 'the aircraft after the verb is the one that struck',
    text: 'واستهدفت الطائرات الحربية الروسية بلدة كفرسجنة في ريف إدلب الجنوبي بعدة غارات.',
    expect: [{ sub: 'Air/drone strike', actor1: 'russia-military-forces', place: 'Kafr Sajnah' }],
  },
  // What a protest is against, or what is to stop, is not an event of its own.
  {
    name: 'a protest against shelling is only a protest',
    text: 'خرج العشرات في مظاهرة بمدينة سراقب، تنديداً بالقصف المتواصل على ريف إدلب.',
    expect: [{ sub: 'Peaceful protest', place: 'Saraqib' }],
  },
  {
    name: 'demonstrators demanding a halt to air strikes',
    text: 'وتظاهر المئات في مدينة بنش وطالبوا بوقف الغارات الجوية على المنطقة.',
    expect: [{ sub: 'Peaceful protest', place: 'Binnish' }],
  },
  {
    name: 'a diplomatic protest is no demonstration',
    text: 'Ankara said it had protested to Moscow after Turkish troops came under fire.',
    expect: [],
  },
  // Places: what was hit, and what only says where it is.
  {
    name: 'two towns that came under shelling give two events',
    text: 'وتعرضت مدينتا مورك وكفرزيتا في ريف حماة الشمالي لقصف صاروخي من قوات النظام، ما أدى إلى إصابة طفل في كفرزيتا.',
    expect: [
      { sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Murak' },
      { sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Kafr Zita' },
    ],
  },
  {
    name: 'a city named to say where a village lies was not shelled',
    text: 'وقصفت قوات النظام بلدة الزربة جنوب غربي حلب بالمدفعية الثقيلة.',
    expect: [{ sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Az Zarbah' }],
  },
  {
    name: 'a neighbourhood in a city is one place',
    text: 'وسقطت قذائف صاروخية على حي الحمدانية في مدينة حلب.',
    expect: [{ sub: 'Shelling/artillery/missile attack', place: 'Al Hamdaniyah' }],
  },
  {
    name: 'three villages taken in one sentence, one with a two-letter first word',
    text: 'وسيطرت قوات النظام على قرى الجبين وتل ملح والحماميات في ريف حماة الشمالي.',
    expect: [
      { sub: 'Government regains territory', place: 'Jubbayn' },
      { sub: 'Government regains territory', place: 'Tall Mallah' },
      { sub: 'Government regains territory', place: 'Hamamiyat' },
    ],
  },
  // Demonstrations: actor1 is the crowd, as ACLED codes it.
  {
    name: 'civilians who demonstrate are the protesters, and a peaceful protest has no actor2',
    text: 'وتظاهر مئات المدنيين في مدينة معرة النعمان ضد هيئة تحرير الشام.',
    expect: [{ sub: 'Peaceful protest', actor1: 'protesters', actor2: null, place: "Maarrat al-Nu'man" }],
  },
  {
    name: 'police breaking up a protest are its actor2',
    text: 'وفرقت قوات الأمن التركية المتظاهرين في مدينة عفرين.',
    expect: [{ sub: 'Protest with intervention', actor1: 'protesters', actor2: 'turkey-police', place: 'Afrin' }],
  },
  {
    name: 'control of the situation is no capture of territory',
    text: 'وقال مصدر أمني إن الشرطة تمكنت من السيطرة على الموقف في مدينة جرابلس بعد ساعات.',
    expect: [],
  },
  {
    name: 'hand grenades thrown by a crowd are no air strike',
    text: 'وألقى شبان قنابل يدوية على مخفر الشرطة في مدينة الباب.',
    expect: [{ sub: 'Grenade', place: 'al-Bab' }],
  },
  {
    name: 'the second of two towns is a place though its name is a common word',
    text: 'وسيطرت قوات النظام على بلدتي قلعة المضيق والشريعة في ريف حماة الغربي.',
    expect: [
      { sub: 'Government regains territory', place: "Qal'at al Madiq" },
      { sub: 'Government regains territory', place: 'الشريعة' },
    ],
  },
  // Words of violence that report no act of it.
  {
    name: 'a fear of air strikes is no air strike',
    text: 'ونزح آلاف المدنيين من مدينة خان شيخون خوفاً من غارات جوية على المدينة.',
    expect: [],
  },
  {
    name: 'a trial in a kidnapping case is no kidnapping',
    text: 'وبدأت في مدينة إدلب محاكمة ثلاثة عناصر في قضية خطف طبيب من المدينة.',
    expect: [],
  },
  {
    name: 'a fierce attack in a statement is no attack',
    text: 'وشن المتحدث باسم هيئة تحرير الشام هجوماً حاداً على فصائل الجبهة الوطنية للتحرير في بيان من إدلب.',
    expect: [],
  },
  {
    name: 'security forces defusing a car bomb is disrupted weapons use',
    text: 'وفككت قوات الشرطة الحرة سيارة مفخخة في مدينة الباب.',
    expect: [{ sub: 'Disrupted weapons use', place: 'al-Bab' }],
  },
  {
    name: 'protesters gathering is a protest though they are named as an actor',
    text: 'وتجمع مئات المتظاهرين في ساحة مدينة بنش مطالبين بإطلاق سراح المعتقلين.',
    expect: [{ sub: 'Peaceful protest', actor1: 'protesters', place: 'Binnish' }],
  },
  // Ceasefire violations: the ceasefire named beside the act is no halt of it, and no new agreement.
  {
    name: 'shelling that breaks the ceasefire is shelling',
    text: 'وخرقت قوات النظام وقف إطلاق النار بقصف مدفعي على بلدة كفرنبودة.',
    expect: [{ sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Kafr Nabudah' }],
  },
  {
    name: 'a new breach of the ceasefire agreement is no agreement',
    text: 'وفي خرق جديد لاتفاق وقف إطلاق النار، قصفت قوات النظام بلدة الهبيط جنوبي إدلب.',
    expect: [{ sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Al Habit' }],
  },
  {
    name: 'a call for an immediate halt to shelling is no shelling',
    text: 'وطالب أهالي بلدة الهبيط بوقف فوري للقصف على بلدتهم.',
    expect: [],
  },
  {
    name: 'English: a ceasefire violated by shelling',
    text: 'The Syrian army violated the ceasefire agreement by shelling Kafr Zita, rebels said.',
    expect: [{ sub: 'Shelling/artillery/missile attack', actor1: 'syria-government-forces', place: 'Kafr Zita' }],
  },
  // Observation posts: named all the time, established seldom.
  {
    name: 'an observation post named in a report is no post established',
    text: 'وزار وفد عسكري روسي نقطة المراقبة التركية في مورك.',
    expect: [],
  },
  {
    name: 'the Turkish army setting up a new observation post',
    text: 'وأنشأ الجيش التركي نقطة مراقبة جديدة في بلدة الصرمان.',
    expect: [{ sub: 'Headquarters or base established', actor1: 'turkey-military-forces' }],
  },
  {
    name: 'rebels withdrawing from a village, the actor between verb and place',
    text: 'وانسحبت فصائل المعارضة من قرية الحويز في سهل الغاب.',
    expect: [{ sub: 'Non-violent transfer of territory', actor1: 'syria-opposition', place: 'Al Huwayz' }],
  },
  {
    name: 'a ruling authority is no verdict',
    text: 'وفي ظل حكم الأمر الواقع، سيطرت قوات النظام على بلدة الهبيط جنوبي إدلب.',
    expect: [{ sub: 'Government regains territory', actor1: 'syria-government-forces', place: 'Al Habit' }],
  },
  {
    name: 'English: a post that came under fire from government forces',
    text: 'A Turkish observation post near Morek came under fire from Syrian government forces on Tuesday.',
    expect: [{ sub: 'Attack', actor1: 'syria-government-forces' }],
  },
];

function brief(e: MarsadEvent): string {
  return `${e.sub_event_type} | ${e.actor1?.id ?? '-'} | ${e.actor2?.id ?? '-'} | ${e.location?.name ?? '-'} | ${e.date?.start ?? '-'}..${e.date?.end ?? '-'} | f=${e.fatalities}`;
}

describe.skipIf(!announceShared('Syria events suite'))('events from Syrian reports', () => {
  let env: ImportedHome;
  beforeAll(async () => {
    env = await importedHome();
  });
  afterAll(() => env?.cleanup());

  for (const c of CASES) {
    it(c.name, () => {
      const { events } = processDocument(
        { inputId: c.name, text: c.text, url: null, title: null, byline: null, source: null, dateline: null,
          published: '2019-06-05', language: null, fromHtml: false },
        env.resources,
      );
      const got = events.map(brief);
      expect(events.length, got.join('\n')).toBe(c.expect.length);
      for (const want of c.expect) {
        const hit = events.find(
          (e) => e.sub_event_type === want.sub && (!want.place || [e.location?.name, e.location?.name_ar, e.location?.text].includes(want.place)),
        );
        expect(hit, `no ${want.sub} at ${want.place ?? 'any place'} in:\n${got.join('\n')}`).toBeDefined();
        if (want.actor1 !== undefined) expect(hit!.actor1?.id ?? null).toBe(want.actor1);
        if (want.actor2 !== undefined) expect(hit!.actor2?.id ?? null).toBe(want.actor2);
        if (want.start) expect(hit!.date?.start).toBe(want.start);
        if (want.end) expect(hit!.date?.end).toBe(want.end);
        if (want.fatalities !== undefined) expect(hit!.fatalities).toBe(want.fatalities);
        if (want.civilian !== undefined) expect(hit!.civilian_targeting).toBe(want.civilian);
      }
    });
  }
});
