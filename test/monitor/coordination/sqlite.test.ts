import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CoordinationStorageError } from '../../../src/monitor/coordination/errors.js';
import { CoordinationLog } from '../../../src/monitor/coordination/log.js';
import { openStore } from '../../../src/store/open-store.js';
import { defineCoordinationContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'marsad-coord-'));
let n = 0;
const newPath = (): string => join(dir, `c${++n}.db`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

defineCoordinationContract('sqlite', {
  async open(opts = {}) {
    const path = newPath();
    const log = await CoordinationLog.open({ kind: 'sqlite', path }, opts);
    return {
      log,
      reopen: () => CoordinationLog.open({ kind: 'sqlite', path }, opts),
      raw: async (sql: string) => {
        const db = new Database(path);
        try {
          db.exec(sql);
        } finally {
          db.close();
        }
      },
    };
  },
});

describe('coordination log in the store file (sqlite)', () => {
  it('shares the event store file in WAL mode, whichever opens it first', async () => {
    for (const logFirst of [true, false]) {
      const path = newPath();
      let log: CoordinationLog | null = null;
      if (logFirst) log = await CoordinationLog.open({ kind: 'sqlite', path });
      const store = await openStore({ kind: 'sqlite', path });
      if (!logFirst) log = await CoordinationLog.open({ kind: 'sqlite', path });
      await log!.file({ party: 'turkey', user: 'a' }, { subject: { kind: 'incident', incident_id: 'i1' }, text: 'n' });
      expect(await store.counts()).toMatchObject({ documents: 0, incidents: 0 });
      await store.close();
      await log!.close();
      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
        const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'coord%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
        expect(tables).toEqual(['coord_items', 'coord_schema_version', 'coord_shares', 'coord_steps']);
        expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(0);
      } finally {
        db.close();
      }
      // Reopening migrates nothing twice.
      const again = await CoordinationLog.open({ kind: 'sqlite', path });
      expect(await again.list('turkey')).toHaveLength(1);
      await again.close();
    }
  });

  it("refuses another application's database", async () => {
    const path = newPath();
    const db = new Database(path);
    db.exec('CREATE TABLE people (name TEXT)');
    db.close();
    await expect(CoordinationLog.open({ kind: 'sqlite', path })).rejects.toThrow(CoordinationStorageError);
    await expect(CoordinationLog.open({ kind: 'sqlite', path })).rejects.toThrow(/is not a Marsad database/);
  });
});
