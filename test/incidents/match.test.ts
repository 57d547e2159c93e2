import { describe, expect, it } from 'vitest';
import { assignToIncidents } from '../../src/incidents/incident-builder.js';
import { matchEventToIncident } from '../../src/incidents/match.js';
import { COMPATIBLE_PAIRS, subTypeFamily, subTypeRelation } from '../../src/incidents/sub-types.js';
import { actorRelation, defaultParentOf } from '../../src/incidents/actors.js';
import type { IncidentState } from '../../src/incidents/types.js';
import { actor, ev, type EventSpec } from './factory.js';

function incidentOf(spec: EventSpec): IncidentState {
  const [inc] = assignToIncidents([ev(spec)], []).created;
  return inc!;
}

const BASE: EventSpec = { id: 'a1', doc: 'da', source: 'Enab Baladi' };

describe('matchEventToIncident', () => {
  const cases: { name: string; other: Partial<EventSpec>; match: boolean; contested?: boolean; reason: RegExp }[] = [
    { name: 'same strike, 1 km apart, same day', other: { place: 'maaratNorth' }, match: true, reason: /^1\.0 km apart/ },
    { name: 'same gazetteer record', other: {}, match: true, reason: /^same place \(Maarat al-Numan, test:maarat\)/ },
    { name: 'Kafr Nabl, ~11 km away', other: { place: 'kafrNabl' }, match: false, reason: /km apart .*more than 10 km/ },
    { name: 'a strike on a neighbouring village', other: { place: 'maaratWest' }, match: false, reason: /^different towns named: Maarshourin \/ Maarat al-Numan \(5\.\d km apart\)/ },
    { name: 'the same strike placed near the town', other: { place: 'maaratWest', precision: 2 }, match: true, reason: /^5\.\d km apart/ },
    { name: 'shelling is not an air strike', other: { sub: 'Shelling/artillery/missile attack' }, match: false, reason: /^sub-types differ: Shelling/ },
    { name: 'the next day is within the slack', other: { date: '2019-06-05' }, match: true, reason: /^dates 1 day apart/ },
    { name: 'two days later is not', other: { date: '2019-06-06' }, match: false, reason: /^dates 2 days apart/ },
    { name: 'a week-long range containing the day', other: { date: ['2019-06-01', '2019-06-07'] }, match: true, reason: /^dates overlap/ },
    { name: 'perpetrator unnamed on one side', other: { actor1: null }, match: true, contested: false, reason: /does not name a perpetrator/ },
    { name: '"unidentified" is not a perpetrator', other: { actor1: 'unidentified-armed-group' }, match: true, contested: false, reason: /does not name a perpetrator/ },
    { name: 'state and its armed forces', other: { actor1: 'russia' }, match: true, contested: false, reason: /one is part of the other/ },
    { name: 'different perpetrator: joins, contested', other: { actor1: 'syria-government-forces' }, match: true, contested: true, reason: /^perpetrator disputed: syria-government-forces vs russia-military-forces/ },
    { name: 'different target', other: { actor2: 'hts' }, match: false, reason: /^actor2 differs: hts vs civilians/ },
    { name: 'no location', other: { place: null }, match: false, reason: /^no location to compare/ },
    { name: 'no date', other: { date: null }, match: false, reason: /^no date to compare/ },
    { name: 'same document', other: { doc: 'da' }, match: false, reason: /^same document da/ },
  ];
  const inc = incidentOf(BASE);
  for (const c of cases) {
    it(c.name, () => {
      const r = matchEventToIncident(ev({ id: 'b1', doc: 'db', source: 'Reuters', ...c.other }), inc);
      expect(r.match).toBe(c.match);
      expect(r.reasons.some((x) => c.reason.test(x)), r.reasons.join(' | ')).toBe(true);
      if (c.contested !== undefined) expect(r.contested).toBe(c.contested);
      if (c.match) expect(r.score).toBeGreaterThan(0);
      else expect(r.score).toBe(0);
    });
  }

  it('explains a full match in the words the incident explanation uses', () => {
    const r = matchEventToIncident(ev({ id: 'b1', doc: 'db', place: 'maaratNorth' }), inc);
    expect(r.reasons).toEqual([
      'same sub-type (Air/drone strike)',
      '1.0 km apart (Maarat al-Numan (north) / Maarat al-Numan)',
      'dates overlap (2019-06-04 / 2019-06-04)',
      'actor2 civilians in both',
      'actor1 russia-military-forces in both',
    ]);
  });

  it('ranks the same place above a place 1 km away', () => {
    const near = matchEventToIncident(ev({ id: 'b1', doc: 'db' }), inc).score;
    const far = matchEventToIncident(ev({ id: 'b1', doc: 'db', place: 'maaratNorth' }), inc).score;
    expect(near).toBeGreaterThan(far);
  });

  it('accepts fighting and its outcome as compatible sub-types, and says so', () => {
    const clash = incidentOf({ ...BASE, sub: 'Armed clash', actor1: 'syria-government-forces', actor2: 'syria-opposition' });
    const r = matchEventToIncident(
      ev({ id: 'b1', doc: 'db', sub: 'Government regains territory', actor1: 'syria-government-forces', actor2: 'syria-opposition' }),
      clash,
    );
    expect(r.match).toBe(true);
    expect(r.reasons[0]).toBe('compatible sub-types: Government regains territory / Armed clash');
  });

  it('lets a near-copy of a member document join, noting it adds no independent source', () => {
    const r = matchEventToIncident(ev({ id: 'c1', doc: 'dc', copyOf: 'da' }), inc);
    expect(r.match).toBe(true);
    expect(r.reasons[0]).toBe('near-copy of document da: not an independent source');
  });
});

describe('sub-type compatibility', () => {
  it('keeps air strikes and shelling apart, and regains vs overtakes apart', () => {
    expect(subTypeRelation('Air/drone strike', 'Shelling/artillery/missile attack')).toBe('different');
    expect(subTypeRelation('Government regains territory', 'Non-state actor overtakes territory')).toBe('different');
    expect(subTypeRelation('Suicide bomb', 'Remote explosive/landmine/IED')).toBe('compatible');
  });
  it('puts every compatible pair in one family (so blocking keys find them)', () => {
    for (const [a, b] of COMPATIBLE_PAIRS) expect(subTypeFamily(a)).toBe(subTypeFamily(b));
    expect(subTypeFamily('Air/drone strike')).not.toBe(subTypeFamily('Shelling/artillery/missile attack'));
  });
});

describe('actor relations', () => {
  it('relates a state to its armed forces and to nobody else', () => {
    expect(defaultParentOf('turkey-military-forces')).toBe('turkey');
    expect(defaultParentOf('syria-government-forces')).toBe('syria-government');
    expect(defaultParentOf('hts')).toBeNull();
    expect(actorRelation(actor('syria-government'), actor('syria-government-forces'), defaultParentOf)).toBe('parent');
    expect(actorRelation(actor('russia'), actor('syria-government-forces'), defaultParentOf)).toBe('different');
  });
});

describe('matchEventToIncident: control changes hands town by town', () => {
  const capture = (id: string, doc: string, place: 'maarat' | 'maaratWest' | 'maaratNorth'): EventSpec =>
    ({ id, doc, place, sub: 'Government regains territory', actor1: 'syria-government-forces', actor2: 'syria-opposition' });
  it('keeps the capture of a neighbouring village out of the incident', () => {
    const r = matchEventToIncident(ev(capture('b1', 'db', 'maaratWest')), incidentOf(capture('a1', 'da', 'maarat')));
    expect(r.match).toBe(false);
    expect(r.reasons.join('\n')).toMatch(/different towns named: Maarshourin \/ Maarat al-Numan \(5\.\d km apart\)/);
  });
  it('takes the same town under another record (within 2 km) in', () => {
    expect(matchEventToIncident(ev(capture('b1', 'db', 'maaratNorth')), incidentOf(capture('a1', 'da', 'maarat'))).match).toBe(true);
  });
});
