import { expect, it } from 'vitest';
import { incidentInputOf, incidentStateOf } from '../../src/store/incident-mapping.js';
import type { EventStore } from '../../src/store/store.js';
import type { Incident, StoredEvent } from '../../src/store/types.js';
import { describeBackends } from '../monitor/alerts/backends.js';
import { ACTORS } from '../store/fixtures.js';
import { ANALYST, ingestFixture, useReviewedStore, violationsOf } from './fixtures.js';

/**
 * Reviews survive the machine rewriting incidents: a later ingest adding a member (the builder
 * recomputes the incident from its members, undoing corrections), and a re-clustering that puts
 * split members together again or merged members apart.
 */

const members = (inc: Incident | null): string[] => (inc === null ? [] : inc.members.map((m) => m.event_id));

/** What reprocessing might do: drop incidents and rebuild one over these events, as the machine summarises them. */
async function recluster(store: EventStore, drop: readonly string[], id: string, eventIds: readonly string[]): Promise<void> {
  const events = new Map<string, StoredEvent>();
  for (const e of eventIds) events.set(e, (await store.getEvent(e))!);
  const draft: Incident = {
    id, event_type: 'Battles', sub_event_type: 'Armed clash', grade: 'single-source', location: null, date: null, actor_ids: [],
    fatalities: null, members: eventIds.map((event_id) => ({ event_id, doc_id: '', source: null })), explanation: [], created_at: '', updated_at: '',
  };
  const input = incidentInputOf(incidentStateOf(draft, events));
  await store.transaction(async (tx) => {
    for (const d of drop) await tx.deleteIncident(d);
    await tx.putIncident(input);
  });
}

describeBackends('review reapply', (open) => {
  const s = useReviewedStore(open, async (store) => {
    await ingestFixture(store, 'a', [{ fatalities: 3 }], 'Example News');
    await ingestFixture(store, 'b', [{ fatalities: 2 }], 'Other News');
  });

  it('a correction survives a later report joining the incident; the machine snapshot follows the machine', async () => {
    await s.reviews.correct('inc-a#1', { fatalities: 9, actor_ids: ['russia-military-forces'] }, ANALYST);
    // A third outlet reports the same strike with 5 killed: the builder recomputes the incident from its members.
    const changed = await ingestFixture(s.store, 'c', [{ fatalities: 5 }], 'Third News');
    expect(changed).toEqual(['inc-a#1']);
    const rewritten = (await s.store.getIncident('inc-a#1'))!;
    expect(rewritten.fatalities).toBe(5);
    expect(members(rewritten)).toEqual(['a#1', 'b#1', 'c#1']);

    expect(await s.reviews.reapply(changed)).toMatchObject({ reapplied: 1, incident_ids: ['inc-a#1'] });
    const r = (await s.reviews.get('inc-a#1'))!;
    expect(r.incident).toMatchObject({ fatalities: 9, actor_ids: ['russia-military-forces'] });
    expect(members(r.incident)).toEqual(['a#1', 'b#1', 'c#1']);
    expect(r.status).toBe('corrected');
    expect(r.machine).toMatchObject({ fatalities: 5 });
    expect(members(r.machine)).toEqual(['a#1', 'b#1', 'c#1']);
    // Again: nothing to do.
    expect(await s.reviews.reapply()).toMatchObject({ reapplied: 0, incident_ids: [] });
    // The machine now says 5 and the analyst 9: still a change in accuracy.
    expect((await s.reviews.accuracy()).fields.fatalities).toEqual({ kept: 0, changed: 1 });
  });

  it('a rejection survives a later report, and its violation stays withdrawn', async () => {
    await s.reviews.reject('inc-a#1', ANALYST);
    expect(await violationsOf(s.config)).toEqual([]);
    const changed = await ingestFixture(s.store, 'c', [{ fatalities: 5 }], 'Third News');
    await s.reviews.reapply(changed);
    const r = (await s.reviews.get('inc-a#1'))!;
    expect(r.incident.grade).toBe('discounted');
    expect(r.machine!.grade).toBe('multiple-sources');
    expect(await violationsOf(s.config)).toEqual([]);
  });

  it('a correction follows its members when the machine rebuilds the incident under another id', async () => {
    await s.reviews.correct('inc-a#1', { fatalities: 9 }, ANALYST);
    await recluster(s.store, ['inc-a#1'], 'inc-rebuilt', ['a#1', 'b#1']);
    expect(await s.reviews.reapply(['inc-rebuilt'])).toMatchObject({ reapplied: 1 });
    expect((await s.store.getIncident('inc-rebuilt'))!.fatalities).toBe(9);
    expect((await s.reviews.get('inc-rebuilt'))!.status).toBe('corrected');
    expect(await s.reviews.get('inc-a#1')).toBeNull();
  });

  it('a split survives re-clustering its parts together; a merge survives re-clustering apart', async () => {
    await ingestFixture(s.store, 'd', [{ place: 'aleppo', date: ['2019-06-09', '2019-06-09'], actor1: ACTORS.gov }], 'Example News');
    await s.reviews.split('inc-a#1', [['a#1'], ['b#1']], ANALYST);
    await s.reviews.correct('inc-b#1', { fatalities: 1 }, ANALYST);
    await recluster(s.store, ['inc-a#1', 'inc-b#1'], 'inc-a#1', ['a#1', 'b#1']);
    await s.reviews.reapply();
    expect(members(await s.store.getIncident('inc-a#1'))).toEqual(['a#1']);
    expect(members(await s.store.getIncident('inc-b#1'))).toEqual(['b#1']);
    expect((await s.store.getIncident('inc-b#1'))!.fatalities).toBe(1);

    await s.reviews.merge(['inc-a#1', 'inc-d#1'], ANALYST);
    await s.store.transaction(async (tx) => {
      await tx.deleteIncident('inc-a#1');
    });
    await recluster(s.store, [], 'inc-a#1', ['a#1']);
    await recluster(s.store, [], 'inc-d#1', ['d#1']);
    const r = await s.reviews.reapply(['inc-d#1']);
    expect(r.reapplied).toBe(1);
    expect(members(await s.store.getIncident('inc-a#1'))).toEqual(['a#1', 'd#1']);
    expect(await s.store.getIncident('inc-d#1')).toBeNull();
    expect(r.incident_ids).toEqual(['inc-a#1', 'inc-d#1']);
  });
});

