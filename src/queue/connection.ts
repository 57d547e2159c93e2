import { Redis } from 'ioredis';
import type { QueueConfig } from './config.js';

/**
 * A Redis connection for BullMQ. Built here rather than by BullMQ so that it works from ES
 * modules, and with the settings a worker needs to ride out a Redis restart: commands wait for
 * the reconnection instead of failing (maxRetriesPerRequest null), and reconnection is retried
 * forever with a capped backoff.
 */
export function openRedis(config: QueueConfig, opts: { failFast?: boolean } = {}): Redis {
  const redis = new Redis(config.url, {
    // A producer (`marsad ingest`) should report a dead server; a worker waits for it.
    maxRetriesPerRequest: opts.failFast === true ? 3 : null,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 6), 5000),
    lazyConnect: false,
  });
  // Reconnection errors are expected while Redis restarts; commands report what matters.
  redis.on('error', () => undefined);
  return redis;
}
