import { EventEmitter } from 'node:events';
import type { Alert } from './types.js';

/**
 * The live alert stream of this process — what the server-sent-events endpoint relays. Alerts
 * reach it through the outbox's "stream" channel (AlertDispatcher with stream on), so an alert
 * recorded while no dispatcher ran is streamed once one starts.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);
const ALERT = 'alert';

/** Send an alert to every current listener. */
export function publishAlert(alert: Alert): void {
  bus.emit(ALERT, alert);
}

/** Listen to alerts; returns the function that stops listening. */
export function onAlert(listener: (alert: Alert) => void): () => void {
  bus.on(ALERT, listener);
  return () => bus.off(ALERT, listener);
}

export function alertListenerCount(): number {
  return bus.listenerCount(ALERT);
}

export interface AlertStreamOptions {
  /** Ends the stream. */
  signal?: AbortSignal;
  /** Alerts kept for a slow reader; beyond it the oldest are dropped (default 1000). */
  maxBuffered?: number;
}

/**
 * The alerts published from now on, as an async iterator:
 *   for await (const alert of alertStream({ signal })) send(alert);
 * It ends when the signal aborts or the loop breaks.
 */
export function alertStream(opts: AlertStreamOptions = {}): AsyncIterableIterator<Alert> {
  const max = opts.maxBuffered ?? 1000;
  const queue: Alert[] = [];
  let waiting: ((r: IteratorResult<Alert>) => void) | null = null;
  let done = false;

  const finish = (): void => {
    if (done) return;
    done = true;
    off();
    opts.signal?.removeEventListener('abort', finish);
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: undefined, done: true });
    }
  };
  const off = onAlert((alert) => {
    if (waiting) {
      const w = waiting;
      waiting = null;
      w({ value: alert, done: false });
      return;
    }
    queue.push(alert);
    if (queue.length > max) queue.shift();
  });
  if (opts.signal?.aborted) finish();
  else opts.signal?.addEventListener('abort', finish, { once: true });

  const it: AsyncIterableIterator<Alert> = {
    next(): Promise<IteratorResult<Alert>> {
      const head = queue.shift();
      if (head !== undefined) return Promise.resolve({ value: head, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => { waiting = resolve; });
    },
    return(): Promise<IteratorResult<Alert>> {
      finish();
      queue.length = 0;
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return it;
    },
  };
  return it;
}
