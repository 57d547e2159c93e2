import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openMonitorDb } from '../../../src/monitor/alerts/monitor-db.js';
import { AlertOutbox } from '../../../src/monitor/alerts/outbox.js';
import { openStore } from '../../../src/store/open-store.js';

describe('monitor database beside the store (sqlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marsad-monitor-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a file the monitor creates first is still accepted by the event store, and both keep their tables', async () => {
    const path = join(dir, 'first.db');
    const db = openMonitorDb({ kind: 'sqlite', path });
    const outbox = await AlertOutbox.open(db);
    const store = await openStore({ kind: 'sqlite', path });
    expect(await store.counts()).toMatchObject({ documents: 0 });
    expect(await outbox.count()).toBe(0);
    await AlertOutbox.open(db); // migrating again is a no-op
    const versions = await db.all<{ module: string; version: number }>('SELECT module, version FROM monitor_schema_version');
    expect(versions).toEqual([{ module: 'alerts', version: 1 }]);
    await db.close();
    await store.close();
  });

  it('refuses a file that is not a Marsad store', async () => {
    const path = join(dir, 'other.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE someone_elses (x INTEGER)');
    raw.close();
    const db = openMonitorDb({ kind: 'sqlite', path });
    await expect(AlertOutbox.open(db)).rejects.toThrow(/is not a Marsad store/);
    await db.close();
  });

  it('rolls a failed transaction back', async () => {
    const db = openMonitorDb({ kind: 'sqlite', path: join(dir, 'tx.db') });
    const outbox = await AlertOutbox.open(db);
    await expect(db.transaction(async (tx) => {
      await tx.run("INSERT INTO monitor_webhooks (id, url, secret, active, created_at) VALUES ('a', 'http://x', 's', 1, 'now')");
      throw new Error('boom');
    })).rejects.toThrow('boom');
    expect(await outbox.webhooks()).toEqual([]);
    await db.close();
  });
});
