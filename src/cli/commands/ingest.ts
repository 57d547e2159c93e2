import type { Command } from 'commander';
import type { Language } from '../../model/document.js';
import type { MonitorRefreshSummary } from '../../monitor/refresh.js';
import type { IngestChanges, IngestProgress, IngestSummary } from '../../store/ingest/types.js';
import type { EventStore } from '../../store/store.js';
import type { StoreCounts } from '../../store/types.js';
import { CliError } from '../errors.js';
import { parseIsoDate, parseLanguage } from '../options.js';
import { STORE_OPTION_HELP } from '../store-options.js';

export interface IngestOptions {
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
  monitor?: boolean;
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
    .option('--no-monitor', 'do not bring the monitor up to date afterwards (violations of the agreements in $MARSAD_HOME, ' +
      'control of territory, escalation index and alerts); "marsad agreements check", "control" and "escalation" can later')
    .action(async (inputs: string[], opts: IngestOptions) => runIngest(inputs, opts));
}

async function runIngest(inputs: string[], opts: IngestOptions): Promise<void> {
  // With a job queue (MARSAD_QUEUE), documents are queued for `marsad worker` instead.
  const queued = await import('./ingest-enqueue.js');
  const queueConfig = await queued.queueFromEnv();
  if (queueConfig !== null) return queued.runEnqueue(queueConfig, { ...opts, inputs });
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
  const monitor = opts.monitor === false ? null : await monitorRefresher(store, opts, resources.actors, live);

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
      // A live run brings the monitor up to date whenever its sources pause (between polls).
      ...(monitor ? { onSettled: (changes: IngestChanges) => monitor.refresh(changes, bar) } : {}),
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
  if (monitor) {
    process.stdout.write(monitor.describe());
    if (monitor.failed && process.exitCode === undefined) process.exitCode = 1;
  }

  if (summary.read === 0 && summary.errors > 0) throw new CliError('no document could be read from the inputs', 1);
  if (summary.stopped && !live) process.exitCode = 130;
  else if (summary.errors > 0) process.exitCode = 1;
  if (summary.stopped) {
    // A fetch or watcher that ignored the signal must not keep a stopped process alive.
    setTimeout(() => process.exit(), 5000).unref();
  }
}

interface MonitorRefresher {
  /** Refresh after these changes; failures are reported on stderr and remembered, not thrown. */
  refresh(changes: IngestChanges, bar: Bar | null): Promise<void>;
  /** What the refreshes of the run did, for the summary. */
  describe(): string;
  failed: boolean;
}

/**
 * The monitor refresh of `marsad ingest` (src/monitor/refresh.ts), with the totals of every
 * refresh of the run. Loaded only when asked for, so `--no-monitor` costs nothing.
 */
async function monitorRefresher(store: EventStore, opts: IngestOptions,
  actors: import('../../monitor/violations/check.js').ActorLineage, live: boolean): Promise<MonitorRefresher> {
  const [{ refreshMonitor, homeAgreementsDir }, { resolveStoreConfig }, { marsadHome }] = await Promise.all([
    import('../../monitor/refresh.js'),
    import('../../store/open-store.js'),
    import('../../config/home.js'),
  ]);
  const storeConfig = resolveStoreConfig(opts.store);
  const home = marsadHome();
  let total: MonitorRefreshSummary | null = null;
  let runs = 0;
  const self: MonitorRefresher = {
    failed: false,
    async refresh(changes, bar) {
      try {
        // Analysts' reviews of the incidents the run rewrote are laid over again before the monitor reads them.
        const { reapplyReviews } = await import('../../review/index.js');
        const s = await refreshMonitor(store, { home, storeConfig, changed: await reapplyReviews(store, storeConfig, home, changes), actors });
        runs++;
        total = total === null ? s : addSummaries(total, s);
        if (live) {
          bar?.interrupt();
          process.stderr.write(`marsad: monitor: ${oneLine(s)}\n`);
        }
      } catch (err) {
        self.failed = true;
        bar?.interrupt();
        process.stderr.write(`marsad: the monitor was not brought up to date: ${err instanceof Error ? err.message : String(err)}\n` +
          '  (the documents are stored; "marsad agreements check" and "marsad escalation" can be run once this is fixed)\n');
      }
    },
    describe() {
      if (self.failed && total === null) return 'monitor: not updated (see the error above)\n';
      if (total === null || runs === 0) return 'monitor: nothing changed\n';
      return formatMonitor(total, homeAgreementsDir(home));
    },
  };
  return self;
}

function addSummaries(a: MonitorRefreshSummary, b: MonitorRefreshSummary): MonitorRefreshSummary {
  const sum = <T extends Record<string, number>>(x: T | null, y: T | null): T | null => {
    if (x === null || y === null) return x ?? y;
    const out = { ...x };
    for (const k of Object.keys(y) as (keyof T)[]) out[k] = ((x[k] as number) + (y[k] as number)) as T[keyof T];
    return out;
  };
  const ea = a.escalation;
  const eb = b.escalation;
  return {
    agreements: b.agreements,
    violations: sum(a.violations, b.violations),
    control: sum(a.control, b.control),
    escalation: ea === null || eb === null ? ea ?? eb : {
      from: ea.from < eb.from ? ea.from : eb.from, to: ea.to > eb.to ? ea.to : eb.to,
      days: ea.days + eb.days, crossings: ea.crossings + eb.crossings,
    },
    alerts: {
      recorded: a.alerts.recorded + b.alerts.recorded, delivered: a.alerts.delivered + b.alerts.delivered,
      pending: b.alerts.pending, webhooks: b.alerts.webhooks,
    },
  };
}

function oneLine(s: MonitorRefreshSummary): string {
  const parts: string[] = [];
  if (s.violations) parts.push(`${s.violations.added} violations added, ${s.violations.withdrawn} withdrawn`);
  if (s.control) parts.push(`${s.control.added + s.control.changed} control claims new or changed`);
  if (s.escalation) parts.push(`escalation ${s.escalation.from}…${s.escalation.to}, ${s.escalation.crossings} crossings`);
  parts.push(`${s.alerts.recorded} alerts recorded`);
  return parts.join('; ');
}

function formatMonitor(s: MonitorRefreshSummary, agreementsDir: string): string {
  const row = (label: string, n: number, note = ''): string => `  ${label.padEnd(20)}${String(n).padStart(9)}${note ? `  ${note}` : ''}\n`;
  let out = s.agreements.length > 0
    ? `monitor (agreements: ${s.agreements.join(', ')})\n`
    : `monitor (no agreements in ${agreementsDir}: violations not checked)\n`;
  if (s.violations) {
    out += row('incidents checked', s.violations.incidents) +
      row('violations added', s.violations.added) +
      row('violations updated', s.violations.updated) +
      row('violations withdrawn', s.violations.withdrawn);
  }
  if (s.control) out += row('control claims', s.control.claims, `${s.control.added} new, ${s.control.changed} changed, ${s.control.removed} withdrawn`);
  if (s.escalation) out += row('escalation days', s.escalation.days, `${s.escalation.from}…${s.escalation.to}, ${s.escalation.crossings} threshold crossings`);
  const a = s.alerts;
  out += row('alerts recorded', a.recorded, a.webhooks > 0
    ? `${a.delivered} deliveries made, ${a.pending} pending`
    : a.pending > 0 ? `${a.pending} deliveries pending: "marsad alerts deliver" (or the server) sends them` : '');
  return out;
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
