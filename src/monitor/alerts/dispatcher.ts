import { randomUUID } from 'node:crypto';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions } from './backoff.js';
import { alertLogLine, stderrWriter } from './log-sink.js';
import type { AlertOutbox, AttemptResult, ChannelKinds, DueDelivery } from './outbox.js';
import { publishAlert } from './stream.js';
import type { Alert } from './types.js';
import { postWebhook } from './webhook.js';

export interface DispatcherOptions {
  /**
   * Which channels this process serves; default all. The live stream only makes sense where its
   * listeners are (the server): a CLI run leaves stream deliveries for it.
   */
  channels?: Partial<ChannelKinds>;
  backoff?: BackoffOptions;
  /** Attempts per webhook delivery before it is marked failed (default 15: about a day with the default backoff). */
  maxAttempts?: number;
  /** Per request (default 10 s). */
  requestTimeoutMs?: number;
  /** How long a taken delivery stays reserved for this dispatcher (default 60 s; must exceed the request timeout). */
  leaseMs?: number;
  /** Longest sleep between passes, to notice alerts other processes record (default 1 s). */
  pollMs?: number;
  /** Deliveries in flight at once (default 4). */
  concurrency?: number;
  /** Stream deliveries older than this are skipped rather than replayed to live listeners (default 24 h). */
  streamMaxAgeMs?: number;
  now?: () => Date;
  random?: () => number;
  /** Where the log channel writes (default stderr). */
  log?: (line: string) => void;
  fetch?: typeof fetch;
  /** Name on the leases this dispatcher takes (default a random id). */
  owner?: string;
}

export interface DispatchSummary {
  attempted: number;
  delivered: number;
  /** Failed this time, scheduled again. */
  retrying: number;
  /** Failed for good (not retryable, or out of attempts). */
  failed: number;
  skipped: number;
}

function emptySummary(): DispatchSummary {
  return { attempted: 0, delivered: 0, retrying: 0, failed: 0, skipped: 0 };
}

/**
 * Works the outbox: takes due deliveries (with a lease, so two dispatchers do not send the same
 * one at the same moment), sends them, records each attempt, and schedules failed webhook
 * deliveries again with exponential backoff and jitter. Delivery is at least once: a crash after
 * sending and before recording sends again after the lease runs out.
 */
export class AlertDispatcher {
  private readonly kinds: ChannelKinds;
  private readonly o: Required<Omit<DispatcherOptions, 'channels' | 'fetch'>> & { fetch: typeof fetch | undefined };
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  /** A kick that came while no sleep was in progress: the next sleep returns at once. */
  private kicked = false;

  constructor(private readonly outbox: AlertOutbox, opts: DispatcherOptions = {}) {
    this.kinds = { log: true, stream: true, webhooks: true, ...opts.channels };
    const requestTimeoutMs = opts.requestTimeoutMs ?? 10_000;
    this.o = {
      backoff: opts.backoff ?? DEFAULT_BACKOFF,
      maxAttempts: opts.maxAttempts ?? 15,
      requestTimeoutMs,
      leaseMs: Math.max(opts.leaseMs ?? 60_000, requestTimeoutMs + 1_000),
      pollMs: opts.pollMs ?? 1_000,
      concurrency: Math.max(1, opts.concurrency ?? 4),
      streamMaxAgeMs: opts.streamMaxAgeMs ?? 24 * 3600_000,
      now: opts.now ?? (() => new Date()),
      random: opts.random ?? Math.random,
      log: opts.log ?? stderrWriter,
      owner: opts.owner ?? `dispatcher-${randomUUID()}`,
      fetch: opts.fetch,
    };
  }

  /** Send everything due now (failed attempts come due later and wait for a later pass). */
  async runOnce(): Promise<DispatchSummary> {
    const summary = emptySummary();
    // Due as of the start: a retry scheduled during this pass waits for the next one.
    const asOf = this.o.now();
    for (let pass = 0; pass < 1000; pass++) {
      const due = await this.outbox.due(asOf, this.kinds, 100);
      if (due.length === 0) break;
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < due.length) {
          const d = due[next++]!;
          await this.deliver(d, summary);
        }
      };
      await Promise.all(Array.from({ length: Math.min(this.o.concurrency, due.length) }, worker));
    }
    return summary;
  }

  private async deliver(d: DueDelivery, summary: DispatchSummary): Promise<void> {
    const now = this.o.now();
    if (!(await this.outbox.lease(d, this.o.owner, now, new Date(now.getTime() + this.o.leaseMs)))) return;
    const alert = JSON.parse(d.payload) as Alert;
    let result: AttemptResult;
    if (d.channel === 'log') {
      this.o.log(alertLogLine(alert, now));
      result = { ok: true, http_status: null, error: null, duration_ms: 0, retry_at: null };
    } else if (d.channel === 'stream') {
      if (now.getTime() - Date.parse(d.alert_created_at) > this.o.streamMaxAgeMs) {
        await this.outbox.skip(d, 'too old for the live stream');
        summary.skipped++;
        return;
      }
      publishAlert(alert);
      result = { ok: true, http_status: null, error: null, duration_ms: 0, retry_at: null };
    } else {
      const hook = await this.outbox.webhook(d.channel.slice('webhook:'.length));
      if (hook === null || !hook.active) {
        await this.outbox.skip(d, 'webhook removed or disabled');
        summary.skipped++;
        return;
      }
      const r = await postWebhook(hook.url, hook.secret, alert.id, d.payload, {
        timeoutMs: this.o.requestTimeoutMs, now,
        ...(this.o.fetch ? { fetch: this.o.fetch } : {}),
      });
      const failedAttempts = d.attempts + 1;
      const giveUp = !r.retryable || failedAttempts >= this.o.maxAttempts;
      const after = this.o.now();
      result = {
        ok: r.ok, http_status: r.http_status, error: r.error, duration_ms: r.duration_ms,
        retry_at: r.ok || giveUp ? null : new Date(after.getTime() + retryDelayMs(failedAttempts, this.o.backoff, this.o.random)).toISOString(),
      };
    }
    summary.attempted++;
    const status = await this.outbox.recordAttempt(d, result, this.o.now());
    if (status === 'delivered') summary.delivered++;
    else if (status === 'failed') summary.failed++;
    else summary.retrying++;
  }

  /** Run passes in the background until stop(); kick() wakes it early. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.loop();
  }

  /** Something was enqueued: look now rather than at the next poll. */
  kick(): void {
    if (this.wake) this.wake();
    else this.kicked = true;
  }

  /** Stop after the current pass (in-flight deliveries finish and are recorded). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.kick();
    await this.running;
    this.running = null;
    this.kicked = false;
  }

  /**
   * Deliver until nothing this dispatcher serves is pending (true), or `timeoutMs` passes (false).
   * For the CLI and tests; a long-running process uses start().
   */
  async drain(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.runOnce();
      if ((await this.outbox.pendingCount(this.kinds)) === 0) return true;
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await this.sleep(Math.min(left, await this.untilNextDue()));
    }
  }

  private async untilNextDue(): Promise<number> {
    const next = await this.outbox.nextDueFor(this.kinds);
    if (next === null) return this.o.pollMs;
    return Math.max(5, Math.min(this.o.pollMs, Date.parse(next) - this.o.now().getTime()));
  }

  private sleep(ms: number): Promise<void> {
    if (this.kicked) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done(): void {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.runOnce();
      } catch (err) {
        // The store may be briefly unavailable; leases expire and the next pass retries.
        this.o.log(`${JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'alert dispatch failed', error: err instanceof Error ? err.message : String(err) })}\n`);
      }
      if (this.stopping) break;
      let wait = this.o.pollMs;
      try {
        wait = await this.untilNextDue();
      } catch {
        // keep the poll interval
      }
      await this.sleep(wait);
    }
  }
}
