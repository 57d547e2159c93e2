import type { QueueConfig } from '../../queue/config.js';
import { CliError } from '../errors.js';
import type { IngestOptions } from './ingest.js';

/** What `marsad ingest` was given, as far as queueing is concerned. */
export type EnqueueCliOptions = Pick<IngestOptions, 'published' | 'lang' | 'feed' | 'sources' | 'follow' | 'watch' | 'allowPrivate' | 'list'> & {
  inputs: string[];
};

/** The queue of MARSAD_QUEUE (null when unset); a bad value is the user's error. */
export async function queueFromEnv(): Promise<QueueConfig | null> {
  const { resolveQueueConfig, QueueConfigError } = await import('../../queue/config.js');
  try {
    return resolveQueueConfig();
  } catch (err) {
    if (err instanceof QueueConfigError) throw new CliError(err.message);
    throw err;
  }
}

/**
 * `marsad ingest` when MARSAD_QUEUE is set: every input form (files, folders, stdin, URLs,
 * feeds, --sources, --follow, --watch) is read as in process, and each document becomes a job
 * for `marsad worker`; the command returns once they are queued.
 */
export async function runEnqueue(queueConfig: QueueConfig, o: EnqueueCliOptions): Promise<void> {
  const [{ ingestInputStream }, { openJobQueue }, { enqueueDocuments }, { redactQueueUrl }] = await Promise.all([
    import('../ingest-sources.js'),
    import('../../queue/job-queue.js'),
    import('../../queue/producer.js'),
    import('../../queue/config.js'),
  ]);
  const controller = new AbortController();
  const items = await ingestInputStream({
    inputs: o.inputs, feeds: o.feed ?? [], ...(o.sources !== undefined ? { sourcesFile: o.sources } : {}),
    follow: o.follow === true, watch: o.watch ?? [], allowPrivate: o.allowPrivate === true, signal: controller.signal,
  });
  const { queue, close } = openJobQueue(queueConfig, { failFast: true });
  const onSignal = (): void => controller.abort();
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const started = Date.now();
  let summary;
  try {
    await queue.waitUntilReady();
    summary = await enqueueDocuments(queue, items, {
      published: o.published ?? null, lang: o.lang ?? null, signal: controller.signal,
      onError: (input, message) => process.stderr.write(`marsad: ${input}: ${message}\n`),
      ...(o.list ? { onEnqueued: (input: string, jobId: string) => process.stdout.write(`queued\t${jobId}\t${input}\n`) } : {}),
    });
  } catch (err) {
    throw new CliError(`could not queue the documents at ${redactQueueUrl(queueConfig.url)}: ${err instanceof Error ? err.message : String(err)}`, 1);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await close();
  }
  const secs = (Date.now() - started) / 1000;
  process.stdout.write(`ingest ${summary.stopped ? 'stopped' : 'queued'} in ${secs.toFixed(1)} s: ${summary.enqueued} documents queued ` +
    `for "marsad worker" (a document already queued or stored is one job), ${summary.errors} errors\n`);
  if (summary.read === 0 && summary.errors > 0) throw new CliError('no document could be read from the inputs', 1);
  if (summary.stopped) process.exitCode = 130;
  else if (summary.errors > 0) process.exitCode = 1;
}
