import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { haversineKm } from '../../../src/geo/geo-math.js';
import { readInputs, type InputItem } from '../../../src/ingest/read-inputs.js';
import type { RawDocument } from '../../../src/model/document.js';
import { ingestItems } from '../../../src/store/ingest/index.js';
import type { IngestContext, IngestSummary } from '../../../src/store/ingest/index.js';
import { SqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import type { EventStore } from '../../../src/store/store.js';
import type { Incident, StoredEvent } from '../../../src/store/types.js';
import { announceShared, hasShared, importedHome, type ImportedHome } from '../../support/shared.js';
import { writeStrikeCorpus } from './corpus.js';
import { dumpStore } from './dump-store.js';
import {
  MAARAT_AL_NUMAN, MAARAT_AR, SARAQIB, SARAQIB_AR, SARAQIB_AR_COPY, SARAQIB_EN,
} from './reports.js';

const run = announceShared('ingest orchestration');

describe.skipIf(!hasShared || !run)('ingestItems: documents into the store, once, with incidents across sources', () => {
  let home: ImportedHome;
  let dir: string;
  let n = 0;
  const stores: EventStore[] = [];

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-ingest-store-'));
  });

  afterAll(async () => {
    for (const s of stores) await s.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  async function newStore(): Promise<{ store: EventStore; path: string }> {
    const path = join(dir, `store-${++n}.db`);
    const store = SqliteStore.open({ path });
    await store.migrate();
    stores.push(store);
    return { store, path };
  }

  function folder(files: Record<string, string | Buffer>): string {
    const f = join(dir, `in-${++n}`);
    mkdirSync(f, { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(join(f, name), body);
    return f;
  }

  async function ingest(store: EventStore, items: AsyncIterable<InputItem> | string, over: Partial<IngestContext> = {}): Promise<IngestSummary> {
    const source = typeof items === 'string' ? readInputs(items) : items;
    return ingestItems(source, { store, resources: home.resources, ...over });
  }

  async function eventsOf(store: EventStore, docId: string): Promise<StoredEvent[]> {
    return (await store.listEvents({ doc_id: docId }, { limit: 100 })).items;
  }

  async function incidentOf(store: EventStore, eventId: string): Promise<Incident | null> {
    return (await store.listIncidents({ event_id: eventId })).items[0] ?? null;
  }

  async function docIdOf(store: EventStore, input: string): Promise<string> {
    const hits = (await store.searchDocuments(input)).items;
    expect(hits.length).toBeGreaterThan(0);
    return hits[0]!.doc.id;
  }

  it('stores every document once: a second run over the same folder changes nothing', async () => {
    const corpus = join(dir, 'corpus');
    const files = writeStrikeCorpus(corpus, 40);
    const { store, path } = await newStore();

    const first = await ingest(store, corpus);
    expect(first).toMatchObject({ read: files, added: files, unchanged: 0, errors: 0, stopped: false });
    expect(first.eventsAdded).toBeGreaterThan(files);
    expect(first.nearDuplicates).toBeGreaterThan(0);
    // Two outlets tell each happening: fewer incidents than events.
    expect(first.incidentsCreated).toBeGreaterThan(0);
    expect(first.incidentsCreated).toBeLessThan(first.eventsAdded);
    const counts = await store.counts();
    expect(counts).toMatchObject({ documents: files, events: first.eventsAdded, incidents: first.incidentsCreated, duplicates: first.nearDuplicates });
    const before = dumpStore(path);

    const second = await ingest(store, corpus);
    expect(second).toMatchObject({
      read: files, added: 0, unchanged: files, nearDuplicates: 0, errors: 0, eventsAdded: 0, incidentsCreated: 0, incidentsUpdated: 0,
    });
    expect(await store.counts()).toEqual(counts);
    expect(dumpStore(path)).toEqual(before);

    // The same inputs in the same order, committed 16 documents at a time: the same store.
    const batched = await newStore();
    const third = await ingest(batched.store, corpus, { batchSize: 16 });
    expect(third).toMatchObject({ added: files, eventsAdded: first.eventsAdded, incidentsCreated: first.incidentsCreated });
    expect(dumpStore(batched.path)).toEqual(before);
  });

  it('merges an Arabic and an English report of one strike into one incident; a strike 27 km away stays apart', async () => {
    const km = haversineKm(SARAQIB.lat, SARAQIB.lon, MAARAT_AL_NUMAN.lat, MAARAT_AL_NUMAN.lon);
    expect(km).toBeGreaterThan(20);
    expect(km).toBeLessThan(35);
    const { store } = await newStore();
    const summary = await ingest(store, folder({ '01-saraqib-ar.txt': SARAQIB_AR, '02-saraqib-en.txt': SARAQIB_EN, '03-maarat-ar.txt': MAARAT_AR }));
    expect(summary).toMatchObject({ added: 3, errors: 0, nearDuplicates: 0 });

    const strike = async (input: string): Promise<StoredEvent> => {
      const evs = (await eventsOf(store, await docIdOf(store, input))).filter((e) => e.event.sub_event_type === 'Air/drone strike');
      expect(evs).toHaveLength(1);
      return evs[0]!;
    };
    const ar = await strike('سراقب');
    const en = await strike('Saraqib warplanes');
    const maarat = await strike('معرة النعمان');
    expect(ar.source).toBe('المرصد السوري');
    expect(en.source).toBe('Reuters');
    expect(haversineKm(ar.event.location!.lat, ar.event.location!.lon, maarat.event.location!.lat, maarat.event.location!.lon)).toBeGreaterThan(20);

    const incident = await incidentOf(store, ar.event.id);
    expect(incident).not.toBeNull();
    expect(incident!.members.map((m) => m.event_id).sort()).toEqual([ar.event.id, en.event.id].sort());
    expect(incident!.members.map((m) => m.source).sort()).toEqual(['Reuters', 'المرصد السوري'].sort());
    expect(incident!.grade).toBe('multiple-sources');
    expect(incident!.location?.name).toBe('Saraqib');
    expect(incident!.explanation.join('\n')).toMatch(/joined: .*same place/);
    expect(incident!.explanation.at(-1)).toMatch(/^grade multiple-sources: 2 independent sources/);

    const other = await incidentOf(store, maarat.event.id);
    expect(other?.id).not.toBe(incident!.id);
    expect(other).toMatchObject({ grade: 'single-source', members: [{ event_id: maarat.event.id }] });

    // A syndicated copy of the Arabic report: linked, joins, and adds no independent source.
    const copy = await ingest(store, folder({ '04-saraqib-ar-copy.txt': SARAQIB_AR_COPY }));
    expect(copy).toMatchObject({ added: 1, nearDuplicates: 1, incidentsCreated: 0, incidentsUpdated: 1 });
    const copyId = await docIdOf(store, 'عنب بلدي نزوح');
    const stored = await store.getDocument(copyId);
    expect(stored?.duplicate_of).toBe(ar.event.doc_id);
    expect(stored?.similarity).toBeGreaterThan(0.45);
    const after = (await store.getIncident(incident!.id))!;
    expect(after.members).toHaveLength(3);
    expect(after.members.map((m) => m.doc_id)).toContain(copyId);
    expect(after.grade).toBe('multiple-sources');
    expect(after.explanation.at(-1)).toMatch(/^grade multiple-sources: 2 independent sources \(المرصد السوري, Reuters\)/);
    expect(after.explanation.join('\n')).toMatch(/near-copy of document .*: not an independent source/);
    // Its added paragraph tells of shelling since April: a copy opens no incident for it.
    for (const e of await eventsOf(store, copyId)) {
      const inc = await incidentOf(store, e.event.id);
      if (inc !== null) expect(inc.id).toBe(incident!.id);
    }
    expect((await store.counts()).incidents).toBe(2);
  });

  it('merges incrementally: a report stored in a later run joins the incident, as in one run', async () => {
    const input = folder({ '01.txt': SARAQIB_AR });
    const two = await newStore();
    const first = await ingest(two.store, input);
    expect(first).toMatchObject({ added: 1, incidentsCreated: 1 });
    writeFileSync(join(input, '02.txt'), SARAQIB_EN);
    const later = await ingest(two.store, input);
    expect(later).toMatchObject({ added: 1, unchanged: 1, incidentsCreated: 0, incidentsUpdated: 1 });

    const one = await newStore();
    expect(await ingest(one.store, input)).toMatchObject({ added: 2, incidentsCreated: 1, incidentsUpdated: 0 });
    expect(dumpStore(two.path)).toEqual(dumpStore(one.path));
  });

  it('reports a bad input or a failing document and stores the rest', async () => {
    const { store } = await newStore();
    const lines = [
      JSON.stringify({ id: 'rec-1', text: SARAQIB_EN, source: 'Reuters' }),
      '{"id": "rec-2", "text": "unfinished',
      JSON.stringify({ id: 'rec-3', text: MAARAT_AR }),
    ].join('\n');
    const input = folder({
      '01-saraqib.txt': SARAQIB_AR,
      '02-records.jsonl': lines,
      '03-image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
      '04-copy.txt': SARAQIB_AR_COPY,
    });
    const reported: string[] = [];
    const summary = await ingest(store, input, { onError: (e) => reported.push(e.input) });
    expect(summary).toMatchObject({ read: 4, added: 4, errors: 2 });
    expect(summary.errorList).toEqual([
      { input: join(input, '02-records.jsonl:2'), message: expect.stringMatching(/^invalid JSON/) },
      { input: join(input, '03-image.txt'), message: expect.stringMatching(/binary data/) },
    ]);
    expect(reported).toEqual(summary.errorList.map((e) => e.input));
    expect((await store.counts()).documents).toBe(4);

    // A document the pipeline cannot take (no text) between two good ones.
    const broken = { inputId: 'broken-record', text: undefined } as unknown as RawDocument;
    const good = (text: string, inputId: string): InputItem => ({
      kind: 'document',
      doc: { inputId, text, url: null, title: null, byline: null, source: null, dateline: null, published: null, language: null, fromHtml: false },
    });
    async function* items(): AsyncGenerator<InputItem> {
      yield good(`${SARAQIB_EN}\nUpdated.`, 'a');
      yield { kind: 'document', doc: broken };
      yield good(`${MAARAT_AR}\nتحديث.`, 'b');
    }
    const next = await ingest(store, items(), { batchSize: 8 });
    expect(next).toMatchObject({ read: 3, added: 2, errors: 1 });
    expect(next.errorList).toEqual([{ input: 'broken-record', message: 'the document has no text' }]);
    expect((await store.counts()).documents).toBe(6);
  });

  it('says what it changed (incidents and days), and hands it on whenever a live source pauses', async () => {
    const { store } = await newStore();
    const doc = (text: string, inputId: string): InputItem => ({
      kind: 'document',
      doc: { inputId, text, url: null, title: null, byline: null, source: null, dateline: null, published: null, language: null, fromHtml: false },
    });
    // A feed between polls: two items, a pause, an item already stored, a new one. A batch
    // commits when its source keeps it waiting longer than maxBatchMs.
    async function* live(): AsyncGenerator<InputItem> {
      yield doc(SARAQIB_AR, 'a');
      yield doc(SARAQIB_EN, 'b');
      await new Promise((resolve) => setTimeout(resolve, 400));
      yield doc(SARAQIB_AR, 'a-again');
      yield doc(MAARAT_AR, 'c');
    }
    for (const batchSize of [1, 8]) {
      const { store: s } = batchSize === 1 ? { store } : await newStore();
      const settled: { incidentIds: string[]; from: string | null; to: string | null }[] = [];
      const summary = await ingest(s, live(), { batchSize, maxBatchMs: 100, settleMs: 150, onSettled: (c) => { settled.push(c); } });
      expect(summary).toMatchObject({ added: 3, unchanged: 1 });
      const all = (await s.listIncidents({}, { limit: 100 })).items;
      expect(summary.changes.incidentIds).toEqual(all.map((i) => i.id).sort());
      // One call at the pause (Saraqib in two languages: one incident), one at the end (Maarat).
      expect(settled).toHaveLength(2);
      expect(settled[0]!.incidentIds).toHaveLength(1);
      expect(settled[1]!.incidentIds).toHaveLength(1);
      expect(settled[0]!.incidentIds[0]).not.toBe(settled[1]!.incidentIds[0]);
      expect([...settled[0]!.incidentIds, ...settled[1]!.incidentIds].sort()).toEqual(summary.changes.incidentIds);
      // The days: every stored event's dates lie within them.
      const events = (await s.listEvents({}, { limit: 100 })).items.filter((e) => e.event.date !== null);
      expect(events.length).toBeGreaterThan(0);
      for (const e of events) {
        expect(e.event.date!.start >= summary.changes.from!).toBe(true);
        expect(e.event.date!.end <= summary.changes.to!).toBe(true);
      }
      expect(summary.changes.from).toBe(events.map((e) => e.event.date!.start).sort()[0]);
    }
    // Nothing new: nothing changed, nothing handed on.
    const settled: unknown[] = [];
    const again = await ingest(store, readInputs(folder({ 'a.txt': SARAQIB_AR })), { onSettled: (c) => { settled.push(c); } });
    expect(again.changes).toEqual({ incidentIds: [], from: null, to: null });
    expect(settled).toEqual([]);
  });

  it('stops between documents when its signal aborts', async () => {
    const corpus = join(dir, 'corpus-stop');
    writeStrikeCorpus(corpus, 12);
    const { store } = await newStore();
    const controller = new AbortController();
    const summary = await ingest(store, corpus, {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.read === 3) controller.abort();
      },
    });
    expect(summary).toMatchObject({ stopped: true, read: 3, added: 3 });
    expect((await store.counts()).documents).toBe(3);
    // The next run goes on from there.
    const rest = await ingest(store, corpus);
    expect(rest).toMatchObject({ stopped: false, read: 12, unchanged: 3, added: 9 });
  });
});
