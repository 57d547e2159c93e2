/**
 * Transactions that met another one crosswise: PostgreSQL's deadlock detector chose this one
 * (40P01), or a serialization failure (40001). Neither says anything about the document; the
 * whole transaction was rolled back and running it again is right. The same goes for a full lock
 * table (53200, out of shared memory: too many locks held by all transactions at that moment). With key locks taken in one
 * sorted statement such meetings are rare (row locks on shared originals and incidents), so a
 * few tries with a jittered, growing pause are enough, and they cost the job no attempt.
 */
const CONFLICT_SQLSTATE = new Set(['40P01', '40001', '53200']);

export function isConflictError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as Error & { code?: unknown }).code;
    if (typeof code === 'string' && CONFLICT_SQLSTATE.has(code)) return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}

export interface ConflictRetryOptions {
  /** Runs in all (default 6). */
  tries?: number;
  /** First pause, doubled each time, with up to as much again at random (default 10 ms). */
  firstDelayMs?: number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
}

/** Run `fn` (a whole transaction: safe to repeat) again while it fails on a conflict. */
export async function retryConflicts<T>(fn: () => Promise<T>, o: ConflictRetryOptions = {}): Promise<T> {
  const tries = o.tries ?? 6;
  let delay = o.firstDelayMs ?? 10;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= tries || !isConflictError(err)) throw err;
      const pause = Math.round(delay * (1 + Math.random()));
      o.onRetry?.(err, attempt, pause);
      await new Promise((resolve) => setTimeout(resolve, pause));
      delay *= 2;
    }
  }
}
