import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { parseCount } from './worker.js';

interface JobsOptions {
  all?: boolean;
  limit: number;
  failed?: boolean;
  json?: boolean;
}

export function registerJobsCommand(program: Command): void {
  program
    .command('jobs')
    .description('the job queue ($MARSAD_QUEUE): counts by state, the dead-letter list (jobs that used up their tries) ' +
      'with the reasons, retrying them, cleaning up')
    .argument('[action]', 'list (default): counts | failed: dead letters | retry <id>|--all | clean: remove completed jobs', 'list')
    .argument('[id]', 'job id for retry (as "marsad jobs failed" shows it)')
    .option('--all', 'retry: every dead letter')
    .option('--limit <n>', 'failed: how many to show', parseCount, 50)
    .option('--failed', 'clean: remove the dead letters too')
    .option('--json', 'machine-readable output')
    .action(async (action: string, id: string | undefined, opts: JobsOptions) => runJobs(action, id, opts));
}

async function runJobs(action: string, id: string | undefined, opts: JobsOptions): Promise<void> {
  const [{ resolveQueueConfig, QueueConfigError }, inspect] = await Promise.all([
    import('../../queue/config.js'),
    import('../../queue/inspect.js'),
  ]);
  let config;
  try {
    config = resolveQueueConfig();
  } catch (err) {
    if (err instanceof QueueConfigError) throw new CliError(err.message);
    throw err;
  }
  if (config === null) throw new CliError('no job queue: set MARSAD_QUEUE=redis://host:port');
  const q = await inspect.openInspector(config);
  const out = (s: string): boolean => process.stdout.write(s);
  try {
    switch (action) {
      case 'list': {
        const c = await q.counts();
        if (opts.json) out(`${JSON.stringify(c)}\n`);
        else out(Object.entries(c).map(([k, v]) => `${k.padEnd(10)}${String(v).padStart(9)}\n`).join(''));
        break;
      }
      case 'failed': {
        const dead = await q.failed(opts.limit);
        if (opts.json) {
          out(`${JSON.stringify(dead)}\n`);
          break;
        }
        if (dead.length === 0) out('no dead letters\n');
        for (const d of dead) {
          out(`${d.id}\t${d.name}\t${d.input ?? '-'}\ttries ${d.attempts}\t${d.failedAt ?? '-'}\n  ${d.reason}\n`);
        }
        break;
      }
      case 'retry': {
        if (opts.all === true) {
          const n = await q.retryAll();
          out(`${n} dead letters back in the queue\n`);
        } else {
          if (id === undefined) throw new CliError('jobs retry: give a job id (see "marsad jobs failed") or --all');
          await q.retry(id);
          out(`job ${id} back in the queue\n`);
        }
        break;
      }
      case 'clean': {
        const r = await q.clean(opts.failed === true);
        out(`removed ${r.completed} completed jobs${opts.failed ? ` and ${r.failed} dead letters` : ''}\n`);
        break;
      }
      default:
        throw new CliError(`jobs: unknown action "${action}" (list, failed, retry, clean)`);
    }
  } catch (err) {
    if (err instanceof inspect.JobNotFoundError) throw new CliError(err.message);
    throw err;
  } finally {
    await q.close();
  }
}
