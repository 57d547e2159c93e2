import { resolve } from 'node:path';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { gazetteerDir, marsadHome } from '../../config/home.js';
import type { Gazetteer } from '../../geo/gazetteer.js';
import type { ImportProgress } from '../../geo/import/index.js';
import { CliError } from '../errors.js';
import { registerDataFetch } from './data-fetch.js';

interface DataOptions {
  home?: string;
  progress?: boolean;
}

const STAGE_LABEL: Record<ImportProgress['stage'], string> = {
  'cod-ab': 'reading COD-AB boundaries',
  wof: "reading Who's On First",
  admin: 'merging admin names',
  localities: 'placing localities in sub-districts',
  world: 'reading world cities',
  write: 'writing the index',
};

/** `marsad data import <folder>` and `marsad data info`: the gazetteer index in MARSAD_HOME. */
export function registerDataCommand(program: Command): void {
  const data = program.command('data').description('local data: the gazetteer index in $MARSAD_HOME');
  registerDataFetch(data);

  data
    .command('import')
    .description("build the gazetteer index from local copies of Who's On First Syria and OCHA COD-AB Syria")
    .argument('<folder>', 'folder holding wof-sy/ (whosonfirst-data-admin-sy.geojsonl.gz) and cod-ab-sy/ (syr_admin*.shp)')
    .option('--home <dir>', 'Marsad home folder (default: $MARSAD_HOME or ~/.marsad)')
    .option('--no-progress', 'no progress on stderr')
    .action(async (folder: string, opts: DataOptions) => {
      const home = opts.home ? resolve(opts.home) : marsadHome();
      const onProgress = progressReporter(opts.progress !== false);
      const { importGazetteer } = await import('../../geo/import/index.js');
      const summary = await importGazetteer(folder, home, onProgress.report).catch((err: unknown) => {
        onProgress.stop();
        throw new CliError(`data import: ${err instanceof Error ? err.message : String(err)}`);
      });
      onProgress.stop();
      const c = summary.counts;
      process.stdout.write(
        `gazetteer index written to ${summary.dir} in ${(summary.ms / 1000).toFixed(1)} s\n` +
          `  places        ${c['places']}\n` +
          `  localities    ${c['locality']} (Syria; ${c['merged_duplicates']} duplicate records merged)\n` +
          `  admin areas   ${c['admin1']} governorates, ${c['admin2']} districts, ${c['admin3']} sub-districts\n` +
          `  countries     ${c['country']}\n` +
          `  landmarks     ${c['landmark']}\n` +
          `  world cities  ${c['world_cities']}\n`,
      );
    });

  data
    .command('info')
    .description('show what the gazetteer index holds and where it came from')
    .option('--home <dir>', 'Marsad home folder (default: $MARSAD_HOME or ~/.marsad)')
    .action(async (opts: DataOptions) => {
      const dir = gazetteerDir(opts.home ? resolve(opts.home) : marsadHome());
      const { Gazetteer, GazetteerError } = await import('../../geo/gazetteer.js');
      let gaz: Gazetteer;
      try {
        gaz = Gazetteer.load(dir);
      } catch (err) {
        if (err instanceof GazetteerError) throw new CliError(err.message);
        throw err;
      }
      process.stdout.write(`${JSON.stringify({ dir, ...gaz.meta }, null, 2)}\n`);
    });
}

/** A progress bar per stage on a terminal; one line per stage otherwise. */
function progressReporter(enabled: boolean): { report: (p: ImportProgress) => void; stop: () => void } {
  if (!enabled) return { report: () => undefined, stop: () => undefined };
  const tty = process.stderr.isTTY === true;
  let stage: ImportProgress['stage'] | null = null;
  let bar: cliProgress.SingleBar | null = null;
  const stopBar = (): void => {
    bar?.stop();
    bar = null;
  };
  return {
    report: (p) => {
      if (p.stage !== stage) {
        stopBar();
        stage = p.stage;
        if (tty && p.total > 1) {
          bar = new cliProgress.SingleBar(
            { format: `${STAGE_LABEL[p.stage].padEnd(36)} {bar} {value}/{total}`, stream: process.stderr },
            cliProgress.Presets.shades_classic,
          );
          bar.start(p.total, p.done);
        } else {
          process.stderr.write(`${STAGE_LABEL[p.stage]}...\n`);
        }
        return;
      }
      if (bar && p.total > 0) {
        bar.setTotal(p.total);
        bar.update(p.done);
      }
    },
    stop: stopBar,
  };
}
