import type { DocumentRecord } from '../../src/model/document.js';
import type { EventActor, MarsadEvent, SubEventType } from '../../src/model/event.js';
import { eventTypeOf } from '../../src/model/event.js';
import type { Agreement, Violation } from '../../src/monitor/types.js';
import type { MonitorReportSources } from '../../src/report/store-sources.js';
import type { ControlChangeInput, EscalationSeriesInput, PostAttackInput } from '../../src/report/types.js';
import type { EventStore } from '../../src/store/store.js';
import type { IncidentGrade, IncidentInput } from '../../src/store/types.js';

/**
 * A realistic day for the report, 9 May 2019 in the Idlib de-escalation zone: written for these
 * tests (the sentences are ours, not copied from news), stored as real documents, events and
 * incidents in a temp store; agreements, violations, control, escalation and posts come from
 * in-memory fakes shaped like the monitor modules' answers.
 */
export const DAY = '2019-05-09';

const A = {
  gov: { id: 'syria-government-forces', name: 'Military Forces of Syria', text: 'قوات النظام', inter: 1 },
  opp: { id: 'syria-opposition', name: 'Syrian opposition armed groups', text: 'فصائل المعارضة', inter: 2 },
  ru: { id: 'russia-military-forces', name: 'Military Forces of Russia', text: 'الطيران الروسي', inter: 8 },
  tr: { id: 'turkey-military-forces', name: 'Military Forces of Turkey', text: 'نقطة المراقبة التركية', inter: 8 },
  civ: { id: 'civilians', name: 'Civilians', text: 'مدنيين', inter: 7 },
} satisfies Record<string, EventActor>;

const P = {
  kafrNabudah: { name: 'Kafr Nabudah', name_ar: 'كفر نبودة', lat: 35.43175, lon: 36.49354, admin1: 'Hama' },
  qalaatMadiq: { name: 'Qalaat al-Madiq', name_ar: 'قلعة المضيق', lat: 35.41465, lon: 36.39085, admin1: 'Hama' },
  khanShaykhun: { name: 'Khan Shaykhun', name_ar: 'خان شيخون', lat: 35.4419, lon: 36.6486, admin1: 'Idlib' },
  shirMughar: { name: 'Shir Mughar', name_ar: 'شير مغار', lat: 35.5642, lon: 36.3797, admin1: 'Hama' },
  idlib: { name: 'Idlib', name_ar: 'إدلب', lat: 35.9306, lon: 36.6339, admin1: 'Idlib' },
};
type PlaceKey = keyof typeof P;

interface Spec {
  n: number;
  sub: SubEventType;
  place: PlaceKey;
  a1: EventActor;
  a2: EventActor | null;
  fatalities: number | null;
  evidence: string;
}

interface DocSpec {
  id: string;
  source: string;
  title: string;
  language: 'ar' | 'en';
  events: Spec[];
}

export const DOCS: DocSpec[] = [
  {
    id: 'doc-enab-1', source: 'عنب بلدي', language: 'ar', title: 'غارات روسية على ريف حماة الشمالي وتقدم لقوات النظام',
    events: [
      { n: 1, sub: 'Air/drone strike', place: 'kafrNabudah', a1: A.ru, a2: A.civ, fatalities: 4,
        evidence: 'شنّ الطيران الحربي الروسي أربع غارات على بلدة كفرنبودة في ريف حماة الشمالي، ما أدى إلى مقتل أربعة مدنيين.' },
      { n: 2, sub: 'Government regains territory', place: 'qalaatMadiq', a1: A.gov, a2: A.opp, fatalities: null,
        evidence: 'سيطرت قوات النظام على قلعة المضيق بعد انسحاب فصائل المعارضة منها إثر قصف عنيف.' },
    ],
  },
  {
    id: 'doc-sohr-1', source: 'المرصد السوري لحقوق الإنسان', language: 'ar', title: 'حصيلة يوم من القصف على منطقة خفض التصعيد',
    events: [
      { n: 1, sub: 'Air/drone strike', place: 'kafrNabudah', a1: A.ru, a2: A.civ, fatalities: 4,
        evidence: 'قتل أربعة مدنيين جراء غارات جوية على كفرنبودة.' },
      { n: 2, sub: 'Shelling/artillery/missile attack', place: 'khanShaykhun', a1: A.gov, a2: A.civ, fatalities: 3,
        evidence: 'قصفت قوات النظام بالمدفعية الثقيلة أحياء مدينة خان شيخون جنوبي إدلب، وقتل ثلاثة أشخاص.' },
      { n: 3, sub: 'Armed clash', place: 'kafrNabudah', a1: A.opp, a2: A.gov, fatalities: 7,
        evidence: 'اندلعت اشتباكات عنيفة بين الفصائل وقوات النظام على محور كفرنبودة، قتل فيها سبعة مقاتلين.' },
    ],
  },
  {
    id: 'doc-wire-1', source: 'Example Wire', language: 'en', title: 'Turkish post near Shir Mughar comes under fire',
    events: [
      { n: 1, sub: 'Shelling/artillery/missile attack', place: 'shirMughar', a1: A.gov, a2: A.tr, fatalities: null,
        evidence: 'Syrian government artillery shelled the area of the Turkish observation post near Shir Mughar, the Turkish defence ministry said.' },
      { n: 2, sub: 'Air/drone strike', place: 'idlib', a1: A.ru, a2: A.civ, fatalities: 1,
        evidence: 'An air strike hit the outskirts of Idlib city, killing one person, residents said.' },
    ],
  },
  {
    id: 'doc-rumour-1', source: 'مدى بوست', language: 'ar', title: 'أنباء غير مؤكدة عن هجوم',
    events: [
      { n: 1, sub: 'Chemical weapon', place: 'kafrNabudah', a1: A.gov, a2: A.civ, fatalities: null,
        evidence: 'تحدثت صفحات محلية عن هجوم كيميائي لم يتأكد.' },
    ],
  },
];

function makeEvent(doc: DocSpec, s: Spec): MarsadEvent {
  const p = P[s.place];
  return {
    id: `${doc.id}#${s.n}`, doc_id: doc.id, event_type: eventTypeOf(s.sub), sub_event_type: s.sub,
    plover: s.sub === 'Government regains territory' ? 'COERCE' : 'ASSAULT', plover_mode: null,
    actor1: s.a1, actor2: s.a2,
    location: { name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: null, admin3: null, country: 'SY', geo_precision: 1, gazetteer_id: `test:${s.place}`, text: p.name_ar },
    date: { start: DAY, end: DAY, precision: 1 }, fatalities: s.fatalities, injured: null, civilian_targeting: s.a2?.id === 'civilians',
    attribution: { status: 'reported', by: null }, evidence: [{ start: 0, end: s.evidence.length, text: s.evidence }], confidence: 0.8,
  };
}

function makeDoc(d: DocSpec, text: string): DocumentRecord {
  return {
    id: d.id, input_id: `${d.id}.txt`, url: `https://news.example/${d.id}`, title: d.title, dateline: null, byline: null,
    source: d.source, published: DAY, published_from: 'metadata', language: d.language, boilerplate: [], repairs: [], length: text.length,
  };
}

interface IncidentSpec { id: string; members: string[]; grade: IncidentGrade; place: PlaceKey; sub: SubEventType; actors: string[]; fatalities: number | null }

export const INCIDENTS: IncidentSpec[] = [
  { id: 'inc-kn-strike', members: ['doc-enab-1#1', 'doc-sohr-1#1'], grade: 'multiple-sources', place: 'kafrNabudah', sub: 'Air/drone strike', actors: ['russia-military-forces', 'civilians'], fatalities: 4 },
  { id: 'inc-qm-capture', members: ['doc-enab-1#2'], grade: 'single-source', place: 'qalaatMadiq', sub: 'Government regains territory', actors: ['syria-government-forces', 'syria-opposition'], fatalities: null },
  { id: 'inc-ks-shelling', members: ['doc-sohr-1#2'], grade: 'single-source', place: 'khanShaykhun', sub: 'Shelling/artillery/missile attack', actors: ['syria-government-forces', 'civilians'], fatalities: 3 },
  { id: 'inc-kn-clash', members: ['doc-sohr-1#3'], grade: 'contested', place: 'kafrNabudah', sub: 'Armed clash', actors: ['syria-opposition', 'syria-government-forces'], fatalities: 7 },
  { id: 'inc-sm-post', members: ['doc-wire-1#1'], grade: 'confirmed', place: 'shirMughar', sub: 'Shelling/artillery/missile attack', actors: ['syria-government-forces', 'turkey-military-forces'], fatalities: null },
  { id: 'inc-idlib-strike', members: ['doc-wire-1#2'], grade: 'single-source', place: 'idlib', sub: 'Air/drone strike', actors: ['russia-military-forces', 'civilians'], fatalities: 1 },
  { id: 'inc-rumour', members: ['doc-rumour-1#1'], grade: 'discounted', place: 'kafrNabudah', sub: 'Chemical weapon', actors: ['syria-government-forces', 'civilians'], fatalities: null },
];

/**
 * Store the day's documents, events and incidents. `evidenceOverride` replaces one event's
 * evidence text (the injection test).
 */
export async function fillStore(store: EventStore, evidenceOverride?: { eventId: string; text: string }): Promise<void> {
  for (const d of DOCS) {
    const events = d.events.map((s) => {
      const e = makeEvent(d, s);
      if (evidenceOverride && e.id === evidenceOverride.eventId) {
        e.evidence = [{ start: 0, end: evidenceOverride.text.length, text: evidenceOverride.text }];
      }
      return e;
    });
    const text = events.map((e) => e.evidence[0]!.text).join('\n');
    await store.putDocument(makeDoc(d, text), text, events);
  }
  for (const i of INCIDENTS) {
    const p = P[i.place];
    const input: IncidentInput = {
      id: i.id, event_type: eventTypeOf(i.sub), sub_event_type: i.sub, grade: i.grade,
      location: { name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: null, admin3: null, country: 'SY', geo_precision: 1 },
      date: { start: DAY, end: DAY }, actor_ids: i.actors, fatalities: i.fatalities,
      members: i.members.map((event_id) => ({ event_id })), explanation: ['fixture'],
    };
    await store.putIncident(input);
  }
}

/** A rough band over southern Idlib and northern Hama: a test zone, not the real agreement's. */
export const AGREEMENT: Agreement = {
  id: 'idlib-sochi-2018',
  name: 'Sochi memorandum on Idlib (2018)',
  description: 'Test fixture',
  approximation: 'Test fixture: a rectangle standing in for the demilitarised zone; the real one is built from gazetteer points.',
  parties: [{ id: 'russia', name: 'Russia' }, { id: 'turkey', name: 'Turkey' }],
  guarantors: [{ id: 'russia', name: 'Russia' }, { id: 'turkey', name: 'Turkey' }],
  effective: { from: '2018-10-15', until: null },
  zones: [{
    id: 'dmz', name: 'Demilitarised zone', name_ar: 'المنطقة منزوعة السلاح',
    geometry: { type: 'Polygon', coordinates: [[[36.25, 35.3], [36.95, 35.3], [36.95, 35.75], [36.25, 35.75], [36.25, 35.3]]] },
  }],
  posts: [
    { id: 'op-shir-mughar', name: 'Observation post 10 (Shir Mughar)', name_ar: 'نقطة المراقبة العاشرة (شير مغار)', lat: 35.5642, lon: 36.3797, radius_km: 3, held_by: 'turkey-military-forces' },
    { id: 'op-morek', name: 'Observation post 9 (Morek)', name_ar: 'نقطة المراقبة التاسعة (مورك)', lat: 35.3796, lon: 36.6786, radius_km: 3, held_by: 'turkey-military-forces' },
  ],
  rules: [
    { id: 'no-air-strikes', description: 'No air or drone strikes inside the zone', sub_event_types: ['Air/drone strike'], actors: [], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null },
    { id: 'no-shelling', description: 'No shelling or missile attacks inside the zone', sub_event_types: ['Shelling/artillery/missile attack'], actors: [], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null },
    { id: 'no-ground-offensive', description: 'No ground offensives inside the zone', sub_event_types: ['Armed clash', 'Government regains territory', 'Non-state actor overtakes territory'], actors: [], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null },
    { id: 'posts-inviolable', description: 'No attacks within the radius of an observation post', sub_event_types: ['Air/drone strike', 'Shelling/artillery/missile attack'], actors: [], actor_inters: [], scope: { kind: 'post', post: 'any' }, from: null, until: null },
  ],
};

function violation(rule: string, incident: string, parties: string[], grade: string, sub: SubEventType, place: PlaceKey, where: { zone?: string; post?: string }): Violation {
  const p = P[place];
  return {
    id: `v:${rule}:${incident}`, agreement_id: AGREEMENT.id, rule_id: rule, zone_id: where.zone ?? null, post_id: where.post ?? null,
    incident_id: incident, parties, grade, date: { start: DAY, end: DAY }, lat: p.lat, lon: p.lon, sub_event_type: sub,
  };
}

export const VIOLATIONS: Violation[] = [
  violation('no-air-strikes', 'inc-kn-strike', ['russia-military-forces'], 'multiple-sources', 'Air/drone strike', 'kafrNabudah', { zone: 'dmz' }),
  violation('no-shelling', 'inc-ks-shelling', ['syria-government-forces'], 'single-source', 'Shelling/artillery/missile attack', 'khanShaykhun', { zone: 'dmz' }),
  violation('no-ground-offensive', 'inc-qm-capture', ['syria-government-forces'], 'single-source', 'Government regains territory', 'qalaatMadiq', { zone: 'dmz' }),
  violation('no-ground-offensive', 'inc-kn-clash', ['syria-opposition', 'syria-government-forces'], 'contested', 'Armed clash', 'kafrNabudah', { zone: 'dmz' }),
  violation('no-shelling', 'inc-sm-post', ['syria-government-forces'], 'confirmed', 'Shelling/artillery/missile attack', 'shirMughar', { zone: 'dmz' }),
  violation('posts-inviolable', 'inc-sm-post', ['syria-government-forces'], 'confirmed', 'Shelling/artillery/missile attack', 'shirMughar', { post: 'op-shir-mughar' }),
];

export const CONTROL: ControlChangeInput[] = [
  {
    place: { name: 'Qalaat al-Madiq', name_ar: 'قلعة المضيق' }, holder: 'syria-government-forces', from: 'syria-opposition',
    since: { start: DAY, end: DAY }, sub_event_type: 'Government regains territory', grade: 'single-source', incident_id: 'inc-qm-capture',
    sources: ['عنب بلدي'], evidence: 'سيطرت قوات النظام على قلعة المضيق بعد انسحاب فصائل المعارضة منها إثر قصف عنيف.', contested: false,
  },
  {
    place: { name: 'Kafr Nabudah', name_ar: 'كفر نبودة' }, holder: 'syria-government-forces', from: 'syria-opposition',
    since: { start: '2019-05-08', end: DAY }, sub_event_type: 'Government regains territory', grade: 'contested', incident_id: null,
    sources: ['المرصد السوري لحقوق الإنسان'], evidence: null, contested: true,
  },
];

export const POSTS: PostAttackInput[] = [
  { agreement_id: AGREEMENT.id, post_id: 'op-shir-mughar', incident_id: 'inc-sm-post', date: DAY, sub_event_type: 'Shelling/artillery/missile attack', perpetrators: ['syria-government-forces'], distance_km: 0.4 },
];

/** 30 quiet-ish days, then a spike over the last four: the index crosses the threshold today. */
export function series(from: string, to: string, threshold = 12): EscalationSeriesInput {
  const quiet = [2, 3, 1, 4, 2, 2, 3, 5, 2, 1, 3, 4, 2, 3, 2, 4, 3, 2, 5, 3, 2, 4, 3, 3, 6, 5];
  const spike = [8, 11, 16, 22, 27.5];
  const values = [...quiet, ...spike];
  const points = [];
  const start = Date.parse(`${from}T00:00:00Z`);
  for (let k = 0; k < values.length; k++) {
    const date = new Date(start + k * 86_400_000).toISOString().slice(0, 10);
    if (date > to) break;
    const prev = values.slice(Math.max(0, k - 14), k);
    const baseline = prev.length >= 3 ? prev.reduce((s, v) => s + v, 0) / prev.length : null;
    points.push({ date, index: values[k]!, baseline });
  }
  return { threshold, points };
}

export interface FakeMonitorLog { calls: string[] }

export function fakeMonitor(log: FakeMonitorLog = { calls: [] }): MonitorReportSources {
  return {
    async agreement(id) { log.calls.push(`agreement:${id}`); return id === AGREEMENT.id ? AGREEMENT : null; },
    async violations(date, agreementId) { log.calls.push(`violations:${date}:${agreementId}`); return date === DAY ? VIOLATIONS : []; },
    async controlChanges(date) { return date === DAY ? CONTROL : []; },
    async escalationSeries(area, from, to) {
      log.calls.push(`escalation:${area.kind === 'zone' ? area.zone_id : area.admin1}:${from}:${to}`);
      return series(from, to);
    },
    async postsAttacked(date) { return date === DAY ? POSTS : []; },
  };
}
