export interface BackoffOptions {
  /** Delay before the first retry, before jitter (ms). */
  baseMs: number;
  /** Largest delay (ms). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 2_000, capMs: 15 * 60_000 };

/**
 * Exponential backoff with "equal jitter": after the n-th failed attempt wait between half and
 * all of min(cap, base·2^(n−1)). The random half keeps many failed deliveries from retrying in
 * lock-step against a receiver that just came back; the fixed half keeps the growth.
 */
export function retryDelayMs(failedAttempts: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(failedAttempts));
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}
