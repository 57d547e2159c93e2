import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook delivery: an HTTP POST of the alert as JSON, signed so the receiver can tell it came
 * from us and was not replayed.
 *
 *   X-Marsad-Alert-Id:   the alert id (also in the body) — receivers deduplicate by it, because
 *                        delivery is at least once;
 *   X-Marsad-Timestamp:  Unix seconds of this attempt;
 *   X-Marsad-Signature:  "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body).
 *
 * Signing the timestamp with the body lets a receiver refuse old replays (verifySignature's
 * tolerance); the body itself is byte-for-byte the same on every retry.
 */
export const ALERT_ID_HEADER = 'x-marsad-alert-id';
export const TIMESTAMP_HEADER = 'x-marsad-timestamp';
export const SIGNATURE_HEADER = 'x-marsad-signature';

export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyOptions {
  /** Largest accepted age (and clock skew) of the timestamp, seconds; default 300. */
  toleranceSeconds?: number;
  now?: Date;
}

/** For receivers: true when `signature` signs `timestamp.body` with `secret` and is recent enough. */
export function verifySignature(secret: string, timestamp: string | null | undefined, body: string,
  signature: string | null | undefined, opts: VerifyOptions = {}): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  const ts = Number(timestamp);
  const nowSec = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (Math.abs(nowSec - ts) > (opts.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signPayload(secret, ts, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export interface WebhookResult {
  ok: boolean;
  http_status: number | null;
  error: string | null;
  /** False for answers that retrying cannot change (e.g. 400, 401, 404): the delivery fails at once. */
  retryable: boolean;
  duration_ms: number;
}

export interface PostOptions {
  timeoutMs: number;
  now?: Date;
  fetch?: typeof fetch;
}

/** 408 Request Timeout, 425 Too Early and 429 Too Many Requests are worth another try. */
const RETRYABLE_4XX = new Set([408, 425, 429]);

/** One attempt. Network errors, timeouts, 5xx and the retryable 4xx are retryable. */
export async function postWebhook(url: string, secret: string, alertId: string, body: string, opts: PostOptions): Promise<WebhookResult> {
  const started = performance.now();
  const ts = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const doFetch = opts.fetch ?? fetch;
  try {
    const res = await doFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'marsad-alerts/1',
        [ALERT_ID_HEADER]: alertId,
        [TIMESTAMP_HEADER]: String(ts),
        [SIGNATURE_HEADER]: signPayload(secret, ts, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    // Drain the body so the connection can be reused; its content does not matter.
    await res.arrayBuffer().catch(() => undefined);
    const duration = performance.now() - started;
    if (res.status >= 200 && res.status < 300) return { ok: true, http_status: res.status, error: null, retryable: false, duration_ms: duration };
    const retryable = res.status >= 500 || RETRYABLE_4XX.has(res.status);
    return { ok: false, http_status: res.status, error: `HTTP ${res.status} ${res.statusText}`.trim(), retryable, duration_ms: duration };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const msg = err instanceof Error ? `${err.name === 'TimeoutError' ? `timed out after ${opts.timeoutMs} ms` : err.message}${cause}` : String(err);
    return { ok: false, http_status: null, error: msg, retryable: true, duration_ms: performance.now() - started };
  }
}
