import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { QueueConfig } from './config.js';
import { openRedis } from './connection.js';
import { QUEUE_NAME, type DocumentJobData, type ReprocessJobData } from './job-types.js';

/**
 * Every job is retried with exponential backoff and, when its tries are used up, kept in the
 * failed set — the dead-letter list `marsad jobs failed` shows and `marsad jobs retry` requeues.
 * Completed jobs are kept for a while: while one is kept, enqueueing the same document again is
 * a no-op at the queue already (afterwards the store recognises it).
 */
export function defaultJobOptions(config: QueueConfig): JobsOptions {
  return {
    attempts: config.attempts,
    backoff: { type: 'exponential', delay: config.backoffMs },
    removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
    removeOnFail: false,
  };
}

export type MarsadQueue = Queue<DocumentJobData | ReprocessJobData, unknown, string>;

export interface OpenedQueue {
  queue: MarsadQueue;
  redis: Redis;
  close(): Promise<void>;
}

export function openJobQueue(config: QueueConfig, opts: { failFast?: boolean } = {}): OpenedQueue {
  const redis = openRedis(config, opts);
  const queue: MarsadQueue = new Queue(QUEUE_NAME, {
    connection: redis,
    prefix: config.prefix,
    defaultJobOptions: defaultJobOptions(config),
  });
  queue.on('error', () => undefined);
  return {
    queue,
    redis,
    async close() {
      await queue.close().catch(() => undefined);
      redis.disconnect();
    },
  };
}
