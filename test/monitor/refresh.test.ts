import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALERT_ID_HEADER } from '../../src/monitor/alerts/webhook.js';
import { AlertOutbox } from '../../src/monitor/alerts/outbox.js';
import { openMonitorDb } from '../../src/monitor/alerts/monitor-db.js';
import { refreshMonitor } from '../../src/monitor/refresh.js';
import type { Agreement } from '../../src/monitor/types.js';
import { openViolationStore } from '../../src/monitor/violations/open.js';
import { openStore, type StoreConfig } from '../../src/store/open-store.js';
import type { EventStore } from '../../src/store/store.js';
import { AGREEMENT, scenario, storeIncident } from './escalation/fixtures.js';

/**
 * refreshMonitor over a store filled by hand (the escalation scenario: a quiet April, strikes in
 * May, shelling by an observation post), with an agreement forbidding air strikes in its zone.
 */

const WITH_RULE: Agreement = {
  ...AGREEMENT,
  rules: [{
    id: 'no-air-strikes', description: 'No air strikes in the zone', sub_event_types: ['Air/drone strike'],
    actors: [], actor_inters: [], scope: { kind: 'zone', zone: 'dmz' }, from: null, until: null,
  }],
};

/** Air strikes of the scenario: 3 a day on 1–3 May and 4 on 21 May, all in the zone. */
const STRIKES = 13;

describe('refreshMonitor', () => {
  let dir: string;
  let config: StoreConfig;
  let store: EventStore;
  let server: Server;
  let received: string[];
  let ids: string[];
  const NOW = new Date('2019-07-01T00:00:00Z');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'marsad-refresh-'));
    config = { kind: 'sqlite', path: join(dir, 'marsad.db') };
    store = await openStore(config);
    ids = [];
    for (const [id, s] of scenario()) {
      await storeIncident(store, id, s);
      ids.push(`inc-${id}`);
    }
    received = [];
    server = createServer((req, res) => {
      received.push(String(req.headers[ALERT_ID_HEADER] ?? ''));
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refresh = (changed?: Parameters<typeof refreshMonitor>[1]['changed']) =>
    refreshMonitor(store, { home: dir, storeConfig: config, agreements: [WITH_RULE], now: NOW, log: () => undefined, ...(changed ? { changed } : {}) });

  it('checks violations, computes the index over the change and the weeks after, records alerts once and delivers them to a webhook', async () => {
    const db = openMonitorDb(config);
    const outbox = await AlertOutbox.open(db);
    await outbox.addWebhook(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, 'a-secret-of-sixteen+');

    const first = await refresh({ incidentIds: ids, from: '2019-04-01', to: '2019-05-21' });
    expect(first.agreements).toEqual(['test-sochi']);
    expect(first.violations).toEqual({ incidents: ids.length, added: STRIKES, updated: 0, withdrawn: 0 });
    // From the baseline window before the first change to baseline_days (28) after the last.
    expect(first.escalation).toMatchObject({ from: '2019-03-04', to: '2019-06-18' });
    expect(first.escalation!.crossings).toBe(4);
    expect(first.alerts).toMatchObject({ recorded: 5, pending: 0, webhooks: 1 });
    expect(received.sort()).toEqual((await outbox.list()).map((a) => a.alert.id).sort());
    expect(received).toHaveLength(5);

    // Again, whole-store this time: nothing new, nothing sent twice.
    const again = await refresh();
    expect(again.violations).toEqual({ incidents: ids.length, added: 0, updated: 0, withdrawn: 0 });
    expect(again.alerts).toMatchObject({ recorded: 0, delivered: 0, pending: 0 });
    expect(received).toHaveLength(5);
    await db.close();
  });

  it('withdraws the violations of an incident discounted or merged away', async () => {
    await refresh({ incidentIds: ids, from: '2019-04-01', to: '2019-05-21' });
    const discounted = (await store.getIncident('inc-strike-2019-05-21-1'))!;
    await store.updateIncident({ ...discounted, grade: 'discounted', members: discounted.members.map((m) => ({ event_id: m.event_id })) });
    await store.deleteIncident('inc-strike-2019-05-21-2');
    const r = await refresh({ incidentIds: ['inc-strike-2019-05-21-1', 'inc-strike-2019-05-21-2'], from: '2019-05-21', to: '2019-05-21' });
    expect(r.violations).toEqual({ incidents: 2, added: 0, updated: 0, withdrawn: 2 });
    const vs = await openViolationStore(config);
    try {
      expect(await vs.list()).toHaveLength(STRIKES - 2);
    } finally {
      await vs.close();
    }
  });

  it('does nothing for an empty change, and skips violations without agreements', async () => {
    const none = await refresh({ incidentIds: [], from: null, to: null });
    expect(none).toMatchObject({ violations: null, control: null, escalation: null });
    const bare = await refreshMonitor(store, { home: dir, storeConfig: config, now: NOW, changed: { incidentIds: ids, from: '2019-05-01', to: '2019-05-03' } });
    expect(bare.agreements).toEqual([]);
    expect(bare.violations).toBeNull();
    // The admin1 areas still get their index.
    expect(bare.escalation!.days).toBeGreaterThan(0);
  });
});
