import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { packageRoot } from '../../config/home.js';
import { CliError } from '../errors.js';

interface EvalOptions {
  shared?: string;
  gazetteer?: string;
  sets?: string;
}

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('precision, recall and F1 on every evaluation set it knows under <shared>/eval')
    .option('--shared <dir>', 'the shared folder holding eval/ (default: ../shared beside the package)')
    .option('--gazetteer <dir>', 'gazetteer index folder (default: $MARSAD_HOME/gazetteer)')
    .option('--sets <names>', 'comma-separated subset: seed, gsr', 'seed,gsr')
    .action(async (opts: EvalOptions) => {
      const shared = resolve(opts.shared ?? join(packageRoot(), '..', 'shared'));
      const evalDir = join(shared, 'eval');
      if (!existsSync(evalDir)) throw new CliError(`no evaluation sets: ${evalDir} does not exist (pass --shared <dir>)`);
      const sets = new Set((opts.sets ?? '').split(',').map((s) => s.trim()).filter(Boolean));
      for (const s of sets) if (s !== 'seed' && s !== 'gsr') throw new CliError(`unknown set "${s}" (seed, gsr)`);
      const { loadResourcesForCli } = await import('../load-resources.js');
      const { printSeedSets, printGsr } = await import('../eval-report.js');
      const res = loadResourcesForCli(opts.gazetteer ? { gazetteerDir: opts.gazetteer } : {});
      if (sets.has('seed')) printSeedSets(evalDir, res);
      if (sets.has('gsr')) printGsr(evalDir, res);
    });
}

