import { beforeEach, expect, it } from 'vitest';
import { ControlTimeline } from '../../src/monitor/control/index.js';
import { openMonitorDb } from '../../src/monitor/alerts/monitor-db.js';
import { ReviewError } from '../../src/review/index.js';
import { describeBackends } from '../monitor/alerts/backends.js';
import { ACTORS, PLACES } from '../store/fixtures.js';
import { ADMIN, ANALYST, ingestFixture, REVIEW_AGREEMENT, useReviewedStore, violationsOf } from './fixtures.js';

/**
 * The review service on both backends, over incidents made by the incident builder from fixture
 * documents, with an agreement forbidding air strikes (anyone) and government shelling in a zone
 * around Kafr Nabudah; Aleppo lies outside it.
 */

const aleppo = { ...PLACES.aleppo, admin3: null, country: 'SY', geo_precision: 1 as const };

async function rejection(p: Promise<unknown>): Promise<ReviewError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ReviewError);
  return err as ReviewError;
}

describeBackends('review service', (open) => {
  const s = useReviewedStore(open, async (store) => {
    // Two outlets report the same strike on Kafr Nabudah: one incident, two sources.
    await ingestFixture(store, 'a', [{ fatalities: 3 }], 'Example News');
    await ingestFixture(store, 'b', [{ fatalities: 2 }], 'Other News');
    // Government shelling of Qalaat al-Madiq on 5 June, one source.
    await ingestFixture(store, 'c', [{ sub: 'Shelling/artillery/missile attack', place: 'qalaatMadiq', date: ['2019-06-05', '2019-06-05'], actor1: ACTORS.gov }], 'Example News');
    // An air strike on Aleppo on 9 June, outside the zone.
    await ingestFixture(store, 'd', [{ place: 'aleppo', date: ['2019-06-09', '2019-06-09'] }], 'Example News');
  });

  beforeEach(async () => {
    // The monitor as the ingest leaves it.
    await s.reviews.reapply();
    const { refreshMonitor } = await import('../../src/monitor/refresh.js');
    await refreshMonitor(s.store, { storeConfig: s.config, home: s.home, agreements: [REVIEW_AGREEMENT], deliver: false, now: new Date('2019-07-01T00:00:00Z') });
  });

  it('the machine made the incidents the tests expect', async () => {
    const strike = (await s.store.getIncident('inc-a#1'))!;
    expect(strike.members.map((m) => m.event_id)).toEqual(['a#1', 'b#1']);
    expect(strike.grade).toBe('multiple-sources');
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1', 'no-air-strikes/inc-a#1']);
    expect((await s.reviews.get('inc-a#1'))!.status).toBe('unreviewed');
  });

  it('confirm: status confirmed, the grade stays the sources\' grade, the action is kept', async () => {
    const r = await s.reviews.confirm('inc-a#1', ANALYST, 'checked both reports');
    expect(r.status).toBe('confirmed');
    expect(r.incident.grade).toBe('multiple-sources');
    expect(r.machine).toBeNull();
    expect(r.last_action).toMatchObject({ kind: 'confirm', incident_ids: ['inc-a#1'], result_ids: ['inc-a#1'], by: ANALYST, note: 'checked both reports' });
    expect(r.incident.explanation.at(-1)).toBe('reviewed: confirmed; last by analyst-a');
    const again = (await s.reviews.get('inc-a#1'))!;
    expect(again.status).toBe('confirmed');
    expect(again.last_action!.id).toBe(r.last_action!.id);
    expect((await s.reviews.history('inc-a#1')).map((a) => a.kind)).toEqual(['confirm']);
  });

  it('correct: the s.store gets the corrected fields, the machine\'s version is kept, violations follow the new place', async () => {
    const r = await s.reviews.correct('inc-a#1', { fatalities: 7, location: aleppo, date: { start: '2019-06-02', end: '2019-06-02' } }, ANALYST);
    expect(r.status).toBe('corrected');
    const stored = (await s.store.getIncident('inc-a#1'))!;
    expect(stored).toMatchObject({ fatalities: 7, date: { start: '2019-06-02', end: '2019-06-02' }, location: { name: 'Aleppo', lat: PLACES.aleppo.lat } });
    expect(stored.members.map((m) => m.event_id)).toEqual(['a#1', 'b#1']);
    expect(r.machine).toMatchObject({ fatalities: 3, location: { name: 'Kafr Nabudah' }, date: { start: '2019-06-01' } });
    // Moved out of the zone: the strike no longer violates the agreement.
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1']);
    const [action] = await s.reviews.history('inc-a#1');
    expect(action!.before[0]!.fatalities).toBe(3);
    expect(action!.after[0]!.fatalities).toBe(7);
  });

  it('correct: moving an outside strike into the zone, or changing who shelled, changes the violations', async () => {
    await s.reviews.correct('inc-d#1', { location: { ...PLACES.kafrNabudah, admin3: null, country: 'SY', geo_precision: 1 } }, ANALYST);
    expect(await violationsOf(s.config)).toContain('no-air-strikes/inc-d#1');
    // The shelling was by the opposition, not the government: the government-only rule no longer binds.
    const r = await s.reviews.correct('inc-c#1', { actor_ids: ['syria-opposition', 'civilians'] }, ANALYST);
    expect(r.incident.actor_ids).toEqual(['syria-opposition', 'civilians']);
    expect(await violationsOf(s.config)).not.toContain('gov-no-shelling/inc-c#1');
    // A sub-type brings its type.
    const t = await s.reviews.correct('inc-c#1', { sub_event_type: 'Air/drone strike' }, ADMIN);
    expect(t.incident).toMatchObject({ event_type: 'Explosions/Remote violence', sub_event_type: 'Air/drone strike' });
    expect(await violationsOf(s.config)).toContain('no-air-strikes/inc-c#1');
  });

  it('reject: graded discounted, its violations withdrawn; confirming again restores both', async () => {
    const r = await s.reviews.reject('inc-a#1', ADMIN, 'the outlets misreported an old strike');
    expect(r.status).toBe('rejected');
    expect((await s.store.getIncident('inc-a#1'))!.grade).toBe('discounted');
    expect(r.machine!.grade).toBe('multiple-sources');
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1']);
    const back = await s.reviews.confirm('inc-a#1', ANALYST);
    expect(back.status).toBe('confirmed');
    expect(back.incident.grade).toBe('multiple-sources');
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1', 'no-air-strikes/inc-a#1']);
    expect((await s.reviews.history('inc-a#1')).map((a) => a.kind)).toEqual(['reject', 'confirm']);
  });

  it('merge: the members join the first incident, the others are removed with their violations', async () => {
    const r = await s.reviews.merge(['inc-a#1', 'inc-d#1'], ANALYST, 'same strike, misplaced by one outlet');
    expect(r.incident.id).toBe('inc-a#1');
    expect(r.incident.members.map((m) => m.event_id)).toEqual(['a#1', 'b#1', 'd#1']);
    expect(r.status).toBe('corrected');
    expect(r.last_action).toMatchObject({ kind: 'merge', incident_ids: ['inc-a#1', 'inc-d#1'], result_ids: ['inc-a#1'] });
    expect(await s.store.getIncident('inc-d#1')).toBeNull();
    expect((await s.reviews.history('inc-d#1')).map((a) => a.kind)).toEqual(['merge']);
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1', 'no-air-strikes/inc-a#1']);
  });

  it('split: each group becomes its own incident, recomputed from its members', async () => {
    const parts = await s.reviews.split('inc-a#1', [['b#1'], ['a#1']], ANALYST);
    expect(parts.map((p) => p.incident.id)).toEqual(['inc-b#1', 'inc-a#1']);
    expect(parts.map((p) => p.incident.members.map((m) => m.event_id))).toEqual([['b#1'], ['a#1']]);
    expect(parts.map((p) => p.incident.grade)).toEqual(['single-source', 'single-source']);
    expect(parts.map((p) => p.incident.fatalities)).toEqual([2, 3]);
    expect(parts.every((p) => p.status === 'corrected')).toBe(true);
    expect(await violationsOf(s.config)).toEqual(['gov-no-shelling/inc-c#1', 'no-air-strikes/inc-a#1', 'no-air-strikes/inc-b#1']);
    expect((await s.reviews.history('inc-b#1')).map((a) => a.kind)).toEqual(['split']);
  });

  it('errors: unknown incident, merge of one, split groups that do not cover the members, bad corrections and reviewers', async () => {
    expect((await rejection(s.reviews.confirm('inc-nope', ANALYST))).code).toBe('not-found');
    expect((await rejection(s.reviews.correct('inc-nope', { fatalities: 1 }, ANALYST))).code).toBe('not-found');
    expect(await s.reviews.get('inc-nope')).toBeNull();
    expect((await rejection(s.reviews.merge(['inc-a#1'], ANALYST))).code).toBe('invalid');
    expect((await rejection(s.reviews.merge(['inc-a#1', 'inc-a#1'], ANALYST))).code).toBe('invalid');
    expect((await rejection(s.reviews.merge(['inc-a#1', 'inc-nope'], ANALYST))).code).toBe('not-found');
    const missing = await rejection(s.reviews.split('inc-a#1', [['a#1'], []], ANALYST));
    expect(missing.message).toMatch(/empty/);
    expect((await rejection(s.reviews.split('inc-a#1', [['a#1']], ANALYST))).message).toMatch(/two or more groups/);
    expect((await rejection(s.reviews.split('inc-a#1', [['a#1'], ['c#1']], ANALYST))).message).toMatch(/c#1 is not a member/);
    expect((await rejection(s.reviews.split('inc-a#1', [['a#1', 'b#1'], ['b#1']], ANALYST))).message).toMatch(/two groups/);
    expect((await rejection(s.reviews.correct('inc-a#1', { fatalities: -1 }, ANALYST))).message).toMatch(/fatalities/);
    expect((await rejection(s.reviews.correct('inc-a#1', { grade: 'discounted' }, ANALYST))).message).toMatch(/reject/);
    expect((await rejection(s.reviews.correct('inc-a#1', { event_type: 'Protests' }, ANALYST))).message).toMatch(/sub_event_type/);
    expect((await rejection(s.reviews.correct('inc-a#1', { date: { start: '2019-06-03', end: '2019-06-01' } }, ANALYST))).message).toMatch(/after/);
    expect((await rejection(s.reviews.confirm('inc-a#1', { user: '', role: 'analyst' }))).code).toBe('invalid');
    // Nothing of it was written.
    expect(await s.reviews.history('inc-a#1')).toEqual([]);
    expect((await s.store.getIncident('inc-a#1'))!.fatalities).toBe(3);
  });

  it('accuracy: machine vs reviewed per field', async () => {
    expect((await s.reviews.accuracy()).precision).toBeNull();
    await s.reviews.confirm('inc-a#1', ANALYST);
    await s.reviews.correct('inc-c#1', { fatalities: 4 }, ANALYST);
    await s.reviews.reject('inc-d#1', ANALYST);
    const a = await s.reviews.accuracy();
    expect(a).toMatchObject({ reviewed: 3, confirmed: 1, corrected: 1, rejected: 1, merged: 0, split: 0 });
    expect(a.fields.fatalities).toEqual({ kept: 1, changed: 1 });
    expect(a.fields.location).toEqual({ kept: 2, changed: 0 });
    expect(a.precision).toBeCloseTo(1 / 3);
  });

  it('control follows a corrected holder and a corrected place', async () => {
    await ingestFixture(s.store, 'e', [{ sub: 'Government regains territory', place: 'idlib', date: ['2019-06-10', '2019-06-10'], actor1: ACTORS.gov, actor2: ACTORS.opp }], 'Example News');
    await s.reviews.reapply();
    const { refreshMonitor } = await import('../../src/monitor/refresh.js');
    await refreshMonitor(s.store, { storeConfig: s.config, home: s.home, agreements: [], deliver: false, changed: { incidentIds: ['inc-e#1'], from: '2019-06-10', to: '2019-06-10' } });
    const db = openMonitorDb(s.config);
    try {
      const timeline = await ControlTimeline.open(db);
      expect((await timeline.controlAt('test:idlib', '2019-06-20'))!.holder).toBe('syria-government-forces');
      // The opposition, not the government, took it.
      await s.reviews.correct('inc-e#1', { actor_ids: ['hts', 'syria-opposition'] }, ANALYST);
      expect((await timeline.controlAt('test:idlib', '2019-06-20'))!.holder).toBe('hts');
      // And it was Aleppo.
      await s.reviews.correct('inc-e#1', { location: aleppo }, ANALYST);
      const at = await timeline.controlMap('2019-06-20');
      expect(at.map((c) => [c.place.name, c.holder])).toEqual([['Aleppo', 'hts']]);
    } finally {
      await db.close();
    }
  });
});
