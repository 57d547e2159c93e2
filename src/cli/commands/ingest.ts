import type { Command } from 'commander';
import type { Language } from '../../model/document.js';
import type { IngestProgress, IngestSummary } from '../../store/ingest/types.js';
import type { StoreCounts } from '../../store/types.js';
import { CliError } from '../errors.js';
import { parseIsoDate, parseLanguage } from '../options.js';
import { STORE_OPTION_HELP } from '../store-options.js';

interface IngestOptions {
  published?: string;
  lang?: Language;
  feed?: string[];
  sources?: string;
  follow?: boolean;
  watch?: string[];
  allowPrivate?: boolean;
  store?: string;
  gazetteer?: string;
  actors?: string[];
  progress?: boolean;
  list?: boolean;
}

/** Documents per commit for local inputs: commits dominate the cost of small documents on SQLite. */
const BATCH_SIZE = 64;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('extract events from documents and keep them in the store, grouped into incidents across sources; ' +
      'a document already stored is skipped, a near-copy is linked to its original')
    .argument('[inputs...]', 'files (.txt .html .json .jsonl, or .gz), folders, - for stdin, http(s):// URLs')
    .option('--published <YYYY-MM-DD>', 'publication date for documents that carry none', parseIsoDate)
    .option('--lang <ar|en>', 'language of the documents (default: detected)', parseLanguage)
    .option('--feed <url>', 'an RSS/Atom feed to read (repeatable)', collect)
    .option('--sources <file>', 'YAML file listing sources (feeds, URLs, folders) with name, language and interval')
    .option('--follow', 'keep polling the feeds and URLs at their intervals until Ctrl-C / SIGTERM')
    .option('--watch <folder>', 'ingest files as they appear in this folder, until Ctrl-C / SIGTERM (repeatable)', collect)
    .option('--allow-private', 'allow fetching from loopback and private network addresses')
    .option('--store <path|url>', STORE_OPTION_HELP)
    .option('--gazetteer <dir>', 'gazetteer index folder (default: $MARSAD_HOME/gazetteer)')
    .option('--actors <file...>', 'extra actor catalogue files (YAML) extending the built-in one')
    .option('--list', 'print one line per document: status, document id, events, input')
    .option('--no-progress', 'no progress bar on stderr')
    .action(async (inputs: string[], opts: IngestOptions) => runIngest(inputs, opts));
}

async function runIngest(inputs: string[], opts: IngestOptions): Promise<void> {
  const live = opts.follow === true || (opts.watch?.length ?? 0) > 0;
  const controller = new AbortController();
  const [{ ingestInputStream, isUrlInput }, { ingestItems }, { loadResourcesForCli }, { openStoreForCli }] = await Promise.all([
    import('../ingest-sources.js'),
    import('../../store/ingest/index.js'),
    import('../load-resources.js'),
    import('../store-options.js'),
  ]);
  const networked = (opts.feed?.length ?? 0) > 0 || opts.sources !== undefined || inputs.some(isUrlInput);
  const items = await ingestInputStream({
    inputs,
    feeds: opts.feed ?? [],
    ...(opts.sources !== undefined ? { sourcesFile: opts.sources } : {}),
    follow: opts.follow === true,
    watch: opts.watch ?? [],
    allowPrivate: opts.allowPrivate === true,
    signal: controller.signal,
  });
  const resources = loadResourcesForCli({
    ...(opts.gazetteer ? { gazetteerDir: opts.gazetteer } : {}),
    ...(opts.actors ? { actorFiles: opts.actors } : {}),
  });
  const store = await openStoreForCli(opts.store);

  // First signal: finish the document in hand, commit, report and exit. Second: exit now — the
  // open transaction is lost whole (only documents not yet committed, stored again by a re-run).
  let signals = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    signals++;
    if (signals > 1) {
      process.stderr.write(`\nmarsad: ${name} again, stopping now\n`);
      process.exit(130);
    }
    if (!live) process.stderr.write(`\nmarsad: ${name}: finishing the current document, then stopping (again to stop now)\n`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const bar = await progressBar(opts.progress !== false && process.stderr.isTTY === true);
  const onProgress = (p: IngestProgress): void => {
    if (opts.list) {
      bar?.interrupt();
      process.stdout.write(`${p.status}\t${p.docId ?? '-'}\t${p.current}\n`);
    }
    bar?.update(p);
  };

  let summary: IngestSummary;
  try {
    summary = await ingestItems(items, {
      store,
      resources,
      published: opts.published ?? null,
      lang: opts.lang ?? null,
      signal: controller.signal,
      // Files can be read again after a crash; a feed that remembered its ETag will not offer its
      // items again, so what comes from the network is committed document by document.
      batchSize: networked ? 1 : BATCH_SIZE,
      onProgress,
      onError: (e) => {
        bar?.interrupt();
        process.stderr.write(`marsad: ${e.input}: ${e.message}\n`);
      },
    });
  } catch (err) {
    bar?.stop();
    await store.close().catch(() => undefined);
    if (err instanceof CliError) throw err;
    // The store itself failed (disk full, connection lost): what was committed stays.
    throw new CliError(`ingest stopped: ${err instanceof Error ? err.message : String(err)}\n` +
      'documents stored before the failure are kept; run the same command again to continue', 1);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  bar?.stop();
  let totals: StoreCounts;
  try {
    totals = await store.counts();
  } finally {
    await store.close();
  }
  process.stdout.write(formatSummary(summary, totals, store.kind));

  if (summary.read === 0 && summary.errors > 0) throw new CliError('no document could be read from the inputs', 1);
  if (summary.stopped && !live) process.exitCode = 130;
  else if (summary.errors > 0) process.exitCode = 1;
  if (summary.stopped) {
    // A fetch or watcher that ignored the signal must not keep a stopped process alive.
    setTimeout(() => process.exit(), 5000).unref();
  }
}

function formatSummary(s: IngestSummary, totals: StoreCounts, kind: string): string {
  const secs = s.elapsedMs / 1000;
  const rate = secs > 0 ? ` (${(s.read / secs).toFixed(1)} documents/s)` : '';
  const row = (label: string, n: number): string => `  ${label.padEnd(20)}${String(n).padStart(9)}\n`;
  return `ingest ${s.stopped ? 'stopped' : 'finished'} in ${secs.toFixed(1)} s${rate}\n` +
    row('documents read', s.read) +
    row('  added', s.added) +
    row('  unchanged', s.unchanged) +
    row('  near-duplicates', s.nearDuplicates) +
    row('errors', s.errors) +
    row('events added', s.eventsAdded) +
    row('incidents created', s.incidentsCreated) +
    row('incidents updated', s.incidentsUpdated) +
    `store (${kind}): ${totals.documents} documents, ${totals.events} events, ${totals.incidents} incidents, ` +
    `${totals.duplicates} near-duplicates\n`;
}

interface Bar {
  update(p: IngestProgress): void;
  /** Make room for a message line. */
  interrupt(): void;
  stop(): void;
}

async function progressBar(enabled: boolean): Promise<Bar | null> {
  if (!enabled) return null;
  const cliProgress = (await import('cli-progress')).default;
  // Sources are streams of unknown length: the bar counts up rather than toward a total.
  const bar = new cliProgress.SingleBar(
    {
      format: 'ingest {value} inputs | {added} added | {unchanged} unchanged | {dups} near-copies | {events} events | ' +
        '{errors} errors | {duration}s',
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(0, 0, { added: 0, unchanged: 0, dups: 0, events: 0, errors: 0 });
  let running = true;
  return {
    update(p) {
      // Every handled input: stored, skipped, or reported.
      const done = p.added + p.unchanged + p.errors;
      bar.setTotal(done);
      bar.update(done, { added: p.added, unchanged: p.unchanged, dups: p.nearDuplicates, events: p.eventsAdded, errors: p.errors });
    },
    interrupt() {
      if (running) process.stderr.write('\n');
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
