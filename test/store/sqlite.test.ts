import { existsSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupSqlite, restoreSqlite, verifySqliteStore } from '../../src/store/backup.js';
import { StoreStateError } from '../../src/store/errors.js';
import { resolveEventFilter } from '../../src/store/filter.js';
import { openStore, resolveStoreConfig } from '../../src/store/open-store.js';
import { eventWhere } from '../../src/store/sqlite/query.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { candidateKeys } from '../../src/incidents/candidate-keys.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { EventStore } from '../../src/store/store.js';
import { defineStoreContract } from './store-contract.js';
import { fixture, makeEvent, makeIncident } from './fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-store-'));
let n = 0;
const newPath = (): string => join(dir, `s${++n}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite store', () => {
  defineStoreContract('sqlite', async (opts = {}) => {
    const store = SqliteStore.open({ path: newPath(), ...opts });
    await store.migrate();
    return store;
  });

  // Boxes and text with many hits are checked row by row while walking the date index.
  defineStoreContract('sqlite, dense-hit query plans', async (opts = {}) => {
    const store = SqliteStore.open({ path: newPath(), indexDriveMax: 1, ...opts });
    await store.migrate();
    return store;
  });

  it('answers bounding boxes through the R-tree, in WAL mode with foreign keys', async () => {
    const path = newPath();
    const store = await openStore({ kind: 'sqlite', path });
    await store.putDocument(...Object.values(fixture('d1', [{ place: 'idlib' }, { place: null }])) as Parameters<EventStore['putDocument']>);
    await store.close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect((db.prepare('SELECT count(*) AS n FROM events_rtree').get() as { n: number }).n).toBe(1);
      const w = eventWhere(resolveEventFilter({ bbox: [36, 35, 37, 36], from: '2019-01-01' }), null);
      const plan = db.prepare(`EXPLAIN QUERY PLAN SELECT e.id FROM events e JOIN documents d ON d.id = e.doc_id ${w.sql}
        ORDER BY e.date_start DESC, e.id LIMIT 10`).all(...w.params) as { detail: string }[];
      expect(plan.map((p) => p.detail).join('\n')).toMatch(/events_rtree VIRTUAL TABLE INDEX/);
    } finally {
      db.close();
    }
  });

  it('opens MARSAD_HOME/marsad.db by default and refuses a file that is not a Marsad store', async () => {
    const home = join(dir, 'home');
    const saved = process.env['MARSAD_HOME'];
    const savedStore = process.env['MARSAD_STORE'];
    process.env['MARSAD_HOME'] = home;
    delete process.env['MARSAD_STORE'];
    try {
      const store = await openStore();
      expect(store.kind).toBe('sqlite');
      await store.close();
      expect(existsSync(join(home, 'marsad.db'))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env['MARSAD_HOME']; else process.env['MARSAD_HOME'] = saved;
      if (savedStore !== undefined) process.env['MARSAD_STORE'] = savedStore;
    }
    const foreign = newPath();
    const db = new Database(foreign);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    await expect(openStore({ kind: 'sqlite', path: foreign })).rejects.toThrow(/is not a Marsad store/);
  });

  it('chooses the backend from MARSAD_STORE / MARSAD_DATABASE_URL', () => {
    expect(resolveStoreConfig(undefined, { MARSAD_STORE: 'postgres://u:p@h:5432/db' })).toEqual({ kind: 'postgres', url: 'postgres://u:p@h:5432/db' });
    expect(resolveStoreConfig(undefined, { MARSAD_STORE: 'postgres', MARSAD_DATABASE_URL: 'postgresql://h/db', MARSAD_PG_SCHEMA: 'marsad' }))
      .toEqual({ kind: 'postgres', url: 'postgresql://h/db', schema: 'marsad' });
    expect(() => resolveStoreConfig(undefined, { MARSAD_STORE: 'postgres' })).toThrow(/MARSAD_DATABASE_URL/);
    expect(resolveStoreConfig(undefined, { MARSAD_STORE: '/data/m.db' })).toEqual({ kind: 'sqlite', path: '/data/m.db' });
    expect(resolveStoreConfig(undefined, { MARSAD_STORE: 'sqlite:/data/m.db' })).toEqual({ kind: 'sqlite', path: '/data/m.db' });
    expect(resolveStoreConfig(undefined, { MARSAD_HOME: '/h' })).toEqual({ kind: 'sqlite', path: '/h/marsad.db' });
    expect(resolveStoreConfig('sqlite', {})).toEqual({ kind: 'sqlite', path: expect.stringMatching(/marsad\.db$/) });
    expect(resolveStoreConfig({ kind: 'postgres', url: 'postgres://x/y' }, { MARSAD_STORE: '/a.db' })).toEqual({ kind: 'postgres', url: 'postgres://x/y' });
  });

  it('upgrading a version-1 store files its existing incidents under their blocking keys', async () => {
    const path = newPath();
    const store = SqliteStore.open({ path });
    await store.migrate();
    for (const id of ['a', 'b']) {
      const f = fixture(id, [{}]);
      await store.putDocument(f.doc, f.text, f.events);
    }
    await store.putIncident(makeIncident('i1', ['a#1', 'b#1']));
    await store.close();
    // Back to version 1: the tables of version 2 gone, as in a store written before them.
    const db = new Database(path);
    db.exec(`DROP TABLE incident_keys; DROP TABLE document_bands; DROP TABLE document_fingerprints;
      DELETE FROM schema_version WHERE version >= 2;`);
    db.close();
    const upgraded = SqliteStore.open({ path });
    await upgraded.migrate();
    try {
      const found = await upgraded.findIncidentsByKeys(candidateKeys(makeEvent('q', 1)));
      expect(found.map((i) => i.id)).toEqual(['i1']);
      expect(verifySqliteStore(path).schemaVersion).toBe(SCHEMA_VERSION);
    } finally {
      await upgraded.close();
    }
  });

  describe('backup and restore', () => {
    let path: string;
    let store: SqliteStore;
    beforeEach(async () => {
      path = newPath();
      store = SqliteStore.open({ path });
      await store.migrate();
      for (const id of ['a', 'b', 'c']) {
        const f = fixture(id, [{}, { place: 'aleppo' }]);
        await store.putDocument(f.doc, f.text, f.events);
      }
    });
    afterEach(async () => {
      await store.close();
    });

    it('backs up a live store and restores it, keeping the replaced file', async () => {
      const backup = join(dir, `backup-${n}.db`);
      const info = await backupSqlite(path, backup);
      expect(info.counts).toEqual({ documents: 3, events: 6, incidents: 0, duplicates: 0 });
      expect(info.schemaVersion).toBe(SCHEMA_VERSION);
      expect(statSync(backup).size).toBe(info.bytes);
      await expect(backupSqlite(path, backup)).rejects.toThrow(/exists/);

      const f = fixture('late', [{}]);
      await store.putDocument(f.doc, f.text, f.events);
      await store.close();

      const restored = await restoreSqlite(backup, path);
      expect(restored.counts).toEqual({ documents: 3, events: 6, incidents: 0, duplicates: 0 });
      expect(restored.previous).toBe(`${path}.pre-restore`);
      expect(verifySqliteStore(restored.previous!).counts.documents).toBe(4);

      store = SqliteStore.open({ path });
      expect(await store.hasDocument('late')).toBe(false);
      expect((await store.getEvent('b#2'))?.event.location?.name).toBe('Aleppo');
      expect((await store.listEvents({ text: 'كفرنبودة' })).items).toHaveLength(6);
    });

    it('refuses to restore a file that is not a sound Marsad store', async () => {
      const text = join(dir, 'notes.txt');
      writeFileSync(text, 'hello, this is not a database at all, but it is long enough to look like one maybe');
      await expect(restoreSqlite(text, path)).rejects.toThrow(StoreStateError);

      const other = join(dir, `other-${n}.db`);
      const db = new Database(other);
      db.exec('CREATE TABLE t (x)');
      db.close();
      await expect(restoreSqlite(other, path)).rejects.toThrow(/not a Marsad store/);

      const backup = join(dir, `corrupt-${n}.db`);
      await backupSqlite(path, backup);
      // Scribble over the middle of the file (table and index pages).
      const size = statSync(backup).size;
      const fd = openSync(backup, 'r+');
      writeSync(fd, Buffer.alloc(8192, 0x5a), 0, 8192, Math.floor(size / 2 / 4096) * 4096);
      closeSync(fd);
      await expect(restoreSqlite(backup, path)).rejects.toThrow(StoreStateError);
      await expect(restoreSqlite(join(dir, 'missing.db'), path)).rejects.toThrow(/does not exist/);

      // The live store was not touched by any refusal.
      expect((await store.counts()).documents).toBe(3);
    });
  });
});
