import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { gazetteerDir, marsadHome } from '../../config/home.js';
import type { Agreement } from '../../monitor/types.js';
import type { StoredViolation } from '../../monitor/violations/violation-store.js';
import { CliError } from '../errors.js';
import { parseChoice, parseIsoDate } from '../options.js';

interface HomeOptions {
  home?: string;
  actors?: string[];
}

interface CheckOptions extends HomeOptions {
  agreement?: string;
  format: 'jsonl' | 'table';
  store?: string;
  since?: string;
  progress?: boolean;
}

/** Where `agreements add` keeps agreements: MARSAD_HOME/agreements/<id>.yaml. */
export function agreementsDir(home: string): string {
  return join(home, 'agreements');
}

function homeOf(opts: HomeOptions): string {
  return opts.home ? resolve(opts.home) : marsadHome();
}

/**
 * `marsad agreements add|list|show|check`: agreement files (docs/agreements.md) kept in
 * MARSAD_HOME, and the violations of them found in the store.
 */
export function registerAgreementsCommand(program: Command): void {
  const cmd = program.command('agreements').description('ceasefire agreements (zones, observation posts, rules) and their violations');
  const homeOption = ['--home <dir>', 'Marsad home folder (default: $MARSAD_HOME or ~/.marsad)'] as const;
  const actorsOption = ['--actors <file...>', 'extra actor catalogue files (YAML) extending the built-in one'] as const;

  cmd
    .command('add')
    .description('validate an agreement file (YAML or JSON), resolve its places through the gazetteer and keep it in $MARSAD_HOME/agreements')
    .argument('<file>', 'the agreement file')
    .option(...homeOption)
    .option(...actorsOption)
    .action(async (file: string, opts: HomeOptions) => {
      const home = homeOf(opts);
      const [{ loadAgreementFile, agreementToYaml, areaKm2 }, { Gazetteer }, { ActorCatalogue }] = await Promise.all([
        import('../../monitor/agreements/index.js'),
        import('../../geo/gazetteer.js'),
        import('../../extract/actors/catalogue.js'),
      ]);
      const agreement = await asCliError(() => loadAgreementFile(file, {
        places: () => Gazetteer.load(gazetteerDir(home)),
        actors: ActorCatalogue.load(opts.actors ?? []),
      }));
      const dir = agreementsDir(home);
      mkdirSync(dir, { recursive: true });
      const target = join(dir, `${agreement.id}.yaml`);
      const existed = existsSync(target);
      const header = `Added by "marsad agreements add" from ${basename(file)} on ${new Date().toISOString().slice(0, 10)}.\n` +
        'Places are resolved: zones are polygons (built_from keeps the line and its gazetteer points), posts carry lat/lon and their gazetteer ids.';
      const tmp = `${target}.tmp-${process.pid}`;
      writeFileSync(tmp, agreementToYaml(agreement, header));
      renameSync(tmp, target);
      const area = agreement.zones.reduce((s, z) => s + areaKm2(z.geometry), 0);
      process.stdout.write(
        `${existed ? 'replaced' : 'added'} ${agreement.id} → ${target}\n` +
          `  ${agreement.zones.length} zone(s), ${Math.round(area)} km²; ${agreement.posts.length} post(s); ${agreement.rules.length} rule(s); effective from ${agreement.effective.from}${agreement.effective.until ? ` until ${agreement.effective.until}` : ''}\n` +
          (agreement.approximation ? '  approximation: yes (see the file)\n' : ''),
      );
    });

  cmd
    .command('list')
    .description('the agreements in $MARSAD_HOME/agreements')
    .option(...homeOption)
    .option('--format <table|json>', 'output format', parseChoice(['table', 'json'] as const), 'table')
    .action(async (opts: HomeOptions & { format: 'table' | 'json' }) => {
      const agreements = await loadHomeAgreements(homeOf(opts));
      if (opts.format === 'json') {
        const rows = agreements.map((a) => ({
          id: a.id, name: a.name, effective: a.effective, approximation: a.approximation !== null,
          zones: a.zones.length, posts: a.posts.length, rules: a.rules.length,
        }));
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (agreements.length === 0) {
        process.stdout.write(`no agreements in ${agreementsDir(homeOf(opts))}: add one with "marsad agreements add <file>"\n`);
        return;
      }
      process.stdout.write(table(
        ['id', 'effective', 'zones', 'posts', 'rules', 'approx.', 'name'],
        agreements.map((a) => [
          a.id, `${a.effective.from}…${a.effective.until ?? ''}`, String(a.zones.length), String(a.posts.length),
          String(a.rules.length), a.approximation ? 'yes' : 'no', a.name,
        ]),
      ));
    });

  cmd
    .command('show')
    .description('one agreement: parties, zones (with area), posts (with gazetteer ids), rules; or its zones and posts as GeoJSON')
    .argument('<id>', 'agreement id')
    .option(...homeOption)
    .option('--geojson', 'print the zones, their lines and the posts as a GeoJSON FeatureCollection')
    .action(async (id: string, opts: HomeOptions & { geojson?: boolean }) => {
      const agreements = await loadHomeAgreements(homeOf(opts));
      const a = agreements.find((x) => x.id === id);
      if (!a) throw new CliError(`no agreement "${id}" in ${agreementsDir(homeOf(opts))} (have: ${agreements.map((x) => x.id).join(', ') || 'none'})`);
      const { agreementGeoJson, areaKm2 } = await import('../../monitor/agreements/index.js');
      if (opts.geojson) {
        process.stdout.write(`${JSON.stringify(agreementGeoJson(a))}\n`);
        return;
      }
      process.stdout.write(describeAgreement(a, areaKm2));
    });

  cmd
    .command('check')
    .description('check every incident of the store against the agreements, record the violations beside the store, and print them')
    .option(...homeOption)
    .option(...actorsOption)
    .option('--agreement <id>', 'only this agreement')
    .option('--format <jsonl|table>', 'output format', parseChoice(['jsonl', 'table'] as const), 'table')
    .option('--store <spec>', 'store: a SQLite file path, sqlite:<path>, or postgres://… (default: $MARSAD_STORE, else $MARSAD_HOME/marsad.db)')
    .option('--since <YYYY-MM-DD>', 're-check only incidents dated from this day on (and print only their violations)', parseIsoDate)
    .option('--no-progress', 'no progress on stderr')
    .action(async (opts: CheckOptions) => {
      await runCheck(opts);
    });
}

async function runCheck(opts: CheckOptions): Promise<void> {
  const home = homeOf(opts);
  const all = await loadHomeAgreements(home);
  const agreements = opts.agreement ? all.filter((a) => a.id === opts.agreement) : all;
  if (opts.agreement && agreements.length === 0) {
    throw new CliError(`no agreement "${opts.agreement}" in ${agreementsDir(home)} (have: ${all.map((a) => a.id).join(', ') || 'none'})`);
  }
  if (agreements.length === 0) throw new CliError(`no agreements in ${agreementsDir(home)}: add one with "marsad agreements add <file>"`);
  const [{ openStore, resolveStoreConfig }, { openViolationStore, checkStore }, { ActorCatalogue }] = await Promise.all([
    import('../../store/open-store.js'),
    import('../../monitor/violations/index.js'),
    import('../../extract/actors/catalogue.js'),
  ]);
  const spec = opts.store ?? (opts.home ? `sqlite:${join(home, 'marsad.db')}` : undefined);
  const config = await asCliError(() => resolveStoreConfig(spec));
  if (config.kind === 'sqlite' && config.path && !existsSync(config.path)) {
    throw new CliError(`no store at ${config.path}: ingest documents first (or give --store)`);
  }
  const store = await asCliErrorAsync(() => openStore(config));
  try {
    const violations = await asCliErrorAsync(() => openViolationStore(config));
    try {
      const showProgress = opts.progress !== false && process.stderr.isTTY === true;
      const result = await checkStore(store, violations, agreements, ActorCatalogue.load(opts.actors ?? []), {
        ...(opts.since ? { since: opts.since } : {}),
        dropOtherAgreements: !opts.agreement,
        ...(showProgress ? { onProgress: (n: number) => process.stderr.write(`\rchecked ${n} incidents`) } : {}),
      });
      if (showProgress) process.stderr.write('\n');
      const list = await violations.list({
        ...(opts.agreement ? { agreement: opts.agreement } : {}),
        ...(opts.since ? { from: opts.since } : {}),
      });
      if (opts.format === 'jsonl') {
        for (const v of list) process.stdout.write(`${JSON.stringify(v)}\n`);
      } else {
        process.stdout.write(list.length === 0 ? 'no violations\n' : violationTable(list));
      }
      process.stderr.write(
        `${result.incidents} incidents checked against ${agreements.map((a) => a.id).join(', ')}: ` +
          `${result.added} violations added, ${result.updated} updated, ${result.removed} withdrawn; ${list.length} listed\n`,
      );
    } finally {
      await violations.close();
    }
  } finally {
    await store.close();
  }
}

async function loadHomeAgreements(home: string): Promise<Agreement[]> {
  const [{ loadAgreementsDir }, { Gazetteer }] = await Promise.all([
    import('../../monitor/agreements/index.js'),
    import('../../geo/gazetteer.js'),
  ]);
  // Stored agreements are resolved; the gazetteer is loaded only for a hand-placed file that is not.
  return asCliError(() => loadAgreementsDir(agreementsDir(home), { places: () => Gazetteer.load(gazetteerDir(home)) }));
}

function describeAgreement(a: Agreement, areaKm2: (g: Agreement['zones'][number]['geometry']) => number): string {
  const lines: string[] = [];
  lines.push(`${a.id}: ${a.name}`);
  lines.push(`  ${a.description}`);
  lines.push(`effective: ${a.effective.from} … ${a.effective.until ?? '(open)'}`);
  if (a.approximation) lines.push(`APPROXIMATION: ${a.approximation}`);
  lines.push(`parties: ${a.parties.map((p) => `${p.name} [${p.id}]`).join('; ')}`);
  if (a.guarantors.length) lines.push(`guarantors: ${a.guarantors.map((p) => `${p.name} [${p.id}]`).join('; ')}`);
  lines.push(`zones (${a.zones.length}):`);
  for (const z of a.zones) {
    const built = z.built_from
      ? `, ${z.built_from.buffer_km} km each side of a line through ${z.built_from.places ? z.built_from.places.map((p) => `${p.name} (${p.gazetteer_id})`).join(' → ') : `${z.built_from.line.length} points`}`
      : '';
    lines.push(`  ${z.id}: ${z.name}, ${Math.round(areaKm2(z.geometry))} km²${built}`);
  }
  lines.push(`observation posts (${a.posts.length}):`);
  for (const p of a.posts) {
    lines.push(`  ${p.id}: ${p.name} ${p.lat},${p.lon} radius ${p.radius_km} km, held by ${p.held_by}${p.gazetteer_id ? `, ${p.gazetteer_id}` : ''}${p.note ? ` — ${p.note}` : ''}`);
  }
  lines.push(`rules (${a.rules.length}):`);
  for (const r of a.rules) {
    const scope = r.scope.kind === 'zone'
      ? (r.scope.zone === 'any' ? 'in any zone' : `in zone ${r.scope.zone}`)
      : `within ${r.scope.within_km !== undefined ? `${r.scope.within_km} km` : 'the radius'} of ${r.scope.post === 'any' ? 'any post' : `post ${r.scope.post}`}`;
    const who = r.actors.length || r.actor_inters.length
      ? `by ${[...r.actors, ...r.actor_inters.map((i) => `inter ${i}`)].join(', ')}`
      : 'by anyone';
    const when = r.from || r.until ? ` (${r.from ?? '…'} – ${r.until ?? '…'})` : '';
    lines.push(`  ${r.id}: ${r.sub_event_types.join(', ')} ${scope} ${who}${when}`);
    lines.push(`    ${r.description}`);
  }
  return `${lines.join('\n')}\n`;
}

function violationTable(list: readonly StoredViolation[]): string {
  return table(
    ['date', 'agreement', 'rule', 'where', 'sub-event type', 'accountable', 'grade', 'incident'],
    list.map((v) => [
      v.date.start === v.date.end ? v.date.start : `${v.date.start}…${v.date.end}`,
      v.agreement_id,
      v.rule_id,
      v.zone_id ? `zone ${v.zone_id}` : `post ${v.post_id ?? '?'}`,
      v.sub_event_type,
      (v.accountable ?? v.parties).join(', ') || '(unattributed)',
      v.grade,
      v.incident_id,
    ]),
  );
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return `${[line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')}\n`;
}

/** Input problems (bad agreement file, missing gazetteer, bad store spec) become CliErrors. */
async function asCliError<T>(fn: () => T): Promise<T> {
  try {
    return fn();
  } catch (err) {
    throw toCliError(err);
  }
}

async function asCliErrorAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toCliError(err);
  }
}

function toCliError(err: unknown): unknown {
  if (err instanceof Error && ['AgreementError', 'GazetteerError', 'StoreInputError', 'StoreStateError'].includes(err.name)) {
    return new CliError(err.message);
  }
  if (err instanceof Error && /^no Marsad store at /.test(err.message)) return new CliError(err.message);
  return err;
}
