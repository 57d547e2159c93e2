import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createNetServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AlertDispatcher } from '../../../src/monitor/alerts/dispatcher.js';
import { AlertOutbox } from '../../../src/monitor/alerts/outbox.js';
import { alertStream } from '../../../src/monitor/alerts/stream.js';
import type { Alert, NewAlert } from '../../../src/monitor/alerts/types.js';
import { retryDelayMs } from '../../../src/monitor/alerts/backoff.js';
import {
  ALERT_ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, signPayload, verifySignature,
} from '../../../src/monitor/alerts/webhook.js';
import { describeBackends, reopenDb, type Opened } from './backends.js';

const SECRET = 'test-secret-0123456789abcdef';

function alertsFor(n: number): NewAlert[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `escalation-threshold:zone:test/dmz:2019-05-${String(i + 1).padStart(2, '0')}`,
    kind: 'escalation-threshold' as const,
    day: `2019-05-${String(i + 1).padStart(2, '0')}`,
    agreement_id: 'test',
    message: `alert ${i + 1} — تصعيد`,
    incident_ids: [`inc-${i}`],
    unit: { id: 'zone:test/dmz', kind: 'zone' as const, name: 'Test zone', agreement_id: 'test', zone_id: 'dmz', admin1: null, country: null },
    score: 12, index: 11.8, threshold: 3, baseline: { mean: 0.15, sd: 0.37, days: 28 },
  }));
}

async function freePort(): Promise<number> {
  const s = createNetServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function until(cond: () => boolean | Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A receiver that fails on demand, verifies signatures and deduplicates by alert id. */
class Receiver {
  mode: 'error' | 'ok' | 'bad-request' = 'error';
  /** Drop the connection after recording the next successful delivery (the answer is lost). */
  loseNextAnswer = false;
  wire: { id: string; status: number }[] = [];
  readonly dedup = new Map<string, Alert>();
  badSignatures = 0;
  private server: Server | null = null;

  constructor(readonly port: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks/marsad`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const id = String(req.headers[ALERT_ID_HEADER] ?? '');
    if (this.mode === 'error') {
      this.wire.push({ id, status: 500 });
      res.writeHead(500).end('down for maintenance');
      return;
    }
    if (this.mode === 'bad-request') {
      this.wire.push({ id, status: 400 });
      res.writeHead(400).end('no');
      return;
    }
    const ok = verifySignature(SECRET, req.headers[TIMESTAMP_HEADER] as string | undefined, body, req.headers[SIGNATURE_HEADER] as string | undefined);
    if (!ok) {
      this.badSignatures++;
      res.writeHead(401).end();
      return;
    }
    const alert = JSON.parse(body) as Alert;
    if (alert.id !== id) throw new Error('header and body ids differ');
    this.wire.push({ id, status: 200 });
    if (!this.dedup.has(alert.id)) this.dedup.set(alert.id, alert);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      req.socket.destroy();
      return;
    }
    res.writeHead(204).end();
  }
}

describeBackends('alert delivery', (open) => {
  let o: Opened;
  let receiver: Receiver;
  const logLines: string[] = [];
  const fast = { baseMs: 20, capMs: 120 };

  beforeEach(async () => {
    o = await open();
    receiver = new Receiver(await freePort());
    logLines.length = 0;
  });
  afterEach(async () => {
    await receiver.stop();
    await o.close();
  });

  it('the receiver down (refused, then 500s), a restart, then up: every alert once in its log, none lost, all signed', async () => {
    const started = Date.now();
    const outbox = await AlertOutbox.open(o.db);
    await outbox.addWebhook(receiver.url, SECRET, 'ops');
    const ctrl = new AbortController();
    const streamed: Alert[] = [];
    const reading = (async () => {
      for await (const a of alertStream({ signal: ctrl.signal })) streamed.push(a);
    })();

    const recorded = await outbox.enqueue(alertsFor(5));
    expect(recorded).toHaveLength(5);
    expect(await outbox.enqueue(alertsFor(5))).toEqual([]);

    // Down: nothing listens on the port.
    const d1 = new AlertDispatcher(outbox, { backoff: fast, maxAttempts: 100, requestTimeoutMs: 2000, log: (l) => logLines.push(l) });
    const first = await d1.runOnce();
    expect(first).toMatchObject({ delivered: 10, retrying: 5, failed: 0 }); // log and stream ×5 delivered, webhooks retrying
    const refused = await outbox.attempts(recorded[0]!.id, 'webhook:ops');
    expect(refused[0]).toMatchObject({ ok: false, http_status: null });
    expect(refused[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);

    // A dispatcher that took a delivery and died before recording it: its lease must run out.
    const due = await outbox.due(new Date(Date.now() + 10_000), { log: false, stream: false, webhooks: true }, 1);
    expect(await outbox.lease(due[0]!, 'dead-dispatcher', new Date(), new Date(Date.now() + 300))).toBe(true);

    // "Crash": everything in memory is gone; only the database remains.
    await o.db.close();
    const db2 = reopenDb(o.spec);
    o.db = db2;
    const outbox2 = await AlertOutbox.open(db2);
    expect(await outbox2.pendingCount({ log: false, stream: false, webhooks: true })).toBe(5);

    // Up, but answering 500 for a while.
    await receiver.start();
    const d2 = new AlertDispatcher(outbox2, { backoff: fast, maxAttempts: 100, requestTimeoutMs: 2000, pollMs: 20, log: (l) => logLines.push(l) });
    d2.start();
    await until(() => receiver.wire.filter((w) => w.status === 500).length >= 8, 5000, 'some 500s');
    // Then healthy — except that the first answer is lost, so that alert is sent twice.
    receiver.loseNextAnswer = true;
    receiver.mode = 'ok';
    await d2.stop();
    expect(await d2.drain(8000)).toBe(true);

    expect([...receiver.dedup.keys()].sort()).toEqual(recorded.map((a) => a.id).sort());
    expect(receiver.badSignatures).toBe(0);
    const okOnWire = receiver.wire.filter((w) => w.status === 200);
    expect(okOnWire.length).toBe(6); // at least once on the wire: one duplicate after the lost answer
    expect(new Set(okOnWire.map((w) => w.id)).size).toBe(5);
    for (const a of recorded) {
      const got = receiver.dedup.get(a.id)!;
      expect(got).toEqual(a); // the body is the alert as recorded
      const ds = await outbox2.deliveries(a.id);
      expect(ds.map((d) => [d.channel, d.status])).toEqual([['log', 'delivered'], ['stream', 'delivered'], ['webhook:ops', 'delivered']]);
    }
    const attempts = await Promise.all(recorded.map((a) => outbox2.attempts(a.id, 'webhook:ops')));
    for (const list of attempts) {
      expect(list.at(-1)!.ok).toBe(true);
      expect(list.slice(0, -1).every((x) => !x.ok)).toBe(true);
      expect(list.map((x) => x.attempt)).toEqual(list.map((_, i) => i + 1));
    }
    expect(attempts.flat().filter((x) => x.http_status === 500).length).toBeGreaterThanOrEqual(8);
    // The alert whose dispatcher "died" holding it was sent only after its lease ran out.
    const held = attempts[recorded.findIndex((a) => a.id === due[0]!.alert_id)]!;
    expect(Date.parse(held[1]!.at) - Date.parse(held[0]!.at)).toBeGreaterThanOrEqual(250);

    expect(logLines).toHaveLength(5);
    expect(JSON.parse(logLines[0]!)).toMatchObject({ level: 'warn', msg: 'alert', alert: { kind: 'escalation-threshold' } });
    ctrl.abort();
    await reading;
    expect(streamed.map((a) => a.id).sort()).toEqual(recorded.map((a) => a.id).sort());
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a receiver that refuses the request fails the delivery at once; retryFailed queues it again', async () => {
    const outbox = await AlertOutbox.open(o.db);
    await outbox.addWebhook(receiver.url, SECRET, 'ops');
    await receiver.start();
    receiver.mode = 'bad-request';
    const [alert] = await outbox.enqueue(alertsFor(1));
    const d = new AlertDispatcher(outbox, { backoff: fast, channels: { stream: false }, log: () => undefined });
    expect(await d.runOnce()).toMatchObject({ failed: 1, retrying: 0 });
    expect((await outbox.deliveries(alert!.id)).find((x) => x.channel === 'webhook:ops')).toMatchObject({ status: 'failed', attempts: 1, last_http_status: 400 });
    expect(receiver.wire).toHaveLength(1);
    // The stream delivery is left for a process that serves the stream.
    expect(await outbox.pendingCount({ log: false, stream: true, webhooks: false })).toBe(1);
    expect((await outbox.list({ delivery_status: 'failed' })).map((x) => x.alert.id)).toEqual([alert!.id]);

    receiver.mode = 'ok';
    expect(await outbox.retryFailed()).toBe(1);
    expect(await d.drain(3000)).toBe(true);
    expect([...receiver.dedup.keys()]).toEqual([alert!.id]);
  });

  it('gives up after the last attempt, and skips deliveries of a disabled webhook', async () => {
    const outbox = await AlertOutbox.open(o.db);
    await outbox.addWebhook(receiver.url, SECRET, 'ops');
    const [a] = await outbox.enqueue(alertsFor(1));
    const d = new AlertDispatcher(outbox, { backoff: { baseMs: 5, capMs: 10 }, maxAttempts: 3, channels: { stream: false }, log: () => undefined });
    expect(await d.drain(3000)).toBe(true);
    expect((await outbox.deliveries(a!.id)).find((x) => x.channel === 'webhook:ops')).toMatchObject({ status: 'failed', attempts: 3 });

    await outbox.disableWebhook('ops');
    await outbox.addWebhook(`${receiver.url}?b`, SECRET, 'other');
    const [b] = await outbox.enqueue(alertsFor(2).slice(1));
    await outbox.disableWebhook('other');
    expect(await d.runOnce()).toMatchObject({ skipped: 1 });
    expect((await outbox.deliveries(b!.id)).map((x) => [x.channel, x.status])).toEqual([['log', 'delivered'], ['stream', 'pending'], ['webhook:other', 'skipped']]);
  });

  it('refuses a bad webhook', async () => {
    const outbox = await AlertOutbox.open(o.db);
    await expect(outbox.addWebhook('ftp://x', SECRET)).rejects.toThrow(/only http and https/);
    await expect(outbox.addWebhook('http://127.0.0.1/x', 'short')).rejects.toThrow(/at least 16/);
  });
});

describe('signatures and backoff', () => {
  it('verifies a signature over timestamp and body, and nothing else', () => {
    const body = '{"id":"a"}';
    const now = new Date('2019-06-01T00:00:00Z');
    const ts = Math.floor(now.getTime() / 1000);
    const sig = signPayload(SECRET, ts, body);
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifySignature(SECRET, String(ts), body, sig, { now })).toBe(true);
    expect(verifySignature(SECRET, String(ts), '{"id":"b"}', sig, { now })).toBe(false);
    expect(verifySignature('another-secret-0123456789', String(ts), body, sig, { now })).toBe(false);
    expect(verifySignature(SECRET, String(ts + 1), body, sig, { now })).toBe(false);
    expect(verifySignature(SECRET, String(ts), body, sig, { now: new Date(now.getTime() + 3600_000) })).toBe(false);
    expect(verifySignature(SECRET, undefined, body, sig, { now })).toBe(false);
  });

  it('backs off exponentially, with jitter between half and all of the step, up to the cap', () => {
    const o = { baseMs: 100, capMs: 1000 };
    expect(retryDelayMs(1, o, () => 0)).toBe(50);
    expect(retryDelayMs(1, o, () => 1)).toBe(100);
    expect(retryDelayMs(3, o, () => 1)).toBe(400);
    expect(retryDelayMs(10, o, () => 0)).toBe(500);
    expect(retryDelayMs(10, o, () => 1)).toBe(1000);
  });
});
