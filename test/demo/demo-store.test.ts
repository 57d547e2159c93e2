import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessRepo } from '../../src/api/access/access-repo.js';
import { buildDemoStore, DEMO_USER, DemoError, type DemoStore } from '../../src/demo/build-demo-store.js';
import { openMonitorDb } from '../../src/monitor/alerts/monitor-db.js';
import { ControlTimeline } from '../../src/monitor/control/index.js';
import { openViolationStore } from '../../src/monitor/violations/open.js';
import { startServer } from '../../src/api/server.js';
import { openStore } from '../../src/store/open-store.js';
import { announceShared, hasShared, sharedDir, TEST_WORD_CACHE } from '../support/shared.js';

/**
 * `marsad demo`'s store, built from examples/demo with the gazetteer imported from ../shared/data:
 * incidents, violations of the Idlib agreement, control changes, a multiple-sources incident, an
 * analyst key — and a second run that adds nothing.
 */

describe('buildDemoStore without a gazetteer', () => {
  it('says how to get one instead of failing somewhere inside', async () => {
    const home = mkdtempSync(join(tmpdir(), 'marsad-demo-nogaz-'));
    try {
      const err = await buildDemoStore({
        home: join(home, 'demo'), userHome: home, dataDir: join(home, 'no-data'), wordCacheDir: TEST_WORD_CACHE,
      }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DemoError);
      expect((err as Error).message).toMatch(/marsad data fetch/);
      expect(existsSync(join(home, 'demo', 'marsad.db'))).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('refuses to use MARSAD_HOME itself as the demo home', async () => {
    const home = mkdtempSync(join(tmpdir(), 'marsad-demo-same-'));
    try {
      await expect(buildDemoStore({ home, userHome: home })).rejects.toThrow(/MARSAD_HOME itself/);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!hasShared)('buildDemoStore on the demo corpus', () => {
  announceShared('demo store');
  let root: string;
  let first: DemoStore;
  let second: DemoStore;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'marsad-demo-'));
    const opts = {
      home: join(root, 'demo'), userHome: join(root, 'user'), dataDir: join(sharedDir, 'data'), wordCacheDir: TEST_WORD_CACHE,
    };
    first = await buildDemoStore(opts);
    second = await buildDemoStore(opts);
  }, 180_000);

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('imports the gazetteer into its own home and stores every report', () => {
    expect(first.gazetteer).toBe('imported');
    expect(first.ingest.errors).toEqual([]);
    expect(first.ingest.added).toBe(first.ingest.read);
    expect(first.counts.documents).toBe(first.ingest.read);
    expect(first.counts.duplicates).toBeGreaterThanOrEqual(1);
    expect(first.counts.events).toBeGreaterThanOrEqual(40);
    expect(first.counts.incidents).toBeGreaterThanOrEqual(30);
    // The user's home is never written to.
    expect(existsSync(join(root, 'user'))).toBe(false);
  });

  it('finds violations of the Idlib agreement, among them an attacked observation post', async () => {
    expect(first.violations.violations).toBeGreaterThan(0);
    const v = await openViolationStore(first.storeConfig);
    try {
      const rules = (await v.summary({ agreement: 'idlib-sochi-2018' })).by_rule.map((r) => r.key);
      expect(rules).toContain('no-air-strikes');
      expect(rules).toContain('posts-not-attacked');
      expect(rules).toContain('no-ground-offensives');
    } finally {
      await v.close();
    }
  });

  it('records control changes: Kafr Nabudah taken by the government, lost and taken again', async () => {
    expect(first.controlChanges).toBeGreaterThanOrEqual(3);
    const db = openMonitorDb(first.storeConfig);
    try {
      const timeline = await ControlTimeline.open(db);
      const holders = async (date: string): Promise<(string | null)[]> =>
        (await timeline.controlOfNamed('Kafr Nabudah', date)).map((c) => c.holder);
      expect(await holders('2019-05-15')).toEqual(['syria-government-forces']);
      expect(await holders('2019-05-30')).toEqual(['syria-opposition']);
      expect(await holders('2019-06-10')).toEqual(['syria-government-forces']);
    } finally {
      await db.close();
    }
  });

  it('grades an incident reported in Arabic and English by two outlets as multiple-sources', async () => {
    const store = await openStore(first.storeConfig);
    try {
      const page = await store.listIncidents({ grade: ['multiple-sources'] }, { limit: 50 });
      expect(page.items.length).toBeGreaterThan(0);
      const bilingual = await Promise.all(page.items.map(async (inc) => {
        const langs = new Set<string>();
        for (const m of inc.members) langs.add((await store.getDocument(m.doc_id))?.doc.language ?? '?');
        return langs.has('ar') && langs.has('en');
      }));
      expect(bilingual).toContain(true);
    } finally {
      await store.close();
    }
  });

  it('creates an analyst key kept in the demo home, owner-only', async () => {
    expect(first.keyCreated).toBe(true);
    const keyFile = join(first.home, 'demo-analyst.key');
    expect(statSync(keyFile).mode & 0o077).toBe(0);
    const db = openMonitorDb(first.storeConfig);
    try {
      const who = await (await AccessRepo.open(db)).authenticate(first.key);
      expect(who).toMatchObject({ user: DEMO_USER, role: 'analyst' });
    } finally {
      await db.close();
    }
  });

  it('is served by the API as marsad demo serves it: public reads, the analyst key recognised', async () => {
    const server = await startServer({ storeConfig: first.storeConfig, home: first.home, publicReads: true, port: 0, webRoot: null });
    try {
      const health = (await (await fetch(`${server.url}/api/health`)).json()) as { counts: { incidents: number } };
      expect(health.counts.incidents).toBe(first.counts.incidents);
      const page = (await (await fetch(`${server.url}/api/incidents?grade=multiple-sources&limit=100`)).json()) as { items: unknown[] };
      expect(page.items.length).toBeGreaterThan(0);
      const me = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${first.key}` } });
      expect(await me.json()).toMatchObject({ user: DEMO_USER, role: 'analyst' });
    } finally {
      await server.close();
    }
  });

  it('adds nothing when run again, and hands back the same key', async () => {
    expect(second.gazetteer).toBe('present');
    expect(second.ingest.added).toBe(0);
    expect(second.ingest.unchanged).toBe(first.ingest.read);
    expect(second.counts).toEqual(first.counts);
    expect(second.violations).toEqual(first.violations);
    expect(second.controlChanges).toBe(first.controlChanges);
    expect(second.monitor.violations).toMatchObject({ added: 0, withdrawn: 0 });
    expect(second.monitor.alerts.recorded).toBe(0);
    expect(second.key).toBe(first.key);
    expect(second.keyCreated).toBe(false);
  });
});
