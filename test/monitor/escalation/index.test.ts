import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ESCALATION_CONFIG, computeEscalation, escalationConfig, incidentSeverity, postAttackAlerts,
} from '../../../src/monitor/escalation/index.js';
import { AGREEMENT, HAMA_UNIT, ZONE_UNIT, incident, scenario } from './fixtures.js';

const C = DEFAULT_ESCALATION_CONFIG;
const incidents = scenario().map(([id, s]) => incident(`inc-${id}`, s));

describe('escalation index (pure)', () => {
  it('weighs by type, toll (capped) and grade', () => {
    expect(incidentSeverity(incident('a', { day: '2019-05-01' }), C)).toBe(3);
    expect(incidentSeverity(incident('a', { day: '2019-05-01', sub: 'Armed clash', grade: 'single-source' }), C)).toBeCloseTo(1.05);
    expect(incidentSeverity(incident('a', { day: '2019-05-01', fatalities: 50 }), C)).toBe(3 + 0.5 * 10);
    expect(incidentSeverity(incident('a', { day: '2019-05-01', sub: 'Chemical weapon', grade: 'contested' }), C)).toBe(2.5);
    expect(incidentSeverity(incident('a', { day: '2019-05-01', grade: 'discounted', fatalities: 9 }), C)).toBe(0);
    expect(incidentSeverity(incident('a', { day: '2019-05-01', sub: 'Peaceful protest', fatalities: 3 }), C)).toBe(0);
  });

  it('a spike crosses once, staying high does not alert again, a new rise after calm does', () => {
    const r = computeEscalation({ incidents, agreements: [AGREEMENT], from: '2019-04-29', to: '2019-05-31', config: C });
    const zone = r.days.filter((d) => d.unit.id === ZONE_UNIT);
    expect(zone).toHaveLength(33);
    const byDay = new Map(zone.map((d) => [d.day, d]));
    expect(byDay.get('2019-04-30')!.index).toBeLessThan(C.threshold);
    expect(byDay.get('2019-05-01')).toMatchObject({ score: 12, crossed: true, armed: false });
    expect(byDay.get('2019-05-01')!.index).toBeGreaterThan(10);
    // Still high on 2 and 3 May (index ≥ reset), so no second alert.
    expect(byDay.get('2019-05-02')!.index).toBeGreaterThan(C.threshold);
    expect(byDay.get('2019-05-02')!.crossed).toBe(false);
    expect(byDay.get('2019-05-03')!.crossed).toBe(false);
    // Calm re-arms it.
    expect(byDay.get('2019-05-04')).toMatchObject({ score: 0, armed: true });
    expect(byDay.get('2019-05-21')).toMatchObject({ crossed: true });

    const zoneAlerts = r.alerts.filter((a) => a.unit.id === ZONE_UNIT);
    expect(zoneAlerts.map((a) => a.id)).toEqual([
      `escalation-threshold:${ZONE_UNIT}:2019-05-01`,
      `escalation-threshold:${ZONE_UNIT}:2019-05-21`,
    ]);
    expect(zoneAlerts[0]!.incident_ids).toHaveLength(3);
    expect(zoneAlerts[0]!.message).toContain('Test agreement — Test zone');
    // The admin1 area (Hama) sees the same incidents.
    expect(r.alerts.filter((a) => a.unit.id === HAMA_UNIT).map((a) => a.day)).toEqual(['2019-05-01', '2019-05-21']);
  });

  it('gives the same crossings computed in pieces, when the state is carried over', () => {
    const whole = computeEscalation({ incidents, agreements: [AGREEMENT], from: '2019-04-29', to: '2019-05-31', config: C });
    const first = computeEscalation({ incidents, agreements: [AGREEMENT], from: '2019-04-29', to: '2019-05-02', config: C });
    const last = new Map(first.days.filter((d) => d.day === '2019-05-02').map((d) => [d.unit.id, d.armed]));
    const second = computeEscalation({
      incidents, agreements: [AGREEMENT], from: '2019-05-03', to: '2019-05-31', config: C, armedBefore: (id) => last.get(id) ?? true,
    });
    expect([...first.alerts, ...second.alerts].map((a) => a.id).sort()).toEqual(whole.alerts.map((a) => a.id).sort());
    expect([...first.days, ...second.days].find((d) => d.day === '2019-05-10' && d.unit.id === ZONE_UNIT))
      .toEqual(whole.days.find((d) => d.day === '2019-05-10' && d.unit.id === ZONE_UNIT));
  });

  it('counts zones only inside the zone and while the agreement is in force', () => {
    const outside = incident('x', { day: '2019-05-01', place: 'aleppo', fatalities: 10 });
    const early = { ...AGREEMENT, effective: { from: '2019-05-10', until: null } };
    const r = computeEscalation({ incidents: [outside, ...incidents], agreements: [early], from: '2019-05-01', to: '2019-05-12', config: C });
    const zoneDays = r.days.filter((d) => d.unit.id === ZONE_UNIT).map((d) => d.day);
    expect(zoneDays[0]).toBe('2019-05-10');
    expect(r.days.some((d) => d.unit.id === 'admin1:SY/Aleppo' && d.day === '2019-05-01' && d.score === 8)).toBe(true);
    expect(r.days.filter((d) => d.unit.id === ZONE_UNIT).every((d) => !d.incident_ids.includes('x'))).toBe(true);
  });

  it('spreads a report dated by a range over its days: the seed captures raise the zone index a little each day', () => {
    const seed = ['a', 'b', 'c'].map((id) => incident(id, {
      day: ['2019-04-26', '2019-06-05'], sub: 'Government regains territory', grade: 'single-source',
    }));
    const r = computeEscalation({ incidents: seed, agreements: [AGREEMENT], from: '2019-04-20', to: '2019-06-10', config: C });
    const zone = new Map(r.days.filter((d) => d.unit.id === ZONE_UNIT).map((d) => [d.day, d]));
    expect(zone.get('2019-04-25')!.score).toBe(0);
    expect(zone.get('2019-04-26')!.score).toBeCloseTo((3 * 2 * 0.7) / 41, 5);
    expect(zone.get('2019-04-26')!.index).toBeGreaterThan(0);
    expect(r.alerts).toEqual([]);
  });

  it('an incident within a post radius gives one alert naming every post it touched', () => {
    const alerts = postAttackAlerts(incidents, [AGREEMENT], '2019-04-01', '2019-05-31', C);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ id: 'post-attacked:test-sochi:inc-shelling-post', day: '2019-05-15', incident_ids: ['inc-shelling-post'] });
    expect(alerts[0]!.posts.map((p) => p.id).sort()).toEqual(['p1', 'p2']);
    expect(alerts[0]!.posts[0]!.distance_km).toBeLessThan(3);
    // Not before the agreement, not when discounted, not for a non-violent event.
    const late = { ...AGREEMENT, effective: { from: '2019-06-01', until: null } };
    expect(postAttackAlerts(incidents, [late], '2019-04-01', '2019-05-31', C)).toEqual([]);
    const discounted = incidents.map((i) => ({ ...i, grade: 'discounted' as const }));
    expect(postAttackAlerts(discounted, [AGREEMENT], '2019-04-01', '2019-05-31', C)).toEqual([]);
  });

  it('checks its configuration', () => {
    expect(escalationConfig({ threshold: 4, weights: { 'Air/drone strike': 4 } })).toMatchObject({ threshold: 4, weights: { 'Air/drone strike': 4, 'Armed clash': 1.5 } });
    expect(() => escalationConfig({ weights: { 'Air strike': 3 } })).toThrow(/unknown sub-event type "Air strike"/);
    expect(() => escalationConfig({ threshhold: 3 })).toThrow(/threshhold/);
    expect(() => escalationConfig({ threshold: 1, reset: 2 })).toThrow(/reset/);
  });
});
