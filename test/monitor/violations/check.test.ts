import { describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/geo/geo-math.js';
import { checkIncident } from '../../../src/monitor/violations/check.js';
import { catalogue, eastOf, incident, northEdgeAt, testAgreement } from './fixtures.js';

const agreement = testAgreement();
const cat = catalogue();
const band = agreement.zones[0]!;
const edge = northEdgeAt(band, 36.5);
/** ~110 m either side of the band's northern edge. */
const JUST = 0.001;

describe('checkIncident: zone', () => {
  it('the band built from the line is 10 km wide on each side', () => {
    expect(haversineKm(35.0, 36.5, edge, 36.5)).toBeGreaterThan(9.9);
    expect(haversineKm(35.0, 36.5, edge, 36.5)).toBeLessThan(10.1);
  });

  it('a strike just inside the band is a violation of the zone rule', () => {
    const v = checkIncident(incident({ lat: edge - JUST, perpetrators: [{ id: 'russia-military-forces', inter: 8 }] }), [agreement], cat);
    expect(v.map((x) => x.rule_id)).toEqual(['no-air-strikes']);
    expect(v[0]).toMatchObject({
      id: 'test-ceasefire/no-air-strikes/inc-1',
      agreement_id: 'test-ceasefire',
      zone_id: 'band',
      post_id: null,
      parties: ['russia-military-forces'],
      // Russia is no party to this agreement: it answers for itself.
      accountable: ['russia-military-forces'],
      grade: 'single-source',
      event_ids: ['inc-1#e1'],
    });
  });

  it('a strike just outside the band is not', () => {
    expect(checkIncident(incident({ lat: edge + JUST }), [agreement], cat)).toEqual([]);
  });

  it('an open rule with no known perpetrator still makes a violation, unattributed', () => {
    const v = checkIncident(incident({ lat: 35.0 }), [agreement], cat);
    expect(v).toHaveLength(1);
    expect(v[0]!.parties).toEqual([]);
    expect(v[0]!.accountable).toEqual([]);
  });
});

describe('checkIncident: posts', () => {
  const post = agreement.posts.find((p) => p.id === 'op-north')!;

  it('a strike within the post radius is an attack on the post', () => {
    const at = eastOf(post.lat, post.lon, 2.9);
    const v = checkIncident(incident({ ...at }), [agreement], cat);
    expect(v.map((x) => [x.rule_id, x.post_id])).toEqual([['posts-not-attacked', 'op-north']]);
  });

  it('a strike just outside the radius is not', () => {
    const at = eastOf(post.lat, post.lon, 3.1);
    expect(checkIncident(incident({ ...at }), [agreement], cat)).toEqual([]);
  });
});

describe('checkIncident: time', () => {
  it('an event before the agreement takes effect makes no violation', () => {
    expect(checkIncident(incident({ date: ['2018-12-30', '2018-12-31'] }), [agreement], cat)).toEqual([]);
  });

  it('an event whose date range reaches into the agreement counts', () => {
    expect(checkIncident(incident({ date: ['2018-12-20', '2019-01-02'] }), [agreement], cat)).toHaveLength(1);
  });

  it('an event after the agreement ended makes none', () => {
    expect(checkIncident(incident({ date: ['2020-01-01', '2020-01-01'] }), [agreement], cat)).toEqual([]);
  });

  it("a rule's own from/until narrow it", () => {
    const ied = (d: string) => incident({ sub: 'Remote explosive/landmine/IED', date: [d, d] });
    expect(checkIncident(ied('2019-05-31'), [agreement], cat)).toEqual([]);
    expect(checkIncident(ied('2019-07-01'), [agreement], cat).map((v) => v.rule_id)).toEqual(['summer-only']);
  });
});

describe('checkIncident: perpetrators', () => {
  const shelling = (perpetrators: { id: string; inter: 1 | 2 | 8 | null }[]) =>
    incident({ sub: 'Shelling/artillery/missile attack', perpetrators });

  it('binds the actor named and its descendants (tiger-forces is government forces)', () => {
    const v = checkIncident(shelling([{ id: 'tiger-forces', inter: 1 }]), [agreement], cat);
    expect(v.map((x) => x.rule_id)).toEqual(['government-no-shelling']);
    expect(v[0]!.parties).toEqual(['tiger-forces']);
    expect(v[0]!.accountable).toEqual(['syria-government-forces']);
  });

  it('a perpetrator the rule does not bind makes no violation', () => {
    expect(checkIncident(shelling([{ id: 'syria-opposition', inter: 2 }]), [agreement], cat)).toEqual([]);
    expect(checkIncident(shelling([{ id: 'hts', inter: 2 }]), [agreement], cat)).toEqual([]);
  });

  it('lists only the perpetrators the rule binds', () => {
    const v = checkIncident(shelling([{ id: 'hts', inter: 2 }, { id: 'fourth-division', inter: 1 }]), [agreement], cat);
    expect(v[0]!.parties).toEqual(['fourth-division']);
  });

  it('binds by inter code', () => {
    const clash = (id: string, inter: 1 | 2) => incident({ sub: 'Armed clash', perpetrators: [{ id, inter }] });
    expect(checkIncident(clash('hts', 2), [agreement], cat).map((v) => v.rule_id)).toEqual(['rebels-no-clashes']);
    expect(checkIncident(clash('syria-government-forces', 1), [agreement], cat)).toEqual([]);
  });

  it('without perpetrators from the events, the incident actors stand in with catalogue inter codes', () => {
    const v = checkIncident(incident({ sub: 'Armed clash', actor_ids: ['ahrar-al-sham'] }), [agreement], cat);
    expect(v.map((x) => x.parties)).toEqual([['ahrar-al-sham']]);
    expect(v[0]!.accountable).toEqual(['syria-opposition']);
  });
});

describe('checkIncident: incidents that cannot violate', () => {
  it('a discounted incident gives none', () => {
    expect(checkIncident(incident({ grade: 'discounted' }), [agreement], cat)).toEqual([]);
  });

  it('a region-level place (geo_precision 3) gives none', () => {
    expect(checkIncident(incident({ geo_precision: 3 }), [agreement], cat)).toEqual([]);
  });

  it('a type no rule names gives none', () => {
    expect(checkIncident(incident({ sub: 'Peaceful protest' }), [agreement], cat)).toEqual([]);
  });

  it('gives the same list every time', () => {
    const inc = incident({ sub: 'Shelling/artillery/missile attack', perpetrators: [{ id: 'syria-government-forces', inter: 1 }] });
    expect(checkIncident(inc, [agreement], cat)).toEqual(checkIncident(inc, [agreement], cat));
  });
});
