import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceShared } from '../support/shared.js';
import { announceRedis, TestRedis } from '../support/redis.js';
import { readInputs, type InputItem } from '../../src/ingest/read-inputs.js';
import { loadResources } from '../../src/pipeline.js';
import { ingestItems } from '../../src/store/ingest/index.js';
import { incidentOptions, prepareDocument, storePrepared } from '../../src/store/ingest/document-step.js';
import { IncidentStateCache } from '../../src/store/incident-mapping.js';
import { openStore } from '../../src/store/open-store.js';
import { MAX_KEY_LOCKS } from '../../src/store/postgres/pg-store.js';
import { TEST_WORD_CACHE } from '../support/shared.js';
import {
  makeHome, marsad, queueCounts, startWorkerProcess, storeTally, TestCluster, waitFor, writeJsonl, type Env, type StoreTally,
} from './harness.js';
import { generateReports, reportsJsonl } from './reports.js';

const run = announceShared('queue resilience') && announceRedis('queue resilience');

/**
 * The queue's promises, against real servers: a worker killed mid-job, PostgreSQL and Redis
 * restarted under load, and a poison document. Each case stores a generated corpus through the
 * queue into a schema of its own and compares it with the same corpus ingested in process.
 */
describe.skipIf(!run)('queue resilience (real Redis and PostgreSQL)', () => {
  const cluster = new TestCluster();
  const redis = new TestRedis();
  let home = '';
  let cleanupHome = (): void => undefined;
  const work = mkdtempSync(join(tmpdir(), 'marsad-queue-test-'));
  let n = 0;
  const N = 60;
  const corpus = reportsJsonl(generateReports(N, 7));
  let reference: StoreTally;

  const envFor = (name: string, extra?: Record<string, string>): Env => ({
    home, pgUrl: cluster.url, schema: `q_${name}_${process.pid}_${++n}`, redisUrl: redis.url, prefix: `t${n}${name}`,
    ...(extra ? { extra } : {}),
  });
  const done = async (e: Env, total: number): Promise<boolean> => {
    const c = await queueCounts(e.redisUrl, e.prefix);
    return (c['completed'] ?? 0) + (c['failed'] ?? 0) >= total;
  };

  beforeAll(async () => {
    cluster.start();
    await redis.start();
    ({ home, cleanup: cleanupHome } = await makeHome());
    // The same documents stored in process, one after another: what the queue must reproduce.
    const ref = envFor('ref', { MARSAD_QUEUE: '' });
    const file = writeJsonl(work, 'corpus.jsonl', corpus);
    const r = marsad(ref, ['ingest', file, '--no-monitor', '--no-progress']);
    expect(r.status, r.stderr).toBe(0);
    reference = await storeTally(ref.pgUrl, ref.schema);
    expect(reference.documents).toBe(N);
    expect(reference.events).toBeGreaterThan(N / 2);
  });

  afterAll(async () => {
    await redis.destroy();
    cluster.destroy();
    cleanupHome();
    rmSync(work, { recursive: true, force: true });
  });

  const expectExactlyOnce = async (e: Env): Promise<void> => {
    const t = await storeTally(e.pgUrl, e.schema);
    expect(t.documents).toBe(reference.documents);
    expect(t.events).toBe(reference.events);
    // Every event in at most one incident, no incident without members, as many as in process.
    expect(t.members).toBe(t.distinctMembers);
    expect(t.emptyIncidents).toBe(0);
    expect(t.distinctMembers).toBe(reference.distinctMembers);
    expect(t.incidents).toBe(reference.incidents);
  };

  const expectSame = async (e: Env, before: StoreTally): Promise<void> => {
    const t = await storeTally(e.pgUrl, e.schema);
    expect(t).toEqual(before);
  };

  it('queues each document once, however often it is ingested', async () => {
    const e = envFor('dedupe');
    const file = writeJsonl(work, 'dedupe.jsonl', corpus);
    for (let i = 0; i < 2; i++) {
      const r = marsad(e, ['ingest', file]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain(`${N} documents queued`);
    }
    const c = await queueCounts(e.redisUrl, e.prefix);
    expect(c['waiting']).toBe(N);
    const jobs = marsad(e, ['jobs', '--json']);
    expect(JSON.parse(jobs.stdout)).toMatchObject({ waiting: N, failed: 0 });
  });

  it('a worker SIGKILLed mid-job: after another worker runs, every document is stored exactly once', async () => {
    const e = envFor('kill');
    const file = writeJsonl(work, 'kill.jsonl', corpus);
    expect(marsad(e, ['ingest', file]).status).toBe(0);
    const w1 = startWorkerProcess(e, ['--concurrency', '8', '--batch', '4']);
    await waitFor('the first worker to complete some jobs', async () => ((await queueCounts(e.redisUrl, e.prefix))['completed'] ?? 0) >= 8,
      60_000, w1.log);
    w1.proc.kill('SIGKILL');
    await w1.exited;
    const mid = await queueCounts(e.redisUrl, e.prefix);
    expect(mid['completed']).toBeLessThan(N);
    // Two workers at once take over: the stalled jobs come back after the lock lapses.
    const w2 = startWorkerProcess(e, ['--concurrency', '8', '--batch', '4']);
    const w3 = startWorkerProcess(e, ['--concurrency', '8', '--batch', '4']);
    await waitFor('every job to complete', () => done(e, N), 90_000, () => w2.log() + w3.log());
    w2.proc.kill('SIGTERM');
    w3.proc.kill('SIGTERM');
    expect(await w2.exited).toBe(0);
    expect(await w3.exited).toBe(0);
    expect((await queueCounts(e.redisUrl, e.prefix))['failed']).toBe(0);
    await expectExactlyOnce(e);
  });

  it('PostgreSQL restarted while a worker stores: it waits, resumes and loses nothing', async () => {
    const e = envFor('pgrestart');
    const file = writeJsonl(work, 'pg.jsonl', corpus);
    expect(marsad(e, ['ingest', file]).status).toBe(0);
    const w = startWorkerProcess(e, ['--concurrency', '4', '--batch', '2']);
    await waitFor('some jobs done', async () => ((await queueCounts(e.redisUrl, e.prefix))['completed'] ?? 0) >= 5, 60_000, w.log);
    cluster.stopServer();
    await new Promise((r) => setTimeout(r, 2500));
    cluster.startServer();
    await waitFor('every job to complete', () => done(e, N), 90_000, w.log);
    w.proc.kill('SIGTERM');
    expect(await w.exited, w.log()).toBe(0);
    expect(w.log()).toMatch(/database unreachable/);
    expect((await queueCounts(e.redisUrl, e.prefix))['failed']).toBe(0);
    await expectExactlyOnce(e);
  }, 150_000);

  it('PostgreSQL restarted during an in-process ingest (no queue): it waits, replays the open batch, loses nothing', async () => {
    const e = envFor('pginproc');
    const file = writeJsonl(work, 'inproc.jsonl', corpus);
    const resources = loadResources({ gazetteerDir: join(home, 'gazetteer'), wordCacheDir: TEST_WORD_CACHE });
    const store = await openStore({ kind: 'postgres', url: e.pgUrl, schema: e.schema });
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let reached!: () => void;
    const atGate = new Promise<void>((r) => { reached = r; });
    // Ten documents, then the source pauses inside an open batch transaction while the server restarts.
    const items = (async function* (): AsyncGenerator<InputItem> {
      let i = 0;
      for await (const item of readInputs(file)) {
        if (++i === 11) {
          reached();
          await gate;
        }
        yield item;
      }
    })();
    const waits: string[] = [];
    const running = ingestItems(items, {
      store, resources, batchSize: 8, maxBatchMs: 120_000, onDatabaseWait: (err) => waits.push(String(err)),
    });
    await atGate;
    cluster.stopServer();
    await new Promise((r) => setTimeout(r, 1500));
    cluster.startServer();
    release();
    const summary = await running;
    await store.close();
    expect(waits.length).toBeGreaterThan(0);
    expect(summary.errors).toBe(0);
    expect(summary.added).toBe(N);
    await expectExactlyOnce(e);
  }, 120_000);

  it('reprocess: replaces events, keeps incidents whole and analysts\' corrections, resumes from its checkpoint', async () => {
    const e = envFor('reprocess', { MARSAD_QUEUE: '' });
    const file = writeJsonl(work, 'reprocess.jsonl', corpus);
    expect(marsad(e, ['ingest', file, '--no-monitor', '--no-progress']).status).toBe(0);
    const before = await storeTally(e.pgUrl, e.schema);

    // An analyst corrects an incident's toll.
    const store = await openStore({ kind: 'postgres', url: e.pgUrl, schema: e.schema });
    const { openReviewService } = await import('../../src/review/index.js');
    const reviews = await openReviewService({ store, storeConfig: { kind: 'postgres', url: e.pgUrl, schema: e.schema }, home, refresh: false });
    const target = (await store.listIncidents({}, { limit: 1 })).items[0]!;
    await reviews.correct(target.id, { fatalities: 99 }, { user: 'test', role: 'analyst' });
    expect((await store.getIncident(target.id))?.fatalities).toBe(99);

    const r = marsad(e, ['reprocess', '--batch', '7', '--no-monitor']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(`finished: ${N} documents`);
    await expectSame(e, before);
    expect((await store.getIncident(target.id))?.fatalities).toBe(99);

    // Interrupted after half the documents (as a SIGKILL leaves it: the checkpoint of the last
    // committed batch): the same command resumes there.
    const c = new pg.Client({ connectionString: e.pgUrl });
    await c.connect();
    const ids = (await c.query<{ id: string }>(`SELECT id FROM ${e.schema}.documents ORDER BY id COLLATE "C"`)).rows.map((x) => x.id);
    const runKey = (await c.query<{ run: string }>(`SELECT run FROM ${e.schema}.reprocess_checkpoints`)).rows;
    expect(runKey).toEqual([]);
    const key = createHash('sha256').update(JSON.stringify({ from: null, to: null, source: [] })).digest('hex').slice(0, 16);
    await c.query(`INSERT INTO ${e.schema}.reprocess_checkpoints (run, last_doc_id, done, params) VALUES ($1, $2, 30, '{}')`, [key, ids[29]]);
    const resumed = marsad(e, ['reprocess', '--batch', '7', '--no-monitor']);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming an interrupted reprocess after 30 documents');
    expect(resumed.stdout).toContain(`finished: ${N} documents`);
    expect((await c.query(`SELECT 1 FROM ${e.schema}.reprocess_checkpoints`)).rows).toHaveLength(0);
    await c.end();
    await expectSame(e, before);

    // With a queue, the same work goes out as jobs (7 documents each) that a worker does.
    const q: Env = { ...e, extra: {} };
    const queued = marsad(q, ['reprocess', '--batch', '7']);
    expect(queued.status, queued.stderr).toBe(0);
    expect(queued.stdout).toContain(`reprocess queued: ${N} documents in ${Math.ceil(N / 7)} jobs`);
    const w = startWorkerProcess(q);
    await waitFor('the reprocess jobs', () => done(q, Math.ceil(N / 7)), 60_000, w.log);
    w.proc.kill('SIGTERM');
    expect(await w.exited, w.log()).toBe(0);
    expect((await queueCounts(q.redisUrl, q.prefix))['failed']).toBe(0);
    await expectSame(e, before);
    expect((await store.getIncident(target.id))?.fatalities).toBe(99);
    await reviews.close();
    await store.close();
  }, 150_000);

  it('two processes storing reports of one event at the same moment make one incident (the key locks)', async () => {
    const resources = loadResources({ gazetteerDir: join(home, 'gazetteer'), wordCacheDir: TEST_WORD_CACHE });
    const text = (source: string, n: number): string =>
      `قصفت قوات النظام السوري بلدة كفرنبودة في ريف حماة يوم الاثنين، ما أدى إلى مقتل ${n} مدنيين، بحسب ${source}.`;
    const raws = [['شبكة الأولى', 4], ['موقع الثاني', 5]].map(([source, n], i) => ({
      inputId: `same-${i}`, text: text(String(source), Number(n)), url: null, title: null, byline: null, source: String(source),
      dateline: null, published: '2019-05-20', language: null, fromHtml: false,
    }));
    const storeBoth = async (schema: string, together: boolean): Promise<StoreTally> => {
      const stores = await Promise.all([0, 1].map(() => openStore({ kind: 'postgres', url: cluster.url, schema })));
      const ctxs = stores.map(() => ({ resources, opts: incidentOptions(resources), cache: new IncidentStateCache() }));
      const prepared = raws.map((r, i) => prepareDocument(r, ctxs[i]!));
      // Both transactions run at once, on their own connections, each reading the incidents before either commits.
      if (together) {
        await Promise.all(prepared.map((p, i) => stores[i]!.transaction((tx) => storePrepared(p, tx, ctxs[i]!))));
      } else {
        for (const [i, p] of prepared.entries()) await storePrepared(p, stores[i]!, ctxs[i]!);
      }
      for (const s of stores) await s.close();
      return storeTally(cluster.url, schema);
    };
    const serial = await storeBoth(`q_lock_serial_${process.pid}`, false);
    expect(serial.documents).toBe(2);
    expect(serial.incidents).toBe(1);
    expect(serial.members).toBe(2);
    const concurrent = await storeBoth(`q_lock_together_${process.pid}`, true);
    expect(concurrent).toEqual(serial);
  });

  it('key locks: a report of another place does not wait for an open transaction, one of the same event does', async () => {
    const resources = loadResources({ gazetteerDir: join(home, 'gazetteer'), wordCacheDir: TEST_WORD_CACHE });
    const raw = (inputId: string, text: string, source: string) => ({
      inputId, text, url: null, title: null, byline: null, source, dateline: null, published: '2019-05-20', language: null, fromHtml: false,
    });
    const hama = raw('hama', 'قصفت قوات النظام السوري بلدة كفرنبودة في ريف حماة يوم الاثنين، ما أدى إلى مقتل أربعة مدنيين، بحسب شبكة الأولى.', 'شبكة الأولى');
    const hamaAgain = raw('hama-2', 'أفاد موقع الثاني بأن خمسة مدنيين قتلوا الاثنين جراء قصف مدفعي لقوات النظام على كفرنبودة شمال غرب حماة.', 'موقع الثاني');
    const far = raw('far', 'اشتبكت فصائل المعارضة مع قوات النظام قرب مدينة درعا في جنوب البلاد يوم الاثنين وسقط ثلاثة قتلى من الطرفين.', 'وكالة ثالثة');
    const schema = `q_keys_${process.pid}`;
    const stores = await Promise.all([0, 1, 2].map(() => openStore({ kind: 'postgres', url: cluster.url, schema })));
    const ctxs = stores.map(() => ({ resources, opts: incidentOptions(resources), cache: new IncidentStateCache() }));
    const [pHama, pFar, pAgain] = [hama, far, hamaAgain].map((r, i) => prepareDocument(r, ctxs[i]!));
    expect(pHama!.events.length).toBeGreaterThan(0);
    expect(pFar!.events.length).toBeGreaterThan(0);
    // The first transaction stores its document and stays open, holding its keys.
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => { release = r; });
    let stored!: () => void;
    const storedFirst = new Promise<void>((r) => { stored = r; });
    const first = stores[0]!.transaction(async (tx) => {
      await storePrepared(pHama!, tx, ctxs[0]!);
      stored();
      await held;
    });
    await storedFirst;
    const ms = (p: Promise<unknown>, limit: number) => Promise.race([
      p.then(() => 'done' as const), new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), limit)),
    ]);
    // Another place, other words: stored while the first is still open.
    const other = stores[1]!.transaction((tx) => storePrepared(pFar!, tx, ctxs[1]!));
    expect(await ms(other, 10_000)).toBe('done');
    // Another report of the same event waits for the first (same keys), then joins its incident.
    const same = stores[2]!.transaction((tx) => storePrepared(pAgain!, tx, ctxs[2]!));
    expect(await ms(same, 1500)).toBe('waiting');
    release();
    await first;
    const out = await same;
    expect(out.kind).toBe('added');
    for (const s of stores) await s.close();
    const t = await storeTally(cluster.url, schema);
    expect(t.documents).toBe(3);
    expect(t.members).toBe(t.distinctMembers);
    const check = new pg.Client({ connectionString: cluster.url });
    await check.connect();
    try {
      // The two reports of Kafr Nabuda share one incident.
      const { rows } = await check.query<{ n: number }>(`SELECT count(DISTINCT m.incident_id)::int AS n FROM ${schema}.incident_members m
        JOIN ${schema}.events e ON e.id = m.event_id WHERE e.doc_id = ANY($1::text[])`, [[pHama!.doc.id, pAgain!.doc.id]]);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await check.end();
    }
  });

  it('key locks: disjoint keys pass, shared keys wait, too many keys take the schema-wide lock and wait for all', async () => {
    const schema = `q_keyset_${process.pid}`;
    const stores = await Promise.all([0, 1, 2].map(() => openStore({ kind: 'postgres', url: cluster.url, schema })));
    const ms = (p: Promise<unknown>, limit: number) => Promise.race([
      p.then(() => 'done' as const), new Promise<'waiting'>((r) => setTimeout(() => r('waiting'), limit)),
    ]);
    /** A transaction that takes `keys` and stays open until released. */
    const hold = (i: number, keys: string[]) => {
      let release: () => void = () => undefined;
      const held = new Promise<void>((r) => { release = r; });
      let locked!: () => void;
      const taken = new Promise<void>((r) => { locked = r; });
      const done = stores[i]!.transaction(async (tx) => {
        await tx.lockKeys!(keys);
        locked();
        await held;
      });
      return { taken, done, release };
    };
    const a = hold(0, ['k:a', 'k:b']);
    await a.taken;
    const b = hold(1, ['k:c']);
    expect(await ms(b.taken, 5000)).toBe('done');
    b.release();
    await b.done;
    const c = hold(1, ['k:b', 'k:z']);
    expect(await ms(c.taken, 800)).toBe('waiting');
    a.release();
    await a.done;
    expect(await ms(c.taken, 5000)).toBe('done');
    // Past MAX_KEY_LOCKS keys: the schema-wide lock, exclusive — it waits for c (shared) and
    // keeps out a transaction with unrelated keys until it ends.
    const many = hold(2, Array.from({ length: MAX_KEY_LOCKS + 1 }, (_, i) => `k:many-${i}`));
    expect(await ms(many.taken, 800)).toBe('waiting');
    c.release();
    await c.done;
    expect(await ms(many.taken, 5000)).toBe('done');
    const d = hold(0, ['k:other']);
    expect(await ms(d.taken, 800)).toBe('waiting');
    many.release();
    await many.done;
    expect(await ms(d.taken, 5000)).toBe('done');
    d.release();
    await d.done;
    for (const s of stores) await s.close();
  });

  it('Redis restarted (append-only file) while workers run: no job is lost', async () => {
    const e = envFor('redisrestart');
    const file = writeJsonl(work, 'redis.jsonl', corpus);
    expect(marsad(e, ['ingest', file]).status).toBe(0);
    const w = startWorkerProcess(e, ['--concurrency', '4', '--batch', '2']);
    await waitFor('some jobs done', async () => ((await queueCounts(e.redisUrl, e.prefix))['completed'] ?? 0) >= 5, 60_000, w.log);
    await redis.restart();
    const after = await queueCounts(e.redisUrl, e.prefix);
    const total = Object.values(after).reduce((a, b) => a + b, 0);
    expect(total).toBe(N);
    await waitFor('every job to complete', () => done(e, N), 90_000, w.log);
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
    expect((await queueCounts(e.redisUrl, e.prefix))['completed']).toBe(N);
    await expectExactlyOnce(e);
  });

  it('a poison document ends in the dead-letter list and the others are stored', async () => {
    const marker = 'POISON-DOC-MARKER';
    const e = envFor('poison', { MARSAD_FAULT_INJECT: `crash-on:${marker}` });
    const reports = generateReports(20, 11);
    reports[7] = { ...reports[7]!, text: `${reports[7]!.text} ${marker}` };
    const file = writeJsonl(work, 'poison.jsonl', reportsJsonl(reports));
    expect(marsad(e, ['ingest', file]).status).toBe(0);
    const w = startWorkerProcess(e, ['--concurrency', '4']);
    await waitFor('19 completed and 1 dead letter', async () => {
      const c = await queueCounts(e.redisUrl, e.prefix);
      return c['completed'] === 19 && c['failed'] === 1;
    }, 60_000, w.log);
    const failed = marsad(e, ['jobs', 'failed']);
    expect(failed.stdout).toContain('gen-11-7');
    expect(failed.stdout).toContain('injected fault');
    expect(failed.stdout).toContain('tries 3');
    const t = await storeTally(e.pgUrl, e.schema);
    expect(t.documents).toBe(19);
    // Retried by hand, it fails again (the fault is still there) and comes back to the list.
    const id = /^(doc-[0-9a-f]+)/m.exec(failed.stdout)![1]!;
    expect(marsad(e, ['jobs', 'retry', id]).stdout).toContain('back in the queue');
    await waitFor('the retried job to fail again', async () => (await queueCounts(e.redisUrl, e.prefix))['failed'] === 1, 30_000, w.log);
    expect(marsad(e, ['jobs', 'retry', '--all']).stdout).toContain('1 dead letters back in the queue');
    await waitFor('the job to fail once more', async () => {
      const c = await queueCounts(e.redisUrl, e.prefix);
      return c['failed'] === 1 && (c['waiting'] ?? 0) + (c['active'] ?? 0) + (c['delayed'] ?? 0) === 0;
    }, 30_000, w.log);
    expect(marsad(e, ['jobs', 'clean', '--failed']).stdout).toContain('removed 19 completed jobs and 1 dead letters');
    expect(JSON.parse(marsad(e, ['jobs', '--json']).stdout)).toEqual({ waiting: 0, active: 0, completed: 0, failed: 0, delayed: 0 });
    w.proc.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  });
});
