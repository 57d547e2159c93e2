import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { candidateKeys } from '../../src/incidents/candidate-keys.js';
import type { MarsadEvent } from '../../src/model/event.js';
import { StoreInputError } from '../../src/store/errors.js';
import { exportEvents } from '../../src/store/export/index.js';
import { iterateEvents } from '../../src/store/iterate.js';
import type { EventStore } from '../../src/store/store.js';
import type { EventFilter } from '../../src/store/types.js';
import { ACTORS, fixture, makeEvent, makeIncident, type Fixture } from './fixtures.js';

export interface StoreFactoryOptions {
  now?: () => Date;
}

/** Opens a new, empty, migrated store; the test closes it. */
export type StoreFactory = (opts?: StoreFactoryOptions) => Promise<EventStore>;

async function put(store: EventStore, ...fs: Fixture[]): Promise<void> {
  for (const f of fs) await store.putDocument(f.doc, f.text, f.events);
}

async function ids(store: EventStore, filter: EventFilter): Promise<string[]> {
  const page = await store.listEvents(filter, { limit: 1000 });
  expect(page.next).toBeNull();
  return page.items.map((s) => s.event.id);
}

/** A clock that moves one second per reading, so updated_at differs from created_at. */
function tickingClock(): () => Date {
  let t = Date.parse('2024-01-01T00:00:00Z');
  return () => new Date((t += 1000));
}

class Collect extends Writable {
  chunks: Buffer[] = [];
  constructor() {
    // A small buffer, so the writers must honour backpressure.
    super({ highWaterMark: 256 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void): void {
    this.chunks.push(chunk);
    setImmediate(cb);
  }
  get text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/** RFC 4180 parser for the test: rows of fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { row.push(field); rows.push(row); row = []; field = ''; i++; }
    else field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The behaviour every EventStore backend must have. */
export function defineStoreContract(name: string, open: StoreFactory): void {
  describe(`EventStore contract: ${name}`, () => {
    let store: EventStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store.close();
    });

    describe('documents and events', () => {
      it('migrates idempotently; a new store is empty', async () => {
        await store.migrate();
        expect(await store.counts()).toEqual({ documents: 0, events: 0, incidents: 0, duplicates: 0 });
      });

      it('stores a document with its text and events, and reads them back', async () => {
        const f = fixture('d1', [{}, { sub: 'Shelling/artillery/missile attack', place: 'idlib' }], {}, 'نص التقرير الأصلي\nوسطر ثان');
        expect(await store.putDocument(f.doc, f.text, f.events)).toEqual({ added: true, events: 2 });
        const got = await store.getDocument('d1');
        expect(got?.doc).toEqual(f.doc);
        expect(got?.text).toBe(f.text);
        expect(got?.duplicate_of).toBeNull();
        expect(await store.hasDocument('d1')).toBe(true);
        expect(await store.hasDocument('nope')).toBe(false);
        const ev = await store.getEvent('d1#2');
        expect(ev?.event).toEqual(f.events[1]);
        // Key order is part of the interchange format: exports must match across backends.
        expect(JSON.stringify(ev?.event)).toBe(JSON.stringify(f.events[1]));
        expect(ev?.source).toBe('Example News');
        expect(ev?.url).toBe('https://news.example/d1');
        expect(ev?.published).toBe('2019-06-05');
        expect(ev?.duplicate_of).toBeNull();
        expect(Number.isFinite(Date.parse(ev!.stored_at))).toBe(true);
        expect(await store.getEvent('nope')).toBeNull();
        expect(await store.getDocument('nope')).toBeNull();
        expect(await store.counts()).toEqual({ documents: 1, events: 2, incidents: 0, duplicates: 0 });
      });

      it('re-putting the same document id is a no-op', async () => {
        const f = fixture('d1', [{}]);
        await put(store, f);
        const again = fixture('d1', [{}, { place: 'aleppo' }], {}, 'different text');
        expect(await store.putDocument(again.doc, again.text, again.events)).toEqual({ added: false, events: 0 });
        expect(await store.counts()).toEqual({ documents: 1, events: 1, incidents: 0, duplicates: 0 });
        expect(await store.getEvent('d1#2')).toBeNull();
        expect((await store.getDocument('d1'))?.text).toBe(f.text);
      });

      it('a put that fails midway leaves nothing of that document', async () => {
        await put(store, fixture('A', [{}]));
        const b = fixture('B', [{ evidence: 'zebrafish seen near Idlib' }, {}], {}, 'zebrafish report');
        // Its second event reuses an id already stored: the failure comes after B and B#1 were written.
        b.events[1] = { ...b.events[1]!, id: 'A#1' };
        await expect(store.putDocument(b.doc, b.text, b.events)).rejects.toThrow(/A#1 is already stored/);
        expect(await store.hasDocument('B')).toBe(false);
        expect(await store.getEvent('B#1')).toBeNull();
        expect(await store.counts()).toEqual({ documents: 1, events: 1, incidents: 0, duplicates: 0 });
        expect((await store.searchDocuments('zebrafish')).items).toEqual([]);
        expect(await ids(store, { text: 'zebrafish' })).toEqual([]);
        // And the id is free for a corrected retry.
        const fixed = fixture('B', [{ evidence: 'zebrafish seen near Idlib' }]);
        expect((await store.putDocument(fixed.doc, fixed.text, fixed.events)).added).toBe(true);
      });

      it('refuses bad documents with a message naming the record, storing nothing', async () => {
        const f = fixture('d1', [{}]);
        const bad = (over: Partial<MarsadEvent>): MarsadEvent[] => [{ ...f.events[0]!, ...over }];
        await expect(store.putDocument(f.doc, f.text, bad({ doc_id: 'other' }))).rejects.toThrow(/document d1, event d1#1: doc_id/);
        await expect(store.putDocument(f.doc, f.text, bad({ sub_event_type: 'Armed clash' }))).rejects.toThrow(StoreInputError);
        await expect(store.putDocument(f.doc, f.text, bad({ location: { ...f.events[0]!.location!, lat: 200 } }))).rejects.toThrow(/lat\/lon/);
        await expect(store.putDocument(f.doc, f.text, bad({ date: { start: '2019-06-02', end: '2019-06-01', precision: 1 } }))).rejects.toThrow(/after it ends/);
        await expect(store.putDocument(f.doc, f.text, [f.events[0]!, f.events[0]!])).rejects.toThrow(/appears twice/);
        expect(await store.counts()).toEqual({ documents: 0, events: 0, incidents: 0, duplicates: 0 });
      });
    });

    describe('transactions', () => {
      it('commits everything or nothing', async () => {
        await expect(store.transaction(async (tx) => {
          await put(tx, fixture('a', [{}]), fixture('b', [{}, {}]));
          expect(await tx.counts()).toMatchObject({ documents: 2, events: 3 });
          throw new Error('boom');
        })).rejects.toThrow('boom');
        expect(await store.counts()).toEqual({ documents: 0, events: 0, incidents: 0, duplicates: 0 });
        const n = await store.transaction(async (tx) => {
          await put(tx, fixture('a', [{}]), fixture('b', [{}, {}]));
          return 2;
        });
        expect(n).toBe(2);
        expect(await store.counts()).toMatchObject({ documents: 2, events: 3 });
      });

      it('a failing put inside a transaction rolls back only itself', async () => {
        await store.transaction(async (tx) => {
          await put(tx, fixture('a', [{}]));
          const bad = fixture('bad', [{}, {}]);
          bad.events[1] = { ...bad.events[1]!, id: 'a#1' };
          await expect(tx.putDocument(bad.doc, bad.text, bad.events)).rejects.toThrow(StoreInputError);
          await put(tx, fixture('c', [{}]));
        });
        expect(await store.hasDocument('a')).toBe(true);
        expect(await store.hasDocument('bad')).toBe(false);
        expect(await store.hasDocument('c')).toBe(true);
        expect(await store.counts()).toMatchObject({ documents: 2, events: 2 });
      });

      it('writes from outside are not swept into an open transaction', async () => {
        let entered!: () => void;
        const inside = new Promise<void>((r) => { entered = r; });
        let release!: () => void;
        const released = new Promise<void>((r) => { release = r; });
        const tx = store.transaction(async (t) => {
          await put(t, fixture('in', [{}]));
          entered();
          await released;
          throw new Error('rolled back');
        });
        await inside;
        const outside = put(store, fixture('out', [{}]));
        release();
        await expect(tx).rejects.toThrow('rolled back');
        await outside;
        expect(await store.hasDocument('in')).toBe(false);
        expect(await store.hasDocument('out')).toBe(true);
      });
    });

    describe('filters', () => {
      beforeEach(async () => {
        await put(store,
          fixture('d1', [
            { sub: 'Air/drone strike', place: 'kafrNabudah', date: ['2019-06-01', '2019-06-01'] },
            { sub: 'Shelling/artillery/missile attack', place: 'idlib', date: ['2019-05-20', '2019-05-20'], actor1: ACTORS.gov, actor2: ACTORS.opp },
          ]),
          fixture('d2', [
            { sub: 'Government regains territory', place: 'qalaatMadiq', date: ['2019-04-26', '2019-06-05'], actor1: ACTORS.gov, actor2: ACTORS.opp },
            { sub: 'Armed clash', place: 'aleppo', date: ['2019-03-01', '2019-03-01'], actor1: ACTORS.opp, actor2: ACTORS.gov },
            { sub: 'Other', place: null, date: null, actor1: null, actor2: null },
          ], { source: 'Other Wire' }, 'Under the Sochi agreement the zone ...'),
          fixture('d3', [{ sub: 'Air/drone strike', place: 'damascus', date: ['2019-07-10', '2019-07-10'] }]),
        );
      });

      it('sorts by date descending, then id; undated last', async () => {
        expect(await ids(store, {})).toEqual(['d3#1', 'd1#1', 'd1#2', 'd2#1', 'd2#2', 'd2#3']);
      });

      it('time range keeps events whose interval overlaps it', async () => {
        expect(await ids(store, { from: '2019-06-02', to: '2019-06-03' })).toEqual(['d2#1']);
        expect(await ids(store, { from: '2019-06-01', to: '2019-06-01' })).toEqual(['d1#1', 'd2#1']);
        expect(await ids(store, { to: '2019-03-31' })).toEqual(['d2#2']);
        expect(await ids(store, { from: '2019-07-01' })).toEqual(['d3#1']);
      });

      it('bounding box (edges inclusive)', async () => {
        expect(await ids(store, { bbox: [36.3, 35.3, 36.6, 35.5] })).toEqual(['d1#1', 'd2#1']);
        expect(await ids(store, { bbox: [36.0, 33.0, 36.5, 34.0] })).toEqual(['d3#1']);
        expect(await ids(store, { bbox: [36.49354, 35.43175, 36.6, 35.5] })).toEqual(['d1#1']);
        expect(await ids(store, { bbox: [36.49355, 35.43175, 36.6, 35.5] })).toEqual([]);
        expect(await ids(store, { bbox: [30, 30, 31, 31] })).toEqual([]);
      });

      it('bounding box with a time range (spanning intervals in, undated out)', async () => {
        const syria: [number, number, number, number] = [35.5, 32.3, 42.4, 37.4];
        expect(await ids(store, { bbox: [36.3, 35.3, 36.6, 35.5], from: '2019-06-02', to: '2019-06-03' })).toEqual(['d2#1']);
        expect(await ids(store, { bbox: syria, to: '2019-03-31' })).toEqual(['d2#2']);
        expect(await ids(store, { bbox: syria, from: '2019-06-01' })).toEqual(['d3#1', 'd1#1', 'd2#1']);
        expect(await ids(store, { bbox: syria })).toEqual(['d3#1', 'd1#1', 'd1#2', 'd2#1', 'd2#2']);
        expect(await ids(store, { bbox: syria, event_type: 'Explosions/Remote violence' })).toEqual(['d3#1', 'd1#1', 'd1#2']);
        expect(await ids(store, { bbox: syria, sub_event_type: ['Armed clash', 'Air/drone strike'] })).toEqual(['d3#1', 'd1#1', 'd2#2']);
        expect(await ids(store, { bbox: syria, event_type: 'Battles', sub_event_type: 'Air/drone strike' })).toEqual([]);
      });

      it('admin areas, actor on either side, types, source, document', async () => {
        expect(await ids(store, { admin1: 'Hama' })).toEqual(['d1#1', 'd2#1']);
        expect(await ids(store, { admin2: 'Idlib' })).toEqual(['d1#2']);
        expect(await ids(store, { actor: 'syria-opposition' })).toEqual(['d1#2', 'd2#1', 'd2#2']);
        expect(await ids(store, { event_type: 'Battles' })).toEqual(['d2#1', 'd2#2']);
        expect(await ids(store, { event_type: ['Battles', 'Strategic developments'] })).toEqual(['d2#1', 'd2#2', 'd2#3']);
        expect(await ids(store, { sub_event_type: ['Air/drone strike', 'Armed clash'] })).toEqual(['d3#1', 'd1#1', 'd2#2']);
        expect(await ids(store, { source: 'Other Wire' })).toEqual(['d2#1', 'd2#2', 'd2#3']);
        expect(await ids(store, { doc_id: 'd1' })).toEqual(['d1#1', 'd1#2']);
        expect(await ids(store, { bbox: [36.3, 35.3, 36.6, 35.5], event_type: 'Battles', from: '2019-05-01' })).toEqual(['d2#1']);
      });

      it('text in the whole document, and leaving out near-duplicates', async () => {
        expect(await ids(store, { text: 'Sochi', text_scope: 'document' })).toEqual(['d2#1', 'd2#2', 'd2#3']);
        expect(await ids(store, { text: 'Sochi' })).toEqual([]);
        await store.linkDuplicate('d3', 'd1', 0.93);
        expect(await ids(store, { exclude_duplicates: true })).toEqual(['d1#1', 'd1#2', 'd2#1', 'd2#2', 'd2#3']);
        expect((await store.getEvent('d3#1'))?.duplicate_of).toBe('d1');
      });

      it('refuses malformed filters with the reason', async () => {
        await expect(store.listEvents({ from: '2019-13-01' })).rejects.toThrow(/filter.from/);
        await expect(store.listEvents({ from: '2019-06-02', to: '2019-06-01' })).rejects.toThrow(/after/);
        await expect(store.listEvents({ bbox: [36, 36, 37, 35] })).rejects.toThrow(/minLat/);
        await expect(store.listEvents({ bbox: [36, 35, 37] as unknown as [number, number, number, number] })).rejects.toThrow(/bbox/);
        await expect(store.listEvents({ event_type: 'Bogus' as 'Battles' })).rejects.toThrow(/unknown value/);
        await expect(store.listEvents({ text: '؟!' })).rejects.toThrow(/no searchable words/);
      });
    });

    describe('cursor pagination', () => {
      beforeEach(async () => {
        const dates = ['2019-01-05', '2019-02-10', '2019-02-10', '2019-03-15', '2019-04-20'];
        const places = ['kafrNabudah', 'idlib', 'aleppo', 'damascus', 'qalaatMadiq'] as const;
        let n = 0;
        for (let d = 0; d < 6; d++) {
          const specs = [];
          for (let k = 0; k < 10 && n < 57; k++, n++) {
            const day = dates[n % dates.length]!;
            specs.push({ place: places[(n * 7) % places.length]!, date: [day, day] as [string, string] });
          }
          await put(store, fixture(`p${d}`, specs));
        }
      });

      async function walk(filter: EventFilter, limit: number): Promise<{ ids: string[]; pages: number }> {
        const out: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page = await store.listEvents(filter, { limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          out.push(...page.items.map((s) => s.event.id));
          cursor = page.next;
          pages++;
        } while (cursor !== null && pages < 100);
        return { ids: out, pages };
      }

      it('walks every page without duplicates or gaps, in the one-page order', async () => {
        const all = await ids(store, {});
        expect(all).toHaveLength(57);
        const { ids: walked, pages } = await walk({}, 10);
        expect(pages).toBe(6);
        expect(new Set(walked).size).toBe(57);
        expect(walked).toEqual(all);
        const dates = (await store.listEvents({}, { limit: 100 })).items.map((s) => s.event.date!.start);
        expect([...dates].sort().reverse()).toEqual(dates);
      });

      it('pages a filtered list the same way', async () => {
        const filter: EventFilter = { bbox: [36.2, 33, 37, 36], from: '2019-02-01' };
        const all = await ids(store, filter);
        expect(all.length).toBeGreaterThan(7);
        expect((await walk(filter, 7)).ids).toEqual(all);
        expect((await walk(filter, all.length)).pages).toBe(1);
      });

      it('iterates in batches and rejects a bad cursor or limit', async () => {
        const seen: string[] = [];
        for await (const s of iterateEvents(store, {}, 8)) seen.push(s.event.id);
        expect(seen).toEqual(await ids(store, {}));
        await expect(store.listEvents({}, { cursor: 'not-a-cursor' })).rejects.toThrow(/invalid page cursor/);
        await expect(store.listEvents({}, { limit: 0 })).rejects.toThrow(/page.limit/);
      });
    });

    describe('search', () => {
      beforeEach(async () => {
        await put(store,
          fixture('s1', [{ evidence: 'قصفت قوّات النظام بلدة كفرنبودة بالمدفعية' }]),
          fixture('s2', [{ evidence: 'وتقدمت لقوات النظام وحدات جديدة في ريف حماة' }]),
          fixture('s3', [{ evidence: 'وقال مصدر في النظام السوري إن الهدنة صامدة' }]),
          fixture('s4', [{ evidence: 'صدت قوات المعارضة هجوما على المدينة' }]),
          fixture('s5', [{ evidence: 'أطلقت المدفعية قذيفةً على مدينة إدلب' }]),
          fixture('s6', [{ evidence: 'Syrian Government Forces shelled Ma\u2019arrat al-Nu\u2019man; Kafr Nabudah was hit.' }],
            { title: 'Shelling in southern Idlib', language: 'en' }),
        );
      });

      it('"قوات النظام" finds "قوّات النظام" and "لقوات النظام", and not other forces', async () => {
        expect(await ids(store, { text: 'قوات النظام' })).toEqual(['s1#1', 's2#1']);
        expect(await ids(store, { text: 'قوّات النظام' })).toEqual(['s1#1', 's2#1']);
        expect(await ids(store, { text: 'النظام' })).toEqual(['s1#1', 's2#1', 's3#1']);
        expect(await ids(store, { text: 'قوات' })).toEqual(['s1#1', 's2#1', 's4#1']);
      });

      it('matches across hamza, taa marbuta, alef maqsura and harakat variants', async () => {
        expect(await ids(store, { text: 'اطلقت قذيفه علي مدينه ادلب' })).toEqual(['s5#1']);
        expect(await ids(store, { text: 'إدلب' })).toEqual(['s5#1']);
      });

      it('English is matched without regard to case and accents; place and actor names count', async () => {
        expect(await ids(store, { text: 'government FORCES' })).toEqual(['s6#1']);
        expect(await ids(store, { text: 'kafr nabudah' })).toContain('s6#1');
        expect(await ids(store, { text: 'Military Forces of Russia' })).toHaveLength(6);
      });

      it('searches documents by title and text', async () => {
        const docs = await store.searchDocuments('قوات النظام');
        expect(docs.items.map((d) => d.doc.id).sort()).toEqual(['s1', 's2']);
        expect((await store.searchDocuments('southern idlib')).items.map((d) => d.doc.id)).toEqual(['s6']);
        const page1 = await store.searchDocuments('النظام', { limit: 2 });
        const page2 = await store.searchDocuments('النظام', { limit: 2, cursor: page1.next });
        expect([...page1.items, ...page2.items].map((d) => d.doc.id).sort()).toEqual(['s1', 's2', 's3']);
        expect(page2.next).toBeNull();
      });
    });

    describe('near-duplicates', () => {
      it('links a copy to the first copy, flattening chains', async () => {
        await put(store, fixture('d1', [{}]), fixture('d2', [{}]), fixture('d3', [{}]));
        await store.linkDuplicate('d2', 'd1', 0.95);
        await store.linkDuplicate('d3', 'd2', 0.9);
        expect((await store.getDocument('d3'))?.duplicate_of).toBe('d1');
        expect((await store.getDocument('d2'))).toMatchObject({ duplicate_of: 'd1', similarity: 0.95 });
        expect((await store.counts()).duplicates).toBe(2);
        await expect(store.linkDuplicate('d1', 'd3', 0.9)).rejects.toThrow(/own copy/);
        await expect(store.linkDuplicate('d1', 'zz', 0.9)).rejects.toThrow(/zz is not stored/);
        await expect(store.linkDuplicate('d1', 'd2', 1.5)).rejects.toThrow(/similarity/);
      });
    });

    describe('near-duplicate fingerprints', () => {
      const docsOf = (c: { doc_id: string }[]): string[] => c.map((x) => x.doc_id);

      it('finds documents sharing a band, oldest first, skipping crowded bands', async () => {
        await put(store, fixture('d1', [{}]), fixture('d2', [{}]), fixture('d3', [{}]));
        await store.putFingerprint('d1', 'fp-1', ['a', 'b']);
        await store.putFingerprint('d2', 'fp-2', ['b', 'c', 'c']);
        await store.putFingerprint('d3', 'fp-3', []);
        expect(await store.findNearCandidates(['b'], 20)).toEqual([
          { doc_id: 'd1', fingerprint: 'fp-1' }, { doc_id: 'd2', fingerprint: 'fp-2' },
        ]);
        expect(docsOf(await store.findNearCandidates(['c', 'x', 'c'], 20))).toEqual(['d2']);
        expect(await store.findNearCandidates(['x'], 20)).toEqual([]);
        expect(await store.findNearCandidates([], 20)).toEqual([]);
        // Band b is held by two documents: with crowded = 1 it says nothing.
        expect(await store.findNearCandidates(['b'], 1)).toEqual([]);
        expect(docsOf(await store.findNearCandidates(['b', 'a'], 1))).toEqual(['d1']);
      });

      it('replaces a fingerprint, refiling the document as of now', async () => {
        await put(store, fixture('d1', [{}]), fixture('d2', [{}]));
        await store.putFingerprint('d1', 'old', ['a', 'b']);
        await store.putFingerprint('d2', 'fp-2', ['b']);
        await store.putFingerprint('d1', 'new', ['b', 'z']);
        expect(await store.findNearCandidates(['a'], 20)).toEqual([]);
        expect(await store.findNearCandidates(['b', 'z'], 20)).toEqual([
          { doc_id: 'd2', fingerprint: 'fp-2' }, { doc_id: 'd1', fingerprint: 'new' },
        ]);
      });

      it('refuses a fingerprint of an unknown document or bad keys; rolls back with its transaction', async () => {
        await expect(store.putFingerprint('nope', 'fp', ['a'])).rejects.toThrow(/document nope is not stored/);
        await put(store, fixture('d1', [{}]));
        await expect(store.putFingerprint('d1', '', ['a'])).rejects.toThrow(/fingerprint/);
        await expect(store.putFingerprint('d1', 'fp', ['a', ''])).rejects.toThrow(/bands/);
        await expect(store.findNearCandidates(['a'], 0)).rejects.toThrow(/crowded/);
        await expect(store.transaction(async (tx) => {
          await put(tx, fixture('d2', [{}]));
          await tx.putFingerprint('d2', 'fp-2', ['a']);
          expect(docsOf(await tx.findNearCandidates(['a'], 20))).toEqual(['d2']);
          throw new Error('crash');
        })).rejects.toThrow('crash');
        expect(await store.findNearCandidates(['a'], 20)).toEqual([]);
        expect(await store.hasDocument('d2')).toBe(false);
      });
    });

    describe('incident blocking keys', () => {
      beforeEach(async () => {
        await put(store, fixture('a', [{}]), fixture('b', [{}]), fixture('c', [{}]));
      });
      const keysAt = (spec: Parameters<typeof makeEvent>[2]): string[] => candidateKeys(makeEvent('q', 1, spec));
      const found = async (keys: string[]): Promise<string[]> => (await store.findIncidentsByKeys(keys)).map((i) => i.id);

      it('finds the incidents an event near them in space, time and kind may join', async () => {
        await store.putIncident(makeIncident('i2', ['a#1']));
        await store.putIncident(makeIncident('i1', ['b#1']));
        await store.putIncident(makeIncident('i3', ['c#1'], { location: null }));
        const near = keysAt({ place: 'qalaatMadiq', date: ['2019-06-02', '2019-06-02'] });
        const got = await store.findIncidentsByKeys(near);
        expect(got.map((i) => i.id)).toEqual(['i1', 'i2']);
        expect(got[0]).toEqual(await store.getIncident('i1'));
        expect(await found(keysAt({ place: 'damascus' }))).toEqual([]);
        expect(await found(keysAt({ date: ['2019-07-20', '2019-07-20'] }))).toEqual([]);
        expect(await found(keysAt({ sub: 'Armed clash' }))).toEqual([]);
        expect(await found([])).toEqual([]);
        await expect(store.findIncidentsByKeys([''])).rejects.toThrow(/keys/);
      });

      it('refiles an incident that moves, and forgets a deleted one', async () => {
        const first = await store.putIncident(makeIncident('i1', ['a#1']));
        await store.updateIncident({
          ...first,
          location: { ...first.location!, name: 'Damascus', lat: 33.5138, lon: 36.2765 },
          date: { start: '2019-07-10', end: '2019-07-10' },
        });
        expect(await found(keysAt({}))).toEqual([]);
        expect(await found(keysAt({ place: 'damascus', date: ['2019-07-11', '2019-07-11'] }))).toEqual(['i1']);
        await store.deleteIncident('i1');
        expect(await found(keysAt({ place: 'damascus', date: ['2019-07-11', '2019-07-11'] }))).toEqual([]);
      });
    });

    describe('incidents', () => {
      let clockStore: EventStore;
      beforeEach(async () => {
        clockStore = await open({ now: tickingClock() });
        await put(clockStore,
          fixture('a', [{ evidence: 'غارة روسية على كفرنبودة' }, { sub: 'Armed clash', place: 'aleppo', date: ['2019-03-01', '2019-03-01'], actor1: ACTORS.gov, actor2: ACTORS.opp }]),
          fixture('b', [{}], { source: 'Other Wire' }),
          fixture('c', [{ place: 'damascus', date: ['2019-07-10', '2019-07-10'] }]),
        );
      });
      afterEach(async () => {
        await clockStore.close();
      });

      it('puts and reads an incident with its members and their sources', async () => {
        const input = makeIncident('i1', ['a#1', 'b#1']);
        const inc = await clockStore.putIncident(input);
        expect(inc.members).toEqual([
          { event_id: 'a#1', doc_id: 'a', source: 'Example News' },
          { event_id: 'b#1', doc_id: 'b', source: 'Other Wire' },
        ]);
        expect(inc.created_at).toBe(inc.updated_at);
        const got = await clockStore.getIncident('i1');
        expect(got).toEqual(inc);
        expect(got).toMatchObject({
          grade: 'multiple-sources', location: input.location, date: input.date, actor_ids: input.actor_ids,
          fatalities: 3, explanation: input.explanation, sub_event_type: 'Air/drone strike',
        });
        expect(await clockStore.getIncident('none')).toBeNull();
        expect((await clockStore.counts()).incidents).toBe(1);
      });

      it('updates members and grade, keeping created_at', async () => {
        const first = await clockStore.putIncident(makeIncident('i1', ['a#1', 'b#1']));
        const updated = await clockStore.updateIncident({
          ...first, grade: 'confirmed', members: [{ event_id: 'b#1' }], explanation: ['confirmed by the ministry'],
        });
        expect(updated.grade).toBe('confirmed');
        expect(updated.members.map((m) => m.event_id)).toEqual(['b#1']);
        expect(updated.created_at).toBe(first.created_at);
        expect(Date.parse(updated.updated_at)).toBeGreaterThan(Date.parse(first.updated_at));
        // a#1 was released and may join another incident.
        await clockStore.putIncident(makeIncident('i2', ['a#1'], { grade: 'single-source' }));
        expect((await clockStore.listIncidents({ event_id: 'a#1' })).items.map((i) => i.id)).toEqual(['i2']);
      });

      it('updates by appending members, reordering them, or refusing one owned elsewhere', async () => {
        const first = await clockStore.putIncident(makeIncident('i1', ['a#1']));
        await clockStore.putIncident(makeIncident('i2', ['c#1'], { location: null }));
        const grown = await clockStore.updateIncident({ ...first, members: [{ event_id: 'a#1' }, { event_id: 'b#1' }] });
        expect(grown.members.map((m) => m.event_id)).toEqual(['a#1', 'b#1']);
        const turned = await clockStore.updateIncident({ ...first, members: [{ event_id: 'b#1' }, { event_id: 'a#1' }] });
        expect(turned.members.map((m) => m.event_id)).toEqual(['b#1', 'a#1']);
        await expect(clockStore.updateIncident({ ...first, members: [{ event_id: 'b#1' }, { event_id: 'a#1' }, { event_id: 'c#1' }] }))
          .rejects.toThrow(/c#1 already belongs to incident i2/);
        expect((await clockStore.getIncident('i1'))?.members.map((m) => m.event_id)).toEqual(['b#1', 'a#1']);
        expect((await clockStore.listIncidents({ event_id: 'a#2' })).items).toEqual([]);
      });

      it('filters incidents by grade, actor, box, source, text, member, time and type', async () => {
        await clockStore.putIncident(makeIncident('i1', ['a#1', 'b#1']));
        await clockStore.putIncident(makeIncident('i2', ['a#2'], {
          sub_event_type: 'Armed clash', event_type: 'Battles', grade: 'contested',
          location: { name: 'Aleppo', name_ar: 'حلب', lat: 36.2021, lon: 37.1343, admin1: 'Aleppo', admin2: null, admin3: null, country: 'SY', geo_precision: 1 },
          date: { start: '2019-03-01', end: '2019-03-01' }, actor_ids: ['syria-government-forces', 'syria-opposition'],
        }));
        await clockStore.putIncident(makeIncident('i3', ['c#1'], {
          location: null, date: { start: '2019-07-10', end: '2019-07-10' },
        }));
        const list = async (f: Parameters<EventStore['listIncidents']>[0]): Promise<string[]> =>
          (await clockStore.listIncidents(f, { limit: 50 })).items.map((i) => i.id);
        expect(await list({})).toEqual(['i3', 'i1', 'i2']);
        expect(await list({ grade: 'contested' })).toEqual(['i2']);
        expect(await list({ grade: ['contested', 'multiple-sources'] })).toEqual(['i1', 'i2']);
        expect(await list({ actor: 'syria-opposition' })).toEqual(['i2']);
        expect(await list({ bbox: [36.3, 35.3, 36.6, 35.5] })).toEqual(['i1']);
        expect(await list({ bbox: [35.5, 32.3, 42.4, 37.4], to: '2019-05-01' })).toEqual(['i2']);
        expect(await list({ admin1: 'Aleppo' })).toEqual(['i2']);
        expect(await list({ source: 'Other Wire' })).toEqual(['i1']);
        expect(await list({ text: 'كفرنبودة روسية' })).toEqual(['i1']);
        expect(await list({ event_id: 'c#1' })).toEqual(['i3']);
        expect((await clockStore.listEvents({ incident_id: 'i1' })).items.map((s) => s.event.id)).toEqual(['a#1', 'b#1']);
        expect((await clockStore.listEvents({ incident_id: 'none' })).items).toEqual([]);
        expect(await list({ from: '2019-05-01', to: '2019-06-30' })).toEqual(['i1']);
        expect(await list({ sub_event_type: 'Armed clash' })).toEqual(['i2']);
        const p1 = await clockStore.listIncidents({}, { limit: 2 });
        const p2 = await clockStore.listIncidents({}, { limit: 2, cursor: p1.next });
        expect([...p1.items, ...p2.items].map((i) => i.id)).toEqual(['i3', 'i1', 'i2']);
        expect(p1.items[1]!.members).toHaveLength(2);
        expect(p2.items[0]!.members).toHaveLength(1);
        expect(p2.next).toBeNull();
      });

      it('refuses incidents that break the rules, storing nothing', async () => {
        await expect(clockStore.putIncident(makeIncident('bad', ['a#1', 'ghost#1']))).rejects.toThrow(/ghost#1 is not in the store/);
        expect(await clockStore.getIncident('bad')).toBeNull();
        expect((await clockStore.counts()).incidents).toBe(0);
        await clockStore.putIncident(makeIncident('i1', ['a#1']));
        await expect(clockStore.putIncident(makeIncident('i1', ['b#1']))).rejects.toThrow(/already exists/);
        await expect(clockStore.putIncident(makeIncident('i2', ['b#1', 'a#1']))).rejects.toThrow(/a#1 already belongs to incident i1/);
        expect(await clockStore.getIncident('i2')).toBeNull();
        await expect(clockStore.updateIncident(makeIncident('zz', ['b#1']))).rejects.toThrow(/does not exist/);
        await expect(clockStore.putIncident(makeIncident('g', ['b#1'], { grade: 'probable' as 'confirmed' }))).rejects.toThrow(/grade/);
        await expect(clockStore.putIncident(makeIncident('m', []))).rejects.toThrow(/no member/);
      });

      it('deletes an incident and frees its events', async () => {
        await clockStore.putIncident(makeIncident('i1', ['a#1', 'b#1']));
        expect(await clockStore.deleteIncident('i1')).toBe(true);
        expect(await clockStore.deleteIncident('i1')).toBe(false);
        expect(await clockStore.getIncident('i1')).toBeNull();
        expect((await clockStore.listIncidents({ bbox: [36.3, 35.3, 36.6, 35.5] })).items).toEqual([]);
        await clockStore.putIncident(makeIncident('i9', ['a#1', 'b#1']));
        expect((await clockStore.getIncident('i9'))?.members).toHaveLength(2);
      });
    });

    describe('exports', () => {
      beforeEach(async () => {
        await put(store,
          fixture('x1', [
            { sub: 'Government regains territory', place: 'qalaatMadiq', date: ['2019-04-26', '2019-06-05'], actor1: ACTORS.gov, actor2: ACTORS.opp,
              evidence: 'سيطرت قوات النظام، "بعد معارك"\nعلى قلعة المضيق' },
            { place: 'kafrNabudah', fatalities: 4 },
          ], { source: 'Madaniya, "Post"' }),
          fixture('x2', [{ place: null, sub: 'Other', actor1: null, actor2: null, date: null }], { source: null, url: 'https://wire.example/a/1' }),
        );
      });

      it('writes ACLED columns in order, quotes fields, fills derived columns', async () => {
        const out = new Collect();
        const r = await exportEvents(store, 'acled-csv', out);
        expect(r).toEqual({ written: 3, skipped: 0 });
        expect(out.text.split('\r\n')[0]).toBe('event_id_cnty,event_date,year,time_precision,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,notes,fatalities,timestamp');
        const rows = parseCsv(out.text);
        expect(rows).toHaveLength(4);
        for (const row of rows) expect(row).toHaveLength(27);
        const header = rows[0]!;
        const rec = (id: string): Record<string, string> => {
          const row = rows.find((x) => x[0] === id)!;
          return Object.fromEntries(header.map((h, i) => [h, row[i]!]));
        };
        const a = rec('x1#1');
        expect(a).toMatchObject({
          event_date: '2019-05-16', year: '2019', time_precision: '3', event_type: 'Battles',
          sub_event_type: 'Government regains territory', actor1: 'Military Forces of Syria', inter1: '1', inter2: '2',
          interaction: '12', iso: '760', country: 'Syria', admin1: 'Hama', location: 'Qalaat al-Madiq',
          latitude: '35.41465', longitude: '36.39085', geo_precision: '1', source: 'Madaniya, "Post"', fatalities: '0',
        });
        expect(a['notes']).toContain('سيطرت قوات النظام، "بعد معارك" على قلعة المضيق');
        expect(a['notes']).toMatch(/^Between 2019-04-26 and 2019-06-05, Military Forces of Syria vs\. Syrian opposition armed groups: Government regains territory in Qalaat al-Madiq, Hama\./);
        expect(Number(a['timestamp'])).toBeGreaterThan(1.6e9);
        expect(out.text).toContain('"Madaniya, ""Post"""');
        expect(rec('x1#2')).toMatchObject({ interaction: '78', fatalities: '4', event_date: '2019-06-01', time_precision: '1' });
        expect(rec('x2#1')).toMatchObject({ source: 'wire.example', latitude: '', iso: '', interaction: '', event_date: '' });
      });

      it('writes a valid GeoJSON FeatureCollection of located events', async () => {
        const out = new Collect();
        const r = await exportEvents(store, 'geojson', out);
        expect(r).toEqual({ written: 2, skipped: 1 });
        const fc = JSON.parse(out.text) as { type: string; features: { type: string; id: string; geometry: { type: string; coordinates: number[] }; properties: Record<string, unknown> }[] };
        expect(fc.type).toBe('FeatureCollection');
        expect(fc.features.map((f) => f.id).sort()).toEqual(['x1#1', 'x1#2']);
        for (const f of fc.features) {
          expect(f.type).toBe('Feature');
          expect(f.geometry.type).toBe('Point');
          const loc = f.properties['location'] as { lat: number; lon: number };
          expect(f.geometry.coordinates).toEqual([loc.lon, loc.lat]);
        }
        const empty = new Collect();
        expect(await exportEvents(store, 'geojson', empty, { from: '2030-01-01' })).toEqual({ written: 0, skipped: 0 });
        expect(JSON.parse(empty.text)).toEqual({ type: 'FeatureCollection', features: [] });
      });

      it('writes JSON lines of the stored events, through the same filters, in many pages', async () => {
        const out = new Collect();
        expect(await exportEvents(store, 'jsonl', out, {}, { batch: 1 })).toEqual({ written: 3, skipped: 0 });
        const lines = out.text.trimEnd().split('\n').map((l) => JSON.parse(l) as MarsadEvent);
        expect(lines.map((e) => e.id)).toEqual(['x1#2', 'x1#1', 'x2#1']);
        expect(lines[1]).toEqual((await store.getEvent('x1#1'))!.event);
        const hama = new Collect();
        expect((await exportEvents(store, 'jsonl', hama, { admin1: 'Hama', event_type: 'Battles' })).written).toBe(1);
        await expect(exportEvents(store, 'jsonl', new Collect(), { from: 'yesterday' })).rejects.toThrow(/filter.from/);
      });
    });
  });
}
