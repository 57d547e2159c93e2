import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { gazetteerDir, marsadHome } from '../../config/home.js';
import type { Alert } from '../../monitor/alerts/types.js';
import type { PlaceControl } from '../../monitor/control/types.js';
import type { EscalationDay } from '../../monitor/escalation/series.js';
import type { Agreement } from '../../monitor/types.js';
import type { BBox } from '../../store/types.js';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate, parsePositiveInt } from '../options.js';
import { parseBBox } from '../store-options.js';

/**
 * `marsad control`, `marsad escalation` and `marsad alerts`: control of territory on a date,
 * the escalation index with its alerts, and the alert outbox (list, deliver, webhooks). Their
 * tables live in the store's own database (--store / MARSAD_STORE).
 */

const STORE_HELP = 'store: a SQLite file path, sqlite:<path>, or postgres://… (default: $MARSAD_STORE, else $MARSAD_HOME/marsad.db)';
const HOME_HELP = 'Marsad home folder (default: $MARSAD_HOME or ~/.marsad)';

interface StoreOptions {
  store?: string;
  home?: string;
}

interface ControlOptions extends StoreOptions {
  place?: string;
  bbox?: BBox;
  date: string;
  format: 'text' | 'jsonl';
  update: boolean;
}

interface EscalationOptions extends StoreOptions {
  agreement?: string[];
  zone?: string[];
  admin1?: string[];
  country: string;
  from: string;
  to: string;
  config?: string;
  format: 'text' | 'jsonl';
  deliver: boolean;
  deliverTimeout: number;
}

interface ListOptions extends StoreOptions {
  from?: string;
  to?: string;
  kind?: Alert['kind'];
  status?: 'pending' | 'delivered' | 'failed' | 'skipped';
  agreement?: string;
  limit: number;
  format: 'text' | 'jsonl';
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Monitor, store and agreement errors are the user's to fix: no stack trace. */
async function userErrors<T>(fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    if (['MonitorInputError', 'StoreInputError', 'StoreStateError', 'AgreementError', 'GazetteerError'].includes(name)) {
      throw new CliError((err as Error).message);
    }
    throw err;
  }
}

interface Opened {
  store: import('../../store/store.js').EventStore;
  db: import('../../monitor/alerts/monitor-db.js').MonitorDb;
  close(): Promise<void>;
}

async function openBoth(opts: StoreOptions): Promise<Opened> {
  const [{ openStore, resolveStoreConfig }, { openMonitorDb }] = await Promise.all([
    import('../../store/open-store.js'),
    import('../../monitor/alerts/monitor-db.js'),
  ]);
  const spec = opts.store ?? (opts.home ? `sqlite:${join(resolve(opts.home), 'marsad.db')}` : undefined);
  const config = await userErrors(() => resolveStoreConfig(spec));
  if (config.kind === 'sqlite' && config.path && !existsSync(config.path)) {
    throw new CliError(`no store at ${config.path}: ingest documents first (or give --store)`);
  }
  const store = await userErrors(() => openStore(config));
  const db = openMonitorDb(config);
  return {
    store, db,
    close: async () => {
      await db.close().catch(() => undefined);
      await store.close();
    },
  };
}

export function registerMonitorCommand(program: Command): void {
  program
    .command('control')
    .description('who controls a place, or every place of an area, on a date — from the territory events of the store; contradictory reports are shown side by side')
    .option('--place <name|id>', 'a place: its gazetteer id (wof:…) or its English or Arabic name')
    .option('--bbox <minLon,minLat,maxLon,maxLat>', 'every place in this box', parseBBox)
    .requiredOption('--date <YYYY-MM-DD>', 'the day to answer for', parseIsoDate)
    .option('--format <text|jsonl>', 'output format', parseChoice(['text', 'jsonl'] as const), 'text')
    .option('--no-update', 'answer from the timeline as it is, without reading new events from the store first')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (opts: ControlOptions) => runControl(opts));

  program
    .command('escalation')
    .description('the escalation index per zone of each agreement and per admin1 area, per day, against a rolling baseline; records alerts for threshold crossings and attacked observation posts')
    .requiredOption('--from <YYYY-MM-DD>', 'first day', parseIsoDate)
    .requiredOption('--to <YYYY-MM-DD>', 'last day', parseIsoDate)
    .option('--agreement <id|file>', 'an agreement of $MARSAD_HOME/agreements, or an agreement file (repeatable; default: all in $MARSAD_HOME/agreements)', collect)
    .option('--zone <id>', 'only this zone of the agreements (repeatable)', collect)
    .option('--admin1 <name>', 'only this first-level admin area (repeatable)', collect)
    .option('--country <code>', 'country of --admin1 areas', 'SY')
    .option('--config <file>', 'YAML/JSON overrides of the weights, baseline and thresholds (docs in src/monitor/escalation/config.ts)')
    .option('--format <text|jsonl>', 'output format', parseChoice(['text', 'jsonl'] as const), 'text')
    .option('--no-deliver', 'record alerts without delivering them now (marsad alerts deliver, or the server, will)')
    .option('--deliver-timeout <seconds>', 'how long to keep retrying webhooks before leaving the rest to a later run', parsePositiveInt, 15)
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (opts: EscalationOptions) => runEscalationCommand(opts));

  const alerts = program.command('alerts').description('alerts recorded by the monitor, their deliveries, and webhooks');
  alerts
    .command('list')
    .description('alerts with the state of their deliveries, newest day first')
    .option('--from <YYYY-MM-DD>', 'from this day', parseIsoDate)
    .option('--to <YYYY-MM-DD>', 'to this day', parseIsoDate)
    .option('--kind <kind>', 'escalation-threshold or post-attacked', parseChoice(['escalation-threshold', 'post-attacked'] as const))
    .option('--status <status>', 'alerts with a delivery in this state', parseChoice(['pending', 'delivered', 'failed', 'skipped'] as const))
    .option('--agreement <id>', 'alerts of this agreement')
    .option('--limit <n>', 'at most this many', parsePositiveInt, 100)
    .option('--format <text|jsonl>', 'output format', parseChoice(['text', 'jsonl'] as const), 'text')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (opts: ListOptions) => runAlertsList(opts));

  alerts
    .command('deliver')
    .description('deliver pending alerts to the log and the webhooks, retrying with backoff until done or the timeout')
    .option('--timeout <seconds>', 'give up after this long (pending deliveries stay queued)', parsePositiveInt, 60)
    .option('--retry-failed', 'queue deliveries that failed for good again first')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (opts: StoreOptions & { timeout: number; retryFailed?: boolean }) => {
      const o = await openBoth(opts);
      try {
        const { AlertOutbox, AlertDispatcher } = await import('../../monitor/alerts/index.js');
        const outbox = await userErrors(() => AlertOutbox.open(o.db));
        if (opts.retryFailed) await outbox.retryFailed();
        const left = await deliverNow(outbox, AlertDispatcher, opts.timeout);
        process.stderr.write(left === 0 ? 'all alerts delivered\n' : `${left} deliveries still pending (receivers down?); run again later\n`);
      } finally {
        await o.close();
      }
    });

  const hooks = alerts.command('webhook').description('webhooks that receive every new alert (HMAC-SHA256 signed)');
  hooks
    .command('add')
    .argument('<url>', 'http(s) URL that receives a POST per alert')
    .requiredOption('--secret <secret>', 'shared secret for the X-Marsad-Signature header (16+ characters); "-" reads it from $MARSAD_WEBHOOK_SECRET')
    .option('--id <id>', 'a name for it (default: derived from the URL)')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (url: string, opts: StoreOptions & { secret: string; id?: string }) => {
      const secret = opts.secret === '-' ? process.env['MARSAD_WEBHOOK_SECRET'] ?? '' : opts.secret;
      const o = await openBoth(opts);
      try {
        const { AlertOutbox } = await import('../../monitor/alerts/index.js');
        const outbox = await userErrors(() => AlertOutbox.open(o.db));
        const h = await userErrors(() => outbox.addWebhook(url, secret, opts.id));
        process.stdout.write(`webhook ${h.id} → ${h.url} (receives alerts recorded from now on)\n`);
      } finally {
        await o.close();
      }
    });
  hooks
    .command('list')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (opts: StoreOptions) => {
      const o = await openBoth(opts);
      try {
        const { AlertOutbox } = await import('../../monitor/alerts/index.js');
        const outbox = await userErrors(() => AlertOutbox.open(o.db));
        const list = await outbox.webhooks();
        if (list.length === 0) process.stdout.write('no webhooks\n');
        for (const h of list) process.stdout.write(`${h.id}\t${h.active ? 'active' : 'disabled'}\t${h.url}\n`);
      } finally {
        await o.close();
      }
    });
  hooks
    .command('disable')
    .argument('<id>', 'the webhook id')
    .option('--store <spec>', STORE_HELP)
    .option('--home <dir>', HOME_HELP)
    .action(async (id: string, opts: StoreOptions) => {
      const o = await openBoth(opts);
      try {
        const { AlertOutbox } = await import('../../monitor/alerts/index.js');
        const outbox = await userErrors(() => AlertOutbox.open(o.db));
        if (!(await outbox.disableWebhook(id))) throw new CliError(`no webhook "${id}" (see marsad alerts webhook list)`);
        process.stdout.write(`webhook ${id} disabled\n`);
      } finally {
        await o.close();
      }
    });
}

async function runControl(opts: ControlOptions): Promise<void> {
  if (opts.place === undefined && opts.bbox === undefined) throw new CliError('control: give --place <name|id> or --bbox <minLon,minLat,maxLon,maxLat>');
  if (opts.place !== undefined && opts.bbox !== undefined) throw new CliError('control: give --place or --bbox, not both');
  const o = await openBoth(opts);
  try {
    const { ControlTimeline } = await import('../../monitor/control/index.js');
    const timeline = await userErrors(() => ControlTimeline.open(o.db));
    if (opts.update) await userErrors(() => timeline.update(o.store));
    const answers = opts.place !== undefined
      ? await userErrors(() => timeline.controlOfNamed(opts.place!, opts.date))
      : await userErrors(() => timeline.controlMap(opts.date, opts.bbox));
    if (opts.place !== undefined && answers.length === 0) {
      throw new CliError(`no change of control reported for "${opts.place}" (give its gazetteer id or its name as the events have it)`);
    }
    if (opts.format === 'jsonl') {
      for (const a of answers) process.stdout.write(`${JSON.stringify(a)}\n`);
    } else {
      if (answers.length === 0) process.stdout.write(`no place in the box has a reported change of control on or before ${opts.date}\n`);
      for (const a of answers) process.stdout.write(describeControl(a));
    }
  } finally {
    await o.close();
  }
}

function describeControl(c: PlaceControl): string {
  const p = c.place;
  const name = `${p.name}${p.name_ar ? ` (${p.name_ar})` : ''} [${p.key}]`;
  const range = (s: { start: string; end: string } | null): string => (s === null ? '?' : s.start === s.end ? s.start : `${s.start}…${s.end}`);
  const lines: string[] = [];
  if (c.status === 'held') {
    lines.push(`${name} on ${c.date}: held by ${c.holder} since ${range(c.since)}${c.in_transition ? ' (reported as happening within that range: possibly after this date)' : ''}`);
  } else if (c.status === 'contested') {
    lines.push(`${name} on ${c.date}: CONTESTED — reports disagree: ${c.holders.join(' vs ')} (${range(c.since)})`);
  } else {
    lines.push(`${name} on ${c.date}: unknown${c.claims.length ? '' : ' — no change reported on or before this date'}`);
  }
  for (const cl of c.claims) {
    const ev = cl.evidence[0] ? `"${cl.evidence[0].length > 140 ? `${cl.evidence[0].slice(0, 140)}…` : cl.evidence[0]}"` : '';
    lines.push(`  ${cl.holder ?? '(who took it not reported)'} ← ${cl.sub_event_type}, ${range(cl.since)}, ${cl.grade ?? 'ungraded'}, ` +
      `${cl.sources.join(', ') || 'unnamed source'}: ${ev} [${cl.event_ids.join(', ')}]`);
  }
  if (c.previous) lines.push(`  before: ${c.previous.status === 'held' ? `held by ${c.previous.holder}` : c.previous.status === 'contested' ? `contested (${c.previous.holders.join(' vs ')})` : 'unknown'} since ${range(c.previous.since)}`);
  return `${lines.join('\n')}\n`;
}

async function loadAgreements(opts: EscalationOptions): Promise<Agreement[]> {
  const home = opts.home ? resolve(opts.home) : marsadHome();
  const [{ loadAgreementsDir, loadAgreementFile }, { Gazetteer }] = await Promise.all([
    import('../../monitor/agreements/index.js'),
    import('../../geo/gazetteer.js'),
  ]);
  const places = (): ReturnType<typeof Gazetteer.load> => Gazetteer.load(gazetteerDir(home));
  const dir = join(home, 'agreements');
  const stored = await userErrors(() => loadAgreementsDir(dir, { places }));
  if (!opts.agreement || opts.agreement.length === 0) {
    if (stored.length === 0 && (!opts.admin1 || opts.admin1.length === 0)) {
      throw new CliError(`no agreements in ${dir}: add one with "marsad agreements add <file>", give --agreement <file>, or ask for --admin1 areas`);
    }
    return stored;
  }
  const out: Agreement[] = [];
  for (const ref of opts.agreement) {
    if (existsSync(ref) && statSync(ref).isFile()) {
      out.push(await userErrors(() => loadAgreementFile(ref, { places })));
      continue;
    }
    const a = stored.find((x) => x.id === ref);
    if (!a) throw new CliError(`no agreement "${ref}": not a file, and not in ${dir} (have: ${stored.map((x) => x.id).join(', ') || 'none'})`);
    out.push(a);
  }
  return out;
}

async function runEscalationCommand(opts: EscalationOptions): Promise<void> {
  if (opts.from > opts.to) throw new CliError(`escalation: --from ${opts.from} is after --to ${opts.to}`);
  const agreements = await loadAgreements(opts);
  const esc = await import('../../monitor/escalation/index.js');
  const config = opts.config ? await userErrors(() => esc.loadEscalationConfig(opts.config!)) : esc.DEFAULT_ESCALATION_CONFIG;

  let units: Set<string> | undefined;
  if ((opts.zone?.length ?? 0) > 0 || (opts.admin1?.length ?? 0) > 0) {
    units = new Set();
    for (const z of opts.zone ?? []) {
      const hits = agreements.filter((a) => a.zones.some((x) => x.id === z));
      if (hits.length === 0) {
        const known = agreements.flatMap((a) => a.zones.map((x) => `${a.id}/${x.id}`));
        throw new CliError(`no zone "${z}" in ${agreements.map((a) => a.id).join(', ') || 'the agreements'} (zones: ${known.join(', ') || 'none'})`);
      }
      for (const a of hits) units.add(esc.zoneUnitId(a.id, z));
    }
    for (const name of opts.admin1 ?? []) units.add(esc.admin1UnitId(opts.country.toUpperCase(), name));
  }

  const o = await openBoth(opts);
  try {
    const { AlertOutbox, AlertDispatcher } = await import('../../monitor/alerts/index.js');
    const [repo, outbox] = await Promise.all([userErrors(() => esc.EscalationRepo.open(o.db)), userErrors(() => AlertOutbox.open(o.db))]);
    const result = await userErrors(() => esc.runEscalation(o.store, repo, outbox, agreements, {
      from: opts.from, to: opts.to, config, ...(units ? { units } : {}),
    }));
    if (opts.format === 'jsonl') {
      for (const d of result.days) process.stdout.write(`${JSON.stringify(d)}\n`);
    } else {
      process.stdout.write(escalationTable(result.days));
    }
    const fresh = new Set(result.recorded.map((a) => a.id));
    for (const a of result.alerts) {
      process.stderr.write(`${fresh.has(a.id) ? 'ALERT' : 'alert (already recorded)'} ${a.id}: ${a.message}\n`);
    }
    if (units && result.days.length === 0) process.stderr.write('no day computed: the zones are not in force in that range, or the areas have no incidents\n');
    if (opts.deliver && result.recorded.length > 0) {
      const left = await deliverNow(outbox, AlertDispatcher, opts.deliverTimeout);
      if (left > 0) process.stderr.write(`${left} deliveries still pending; "marsad alerts deliver" (or the server) will retry them\n`);
    }
  } finally {
    await o.close();
  }
}

/** Deliver log and webhook channels now (the live stream belongs to the server); returns what is left. */
async function deliverNow(
  outbox: import('../../monitor/alerts/outbox.js').AlertOutbox,
  Dispatcher: typeof import('../../monitor/alerts/dispatcher.js').AlertDispatcher,
  timeoutSeconds: number,
): Promise<number> {
  const kinds = { log: true, stream: false, webhooks: true };
  const d = new Dispatcher(outbox, { channels: kinds, backoff: { baseMs: 1_000, capMs: 10_000 } });
  await d.drain(timeoutSeconds * 1000);
  return outbox.pendingCount(kinds);
}

function escalationTable(days: readonly EscalationDay[]): string {
  if (days.length === 0) return 'no days computed\n';
  const rows = [['day', 'unit', 'score', 'mean', 'sd', 'index', ''],
    ...days.map((d) => [d.day, d.unit.id, d.score.toFixed(2), d.baseline.mean.toFixed(2), d.baseline.sd.toFixed(2), d.index.toFixed(2),
      d.crossed ? '▲ ALERT' : d.armed ? '' : '(high)'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => (i >= 2 && i <= 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n') + '\n';
}

async function runAlertsList(opts: ListOptions): Promise<void> {
  const o = await openBoth(opts);
  try {
    const { AlertOutbox } = await import('../../monitor/alerts/index.js');
    const outbox = await userErrors(() => AlertOutbox.open(o.db));
    const list = await userErrors(() => outbox.list({
      ...(opts.from ? { from: opts.from } : {}),
      ...(opts.to ? { to: opts.to } : {}),
      ...(opts.kind ? { kind: opts.kind } : {}),
      ...(opts.status ? { delivery_status: opts.status } : {}),
      ...(opts.agreement ? { agreement_id: opts.agreement } : {}),
      limit: opts.limit,
    }));
    if (opts.format === 'jsonl') {
      for (const x of list) process.stdout.write(`${JSON.stringify(x)}\n`);
      return;
    }
    if (list.length === 0) process.stdout.write('no alerts\n');
    for (const { alert, deliveries } of list) {
      const ds = deliveries.map((d) => `${d.channel}:${d.status}${d.attempts > 1 ? `×${d.attempts}` : ''}${d.status !== 'delivered' && d.last_error ? ` (${d.last_error})` : ''}`);
      process.stdout.write(`${alert.day}  ${alert.kind}  ${alert.message}\n  id ${alert.id}  ${ds.join('  ')}\n`);
    }
  } finally {
    await o.close();
  }
}
