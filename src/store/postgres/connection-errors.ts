/**
 * Whether an error means "the database is not reachable right now" (server restarting, shut
 * down, network gone) rather than "this request is wrong": the first is worth waiting out and
 * retrying, the second is not. Codes: class 08 (connection exception), 57P01–57P03 (admin or
 * crash shutdown, cannot connect now), 53300 (too many connections); and the socket errors and
 * messages node-postgres gives when the connection drops.
 */
const RETRYABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN', 'EAI_AGAIN']);
const MESSAGES = /Connection terminated|connection is closed|Client has encountered a connection error|cannot connect to PostgreSQL|terminating connection|the database system is (starting up|shutting down)|Client was closed|timeout exceeded when trying to connect/i;

export function isConnectionError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (RETRYABLE_SQLSTATE.test(code) || SOCKET_CODES.has(code))) return true;
    if (MESSAGES.test(e.message)) return true;
    // AggregateError (several addresses refused) and wrapped causes.
    const inner = (e as Error & { errors?: unknown[] }).errors;
    if (Array.isArray(inner) && inner.some((x) => isConnectionError(x))) return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}

export interface DbWaitOptions {
  /** Give up after this long (default 10 minutes); the error is thrown then. */
  maxWaitMs?: number;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** Told about each wait, e.g. to log "database unreachable, retrying in 2 s". */
  onWait?: (err: unknown, delayMs: number) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Run `fn`, and while it fails because the database cannot be reached (restart, failover,
 * network), wait with exponential backoff and run it again. `fn` must be safe to repeat: a
 * whole transaction, which the lost connection rolled back. Other errors are thrown at once.
 */
export async function untilDatabaseAnswers<T>(fn: () => Promise<T>, o: DbWaitOptions = {}): Promise<T> {
  const started = Date.now();
  const maxWait = o.maxWaitMs ?? 600_000;
  let delay = o.firstDelayMs ?? 200;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (!isConnectionError(err) || Date.now() - started > maxWait || o.signal?.aborted === true) throw err;
      o.onWait?.(err, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, o.maxDelayMs ?? 5000);
    }
  }
}
