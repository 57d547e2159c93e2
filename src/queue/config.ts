/**
 * Where the job queue is: MARSAD_QUEUE=redis://[user:password@]host:port[/db]. Unset, Marsad
 * runs everything in process as before. The tuning variables exist for operations and for the
 * resilience tests, which need retries and stall detection in seconds rather than minutes.
 */

export interface QueueConfig {
  /** redis://… as given (with its password: never print it; see redactQueueUrl). */
  url: string;
  /** Key prefix in Redis (MARSAD_QUEUE_PREFIX, default "marsad"), so several deployments can share one server. */
  prefix: string;
  /** Tries per job before it lands in the dead-letter list (MARSAD_QUEUE_ATTEMPTS, default 5). */
  attempts: number;
  /** First retry delay; doubled each time (MARSAD_QUEUE_BACKOFF_MS, default 2000). */
  backoffMs: number;
  /**
   * How long a worker's claim on a job lasts without renewal (MARSAD_QUEUE_LOCK_MS, default
   * 30000): a worker killed mid-job gives its jobs back after about this long.
   */
  lockMs: number;
}

export class QueueConfigError extends Error {
  override readonly name = 'QueueConfigError';
}

const QUEUE_URL = /^rediss?:\/\/[^\s]+$/i;

function positiveInt(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number): number {
  const v = env[name];
  if (v === undefined || v.trim() === '') return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new QueueConfigError(`${name}=${JSON.stringify(v)}: expected a whole number >= ${min}`);
  return n;
}

/** The queue from `spec` (a --queue option) or MARSAD_QUEUE; null when neither is set. */
export function resolveQueueConfig(spec?: string, env: NodeJS.ProcessEnv = process.env): QueueConfig | null {
  const url = (spec ?? env['MARSAD_QUEUE'] ?? '').trim();
  if (url === '') return null;
  if (!QUEUE_URL.test(url)) {
    throw new QueueConfigError(`queue ${JSON.stringify(redactQueueUrl(url))}: expected redis://host:port (MARSAD_QUEUE)`);
  }
  try {
    new URL(url);
  } catch {
    throw new QueueConfigError(`queue ${JSON.stringify(redactQueueUrl(url))} is not a valid URL`);
  }
  const prefix = (env['MARSAD_QUEUE_PREFIX'] ?? 'marsad').trim();
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix)) {
    throw new QueueConfigError(`MARSAD_QUEUE_PREFIX=${JSON.stringify(prefix)}: use letters, digits, _ . - (at most 64)`);
  }
  return {
    url,
    prefix,
    attempts: positiveInt(env, 'MARSAD_QUEUE_ATTEMPTS', 5, 1),
    backoffMs: positiveInt(env, 'MARSAD_QUEUE_BACKOFF_MS', 2000, 1),
    lockMs: positiveInt(env, 'MARSAD_QUEUE_LOCK_MS', 30_000, 1000),
  };
}

/** A queue URL without its password, for messages. */
export function redactQueueUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]*):[^@/]*@/, '$1:***@');
}
