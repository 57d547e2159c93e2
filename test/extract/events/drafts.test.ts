import { describe, expect, it } from 'vitest';
import { buildDrafts, type ExtractResources } from '../../../src/extract/events/build-drafts.js';
import { clauseBreaks, sentenceUnits } from '../../../src/extract/events/sentence-units.js';
import { loadRoleLexicon } from '../../../src/extract/events/role-lexicon.js';
import { loadCueLexicon } from '../../../src/extract/modality/cue-lexicon.js';
import { loadTriggerLexicon } from '../../../src/extract/triggers/trigger-lexicon.js';
import { ActorCatalogue } from '../../../src/extract/actors/catalogue.js';
import { findActorMentions } from '../../../src/extract/actors/actor-mentions.js';
import { findDateMentions } from '../../../src/extract/dates/date-mentions.js';
import { findCasualtyMentions } from '../../../src/extract/quantities/casualties.js';
import { normaliseText } from '../../../src/text/normalise.js';
import { splitSentences } from '../../../src/text/sentences.js';
import { tokenize } from '../../../src/text/tokens.js';

/** Drafts only: triggers, modality, actors, dates and casualties, before any place is known. */
const actors = ActorCatalogue.load();
const res: ExtractResources = {
  triggers: loadTriggerLexicon(),
  cues: loadCueLexicon(),
  roles: loadRoleLexicon(),
  parentOf: (id) => actors.get(id)?.parent ?? null,
};

function drafts(text: string, published: string | null = '2019-06-05') {
  const nt = normaliseText(text);
  const tokens = tokenize(nt);
  return buildDrafts(
    {
      original: text,
      tokens,
      sentences: sentenceUnits(tokens, splitSentences(text)),
      breaks: clauseBreaks(text, tokens),
      actors: findActorMentions(tokens, actors, nt),
      dates: findDateMentions(tokens, published, nt.norm),
      casualties: findCasualtyMentions(tokens),
      published,
    },
    res,
  ).drafts;
}

describe('modality', () => {
  it.each([
    ['negated', 'لم تقصف الطائرات الروسية البلدة أمس.'],
    ['negated with و', 'ولم تقصف الطائرات الروسية البلدة أمس.'],
    ['threatened', 'هدد الجيش التركي بقصف مواقع قسد.'],
    ['planned', 'وتعتزم قوات النظام شن هجوم بري على البلدة.'],
    ['demanded', 'وطالبت الأمم المتحدة بوقف القصف.'],
    ['hypothetical', 'إذا قصفت الطائرات المدينة سيفر السكان.'],
    ['alleged', 'وزعم المتحدث أن المسلحين يحضرون لهجوم كيماوي.'],
    ['future (English)', 'Turkish forces will shell the town.'],
    ['negated (English)', 'No clashes were reported in the area.'],
  ])('%s: no event', (_name, text) => {
    expect(drafts(text)).toEqual([]);
  });

  it('does not let a negation reach across a comma into the next clause', () => {
    const d = drafts('لم يتضح السبب، وقصفت الطائرات الحربية البلدة أمس.');
    expect(d.map((x) => x.sub_event_type)).toEqual(['Air/drone strike']);
  });

  it('keeps an accused act as an event attributed as alleged, and a denial as denied', () => {
    expect(drafts('واتهم ناشطون قوات النظام بقصف البلدة بالمدفعية أمس.')[0]?.attribution.status).toBe('alleged');
    expect(drafts('ونفت روسيا قصف المستشفى أمس.')[0]?.attribution.status).toBe('denied');
  });

  it('marks reported speech with its speaker', () => {
    const [d] = drafts('وقال المرصد السوري لحقوق الإنسان إن الطائرات الروسية قصفت البلدة أمس.');
    expect(d?.attribution.status).toBe('reported');
  });
});

describe('triggers and sub-types', () => {
  it('lets a weapon named near an attack set its sub-type', () => {
    expect(drafts('وقصفت قوات النظام البلدة بغاز الكلور أمس.')[0]?.sub_event_type).toBe('Chemical weapon');
    expect(drafts('واستهدفت طائرة مسيرة سيارة في البلدة أمس.')[0]?.sub_event_type).toBe('Air/drone strike');
  });

  it('makes no event of a weapon named without an attack', () => {
    expect(drafts('وتحدث التقرير عن مخزون الأسلحة الكيماوية.')).toEqual([]);
  });

  it('codes an unspecified bombardment as an air strike when aircraft are named', () => {
    expect(drafts('وقصفت الطائرات الحربية البلدة أمس.')[0]?.sub_event_type).toBe('Air/drone strike');
    expect(drafts('وقصفت قوات النظام البلدة أمس.')[0]?.sub_event_type).toBe('Shelling/artillery/missile attack');
  });

  it('gives way to a strong trigger: a killing by shelling is one shelling', () => {
    const d = drafts('ومقتل خمسة مدنيين بقصف مدفعي لقوات النظام أمس.');
    expect(d.map((x) => x.sub_event_type)).toEqual(['Shelling/artillery/missile attack']);
    expect(d[0]?.fatalities).toBe(5);
    expect(d[0]?.civilian_targeting).toBe(true);
  });

  it('folds the fighting before a capture into the capture', () => {
    const d = drafts('وسيطرت قوات النظام على البلدة بعد اشتباكات عنيفة مع فصائل المعارضة.');
    expect(d.map((x) => x.sub_event_type)).toEqual(['Government regains territory']);
    expect(d[0]?.actor2?.id).toBe('syria-opposition');
  });

  it('needs a taker for a capture', () => {
    expect(drafts('وسيطرت على البلدة بعد يومين.')).toEqual([]);
  });

  it('asks a definite noun that only refers to an attack for a place', () => {
    const [d] = drafts('واستنكرت الحكومة الهجوم.');
    expect(d?.needsPlace).toBe(true);
    const [withToll] = drafts('وأسفر الهجوم عن مقتل ثلاثة مدنيين.');
    expect(withToll?.needsPlace).toBe(false);
  });
});

describe('dates', () => {
  it('carries a date from the previous sentence to one that gives none', () => {
    const d = drafts('وبدأت قوات النظام حملة منذ 26 نيسان الماضي. وسيطرت قوات النظام خلال الحملة على البلدة.');
    expect(d[0]?.date).toEqual({ start: '2019-04-26', end: '2019-06-05', precision: 3 });
    expect(d[0]?.dateFrom).toBe('context');
  });

  it('falls back to the week before publication, and to nothing without a publication date', () => {
    expect(drafts('وقصفت الطائرات الحربية البلدة.')[0]?.date).toEqual({ start: '2019-05-30', end: '2019-06-05', precision: 2 });
    expect(drafts('وقصفت الطائرات الحربية البلدة.', null)[0]?.date).toBeNull();
  });
});

describe('actors', () => {
  it('finds the perpetrator after a verb and the target after على', () => {
    const [d] = drafts('وشنت قوات النظام هجوما على مواقع هيئة تحرير الشام أمس.');
    expect(d?.actor1?.id).toBe('syria-government-forces');
    expect(d?.actor2?.id).toBe('hts');
  });

  it('finds the agent of a passive after من قبل', () => {
    const [d] = drafts('وقتل مدنيان بقصف من قبل القوات التركية أمس.');
    expect(d?.actor1?.id).toBe('turkey-military-forces');
  });
});

describe('background and intent', () => {
  it('takes a sentence dated years before the report as background', () => {
    expect(drafts('وكانت الطائرات الحربية قد قصفت البلدة عام 2012.')).toEqual([]);
    expect(drafts('وقصفت الطائرات الحربية البلدة أمس.')).toHaveLength(1);
  });
  it('makes no event of wanting, suspicion or charges', () => {
    expect(drafts('واعتقل تسعة أشخاص للاشتباه في أنهم أرادوا خطف جندي.')).toEqual(
      expect.not.arrayContaining([expect.objectContaining({ sub_event_type: 'Abduction/forced disappearance' })]),
    );
    expect(drafts('Police said the men wanted to kidnap a soldier.')).toEqual([]);
  });
  it('makes no event of weapons merely named, and one of weapons that fell', () => {
    expect(drafts('ويعتبر وجود صواريخ متطورة مصدر تهديد.')).toEqual([]);
    expect(drafts('وسقطت قذائف على حي سكني أمس.')[0]?.sub_event_type).toBe('Shelling/artillery/missile attack');
  });
});

describe('gapped triggers: verb … object with the subject between', () => {
  it('make an event only when the object follows within the clause', () => {
    const hit = drafts('ألقت مروحيات النظام براميل متفجرة على البلدة.');
    expect(hit.map((d) => [d.sub_event_type, d.trigger.text])).toEqual([['Air/drone strike', 'ألقت']]);
    expect(hit[0]!.actor1?.id).toBe('syria-government-forces');
    // A comma between verb and object: two clauses, no phrase.
    expect(drafts('ألقت مروحيات النظام، براميل متفجرة على البلدة.').map((d) => d.trigger.text)).not.toContain('ألقت');
    // Too far apart: more than a subject's length.
    expect(drafts('ألقت الطائرات التي أقلعت من قاعدة حميميم العسكرية قرب جبلة براميل متفجرة.').map((d) => d.trigger.text)).not.toContain(
      'ألقت',
    );
    expect(drafts('ألقى وزير الخارجية كلمة أمام المؤتمر.')).toEqual([]);
  });
});

describe('topic cues: what a protest is against', () => {
  it('leave the protest and drop the shelling it denounces', () => {
    const subs = drafts('تظاهر المئات في المدينة احتجاجاً على القصف المستمر.').map((d) => d.sub_event_type);
    expect(subs).toEqual(['Peaceful protest']);
  });
});

describe('verbs of undergoing', () => {
  it('mark the words before the trigger as what was hit', () => {
    const [d] = drafts('تعرضت بلدتا مورك وكفرزيتا لقصف مدفعي من قوات النظام.');
    expect(d!.targetsBefore).not.toBeNull();
    expect(d!.targetsBefore!.tokenEnd).toBe(d!.trigger.tokenStart);
    const [plain] = drafts('قصفت قوات النظام بلدتي مورك وكفرزيتا.');
    expect(plain!.targetsBefore).toBeNull();
  });
});
