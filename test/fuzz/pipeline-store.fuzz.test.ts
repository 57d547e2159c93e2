import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentId } from '../../src/ingest/document-id.js';
import { textDocument } from '../../src/ingest/raw-document.js';
import type { InputItem } from '../../src/ingest/read-inputs.js';
import type { RawDocument } from '../../src/model/document.js';
import { processDocument } from '../../src/pipeline.js';
import { StoreInputError } from '../../src/store/errors.js';
import { ingestItems } from '../../src/store/ingest/index.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/store/store.js';
import { dumpStore } from '../store/ingest/dump-store.js';
import { announceShared, hasShared, importedHome, type ImportedHome } from '../support/shared.js';
import { fcOptions, mixedText, newsLikeText, pipelineText } from './arbitraries.js';
import { checkEvents } from './check-events.js';

/**
 * Extraction on random Arabic-ish and English-ish text gives events that point inside the text
 * with valid dates and coordinates; and a batch with bad documents in it leaves what the store
 * held exactly as it was.
 */

const run = announceShared('fuzz: pipeline and store');

/**
 * The store, with writes failing for chosen documents after their document row is written (at
 * the fingerprint), as a constraint or a bad value would: the document's savepoint must take
 * back everything it wrote.
 */
function failingFor(store: EventStore, poison: ReadonlySet<string>): EventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') {
        return <T,>(fn: (tx: EventStore) => Promise<T>): Promise<T> => target.transaction((tx) => fn(failingFor(tx, poison)));
      }
      if (prop === 'putFingerprint') {
        return async (docId: string, fingerprint: string, bands: readonly string[]): Promise<void> => {
          if (poison.has(docId)) throw new StoreInputError(`putFingerprint ${docId}: refused by the fuzz suite`);
          return target.putFingerprint(docId, fingerprint, bands);
        };
      }
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

type Entry =
  | { kind: 'good'; text: string }
  | { kind: 'poison'; text: string }
  | { kind: 'error'; message: string }
  | { kind: 'no-text' }
  | { kind: 'stored-again' };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  newsLikeText(40).map((text): Entry => ({ kind: 'good', text })),
  newsLikeText(40).map((text): Entry => ({ kind: 'poison', text: `POISON ${text}` })),
  mixedText(40).map((message): Entry => ({ kind: 'error', message: message || 'bad' })),
  fc.constant<Entry>({ kind: 'no-text' }),
  fc.constant<Entry>({ kind: 'stored-again' }),
);

const BASE = [
  'حلب - قالت مصادر محلية إن الطيران الحربي الروسي شن غارات جوية على بلدة كفرنبل في ريف إدلب الجنوبي أمس، ما أدى إلى مقتل ثلاثة مدنيين.',
  'BEIRUT (Reuters) - Syrian government shelling killed two civilians in the town of Saraqib in Idlib province on Monday, a monitor said.',
  'إدلب - اندلعت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على محور كبانة في ريف اللاذقية الشمالي.',
];

describe.skipIf(!hasShared || !run)('fuzz: pipeline and store', () => {
  let home: ImportedHome;
  let dir: string;
  let n = 0;

  beforeAll(async () => {
    home = await importedHome();
    dir = mkdtempSync(join(tmpdir(), 'marsad-fuzz-store-'));
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    home?.cleanup();
  });

  it('processDocument: evidence inside the text, valid dates, coordinates and counts, for any text', () => {
    let events = 0;
    let located = 0;
    let dated = 0;
    fc.assert(
      fc.property(pipelineText, fc.option(fc.constantFrom('2019-06-05', '2020-02-29', '1999-12-31'), { nil: null }), (text, published) => {
        if (text.trim().length === 0) return;
        const out = processDocument(textDocument('fuzz', text), home.resources, { published });
        const problems = checkEvents(text, out.events, out.doc.id);
        events += out.events.length;
        located += out.events.filter((e) => e.location !== null).length;
        dated += out.events.filter((e) => e.date !== null).length;
        if (problems.length > 0) throw new Error(problems.join('\n'));
        expect(out.doc.length).toBe(text.length);
        for (const r of out.doc.repairs) expect(r.start >= 0 && r.start <= r.end && r.end <= text.length).toBe(true);
        for (const b of out.doc.boilerplate) expect(b.start >= 0 && b.start <= b.end && b.end <= text.length).toBe(true);
      }),
      fcOptions(300),
    );
    // The generator must reach the code under test: events, places and dates were found.
    expect(events).toBeGreaterThan(20);
    expect(located).toBeGreaterThan(5);
    expect(dated).toBeGreaterThan(5);
  });

  async function storeWithBase(): Promise<{ store: SqliteStore; path: string }> {
    const path = join(dir, `store-${++n}.db`);
    const store = SqliteStore.open({ path });
    await store.migrate();
    await ingestItems(
      (async function* () {
        for (const [i, text] of BASE.entries()) yield { kind: 'document' as const, doc: textDocument(`base-${i}`, text) };
      })(),
      { store, resources: home.resources, published: '2019-06-05' },
    );
    return { store, path };
  }

  function itemsOf(entries: readonly Entry[]): { items: InputItem[]; poison: Set<string>; good: Set<string> } {
    const poison = new Set<string>();
    const good = new Set<string>();
    const items = entries.map((e, i): InputItem => {
      switch (e.kind) {
        case 'good':
          good.add(documentId(e.text));
          return { kind: 'document', doc: textDocument(`good-${i}`, e.text) };
        case 'poison':
          poison.add(documentId(e.text));
          return { kind: 'document', doc: textDocument(`poison-${i}`, e.text) };
        case 'error':
          return { kind: 'error', input: `bad-${i}`, message: e.message };
        case 'no-text':
          return { kind: 'document', doc: { ...textDocument(`no-text-${i}`, 'x'), text: null as unknown as string } satisfies RawDocument };
        case 'stored-again':
          return { kind: 'document', doc: textDocument(`again-${i}`, BASE[i % BASE.length]!) };
      }
    });
    // A document both good and poison (same text) is poison.
    for (const id of poison) good.delete(id);
    return { items, poison, good };
  }

  async function* source(items: readonly InputItem[]): AsyncGenerator<InputItem> {
    for (const x of items) yield x;
  }

  it('a batch of only bad documents leaves the store identical, table by table', async () => {
    const { store, path } = await storeWithBase();
    const before = dumpStore(path);
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entry.filter((e) => e.kind !== 'good'), { minLength: 1, maxLength: 12 }),
          fc.integer({ min: 1, max: 8 }),
          async (entries, batchSize) => {
            const { items, poison } = itemsOf(entries);
            const summary = await ingestItems(source(items), { store: failingFor(store, poison), resources: home.resources, batchSize, published: '2019-06-05' });
            expect(summary.added).toBe(0);
            expect(summary.errors).toBe(entries.filter((e) => e.kind !== 'stored-again').length);
            for (const err of summary.errorList) expect(err.message.length).toBeGreaterThan(0);
            expect(dumpStore(path)).toEqual(before);
          },
        ),
        fcOptions(25),
      );
    } finally {
      await store.close();
    }
  });

  it('in a mixed batch, good documents are stored, poisoned ones leave no row, stored rows stay as they were', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 8 }), async (entries, batchSize) => {
        const { store, path } = await storeWithBase();
        try {
          const before = dumpStore(path);
          const { items, poison, good } = itemsOf(entries);
          await ingestItems(source(items), { store: failingFor(store, poison), resources: home.resources, batchSize, published: '2019-06-05' });
          const after = dumpStore(path);
          const ids = new Set(after.documents.map((d) => (d as { id: string }).id));
          for (const id of poison) expect(ids.has(id)).toBe(false);
          for (const id of good) expect(ids.has(id)).toBe(true);
          for (const table of ['documents', 'events'] as const) {
            const now = new Set(after[table].map((r) => JSON.stringify(r)));
            expect(before[table].filter((r) => !now.has(JSON.stringify(r)))).toEqual([]);
          }
          // No event, fingerprint or search term of a poisoned document survived its rollback.
          const docOf = (r: unknown): string => (r as { doc_id?: string; id?: string }).doc_id ?? (r as { id: string }).id;
          expect(after.events.filter((e) => poison.has(docOf(e)))).toEqual([]);
          expect(after.fingerprints.filter((r) => poison.has(docOf(r)))).toEqual([]);
        } finally {
          await store.close();
        }
      }),
      fcOptions(12),
    );
  });
});
