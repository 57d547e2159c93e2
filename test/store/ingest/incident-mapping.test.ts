import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candidateKeys } from '../../../src/incidents/candidate-keys.js';
import { assignToIncidents, setDiscounted } from '../../../src/incidents/incident-builder.js';
import type { EventWithSource } from '../../../src/incidents/types.js';
import {
  IncidentStateCache, incidentInputOf, loadIncidentStates,
} from '../../../src/store/incident-mapping.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { ACTORS, fixture, type EventSpec, type Fixture } from '../fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-incident-mapping-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('incident mapping: builder states through the store and back', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = SqliteStore.open({ path: join(dir, `s${++n}.db`) });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  async function put(id: string, specs: EventSpec[], source: string, duplicateOf: string | null = null): Promise<EventWithSource[]> {
    const f: Fixture = fixture(id, specs, { source });
    await store.putDocument(f.doc, f.text, f.events);
    if (duplicateOf !== null) await store.linkDuplicate(id, duplicateOf, 0.8);
    return f.events.map((event) => ({ event, source, doc_id: id, duplicate_of: duplicateOf, published: f.doc.published }));
  }

  it('reads back the very states it wrote: members, reasons, grade, explanation', async () => {
    const events = [
      ...await put('a', [{ fatalities: 3 }, { sub: 'Armed clash', place: 'aleppo', actor1: ACTORS.gov, actor2: ACTORS.opp }], 'Example News'),
      // Another report places the strike near Qalaat al-Madiq, 9 km away: the same happening.
      ...await put('b', [{ place: 'qalaatMadiq', precision: 2, fatalities: 5, actor1: ACTORS.gov }], 'Other Wire'),
      ...await put('c', [{ fatalities: 3 }], 'Copy Desk', 'a'),
    ];
    const { created } = assignToIncidents(events, []);
    // a#1, b#1 (contested: Russia vs Syria) and the copy c#1 in one incident; the clash alone.
    expect(created).toHaveLength(2);
    const strike = created.find((s) => s.members.length === 3)!;
    expect(strike.grade).toBe('contested');
    expect(strike.independent_sources).toBe(2);
    const discounted = setDiscounted(created.find((s) => s.members.length === 1)!, true);
    for (const s of [strike, discounted]) await store.putIncident(incidentInputOf(s));

    const stored = await store.findIncidentsByKeys([...new Set(events.flatMap((e) => candidateKeys(e.event)))]);
    expect(stored.map((i) => i.id).sort()).toEqual([strike.id, discounted.id].sort());
    const back = await loadIncidentStates(store, stored);
    expect(back.find((s) => s.id === strike.id)).toEqual(strike);
    expect(back.find((s) => s.id === discounted.id)).toEqual(discounted);
    const inc = (await store.getIncident(strike.id))!;
    expect(inc).toMatchObject({
      grade: 'contested', fatalities: 5, explanation: strike.explanation, location: { name: 'Kafr Nabudah', geo_precision: 1 },
    });
    expect(inc.actor_ids).toEqual(expect.arrayContaining(['russia-military-forces', 'syria-government-forces', 'civilians']));
    expect(inc.members.map((m) => m.source)).toEqual(['Example News', 'Other Wire', 'Copy Desk']);
  });

  it('a state read back matches new events exactly as the original would', async () => {
    const first = await put('a', [{ fatalities: 2 }], 'Example News');
    const { created } = assignToIncidents(first, []);
    await store.putIncident(incidentInputOf(created[0]!));
    const later = await put('b', [{ place: 'qalaatMadiq', precision: 2, date: ['2019-06-02', '2019-06-02'] }], 'Other Wire');
    const fromMemory = assignToIncidents(later, created);
    const fromStore = assignToIncidents(later, await loadIncidentStates(store, await store.findIncidentsByKeys(candidateKeys(later[0]!.event))));
    expect(fromStore).toEqual(fromMemory);
    expect(fromStore.updated[0]!.grade).toBe('multiple-sources');
  });

  it('caches a state only while the stored incident is unchanged', async () => {
    const events = await put('a', [{}], 'Example News');
    const { created } = assignToIncidents(events, []);
    const stored = await store.putIncident(incidentInputOf(created[0]!));
    const cache = new IncidentStateCache();
    const [state] = await loadIncidentStates(store, [stored], {}, cache);
    expect(cache.get(stored)).toBe(state);
    const more = await put('b', [{}], 'Other Wire');
    const { updated } = assignToIncidents(more, [state!]);
    const changed = await store.updateIncident(incidentInputOf(updated[0]!));
    expect(cache.get(changed)).toBeUndefined();
    const [reloaded] = await loadIncidentStates(store, [changed], {}, cache);
    expect(reloaded).toEqual(updated[0]);
    expect(cache.get(changed)).toBe(reloaded);
  });
});
