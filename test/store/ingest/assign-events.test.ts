import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventWithSource } from '../../../src/incidents/types.js';
import { incidentInputOf } from '../../../src/store/incident-mapping.js';
import { assignDocumentEvents } from '../../../src/store/ingest/assign-events.js';
import { DocumentProblem } from '../../../src/store/ingest/document-problem.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { fixture, type EventSpec } from '../fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-assign-events-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('assignDocumentEvents: one document\'s events into stored incidents', () => {
  let store: SqliteStore;
  beforeEach(async () => {
    store = SqliteStore.open({ path: join(dir, `s${++n}.db`) });
    await store.migrate();
  });
  afterEach(async () => {
    await store.close();
  });

  async function put(id: string, specs: EventSpec[], source: string, duplicateOf: string | null = null): Promise<EventWithSource[]> {
    const f = fixture(id, specs, { source });
    await store.putDocument(f.doc, f.text, f.events);
    return f.events.map((event) => ({ event, source, doc_id: id, duplicate_of: duplicateOf, published: f.doc.published }));
  }

  it('an original opens incidents; a near-copy only joins them and opens none', async () => {
    const original = await put('orig', [{}], 'Example News');
    const opened = await assignDocumentEvents(store, original, true, {});
    expect(opened.created).toHaveLength(1);
    await store.putIncident(incidentInputOf(opened.created[0]!));

    // The copy repeats the strike and adds a clash in Aleppo that the original did not report.
    const copy = await put('copy', [{}, { sub: 'Armed clash', place: 'aleppo' }], 'Copy Desk', 'orig');
    const joined = await assignDocumentEvents(store, copy, false, {});
    expect(joined.created).toEqual([]);
    expect(joined.updated).toHaveLength(1);
    const inc = joined.updated[0]!;
    expect(inc.members.map((m) => m.event_id)).toEqual(['orig#1', 'copy#1']);
    expect(inc.independent_sources).toBe(1);
    expect(inc.grade).toBe('single-source');

    // The same events from an original would have opened the clash's incident.
    const asOriginal = await assignDocumentEvents(store, copy.map((e) => ({ ...e, duplicate_of: null })), true, {});
    expect(asOriginal.created.map((s) => s.members[0]!.event_id)).toEqual(['copy#2']);
  });

  it('an event the incident builder cannot take is a problem of its document', async () => {
    const [ev] = await put('bad', [{}], 'Example News');
    const broken: EventWithSource = { ...ev!, event: { ...ev!.event, date: { start: '2019-02-30', end: '2019-02-30', precision: 1 } } };
    const err = await assignDocumentEvents(store, [broken], true, {}).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentProblem);
    expect((err as Error).message).toMatch(/could not put its events into incidents: .*2019-02-30/);
  });
});
