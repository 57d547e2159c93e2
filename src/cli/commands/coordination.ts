import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate, parsePositiveInt } from '../options.js';

/**
 * `marsad coordination file|share|ack|answer|close|list|show --as <party>`: the liaison
 * officers' channel, kept in the store's database (MARSAD_STORE, or --store).
 */

interface CommonOptions {
  as: string;
  user?: string;
  store?: string;
  format: 'text' | 'json';
}

interface FileOptions extends CommonOptions {
  incident?: string;
  place?: string;
  date?: string;
  lat?: string;
  lon?: string;
  text: string;
  to?: string;
  agreement?: string;
}

type Log = import('../../monitor/coordination/log.js').CoordinationLog;
type CoordActor = import('../../monitor/coordination/types.js').CoordActor;

function actingUser(opts: CommonOptions): string {
  const fromEnv = process.env['MARSAD_USER'];
  if (opts.user) return opts.user;
  if (fromEnv) return fromEnv;
  try {
    return userInfo().username;
  } catch {
    throw new CliError('say who is acting: --user <name> (or set MARSAD_USER)');
  }
}

function partyList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

/** "-" reads the text from standard input (long notifications, pasted reports). */
function readText(value: string): string {
  return value === '-' ? readFileSync(0, 'utf8') : value;
}

function parseCoordinate(value: string | undefined, what: string): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n)) throw new CliError(`--${what} "${value}" is not a number`);
  return n;
}

/** Open the log, run `fn`, close, and turn the log's errors into CLI errors. */
async function withLog(opts: CommonOptions, fn: (log: Log, actor: CoordActor) => Promise<unknown>): Promise<void> {
  const { resolveStoreConfig } = await import('../../store/open-store.js');
  const { CoordinationLog } = await import('../../monitor/coordination/log.js');
  const { CoordinationError } = await import('../../monitor/coordination/errors.js');
  const format = await import('../../monitor/coordination/format.js');
  let log: Log | null = null;
  try {
    log = await CoordinationLog.open(resolveStoreConfig(opts.store));
    const out = await fn(log, { party: opts.as, user: actingUser(opts) });
    if (opts.format === 'json') {
      process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    } else if (Array.isArray(out)) {
      const items = out as Parameters<typeof format.formatItemLine>[0][];
      process.stdout.write(items.length === 0 ? `no coordination items visible to ${opts.as}\n` : `${items.map(format.formatItemLine).join('\n')}\n`);
    } else {
      process.stdout.write(`${format.formatItemWithSteps(out as Parameters<typeof format.formatItemWithSteps>[0])}\n`);
    }
  } catch (err) {
    if (err instanceof CoordinationError) throw new CliError(err.message);
    if (err instanceof Error && (err.name === 'StoreInputError' || err.name === 'StoreStateError')) throw new CliError(err.message);
    throw err;
  } finally {
    await log?.close();
  }
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--as <party>', 'the party you act for (e.g. turkey, russia)')
    .option('--user <name>', 'the officer acting (default: $MARSAD_USER or the login name)')
    .option('--store <spec>', 'the store: a SQLite file, sqlite:<path> or postgres://… (default: $MARSAD_STORE)')
    .option('--format <format>', 'text or json', parseChoice(['text', 'json'] as const), 'text');
}

export function registerCoordinationCommand(program: Command): void {
  const coord = program
    .command('coordination')
    .description("the parties' liaison channel: file, acknowledge, answer and close incident notifications");

  common(coord.command('file'))
    .description('file a notification about an incident (--incident) or a place on a day (--place, --date)')
    .option('--incident <id>', 'the incident it is about')
    .option('--place <name>', 'the place it is about (with --date)')
    .option('--date <YYYY-MM-DD>', 'the day at that place', parseIsoDate)
    .option('--lat <deg>', 'latitude of the place')
    .option('--lon <deg>', 'longitude of the place')
    .requiredOption('--text <text>', 'the notification ("-" reads standard input)')
    .option('--to <parties>', 'share at once with these parties (comma-separated); otherwise private until shared')
    .option('--agreement <id>', 'the agreement it is raised under')
    .action(async (opts: FileOptions) => {
      if ((opts.incident === undefined) === (opts.place === undefined)) {
        throw new CliError('say what it is about: either --incident <id> or --place <name> --date <YYYY-MM-DD>');
      }
      if (opts.place !== undefined && opts.date === undefined) throw new CliError('--place needs --date <YYYY-MM-DD>');
      const subject = opts.incident !== undefined
        ? { kind: 'incident' as const, incident_id: opts.incident }
        : { kind: 'place' as const, place: opts.place!, date: opts.date!, lat: parseCoordinate(opts.lat, 'lat'), lon: parseCoordinate(opts.lon, 'lon') };
      const text = readText(opts.text);
      await withLog(opts, async (log, actor) => {
        const t = await log.file(actor, { subject, text, agreement_id: opts.agreement ?? null, share_with: partyList(opts.to) });
        return log.show(t.item.id, actor.party);
      });
    });

  common(coord.command('share <id>'))
    .description('share your private (or shared) item with more parties')
    .requiredOption('--with <parties>', 'comma-separated party ids')
    .action(async (id: string, opts: CommonOptions & { with: string }) => {
      await withLog(opts, async (log, actor) => {
        await log.share(id, actor, partyList(opts.with));
        return log.show(id, actor.party);
      });
    });

  common(coord.command('ack <id>'))
    .description('acknowledge receipt of an item shared with your party')
    .action(async (id: string, opts: CommonOptions) => {
      await withLog(opts, async (log, actor) => {
        await log.acknowledge(id, actor);
        return log.show(id, actor.party);
      });
    });

  common(coord.command('answer <id>'))
    .description('answer an item shared with your party (after acknowledging it)')
    .requiredOption('--text <text>', 'the answer ("-" reads standard input)')
    .action(async (id: string, opts: CommonOptions & { text: string }) => {
      const text = readText(opts.text);
      await withLog(opts, async (log, actor) => {
        await log.answer(id, actor, text);
        return log.show(id, actor.party);
      });
    });

  common(coord.command('close <id>'))
    .description('close an item (the filing party or a party it is shared with)')
    .option('--note <text>', 'how it ended')
    .action(async (id: string, opts: CommonOptions & { note?: string }) => {
      await withLog(opts, async (log, actor) => {
        await log.closeItem(id, actor, opts.note ?? null);
        return log.show(id, actor.party);
      });
    });

  common(coord.command('list'))
    .description('the items your party filed or that were shared with it, newest first')
    .option('--status <status>', 'filed, acknowledged, answered or closed',
      parseChoice(['filed', 'acknowledged', 'answered', 'closed'] as const))
    .option('--incident <id>', 'only items about this incident')
    .option('--agreement <id>', 'only items under this agreement')
    .option('--scope <scope>', 'own, shared or all', parseChoice(['own', 'shared', 'all'] as const), 'all')
    .option('--limit <n>', 'at most this many', parsePositiveInt, 100)
    .action(async (opts: CommonOptions & { status?: 'filed' | 'acknowledged' | 'answered' | 'closed'; incident?: string; agreement?: string; scope: 'own' | 'shared' | 'all'; limit: number }) => {
      await withLog(opts, (log, actor) => log.list(actor.party, {
        ...(opts.status ? { status: opts.status } : {}),
        ...(opts.incident ? { incident_id: opts.incident } : {}),
        ...(opts.agreement ? { agreement_id: opts.agreement } : {}),
        scope: opts.scope, limit: opts.limit,
      }));
    });

  common(coord.command('show <id>'))
    .description('an item and its whole audit trail')
    .action(async (id: string, opts: CommonOptions) => {
      await withLog(opts, (log, actor) => log.show(id, actor.party));
    });
}
