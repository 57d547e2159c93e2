import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../errors.js';
import { STORE_OPTION_HELP } from '../store-options.js';

interface WorkerCliOptions {
  concurrency: number;
  batch: number;
  store?: string;
  gazetteer?: string;
  actors?: string[];
  monitor?: boolean;
}

export function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to 100000`);
  return n;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take documents from the job queue ($MARSAD_QUEUE=redis://host:port) and extract and store them ' +
      '(as "marsad ingest" does in process); run as many as you like, on as many machines; SIGTERM finishes the jobs in hand')
    .option('--concurrency <n>', 'jobs this process holds at once (extracted one after another on one core, their database ' +
      'work overlapping); 1 lets each added process add a core\'s worth; more gets more out of one process, e.g. with a ' +
      'distant database', parseCount, 1)
    .option('--batch <n>', 'documents per commit at most (1: a transaction per document; more: group commits)', parseCount, 1)
    .option('--store <path|url>', STORE_OPTION_HELP)
    .option('--gazetteer <dir>', 'gazetteer index folder (default: $MARSAD_HOME/gazetteer)')
    .option('--actors <file...>', 'extra actor catalogue files (YAML) extending the built-in one')
    .option('--no-monitor', 'do not bring the monitor up to date after storing')
    .action(async (opts: WorkerCliOptions) => runWorker(opts));
}

async function runWorker(opts: WorkerCliOptions): Promise<void> {
  const [{ resolveQueueConfig, redactQueueUrl, QueueConfigError }, { startWorker }, { loadResourcesForCli }, { openStoreForCli },
    { resolveStoreConfig }, { marsadHome }] = await Promise.all([
    import('../../queue/config.js'),
    import('../../queue/document-worker.js'),
    import('../load-resources.js'),
    import('../store-options.js'),
    import('../../store/open-store.js'),
    import('../../config/home.js'),
  ]);
  let queue;
  try {
    queue = resolveQueueConfig();
  } catch (err) {
    if (err instanceof QueueConfigError) throw new CliError(err.message);
    throw err;
  }
  if (queue === null) throw new CliError('no job queue: set MARSAD_QUEUE=redis://host:port (without one, "marsad ingest" works in process)');
  const resources = loadResourcesForCli({
    ...(opts.gazetteer ? { gazetteerDir: opts.gazetteer } : {}),
    ...(opts.actors ? { actorFiles: opts.actors } : {}),
  });
  const store = await openStoreForCli(opts.store);
  const worker = await startWorker({
    queue, store, storeConfig: resolveStoreConfig(opts.store), resources, home: marsadHome(),
    concurrency: opts.concurrency, batch: opts.batch, monitor: opts.monitor !== false,
  });
  process.stderr.write(`marsad worker: ${process.pid} taking jobs from ${redactQueueUrl(queue.url)} into the ${store.kind} store ` +
    `(${opts.concurrency} at once)\n`);
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = (name: NodeJS.Signals): void => {
      if (++signals > 1) {
        process.stderr.write(`marsad worker: ${name} again, stopping now (jobs in hand go back to the queue)\n`);
        process.exit(130);
      }
      process.stderr.write(`marsad worker: ${name}: finishing the jobs in hand, then stopping\n`);
      void worker.stop().then(resolve, (err: unknown) => {
        process.stderr.write(`marsad worker: ${err instanceof Error ? err.message : String(err)}\n`);
        resolve();
      });
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  await store.close().catch(() => undefined);
  const s = worker.stats;
  process.stderr.write(`marsad worker: stopped; ${s.documents} documents (${s.added} added, ${s.unchanged} already stored), ` +
    `${s.reprocessed} reprocessed, ${s.failed} job failures\n`);
  // BullMQ and pg may keep timers; everything that matters is closed.
  setTimeout(() => process.exit(0), 200).unref();
}
