import { describe, expect, it } from 'vitest';
import { assignToIncidents, setDiscounted } from '../../src/incidents/incident-builder.js';
import { candidateKeys, incidentKeys } from '../../src/incidents/candidate-keys.js';
import { haversineKm } from '../../src/geo/geo-math.js';
import type { EventWithSource, IncidentGrade, IncidentState } from '../../src/incidents/types.js';
import { ev, PLACES } from './factory.js';

/** Feeds batches one after another, as a store would (passing back every incident so far). */
function run(batches: EventWithSource[][]): IncidentState[] {
  const byId = new Map<string, IncidentState>();
  for (const batch of batches) {
    const { created, updated } = assignToIncidents(batch, [...byId.values()]);
    for (const inc of [...created, ...updated]) byId.set(inc.id, inc);
  }
  return [...byId.values()];
}

const AR = 'عنب بلدي';
const EN = 'Reuters';

interface Scenario {
  name: string;
  batches: EventWithSource[][];
  incidents: number;
  /** Expectations on the incident holding the first event. */
  grade: IncidentGrade;
  members?: number;
  sources?: string[];
  independent?: number;
  explains?: RegExp[];
}

const scenarios: Scenario[] = [
  {
    name: 'one air strike reported in Arabic and in English, 1 km apart, same day: one incident, two sources',
    batches: [[
      ev({ id: 'ar-1', doc: 'doc-ar', source: AR, fatalities: 7 }),
      ev({ id: 'en-1', doc: 'doc-en', source: EN, place: 'maaratNorth', fatalities: 6 }),
    ]],
    incidents: 1, members: 2, grade: 'multiple-sources', sources: [AR, EN], independent: 2,
    explains: [/en-1 from document doc-en \(Reuters\) joined: .*1\.0 km apart/, /dates overlap \(2019-06-04/, /grade multiple-sources: 2 independent sources/],
  },
  {
    name: 'a different strike on Saraqib, ~27 km away: separate incidents',
    batches: [[ev({ id: 'ar-1', doc: 'doc-ar', source: AR }), ev({ id: 'en-1', doc: 'doc-en', source: EN, place: 'saraqib' })]],
    incidents: 2, members: 1, grade: 'single-source', sources: [AR],
  },
  {
    name: 'the same place three days later: separate incidents',
    batches: [[ev({ id: 'ar-1', doc: 'doc-ar', source: AR }), ev({ id: 'en-1', doc: 'doc-en', source: EN, date: '2019-06-07' })]],
    incidents: 2, members: 1, grade: 'single-source',
  },
  {
    name: 'a syndicated near-copy joins but stays one source',
    batches: [[
      ev({ id: 'ar-1', doc: 'doc-ar', source: AR }),
      ev({ id: 'copy-1', doc: 'doc-copy', source: 'سوريا اليوم', copyOf: 'doc-ar' }),
    ]],
    incidents: 1, members: 2, grade: 'single-source', sources: [AR, 'سوريا اليوم'], independent: 1,
    explains: [/near-copy of document doc-ar: not an independent source/, /grade single-source/],
  },
  {
    name: 'two copies of a story whose original is not a member count once',
    batches: [[
      ev({ id: 'c1', doc: 'doc-c1', source: 'Outlet A', copyOf: 'doc-wire' }),
      ev({ id: 'c2', doc: 'doc-c2', source: 'Outlet B', copyOf: 'doc-wire' }),
    ]],
    incidents: 1, members: 2, grade: 'single-source', independent: 1,
  },
  {
    name: 'two documents from the same outlet are one source',
    batches: [[ev({ id: 'a', doc: 'doc-1', source: EN }), ev({ id: 'b', doc: 'doc-2', source: 'reuters' })]],
    incidents: 1, members: 2, grade: 'single-source', sources: [EN], independent: 1,
  },
  {
    name: 'documents without a source name count as one source together',
    batches: [[ev({ id: 'a', doc: 'doc-1', source: null }), ev({ id: 'b', doc: 'doc-2', source: null })]],
    incidents: 1, members: 2, grade: 'single-source', sources: [], independent: 1,
  },
  {
    name: "residents' account of a strike on them does not make it confirmed",
    batches: [[ev({ id: 'a', doc: 'doc-1', source: AR, attribution: ['reported', 'civilians'] })]],
    incidents: 1, members: 1, grade: 'single-source',
  },
  {
    name: 'sources disagree on the perpetrator: contested',
    batches: [[
      ev({ id: 'ar-1', doc: 'doc-ar', source: AR, actor1: 'russia-military-forces' }),
      ev({ id: 'en-1', doc: 'doc-en', source: EN, actor1: 'syria-government-forces' }),
    ]],
    incidents: 1, members: 2, grade: 'contested',
    explains: [/perpetrator disputed: syria-government-forces vs russia-military-forces/, /grade contested: sources disagree on the perpetrator/],
  },
  {
    name: 'the named perpetrator denies it: contested',
    batches: [[
      ev({ id: 'ar-1', doc: 'doc-ar', source: AR }),
      ev({ id: 'en-1', doc: 'doc-en', source: EN, attribution: ['denied', 'russia'] }),
    ]],
    incidents: 1, members: 2, grade: 'contested', explains: [/grade contested: russia denies it/],
  },
  {
    name: 'a party claims it: confirmed',
    batches: [[
      ev({ id: 'ar-1', doc: 'doc-ar', source: AR, actor1: 'hts', actor2: 'syria-government-forces', sub: 'Shelling/artillery/missile attack' }),
      ev({ id: 'en-1', doc: 'doc-en', source: EN, actor1: 'hts', actor2: 'syria-government-forces', sub: 'Shelling/artillery/missile attack', attribution: ['claimed', 'hts'] }),
    ]],
    incidents: 1, members: 2, grade: 'confirmed', explains: [/grade confirmed: claimed by hts, a party to it/],
  },
  {
    name: "the party's own outlet reports it: confirmed",
    batches: [[ev({ id: 's1', doc: 'doc-sana', source: 'SANA', actor1: 'syria-government-forces', actor2: 'hts' })]],
    incidents: 1, members: 1, grade: 'confirmed', explains: [/grade confirmed: reported by SANA, the outlet of syria-government/],
  },
  {
    name: 'two strikes on one village in ONE document stay two incidents',
    batches: [[ev({ id: 'x1', doc: 'doc-x' }), ev({ id: 'x2', doc: 'doc-x', place: 'maaratNorth' })]],
    incidents: 2, members: 1, grade: 'single-source',
  },
  {
    name: 'a shelling report does not join an air strike',
    batches: [[ev({ id: 'ar-1', doc: 'doc-ar', source: AR }), ev({ id: 'en-1', doc: 'doc-en', source: EN, sub: 'Shelling/artillery/missile attack' })]],
    incidents: 2, members: 1, grade: 'single-source',
  },
  {
    name: 'incremental: a third document joins the existing incident',
    batches: [
      [ev({ id: 'ar-1', doc: 'doc-ar', source: AR }), ev({ id: 'en-1', doc: 'doc-en', source: EN })],
      [ev({ id: 'fr-1', doc: 'doc-fr', source: 'AFP', date: '2019-06-05', fatalities: 9 })],
    ],
    incidents: 1, members: 3, grade: 'multiple-sources', sources: [AR, EN, 'AFP'], independent: 3,
    explains: [/fr-1 from document doc-fr \(AFP\) joined: .*dates 1 day apart/],
  },
];

describe('assignToIncidents scenarios', () => {
  for (const s of scenarios) {
    it(s.name, () => {
      const incidents = run(s.batches);
      expect(incidents).toHaveLength(s.incidents);
      const firstEvent = s.batches[0]![0]!.event.id;
      const inc = incidents.find((i) => i.members.some((m) => m.event_id === firstEvent))!;
      expect(inc.grade).toBe(s.grade);
      if (s.members !== undefined) expect(inc.members).toHaveLength(s.members);
      if (s.sources !== undefined) expect(inc.sources).toEqual(s.sources);
      if (s.independent !== undefined) expect(inc.independent_sources).toBe(s.independent);
      for (const re of s.explains ?? []) {
        expect(inc.explanation.some((line) => re.test(line)), `${re} in:\n${inc.explanation.join('\n')}`).toBe(true);
      }
    });
  }

  it('the Saraqib fixture really is more than 25 km from Maarat al-Numan', () => {
    const { maarat: a, saraqib: b } = PLACES;
    expect(haversineKm(a.lat, a.lon, b.lat, b.lon)).toBeGreaterThan(25);
  });
});

describe('incident summary', () => {
  const [inc] = run([[
    ev({ id: 'a', doc: 'd1', place: 'idlibRegion', precision: 3, date: ['2019-06-03', '2019-06-05'], fatalities: 7, actor1: 'russia' }),
    ev({ id: 'b', doc: 'd2', place: 'maarat', date: '2019-06-04', fatalities: 5, actor1: 'russia-military-forces' }),
    ev({ id: 'c', doc: 'd3', place: 'maaratNorth', precision: 2, date: ['2019-06-04', '2019-06-06'], fatalities: null }),
  ]]);

  it('is placed at the most precise member, dated by the intersection, and keeps the largest toll', () => {
    expect(inc!.members.map((m) => m.event_id)).toEqual(['a', 'b', 'c']);
    expect(inc!.location?.name).toBe('Maarat al-Numan');
    expect(inc!.date).toEqual({ start: '2019-06-04', end: '2019-06-04', precision: 1 });
    expect(inc!.fatalities).toBe(7);
  });

  it('names the most specific perpetrator when reports name a state and its forces', () => {
    expect(inc!.actors.actor1?.id).toBe('russia-military-forces');
    expect(inc!.actors.perpetrators).toEqual(['russia', 'russia-military-forces']);
    expect(inc!.grade).not.toBe('contested');
  });

  it('takes the union of dates when they do not intersect', () => {
    const [j] = run([[ev({ id: 'a', doc: 'd1', date: '2019-06-04' }), ev({ id: 'b', doc: 'd2', date: '2019-06-05' })]]);
    expect(j!.date).toEqual({ start: '2019-06-04', end: '2019-06-05', precision: 2 });
  });

  it('is identified by its first event', () => {
    expect(inc!.id).toBe('inc-a');
  });
});

describe('incremental merging', () => {
  const first = [ev({ id: 'ar-1', doc: 'doc-ar', source: AR }), ev({ id: 'en-1', doc: 'doc-en', source: EN })];

  it('reports the joined incident as updated, not created, and does not touch its input', () => {
    const { created } = assignToIncidents(first, []);
    const before = JSON.stringify(created);
    const r = assignToIncidents([ev({ id: 'fr-1', doc: 'doc-fr', source: 'AFP' })], created);
    expect(r.created).toEqual([]);
    expect(r.updated.map((i) => i.id)).toEqual(['inc-ar-1']);
    expect(r.updated[0]!.members).toHaveLength(3);
    expect(JSON.stringify(created)).toBe(before);
  });

  it('is idempotent: re-assigning the same events changes nothing', () => {
    const { created } = assignToIncidents(first, []);
    const again = assignToIncidents(first, created);
    expect(again).toEqual({ created: [], updated: [] });
    const third = assignToIncidents([ev({ id: 'fr-1', doc: 'doc-fr', source: 'AFP' })], created).updated;
    expect(assignToIncidents([...first, ev({ id: 'fr-1', doc: 'doc-fr', source: 'AFP' })], third)).toEqual({ created: [], updated: [] });
  });

  it('gives the same incidents whatever order a batch is listed in', () => {
    const batch = [
      ev({ id: 'a', doc: 'd1', source: 'S1' }), ev({ id: 'b', doc: 'd2', source: 'S2', place: 'maaratNorth' }),
      ev({ id: 'c', doc: 'd3', source: 'S3', place: 'saraqib' }), ev({ id: 'd', doc: 'd4', source: 'S4', date: '2019-06-05' }),
    ];
    const forward = assignToIncidents(batch, []).created;
    const backward = assignToIncidents([...batch].reverse(), []).created;
    expect(backward).toEqual(forward);
    expect(forward).toHaveLength(2);
  });

  it('keeps an analyst\'s "discounted" through new members', () => {
    const { created } = assignToIncidents(first, []);
    const rejected = setDiscounted(created[0]!, true);
    expect(rejected.grade).toBe('discounted');
    const r = assignToIncidents([ev({ id: 'fr-1', doc: 'doc-fr', source: 'AFP' })], [rejected]);
    expect(r.updated[0]!.discounted).toBe(true);
    expect(r.updated[0]!.grade).toBe('discounted');
    expect(setDiscounted(r.updated[0]!, false).grade).toBe('multiple-sources');
  });

  it('does not merge events without a place or a date; each stands alone', () => {
    const r = assignToIncidents([ev({ id: 'a', doc: 'd1', place: null }), ev({ id: 'b', doc: 'd2', place: null })], []);
    expect(r.created).toHaveLength(2);
    expect(incidentKeys(r.created[0]!)).toEqual([]);
  });

  it('rejects bad input naming the event and the problem', () => {
    const bad = ev({ id: 'z', doc: 'dz' });
    expect(() => assignToIncidents([{ ...bad, event: { ...bad.event, date: { start: '2019-13-01', end: '2019-13-01', precision: 1 } } }], []))
      .toThrow(/event "z" \(document "dz"\).*date.start "2019-13-01" is not a YYYY-MM-DD date/);
    expect(() => assignToIncidents([{ ...bad, doc_id: 'other' }], [])).toThrow(/event\.doc_id "dz" differs from its doc_id/);
  });
});

/** Deterministic PRNG for the blocking property test. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('candidate keys (blocking)', () => {
  it('every incident an event can join shares a key with it (random pairs, Syria and 60°N)', () => {
    const rnd = prng(7);
    for (const baseLat of [35.5, 60.2]) {
      for (let i = 0; i < 2000; i++) {
        const lat = baseLat + rnd();
        const lon = 36 + rnd();
        const dist = rnd() * 10; // km
        const bearing = rnd() * 2 * Math.PI;
        const lat2 = lat + (dist / 111.2) * Math.cos(bearing);
        const lon2 = lon + (dist / (111.2 * Math.cos((lat * Math.PI) / 180))) * Math.sin(bearing);
        if (haversineKm(lat, lon, lat2, lon2) > 10) continue;
        const day = 1 + Math.floor(rnd() * 27);
        const d1 = `2019-06-${String(day).padStart(2, '0')}`;
        const d2 = `2019-06-${String(day + Math.floor(rnd() * 2)).padStart(2, '0')}`;
        const inc = assignToIncidents([ev({ id: 'i', doc: 'di', date: d1 })], []).created[0]!;
        const placed = { ...inc, location: { ...inc.location!, lat, lon } };
        const e = ev({ id: 'e', doc: 'de', date: d2 }).event;
        const moved = { ...e, location: { ...e.location!, lat: lat2, lon: lon2 } };
        const shared = candidateKeys(moved).filter((k) => incidentKeys(placed).includes(k));
        expect(shared.length, `${lat},${lon} ${d1} vs ${lat2},${lon2} ${d2}`).toBeGreaterThan(0);
      }
    }
  });

  it('shares no key with incidents of another sub-type family or far away', () => {
    const inc = assignToIncidents([ev({ id: 'i', doc: 'di' })], []).created[0]!;
    expect(candidateKeys(ev({ id: 'e', doc: 'de', sub: 'Shelling/artillery/missile attack' }).event)
      .some((k) => incidentKeys(inc).includes(k))).toBe(false);
    expect(candidateKeys(ev({ id: 'e', doc: 'de', place: 'saraqib' }).event).some((k) => incidentKeys(inc).includes(k))).toBe(false);
  });

  it('assigns 20,000 events without comparing each with every incident', () => {
    const rnd = prng(11);
    const places = Object.keys(PLACES) as (keyof typeof PLACES)[];
    const events: EventWithSource[] = [];
    for (let i = 0; i < 20000; i++) {
      const e = ev({ id: `e${i}`, doc: `d${i}`, source: `S${i % 7}`, place: places[i % places.length]!, date: `2019-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}` });
      const loc = e.event.location!;
      events.push({ ...e, event: { ...e.event, location: { ...loc, lat: loc.lat + rnd() * 2, lon: loc.lon + rnd() * 2, gazetteer_id: `g${i}` } } });
    }
    const { created } = assignToIncidents(events, []);
    const members = created.reduce((n, inc) => n + inc.members.length, 0);
    expect(members).toBe(20000);
    expect(created.length).toBeLessThan(20000);
  });
});
