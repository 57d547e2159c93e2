import { createHash } from 'node:crypto';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { parseIsoDate } from '../options.js';
import { STORE_OPTION_HELP } from '../store-options.js';
import { parseCount } from './worker.js';

interface ReprocessOptions {
  from?: string;
  to?: string;
  source?: string[];
  batch: number;
  restart?: boolean;
  store?: string;
  gazetteer?: string;
  actors?: string[];
  progress?: boolean;
  monitor?: boolean;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerReprocessCommand(program: Command): void {
  program
    .command('reprocess')
    .description('extract stored documents again (after a lexicon or gazetteer update): their events are replaced and their ' +
      'incidents rebuilt, in batches, with a checkpoint in the database so an interrupted run resumes where it stopped; ' +
      'analysts\' reviews are laid over again afterwards. With $MARSAD_QUEUE, queues the work for "marsad worker". PostgreSQL store only')
    .option('--from <YYYY-MM-DD>', 'documents published on this day or later', parseIsoDate)
    .option('--to <YYYY-MM-DD>', 'documents published on this day or earlier', parseIsoDate)
    .option('--source <name>', 'documents of this source (repeatable)', collect)
    .option('--batch <n>', 'documents per transaction (and per queued job)', parseCount, 500)
    .option('--restart', 'ignore the checkpoint of an interrupted run with the same filters and start over')
    .option('--store <url>', STORE_OPTION_HELP)
    .option('--gazetteer <dir>', 'gazetteer index folder (default: $MARSAD_HOME/gazetteer)')
    .option('--actors <file...>', 'extra actor catalogue files (YAML) extending the built-in one')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--no-monitor', 'do not bring the monitor up to date afterwards')
    .action(async (opts: ReprocessOptions) => runReprocess(opts));
}

/** A run is its filters: the same command after an interruption finds its checkpoint. */
function runKey(o: ReprocessOptions): { key: string; params: object } {
  const params = { from: o.from ?? null, to: o.to ?? null, source: [...(o.source ?? [])].sort() };
  return { key: createHash('sha256').update(JSON.stringify(params)).digest('hex').slice(0, 16), params };
}

async function runReprocess(o: ReprocessOptions): Promise<void> {
  if (o.from !== undefined && o.to !== undefined && o.from > o.to) throw new CliError(`--from ${o.from} is after --to ${o.to}`);
  const [{ queueFromEnv }, { openStoreForCli }, { canReprocess }] = await Promise.all([
    import('./ingest-enqueue.js'),
    import('../store-options.js'),
    import('../../store/ingest/reprocess.js'),
  ]);
  const queue = await queueFromEnv();
  const store = await openStoreForCli(o.store);
  try {
    if (!canReprocess(store)) throw new CliError('reprocess needs the PostgreSQL store (MARSAD_STORE=postgres://… or --store postgres://…)');
    const filter = {
      ...(o.from !== undefined ? { from: o.from } : {}), ...(o.to !== undefined ? { to: o.to } : {}),
      ...(o.source !== undefined ? { sources: o.source } : {}),
    };
    const { key, params } = runKey(o);
    const pg = store as import('../../store/postgres/pg-store.js').PgStore;
    if (queue !== null) {
      const [{ openJobQueue }, { enqueueReprocess }] = await Promise.all([import('../../queue/job-queue.js'), import('../../queue/producer.js')]);
      const { queue: q, close } = openJobQueue(queue, { failFast: true });
      try {
        const batches = (async function* () {
          let after: string | null = null;
          for (;;) {
            const ids = await pg.listDocumentIds({ after, limit: o.batch, ...filter });
            if (ids.length === 0) return;
            yield ids;
            after = ids[ids.length - 1]!;
          }
        })();
        const r = await enqueueReprocess(q, batches, `${key}-${Date.now()}`);
        process.stdout.write(`reprocess queued: ${r.documents} documents in ${r.jobs} jobs for "marsad worker"\n`);
      } finally {
        await close();
      }
      return;
    }
    await reprocessInProcess(pg, o, filter, key, params);
  } finally {
    await store.close().catch(() => undefined);
  }
}

async function reprocessInProcess(
  store: import('../../store/postgres/pg-store.js').PgStore, o: ReprocessOptions,
  filter: { from?: string; to?: string; sources?: string[] }, key: string, params: object,
): Promise<void> {
  const [{ loadResourcesForCli }, { reprocessDocuments }, { incidentOptions }, { IncidentStateCache }, { AfterStore },
    { resolveStoreConfig }, { marsadHome }] = await Promise.all([
    import('../load-resources.js'),
    import('../../store/ingest/reprocess.js'),
    import('../../store/ingest/document-step.js'),
    import('../../store/incident-mapping.js'),
    import('../../queue/after-store.js'),
    import('../../store/open-store.js'),
    import('../../config/home.js'),
  ]);
  const resources = loadResourcesForCli({
    ...(o.gazetteer ? { gazetteerDir: o.gazetteer } : {}),
    ...(o.actors ? { actorFiles: o.actors } : {}),
  });
  const ctx = { resources, opts: incidentOptions(resources), cache: new IncidentStateCache() };
  if (o.restart === true) await store.deleteCheckpoint(key);
  const resumed = await store.getCheckpoint(key);
  let after = resumed?.last ?? null;
  let done = resumed?.done ?? 0;
  if (resumed !== null) process.stderr.write(`marsad: resuming an interrupted reprocess after ${done} documents (--restart to start over)\n`);

  const total = done + (await countRemaining(store, after, filter));
  const bar = o.progress !== false && process.stderr.isTTY === true ? await progressBar(total, done) : null;
  const changes = new AfterStore({
    store, storeConfig: resolveStoreConfig(o.store), home: marsadHome(), actors: resources.actors, monitor: o.monitor !== false,
    settleMs: 3_600_000, maxDelayMs: 3_600_000,
    log: (line) => process.stderr.write(`marsad: ${line}\n`),
  });
  // SIGINT between batches: the batch in hand commits with its checkpoint, then we stop.
  let stop = false;
  const onSignal = (): void => {
    if (stop) process.exit(130);
    stop = true;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let events = { before: 0, after: 0 };
  const problems: { docId: string; message: string }[] = [];
  try {
    while (!stop) {
      const ids = await store.listDocumentIds({ after, limit: o.batch, ...filter });
      if (ids.length === 0) break;
      const last = ids[ids.length - 1]!;
      const r = await reprocessDocuments(store, ids, ctx, async (tx) => {
        await (tx as typeof store).putCheckpoint(key, last, done + ids.length, params);
      });
      after = last;
      done += ids.length;
      events = { before: events.before + r.eventsBefore, after: events.after + r.eventsAfter };
      problems.push(...r.problems);
      changes.note(r);
      bar?.update(done);
    }
    if (!stop) await store.deleteCheckpoint(key);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    bar?.stop();
  }
  // Reviews reapplied and the monitor refreshed over everything the run changed.
  await changes.close();
  for (const p of problems) process.stderr.write(`marsad: document ${p.docId}: ${p.message}\n`);
  process.stdout.write(`reprocess ${stop ? 'interrupted (run the same command to resume)' : 'finished'}: ${done} documents, ` +
    `events ${events.before} → ${events.after}, ${problems.length} problems\n`);
  if (stop) process.exitCode = 130;
  else if (problems.length > 0) process.exitCode = 1;
}

async function countRemaining(store: import('../../store/postgres/pg-store.js').PgStore, after: string | null,
  filter: { from?: string; to?: string; sources?: string[] }): Promise<number> {
  let n = 0;
  for (let a = after; ;) {
    const ids = await store.listDocumentIds({ after: a, limit: 10_000, ...filter });
    n += ids.length;
    if (ids.length < 10_000) return n;
    a = ids[ids.length - 1]!;
  }
}

async function progressBar(total: number, start: number): Promise<{ update(n: number): void; stop(): void }> {
  const cliProgress = (await import('cli-progress')).default;
  const bar = new cliProgress.SingleBar({ format: 'reprocess [{bar}] {value}/{total} documents | {eta}s left', stream: process.stderr },
    cliProgress.Presets.shades_classic);
  bar.start(total, start);
  return { update: (n) => bar.update(n), stop: () => bar.stop() };
}
