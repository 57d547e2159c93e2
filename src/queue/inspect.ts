import type { QueueConfig } from './config.js';
import { openJobQueue } from './job-queue.js';

export interface JobCounts {
  waiting: number;
  active: number;
  completed: number;
  failed: number;
  delayed: number;
}

/** A job in the dead-letter list. */
export interface DeadLetter {
  id: string;
  name: string;
  /** The input the document came from (file, line, record id), when it is a document job. */
  input: string | null;
  attempts: number;
  reason: string;
  failedAt: string | null;
}

export class JobNotFoundError extends Error {
  override readonly name = 'JobNotFoundError';
}

export interface Inspector {
  counts(): Promise<JobCounts>;
  failed(limit: number): Promise<DeadLetter[]>;
  retry(id: string): Promise<void>;
  retryAll(): Promise<number>;
  clean(failedToo: boolean): Promise<{ completed: number; failed: number }>;
  close(): Promise<void>;
}

/** What `marsad jobs` reads and does: BullMQ's own states, the failed set being the dead letters. */
export async function openInspector(config: QueueConfig): Promise<Inspector> {
  const { queue, close } = openJobQueue(config, { failFast: true });
  await queue.waitUntilReady();
  return {
    async counts() {
      const c = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
      return {
        waiting: (c['waiting'] ?? 0) + (c['prioritized'] ?? 0),
        active: c['active'] ?? 0,
        completed: c['completed'] ?? 0,
        failed: c['failed'] ?? 0,
        delayed: c['delayed'] ?? 0,
      };
    },
    async failed(limit) {
      const jobs = await queue.getFailed(0, limit - 1);
      return jobs.map((j) => {
        const data = j.data as { raw?: { inputId?: unknown } } | undefined;
        return {
          id: String(j.id),
          name: j.name,
          input: typeof data?.raw?.inputId === 'string' ? data.raw.inputId : null,
          attempts: j.attemptsMade,
          reason: j.failedReason ?? '',
          failedAt: j.finishedOn !== undefined ? new Date(j.finishedOn).toISOString() : null,
        };
      });
    },
    async retry(id) {
      const job = await queue.getJob(id);
      if (!job) throw new JobNotFoundError(`no job ${id} in the queue`);
      if (!(await job.isFailed())) throw new JobNotFoundError(`job ${id} is not in the dead-letter list (state: ${await job.getState()})`);
      // A fresh set of tries: the cause (a bug fixed, a database back) is presumably gone.
      await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    },
    async retryAll() {
      const n = await queue.getFailedCount();
      if (n > 0) await queue.retryJobs({ state: 'failed', count: 1000 });
      return n;
    },
    async clean(failedToo) {
      const completed = (await queue.clean(0, 0, 'completed')).length;
      const failed = failedToo ? (await queue.clean(0, 0, 'failed')).length : 0;
      return { completed, failed };
    },
    close,
  };
}
