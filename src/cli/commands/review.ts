import { userInfo } from 'node:os';
import type { Command } from 'commander';
import type { IncidentLocation } from '../../store/types.js';
import type { IncidentCorrection, ReviewAction, ReviewedIncident, ReviewService, Reviewer } from '../../review/types.js';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate } from '../options.js';
import { STORE_OPTION_HELP, cliStoreError, openStoreForCli } from '../store-options.js';

/**
 * `marsad review confirm|correct|reject|merge|split|show|accuracy|reapply`: analysts' review of
 * incidents from the command line (src/review), as user "cli:<login name>" with the admin role.
 * Every action refreshes the monitor (violations, control, escalation) over what it touched.
 */

interface CommonOptions {
  store?: string;
  format: 'text' | 'json';
}

interface ActionOptions extends CommonOptions {
  note?: string;
}

interface CorrectOptions extends ActionOptions {
  type?: string;
  subType?: string;
  actors?: string;
  place?: string;
  lon?: string;
  lat?: string;
  from?: string;
  to?: string;
  fatalities?: string;
  grade?: string;
  gazetteer?: string;
}

interface SplitOptions extends ActionOptions {
  group: string[];
}

function cliReviewer(): Reviewer {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env['USER'] ?? 'unknown';
  }
  return { user: `cli:${name}`, role: 'admin' };
}

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function coordinate(value: string | undefined, what: 'lon' | 'lat'): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  const limit = what === 'lon' ? 180 : 90;
  if (value.trim() === '' || !Number.isFinite(n) || Math.abs(n) > limit) throw new CliError(`--${what} "${value}" is not a ${what === 'lon' ? 'longitude' : 'latitude'}`);
  return n;
}

/** --place alone: the gazetteer's likeliest place of that name. */
async function placeNamed(name: string, gazetteer: string | undefined): Promise<IncidentLocation> {
  const [{ Gazetteer, GazetteerError }, { gazetteerDir }] = await Promise.all([import('../../geo/gazetteer.js'), import('../../config/home.js')]);
  let found;
  try {
    found = Gazetteer.load(gazetteer ?? gazetteerDir()).lookup(name);
  } catch (err) {
    if (err instanceof GazetteerError) throw new CliError(`--place needs the gazetteer (${err.message}); or give --lon and --lat`);
    throw err;
  }
  const p = found[0];
  if (p === undefined) throw new CliError(`--place "${name}": no such place in the gazetteer; give --lon and --lat`);
  const precision = p.kind === 'locality' ? 1 : p.kind === 'admin3' || p.kind === 'landmark' ? 2 : 3;
  return {
    name: p.name, name_ar: p.name_ar, lat: p.lat, lon: p.lon, admin1: p.admin1, admin2: p.admin2, admin3: p.admin3,
    country: p.country, geo_precision: precision,
  };
}

/** The correction the options describe (checked again, field by field, by the service). */
async function correctionOf(opts: CorrectOptions): Promise<IncidentCorrection> {
  const raw: Record<string, unknown> = {};
  if (opts.type !== undefined) raw['event_type'] = opts.type;
  if (opts.subType !== undefined) raw['sub_event_type'] = opts.subType;
  if (opts.actors !== undefined) raw['actor_ids'] = list(opts.actors);
  const lon = coordinate(opts.lon, 'lon');
  const lat = coordinate(opts.lat, 'lat');
  if ((lon === undefined) !== (lat === undefined)) throw new CliError('give both --lon and --lat');
  if (lon !== undefined && lat !== undefined) {
    raw['location'] = { lon, lat, name: opts.place ?? null, geo_precision: 1 };
  } else if (opts.place !== undefined) {
    raw['location'] = await placeNamed(opts.place, opts.gazetteer);
  }
  if (opts.from !== undefined || opts.to !== undefined) raw['date'] = { start: opts.from ?? opts.to, end: opts.to ?? opts.from };
  if (opts.fatalities !== undefined) {
    const f = opts.fatalities.trim().toLowerCase();
    raw['fatalities'] = f === 'none' || f === 'unknown' ? null : Number(f);
    if (raw['fatalities'] !== null && !/^\d+$/.test(f)) throw new CliError(`--fatalities "${opts.fatalities}" is not a whole number (or "unknown")`);
  }
  if (opts.grade !== undefined) raw['grade'] = opts.grade;
  if (Object.keys(raw).length === 0) {
    throw new CliError('say what to correct: --type, --sub-type, --actors, --place / --lon --lat, --from / --to, --fatalities or --grade');
  }
  return raw as IncidentCorrection;
}

function actionLine(a: ReviewAction): string {
  const ids = a.kind === 'merge' || a.kind === 'split' ? `${a.incident_ids.join(' + ')} → ${a.result_ids.join(', ')}` : a.incident_ids.join(', ');
  return `${a.at}  ${a.kind.padEnd(7)} ${ids}  by ${a.by.user} (${a.by.role})${a.note ? `: ${a.note}` : ''}`;
}

function describeIncident(r: ReviewedIncident): string {
  const i = r.incident;
  const lines = [
    `${i.id}  [${r.status}]  ${i.sub_event_type} (${i.event_type}), grade ${i.grade}`,
    `  where: ${i.location ? `${i.location.name} (${i.location.lat}, ${i.location.lon})` : 'unknown'}`,
    `  when: ${i.date ? (i.date.start === i.date.end ? i.date.start : `${i.date.start} – ${i.date.end}`) : 'unknown'}`,
    `  actors: ${i.actor_ids.join(', ') || 'none'}; fatalities: ${i.fatalities ?? 'unknown'}`,
    `  members: ${i.members.map((m) => m.event_id).join(', ')}`,
  ];
  if (r.machine !== null) {
    const m = r.machine;
    lines.push(`  machine: ${m.sub_event_type}, grade ${m.grade}, ${m.location?.name ?? 'no place'}, ` +
      `${m.date ? `${m.date.start}–${m.date.end}` : 'no date'}, actors ${m.actor_ids.join(', ') || 'none'}, fatalities ${m.fatalities ?? 'unknown'}`);
  }
  return lines.join('\n');
}

/** Open store and review service, run `fn`, print its result, close; review errors become CLI errors. */
async function withReviews(opts: CommonOptions, fn: (reviews: ReviewService) => Promise<{ json: unknown; text: string }>): Promise<void> {
  const store = await openStoreForCli(opts.store);
  let reviews: ReviewService | null = null;
  try {
    const [{ openReviewService, ReviewError }, { resolveStoreConfig }] = await Promise.all([
      import('../../review/index.js'), import('../../store/open-store.js'),
    ]);
    try {
      reviews = await openReviewService({ store, storeConfig: resolveStoreConfig(opts.store) });
      const out = await fn(reviews);
      process.stdout.write(opts.format === 'json' ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
    } catch (err) {
      if (err instanceof ReviewError) throw new CliError(err.message, err.code === 'not-found' ? 1 : 2);
      return cliStoreError(err);
    }
  } finally {
    await reviews?.close();
    await store.close();
  }
}

function common(cmd: Command): Command {
  return cmd
    .option('--store <path|url>', STORE_OPTION_HELP)
    .option('--format <format>', 'text or json', parseChoice(['text', 'json'] as const), 'text');
}

function action(cmd: Command): Command {
  return common(cmd).option('--note <text>', 'why (kept with the action)');
}

function one(r: ReviewedIncident): { json: unknown; text: string } {
  return { json: r, text: describeIncident(r) };
}

export function registerReviewCommand(program: Command): void {
  const review = program
    .command('review')
    .description("analysts' review of incidents: confirm, correct, reject, merge, split; every change audited and kept apart from the machine's output");

  action(review.command('confirm').argument('<incident>', 'incident id'))
    .description('confirm an incident as the machine (or an earlier review) has it')
    .action(async (id: string, opts: ActionOptions) => withReviews(opts, async (r) => one(await r.confirm(id, cliReviewer(), opts.note))));

  action(review.command('correct').argument('<incident>', 'incident id'))
    .description('correct fields of an incident; the machine\'s version is kept for accuracy')
    .option('--type <event type>', 'ACLED event type (with --sub-type, or the incident\'s own sub-type\'s)')
    .option('--sub-type <sub-event type>', 'ACLED sub-event type (brings its event type)')
    .option('--actors <ids>', 'the actor ids, comma-separated (perpetrator first)')
    .option('--place <name>', 'the place: looked up in the gazetteer, or the name of --lon/--lat')
    .option('--lon <deg>', 'longitude of the place')
    .option('--lat <deg>', 'latitude of the place')
    .option('--gazetteer <dir>', 'gazetteer index folder for --place (default: $MARSAD_HOME/gazetteer)')
    .option('--from <YYYY-MM-DD>', 'first day', parseIsoDate)
    .option('--to <YYYY-MM-DD>', 'last day', parseIsoDate)
    .option('--fatalities <n>', 'people killed (a whole number, or "unknown")')
    .option('--grade <grade>', 'confirmed, multiple-sources, single-source or contested (to discount, use reject)')
    .action(async (id: string, opts: CorrectOptions) => {
      const changes = await correctionOf(opts);
      await withReviews(opts, async (r) => one(await r.correct(id, changes, cliReviewer(), opts.note)));
    });

  action(review.command('reject').argument('<incident>', 'incident id'))
    .description('reject an incident: kept, graded discounted, its violations withdrawn')
    .action(async (id: string, opts: ActionOptions) => withReviews(opts, async (r) => one(await r.reject(id, cliReviewer(), opts.note))));

  action(review.command('merge').argument('<incidents...>', 'two or more incident ids; the others join the first'))
    .description('merge incidents that are one happening')
    .action(async (ids: string[], opts: ActionOptions) => withReviews(opts, async (r) => one(await r.merge(ids, cliReviewer(), opts.note))));

  action(review.command('split').argument('<incident>', 'incident id'))
    .description('split an incident: each --group of member event ids becomes an incident (every member in one group)')
    .requiredOption('--group <event ids>', 'comma-separated member event ids (repeat, two or more)', collect)
    .action(async (id: string, opts: SplitOptions) => withReviews(opts, async (r) => {
      const parts = await r.split(id, opts.group.map(list), cliReviewer(), opts.note);
      return { json: parts, text: parts.map(describeIncident).join('\n') };
    }));

  common(review.command('show').argument('<incident>', 'incident id'))
    .description('an incident as reviewed, the machine\'s version when it differs, and its review history')
    .action(async (id: string, opts: CommonOptions) => withReviews(opts, async (r) => {
      const got = await r.get(id);
      if (got === null) throw new CliError(`incident ${id} does not exist`, 1);
      const history = await r.history(id);
      return {
        json: { ...got, history },
        text: `${describeIncident(got)}\n${history.length === 0 ? '  not reviewed' : history.map((a) => `  ${actionLine(a)}`).join('\n')}`,
      };
    }));

  common(review.command('accuracy'))
    .description('machine vs analysts over every reviewed incident, per field')
    .action(async (opts: CommonOptions) => withReviews(opts, async (r) => {
      const a = await r.accuracy();
      const fields = Object.entries(a.fields).map(([f, c]) => `  ${f.padEnd(15)} kept ${c.kept}, changed ${c.changed}`);
      return {
        json: a,
        text: [`reviewed ${a.reviewed}: confirmed ${a.confirmed}, corrected ${a.corrected}, rejected ${a.rejected}; merges ${a.merged}, splits ${a.split}`,
          ...fields, `precision (machine right in every field): ${a.precision === null ? 'n/a' : `${(a.precision * 100).toFixed(1)}%`}`].join('\n'),
      };
    }));

  common(review.command('reapply').argument('[incidents...]', 'incident ids (default: every reviewed incident)'))
    .description('lay the reviews over the store again (after reprocessing rewrote incidents)')
    .action(async (ids: string[], opts: CommonOptions) => withReviews(opts, async (r) => {
      const out = await r.reapply(ids.length > 0 ? ids : undefined);
      return { json: out, text: `reviews laid over again: ${out.reapplied}` };
    }));
}

